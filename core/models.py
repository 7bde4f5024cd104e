from django.db import models
from django.utils.translation import gettext_lazy as _


class RecordChange(models.Model):
    """When a record version (core/content_version.py) last moved, kept in the database so that a
    page's Last-Modified and the sitemap's <lastmod> survive a cache that restarts empty."""

    tag = models.CharField(_("record version"), max_length=100, primary_key=True)
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        verbose_name = _("record change")
        verbose_name_plural = _("record changes")

    def __str__(self):
        return f"{self.tag} @ {self.changed_at:%Y-%m-%d %H:%M:%S}"
