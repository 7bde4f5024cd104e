"""The partnership domain: sectors, partner cities, missions, proposals and what hangs off them.

Text that citizens read (names, titles, summaries, bodies) is translated with modeltranslation;
see `translation.py` for which fields get `_ind`, `_en` and `_ja` columns.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from .countries import COUNTRY_CHOICES
from .validators import validate_document_file

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class FocusSector(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("focus sector")
        verbose_name_plural = _("focus sectors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:sector_detail", kwargs={"slug": self.slug})


class Province(models.Model):
    """A home-side province, e.g. Nusa Tenggara Timur (NTT), that a consulate may cover."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return f"{self.name} ({self.code})"


class PartnerCity(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=150, help_text=_("In Latin script."))
    native_name = models.CharField(
        _("native name"), max_length=150, blank=True, help_text=_("e.g. 北九州市")
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, default="JP")
    region = models.CharField(_("region or prefecture"), max_length=150, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    is_coastal = models.BooleanField(_("coastal"), default=False)
    is_island = models.BooleanField(_("on an island"), default=False)
    strengths = models.ManyToManyField(
        FocusSector, blank=True, related_name="strong_cities", verbose_name=_("strong in")
    )
    # Natural hazards the city lives with; shared exposure counts in the matching assistant.
    earthquake_risk = models.BooleanField(_("earthquakes"), default=False)
    tsunami_risk = models.BooleanField(_("tsunamis"), default=False)
    cyclone_risk = models.BooleanField(_("cyclones or typhoons"), default=False)
    drought_risk = models.BooleanField(_("droughts"), default=False)
    existing_ties = models.TextField(
        _("existing ties"), blank=True, help_text=_("Partnerships with Indonesian cities, etc.")
    )
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, validators=LONGITUDE
    )
    facts_source = models.CharField(
        _("source of figures"),
        max_length=300,
        blank=True,
        help_text=_("Where the population and other figures come from, with the year."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner city")
        verbose_name_plural = _("partner cities")
        indexes = [models.Index(fields=["country"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="partnercity_latitude_range",
                violation_error_message=_("Latitude must be between -90 and 90."),
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="partnercity_longitude_range",
                violation_error_message=_("Longitude must be between -180 and 180."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.native_name})" if self.native_name else self.name

    def get_absolute_url(self):
        return reverse("partnerships:city_detail", kwargs={"slug": self.slug})


class Consulate(models.Model):
    """A foreign mission, e.g. the Consulate-General of Japan in Denpasar."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES, default="JP")
    seat = models.CharField(_("seat"), max_length=100, help_text=_("The city it sits in."))
    jurisdiction = models.ManyToManyField(
        Province, blank=True, related_name="consulates", verbose_name=_("jurisdiction")
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consulate")
        verbose_name_plural = _("consulates")

    def __str__(self):
        return self.name


class Liaison(models.Model):
    """Makes a user the liaison of one consulate (and of that consulate only)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="liaison",
        verbose_name=_("user"),
    )
    consulate = models.ForeignKey(
        Consulate, on_delete=models.CASCADE, related_name="liaisons", verbose_name=_("consulate")
    )

    class Meta:
        verbose_name = _("consulate liaison")
        verbose_name_plural = _("consulate liaisons")

    def __str__(self):
        return f"{self.user} — {self.consulate}"


class Profile(models.Model):
    """Per-user preferences; today the language the portal writes to them in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="portal_profile",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language for notifications"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def preferred_language(user):
    profile = getattr(user, "portal_profile", None)
    return profile.language if profile else settings.LANGUAGE_CODE


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(published=True).exclude(status=Proposal.Status.DRAFT)

    def for_consulate(self, consulate):
        return self.filter(consulate=consulate)

    def for_listing(self):
        return self.select_related("partner_city", "consulate").prefetch_related("sectors")


class ProposalEventQuerySet(models.QuerySet):
    def public(self):
        """The public timeline: public events of public proposals."""
        return self.filter(is_public=True, proposal__in=Proposal.objects.public()).select_related(
            "proposal"
        )


class CandidateCityQuerySet(models.QuerySet):
    def public(self):
        # Suggestions and set-aside cities are the missions' and the city's deliberation; a
        # shortlist or a selection is what the city announces.
        return self.filter(
            state__in=[CandidateCity.State.SHORTLISTED, CandidateCity.State.SELECTED],
            proposal__in=Proposal.objects.public(),
        )


class DocumentQuerySet(models.QuerySet):
    def public(self):
        from delegations.models import Visit

        return self.filter(is_public=True).filter(
            Q(proposal__in=Proposal.objects.public()) | Q(visit__in=Visit.objects.published())
        )


class Proposal(FSMModelMixin, models.Model):
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
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
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
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=False, db_index=True)
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
        ordering = ["-offered_on", "reference"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["published", "status"]),
            models.Index(fields=["partner_country"]),
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

    def clean_fields(self, exclude=None):
        # Field cleaning re-assigns every value, which the protected status field refuses;
        # the status is only ever set by the lifecycle services, so there is nothing to clean.
        super().clean_fields(exclude={*(exclude or ()), "status"})


class ProposalEvent(models.Model):
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

    objects = ProposalEventQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "pk"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        indexes = [models.Index(fields=["proposal", "is_public", "occurred_at"])]

    def __str__(self):
        return f"{self.proposal.reference}: {self.title}"


class CandidateCity(models.Model):
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
    score = models.DecimalField(
        _("score"),
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
                name="candidate_once_per_proposal",
                violation_error_message=_("This city is already a candidate for this proposal."),
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(state="selected"),
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


class Approval(models.Model):
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
                name="one_approval_per_kind",
                violation_error_message=_("This approval is already recorded for this proposal."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.reference_number or _('no number yet')}"


class Document(models.Model):
    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
        PLAN_OF_ACTION = "plan_of_action", _("Plan of action")
        AGREEMENT = "agreement", _("Agreement")
        APPROVAL_LETTER = "approval_letter", _("Approval letter")
        VISIT_REPORT = "visit_report", _("Visit report")
        PHOTO = "photo", _("Photo")

    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("proposal"),
    )
    visit = models.ForeignKey(
        "delegations.Visit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("visit"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="documents/%Y/", validators=[validate_document_file]
    )
    dated = models.DateField(_("document date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-dated", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["proposal", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=False) | Q(visit__isnull=False),
                name="document_belongs_somewhere",
                violation_error_message=_("A document must belong to a proposal or a visit."),
            ),
        ]

    def __str__(self):
        return self.title


class CommentQuerySet(models.QuerySet):
    def open_requests(self):
        return self.filter(is_request=True, answered_at__isnull=True)


class Comment(models.Model):
    """Internal discussion between city staff and liaisons; never shown publicly.

    A liaison may mark a comment as a request for information; it stays open until staff answer
    it with a comment of their own (`answer_to`)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="comments", verbose_name=_("proposal")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    is_request = models.BooleanField(
        _("request for information"),
        default=False,
        help_text=_("The city's staff must answer it."),
    )
    answer_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        verbose_name=_("answers the request"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The token of the form that wrote it: a resubmitted form finds it and adds nothing.
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["is_request", "answered_at"])]

    def __str__(self):
        return f"{self.author} on {self.proposal.reference}"
