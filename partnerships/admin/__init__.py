"""The city staff's admin for partnerships, one module per group of records. The status is
read-only everywhere here: it only moves through the lifecycle services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import places, proposals, records  # noqa: F401 - each registers its models
from .inlines import DocumentInline

admin.site.site_header = _("Kupang Sister-City Portal — staff")
admin.site.site_title = _("Kupang Sister-City Portal")
admin.site.index_title = _("Partnerships administration")

__all__ = ["DocumentInline"]
