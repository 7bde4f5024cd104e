"""A proposal and what hangs off its lifecycle: timeline events, candidate cities, approvals."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from core.archive import CURRENT, Archivable, ArchivableQuerySet
from core.validators import validate_document_file

from ..countries import COUNTRY_CHOICES
from .places import SLUG_HELP, Consulate, FocusSector, PartnerCity


class ProposalQuerySet(ArchivableQuerySet):
    def public(self):
        return self.current().filter(published=True).exclude(status=Proposal.Status.DRAFT)

    def for_consulate(self, consulate):
        return self.filter(consulate=consulate)

    def for_listing(self):
        return self.select_related("partner_city", "consulate").prefetch_related("sectors")


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


class CandidateCityQuerySet(ArchivableQuerySet):
    def public(self):
        # Suggestions and set-aside cities are the missions' and the city's deliberation; a
        # shortlist or a selection is what the city announces.
        return self.current().filter(
            state__in=[CandidateCity.State.SHORTLISTED, CandidateCity.State.SELECTED],
            proposal__in=Proposal.objects.public(),
        )

    def awaiting_decision(self):
        """Suggested cities nobody has decided on, of proposals still choosing their city: the
        one definition the admin index, the review queue and the reminders share."""
        return self.current().filter(
            state=CandidateCity.State.SUGGESTED,
            proposal__archived_at__isnull=True,
            proposal__status__in=OPEN_FOR_CANDIDATES,
        )


# Real proposals before the fictional samples, then the newest offer first.
LISTING_ORDER = ["is_sample", "-offered_on", "reference"]


class Proposal(FSMModelMixin, Archivable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OFFERED = "offered", _("Offered")
        EXPLORING = "exploring", _("Exploring")
        LOI_SIGNED = "loi_signed", _("Letter of intent signed")
        APPROVING = "approving", _("Seeking approvals")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        ENDED = "ended", _("Ended")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Declined")

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,5}-\d{4}-\d{3}$", _("Use the form KPG-2023-001."))],
        help_text=_("The cooperation office's file number, e.g. KPG-2023-001."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    partner_country = models.CharField(
        _("partner country"), max_length=2, choices=COUNTRY_CHOICES, blank=True
    )
    consulate = models.ForeignKey(
        Consulate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("handling consulate"),
    )
    partner_city = models.ForeignKey(
        PartnerCity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("partner city"),
    )
    sectors = models.ManyToManyField(
        FocusSector, blank=True, related_name="proposals", verbose_name=_("focus sectors")
    )
    # Only the lifecycle services may change the status; assigning it directly raises.
    status = FSMField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        protected=True,
        db_index=True,
    )
    offered_on = models.DateField(_("offered on"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("fictional sample"),
        default=False,
        help_text=_("A made-up example showing the lifecycle; listed after the real proposals."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # The agreement's terms, once signed (the register shows them).
    signatories = models.TextField(
        _("signatories"), blank=True, help_text=_("Who signed the agreement, for each side.")
    )
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), null=True, blank=True,
        help_text=_("Years the agreement runs from its signing until it must be renewed."),
    )  # fmt: skip
    published = models.BooleanField(
        _("published"),
        default=False,
        db_index=True,
        help_text=_("Shown on the public site, in its lists, feeds and open data (never a draft)."),
    )
    closing_reason = models.TextField(
        _("reason for closing"), blank=True, help_text=_("Shown publicly once ended.")
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="followed_proposals",
        verbose_name=_("followed by"),
        help_text=_("Staff who are emailed at each status change."),
    )
    # Bumped by every save: an edit based on an older version is refused, not silently merged.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = LISTING_ORDER
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["published", "status"]),
            models.Index(fields=["partner_country"]),
            # The public list's order, over public rows only: a page is read off the index.
            models.Index(
                fields=LISTING_ORDER,
                name="proposal_public_listing",
                condition=Q(published=True, archived_at__isnull=True) & ~Q(status="draft"),
            ),
            # A mission's review queue, in the same order: its pages without sorting the rest.
            models.Index(
                fields=["consulate", "-offered_on", "reference"],
                name="proposal_review_queue",
                condition=Q(archived_at__isnull=True) & ~Q(status="draft"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=True)
                | Q(offered_on__isnull=True)
                | Q(signed_on__gte=F("offered_on")),
                name="proposal_signed_not_before_offered",
                violation_error_message=_("The signing date cannot be before the offer date."),
            ),
            # A draft is never public, whatever the checkbox says.
            models.CheckConstraint(
                condition=~Q(status="draft", published=True),
                name="proposal_draft_not_published",
                violation_error_message=_("A draft cannot be published: make the offer first."),
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partnerships:proposal_detail", kwargs={"slug": self.slug})

    @property
    def expires_on(self):
        """The day the agreement's term ends (derived: signing day plus the term)."""
        if not (self.signed_on and self.term_years):
            return None
        try:
            return self.signed_on.replace(year=self.signed_on.year + self.term_years)
        except ValueError:  # signed on 29 February
            return self.signed_on.replace(year=self.signed_on.year + self.term_years, day=28)

    def archive_proposal(self):
        return self

    def clean(self):
        # The database refuses this too; saying it here turns a crash into a form message,
        # also where the status is not part of the form (the admin shows it read-only).
        if self.published and self.status == self.Status.DRAFT:
            raise ValidationError(
                {"published": _("A draft cannot be published: make the offer first.")}
            )

    def clean_fields(self, exclude=None):
        # Field cleaning re-assigns every value, which the protected status field refuses;
        # the status is only ever set by the lifecycle services, so there is nothing to clean.
        super().clean_fields(exclude={*(exclude or ()), "status"})


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


# Candidate cities are suggested and decided while the mission explores (and already once
# the offer is made, before the consulate acknowledges it).
OPEN_FOR_CANDIDATES = (Proposal.Status.OFFERED, Proposal.Status.EXPLORING)


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


def publicly_named_cities():
    """The partner cities a published proposal names: its partner, or a shortlisted or selected
    candidate. A city only suggested is the missions' deliberation, and is not among them."""
    public = Proposal.objects.public()
    return PartnerCity.objects.filter(
        Q(Exists(public.filter(partner_city=OuterRef("pk"))))
        | Q(Exists(CandidateCity.objects.public().filter(city=OuterRef("pk"))))
    )


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
