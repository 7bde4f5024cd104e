"""Candidate cities considered for a proposal, and which cities the public record names."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.archive import CURRENT, Archivable, ArchivableQuerySet

from .places import PartnerCity
from .proposals import Proposal

# Candidate cities are suggested and decided while the mission explores (and already once
# the offer is made, before the consulate acknowledges it).
OPEN_FOR_CANDIDATES = (Proposal.Status.OFFERED, Proposal.Status.EXPLORING)
CAME_TO_NOTHING = (Proposal.Status.DECLINED, Proposal.Status.WITHDRAWN)


class CandidateCityQuerySet(ArchivableQuerySet):
    def public(self):
        # Suggestions and set-aside cities are the missions' and the city's deliberation; a
        # shortlist or a selection is what the city announces.
        # A declined or withdrawn proposal names no city any more: its candidacies came to
        # nothing, and a city should not stay linked to an offer that failed.
        return self.current().filter(
            state__in=[CandidateCity.State.SHORTLISTED, CandidateCity.State.SELECTED],
            proposal__in=Proposal.objects.public().exclude(status__in=CAME_TO_NOTHING),
        )

    def awaiting_decision(self):
        """Suggested cities nobody has decided on, of proposals still choosing their city: the
        one definition the admin index, the review queue and the reminders share."""
        return self.current().filter(
            state=CandidateCity.State.SUGGESTED,
            proposal__archived_at__isnull=True,
            proposal__status__in=OPEN_FOR_CANDIDATES,
        )


class CandidateCity(Archivable):
    class State(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        SELECTED = "selected", _("Selected")
        SET_ASIDE = "set_aside", _("Set aside")

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("proposal")
    )
    city = models.ForeignKey(
        PartnerCity,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("city"),
    )
    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("suggested by"),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    # The matching assistant's reasons as data ([{"name", "points", "maximum", "figures"}]), so
    # each reader (page, mail, admin) gets them in their own language; see matching.reasons().
    match_factors = models.JSONField(_("matching assistant's reasons"), default=list, blank=True,
                                     editable=False)  # fmt: skip
    score = models.DecimalField(
        _("score"),
        help_text=_("How well the city fits, from 0 to 100 (the matching assistant's scale)."),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SUGGESTED
    )
    suggested_at = models.DateTimeField(_("suggested at"), default=timezone.now)
    # When the last decision on it was taken (as dated, not as recorded): the next one, an undo
    # included, cannot be dated before it.
    decided_at = models.DateTimeField(_("last decided at"), null=True, blank=True, editable=False)

    objects = CandidateCityQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "suggested_at"]
        verbose_name = _("candidate city")
        verbose_name_plural = _("candidate cities")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "city"],
                condition=CURRENT,
                name="candidate_once_per_proposal",
                violation_error_message=_("This city is already a candidate for this proposal."),
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(state="selected", archived_at__isnull=True),
                name="one_selected_candidate_per_proposal",
                violation_error_message=_(
                    "Another candidate city is already selected for this proposal."
                ),
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="candidate_score_range",
                violation_error_message=_("The score must be between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.city} ({self.get_state_display()})"

    def archive_problems(self):
        if self.state == self.State.SELECTED:
            return [_("The selected partner city cannot be archived: set it aside first.")]
        return []

    def clean(self):
        super().clean()
        # The database allows one selected city per proposal; say so before it refuses.
        if self.state != self.State.SELECTED or not self.proposal_id:
            return
        others = CandidateCity.objects.current().filter(
            proposal_id=self.proposal_id, state=self.State.SELECTED
        )
        if others.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"state": _("Another candidate city is already selected for this proposal.")}
            )


def publicly_named_cities():
    """The partner cities a published proposal names: its partner, or a shortlisted or selected
    candidate. A city only suggested is the missions' deliberation, and is not among them."""
    public = Proposal.objects.public()
    return PartnerCity.objects.filter(
        Q(Exists(public.filter(partner_city=OuterRef("pk"))))
        | Q(Exists(CandidateCity.objects.public().filter(city=OuterRef("pk"))))
    )
