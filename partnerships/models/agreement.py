"""The gates before the signature (approvals) and the renewals of a signed agreement."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.archive import CURRENT, Archivable
from core.validators import validate_document_file

from .events import ProposalEvent
from .proposals import Proposal


class Approval(Archivable):
    """One regulatory gate on the way to signing (PP 28/2018, Permendagri 25/2020)."""

    class Kind(models.TextChoices):
        DPRD_DECISION = "dprd_decision", _("DPRD decision")
        HOME_AFFAIRS = "home_affairs_facilitation", _("Home Affairs facilitation")
        FOREIGN_AFFAIRS = "foreign_affairs_full_powers", _("Foreign Affairs full powers")
        PARTNER_COUNCIL = "partner_council_resolution", _("Partner council resolution")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("proposal")
    )
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    reference_number = models.CharField(_("reference number"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    document = models.FileField(
        _("document"),
        upload_to="approvals/%Y/",
        blank=True,
        validators=[validate_document_file],
    )

    class Meta:
        ordering = ["proposal", "kind"]
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "kind"],
                condition=CURRENT,
                name="one_approval_per_kind",
                violation_error_message=_("This approval is already recorded for this proposal."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.reference_number or _('no number yet')}"


class AgreementRenewalQuerySet(models.QuerySet):
    def public(self):
        """A renewal is public with its timeline event (and so with its proposal)."""
        return self.filter(event__in=ProposalEvent.objects.public())


class AgreementRenewal(models.Model):
    """One renewal of a signed agreement's term, written by the lifecycle's *renew* step with its
    own timeline event. The proposal's `term_years` counts the renewals in; these rows keep the
    history (when, for how long, on which document, and the term's end before and after)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="renewals", verbose_name=_("proposal")
    )
    event = models.OneToOneField(
        ProposalEvent, on_delete=models.PROTECT, related_name="renewal",
        verbose_name=_("timeline event"),
    )  # fmt: skip
    document = models.OneToOneField(
        "partnerships.Document", on_delete=models.PROTECT, related_name="renewal",
        verbose_name=_("renewal agreement"),
    )  # fmt: skip
    renewed_on = models.DateField(_("renewed on"))
    years = models.PositiveSmallIntegerField(
        _("years added"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    previous_end = models.DateField(_("term ended before on"))
    new_end = models.DateField(_("term now ends on"))

    objects = AgreementRenewalQuerySet.as_manager()

    class Meta:
        ordering = ["renewed_on", "pk"]
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")

    def __str__(self):
        return f"{self.proposal.reference}: +{self.years} ({self.renewed_on:%Y-%m-%d})"
