"""The timeline of a proposal: every step and notable event, public or internal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet

from .proposals import Proposal


class ProposalEventQuerySet(ArchivableQuerySet):
    def on_public_timeline(self):
        """The events a proposal's public timeline shows once the proposal is public."""
        return self.current().filter(is_public=True)

    def public(self):
        """The public timeline: public events of public proposals."""
        public_proposals = Proposal.objects.public()
        return (
            self.on_public_timeline()
            .filter(proposal__in=public_proposals)
            .select_related("proposal")
        )


class ProposalEvent(Archivable):
    """One step on a proposal's timeline. The public timeline is exactly the public events."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="events", verbose_name=_("proposal")
    )
    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Proposal.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=Proposal.Status.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    # Set when the proposal's email followers were sent this step, so none gets it twice.
    followers_told_at = models.DateTimeField(
        _("email followers told at"), null=True, blank=True, editable=False
    )

    objects = ProposalEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        indexes = [
            models.Index(fields=["proposal", "is_public", "occurred_at"]),
            # The feed: the newest public steps first.
            models.Index(
                fields=["-occurred_at", "-id"],
                name="event_public_timeline",
                condition=Q(is_public=True, archived_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.proposal.reference}: {self.title}"

    def save(self, *args, **kwargs):
        # `followers_told_at` is written by follows.tell_followers alone, by an update under a
        # row lock; an admin form that loaded the row before must not write its empty value back
        # (the step would be mailed twice).
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "followers_told_at"
            ]  # fmt: skip
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.occurred_at and self.occurred_at > timezone.now():
            raise ValidationError({"occurred_at": _("An event cannot be dated in the future.")})

    def archive_problems(self):
        if self.to_status:
            return [
                _(
                    "A lifecycle step stays on the timeline; to hide it from the public, make it "
                    "internal instead."
                )  # fmt: skip
            ]
        return []
