"""Archiving instead of deleting: a mistaken or withdrawn record is hidden from public pages,
lists and the review workspace, and kept, with its history, until someone restores it.

The default managers stay unfiltered (a manager that hides rows breaks related look-ups); every
public and review query asks for `.current()` rows, as it asks for `.public()` ones."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# The condition of constraints that hold among current rows only: an archived row steps aside.
CURRENT = Q(archived_at__isnull=True)


class ArchivableQuerySet(models.QuerySet):
    def current(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)


class Archivable(models.Model):
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("archived by"),
    )
    archive_reason = models.TextField(_("reason for archiving"), blank=True, editable=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.archived_at is None:
            self.check_unique_while_current()

    def check_unique_while_current(self):
        """Say what a unique-among-current-rows constraint would refuse, as a form message.
        (Django leaves such conditional constraints unchecked in the admin's inline forms.)"""
        for constraint in self._meta.constraints:
            if not isinstance(constraint, models.UniqueConstraint):
                continue
            if constraint.condition != CURRENT or not constraint.fields:
                continue
            fields = [self._meta.get_field(name) for name in constraint.fields]
            lookup = {f.attname: getattr(self, f.attname) for f in fields}
            if None in lookup.values():
                continue
            others = type(self)._default_manager.current().filter(**lookup).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(constraint.get_violation_error_message())

    @property
    def is_archived(self):
        return self.archived_at is not None

    def archive_problems(self):
        """Why this record may not be archived (a model with a rule says so); empty if it may."""
        return []

    def archive_proposal(self):
        """The proposal whose timeline records the archiving, if any."""
        return getattr(self, "proposal", None)


def current(rows):
    """The rows of an already fetched (e.g. prefetched) relation that are not archived."""
    return [row for row in rows if row.archived_at is None]
