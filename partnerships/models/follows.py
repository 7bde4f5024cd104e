"""Citizens who follow one proposal by email: no account, double opt-in, one-click leave."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .proposals import Proposal


class FollowerQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not left: the addresses a public step is mailed to."""
        return self.filter(confirmed_at__isnull=False, left_at__isnull=True)


class Follower(models.Model):
    """An address that asked to be mailed each public step of one proposal. It is never shown:
    pages, feeds, exports and staff views outside the admin give counts only."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="email_followers",
        verbose_name=_("proposal"),
    )  # fmt: skip
    email = models.EmailField(_("email address"))
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Leaving keeps the row (and so the history of the address's consent), never deletes it.
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    objects = FollowerQuerySet.as_manager()

    class Meta:
        verbose_name = _("email follower")
        verbose_name_plural = _("email followers")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "email"], name="follow_once_per_address"),
        ]
        indexes = [
            models.Index(
                fields=["proposal"],
                name="follower_active",
                condition=Q(confirmed_at__isnull=False, left_at__isnull=True),
            )
        ]

    def __str__(self):
        # Never the address: this may be printed in logs and admin messages.
        return f"{self.proposal.reference} #{self.pk}"

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.left_at is None
