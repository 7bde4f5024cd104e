"""Exchange activities of a signed partnership: what the agreement produces."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet
from core.validators import sniff_format, validate_document_file
from delegations.models import Commitment, Visit
from partnerships.models import FocusSector, Proposal

# An activity belongs to a partnership that has been signed.
AFTER_SIGNING = [
    Proposal.Status.SIGNED, Proposal.Status.ACTIVE, Proposal.Status.DORMANT, Proposal.Status.ENDED
]  # fmt: skip


# What the admin's partnership menus and searches offer (and the forms accept).
SIGNED = {"status__in": AFTER_SIGNING}


class ActivityQuerySet(ArchivableQuerySet):
    def public(self):
        return self.current().filter(is_public=True, partnership__in=Proposal.objects.public())


class Activity(Archivable):
    class Kind(models.TextChoices):
        EXCHANGE = "exchange", _("Exchange")
        TRAINING = "training", _("Training")
        TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
        GRANT = "grant", _("Grant or funded project")
        EVENT = "event", _("Event")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class BudgetSource(models.TextChoices):
        CITY = "city", _("City budget (APBD)")
        PARTNER = "partner", _("Partner city")
        NATIONAL = "national", _("National government")
        OTHER = "other", _("Other")

    partnership = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="activities",
        verbose_name=_("partnership"), limit_choices_to=SIGNED,
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=25, choices=Kind.choices)
    sectors = models.ManyToManyField(
        FocusSector, blank=True, related_name="activities", verbose_name=_("sectors")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    lead_home = models.CharField(_("lead organisation in Kupang"), max_length=200, blank=True)
    lead_partner = models.CharField(
        _("lead organisation in the partner city"), max_length=200, blank=True
    )
    home_women = models.PositiveIntegerField(_("women from Kupang"), default=0)
    home_men = models.PositiveIntegerField(_("men from Kupang"), default=0)
    partner_women = models.PositiveIntegerField(_("women from the partner city"), default=0)
    partner_men = models.PositiveIntegerField(_("men from the partner city"), default=0)
    budget_idr = models.PositiveBigIntegerField(
        _("budget (IDR)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    budget_source = models.CharField(
        _("budget source"), max_length=10, choices=BudgetSource.choices, blank=True
    )
    outcome = models.TextField(_("outcome"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the partnership's public page.")
    )
    visits = models.ManyToManyField(
        Visit, blank=True, related_name="activities", verbose_name=_("related visits")
    )
    commitments = models.ManyToManyField(
        Commitment, blank=True, related_name="activities", verbose_name=_("commitments it keeps")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["partnership", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("The activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(budget_idr__isnull=True) | ~Q(budget_source=""),
                name="activity_budget_has_a_source",
                violation_error_message=_("Say where the budget comes from."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%Y-%m-%d})"

    def clean(self):
        super().clean()
        problems = {}
        if self.partnership_id and self.partnership.status not in AFTER_SIGNING:
            problems["partnership"] = _(
                "Activities are recorded for signed partnerships; this proposal is “%(status)s”."
            ) % {"status": self.partnership.get_status_display()}
        if self.budget_idr is not None and not self.budget_source:
            problems["budget_source"] = _("Say where the budget comes from.")
        if problems:
            raise ValidationError(problems)

    @property
    def participants(self):
        return self.home_women + self.home_men + self.partner_women + self.partner_men

    def archive_proposal(self):
        return self.partnership


# Budget is spent by activities that are under way or done; planned and cancelled ones are listed
# but not counted. An activity's budget and participants count in the year it starts.
SPENDING_STATES = (Activity.State.RUNNING, Activity.State.DONE)


class ActivityFileQuerySet(ArchivableQuerySet):
    def public(self):
        return self.current().filter(is_public=True, activity__in=Activity.objects.public())


class ActivityFile(Archivable):
    """A document or photo of an activity (a training's handout, the drill in pictures); files
    are checked by content when uploaded and served only through views that check who asks."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")

    activity = models.ForeignKey(
        Activity, on_delete=models.PROTECT, related_name="files", verbose_name=_("activity")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to="activities/%Y/", validators=[validate_document_file],
        help_text=_("PDF, JPEG, PNG or WebP; a photo must be an image."),
    )  # fmt: skip
    is_public = models.BooleanField(
        _("public"), default=False,
        help_text=_("Shown with the activity on the partnership's public page, if the activity "
                    "is public."),
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = ActivityFileQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "pk"]
        verbose_name = _("document or photo")
        verbose_name_plural = _("documents and photos")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.kind == self.Kind.PHOTO and self.file and not self.file._committed:
            self.file.seek(0)
            if sniff_format(self.file.read(16)) == "pdf":
                raise ValidationError({"file": _("A photo must be a JPEG, PNG or WebP image.")})
            self.file.seek(0)

    def archive_proposal(self):
        return self.activity.partnership


class IndicatorQuerySet(ArchivableQuerySet):
    def public(self):
        return self.current().filter(is_public=True, partnership__in=Proposal.objects.public())


class Indicator(Archivable):
    """What a partnership measures in one sector, from a baseline towards a yearly target.
    Progress is derived from the measured values, never typed in."""

    partnership = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="indicators",
        verbose_name=_("partnership"), limit_choices_to=SIGNED,
    )  # fmt: skip
    sector = models.ForeignKey(
        FocusSector, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("sector")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. schools, tonnes, %"))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target = models.DecimalField(
        _("yearly target"), max_digits=14, decimal_places=2,
        help_text=_("The value to reach each year."),
    )  # fmt: skip
    is_public = models.BooleanField(_("public"), default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["sector__order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def progress(self, value):
        """How far `value` has come from the baseline to the target, in percent (may pass 100
        or fall below 0); None when baseline and target are the same."""
        span = self.target - self.baseline
        if not span:
            return None
        return round(float((value - self.baseline) / span * 100), 1)

    def archive_proposal(self):
        return self.partnership


class IndicatorValueQuerySet(models.QuerySet):
    def public(self):
        return self.filter(indicator__in=Indicator.objects.public())


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("measured value"), max_digits=14, decimal_places=2)
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Where the figure comes from.")
    )

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["year"]
        verbose_name = _("measured value")
        verbose_name_plural = _("measured values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="one_value_per_indicator_and_year",
                violation_error_message=_("This indicator already has a value for that year."),
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.year})"

    @property
    def progress(self):
        return self.indicator.progress(self.value)


class AnnualReportQuerySet(ArchivableQuerySet):
    def public(self):
        return self.published()

    def published(self):
        return self.current().filter(
            published_at__isnull=False, partnership__in=Proposal.objects.public()
        )


class AnnualReport(Archivable):
    """The yearly evaluation of one partnership (PP 28/2018, Permendagri 25/2020), generated
    from the record. Freezing keeps the record as it was compiled, with the assessment, so that
    later edits do not change a signed-off report; only a frozen report can be published."""

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        REVISE = "revise", _("Revise the plan")
        END = "end", _("End the partnership")

    partnership = models.ForeignKey(
        Proposal, on_delete=models.PROTECT, related_name="annual_reports",
        verbose_name=_("partnership"), limit_choices_to=SIGNED,
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    assessment = models.TextField(
        _("staff assessment"), blank=True,
        help_text=_("What the year achieved and what held it back; published with the report."),
    )  # fmt: skip
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    # The compiled record and the assessment as they were frozen (see programmes/reports.py).
    contents = models.JSONField(_("frozen contents"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        editable=False, related_name="+", verbose_name=_("frozen by"),
    )  # fmt: skip
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        ordering = ["partnership", "-year"]
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                name="one_annual_report_per_partnership_and_year",
                violation_error_message=_("This partnership already has a report for that year."),
            ),
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True, contents__isnull=True)
                | Q(frozen_at__isnull=False, contents__isnull=False),
                name="annual_report_frozen_with_contents",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(frozen_at__isnull=False),
                name="annual_report_published_only_when_frozen",
                violation_error_message=_("Only a frozen report can be published."),
            ),
        ]

    def __str__(self):
        return _("Annual report %(year)s — %(reference)s") % {
            "year": self.year, "reference": self.partnership.reference
        }  # fmt: skip

    @property
    def is_frozen(self):
        return self.frozen_at is not None

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.partnership_id and self.partnership.status not in AFTER_SIGNING:
            raise ValidationError({"partnership": _(
                "Annual reports are written for signed partnerships; this proposal is "
                "“%(status)s”."
            ) % {"status": self.partnership.get_status_display()}})  # fmt: skip
        signed_on = self.partnership.signed_on if self.partnership_id else None
        if self.year and signed_on and self.year < signed_on.year:
            raise ValidationError({"year": _(
                "The agreement was signed in %(signed)s: there is nothing to report before."
            ) % {"signed": signed_on.year}})  # fmt: skip

    def get_absolute_url(self):
        return reverse(
            "programmes:report", kwargs={"slug": self.partnership.slug, "year": self.year}
        )

    def archive_proposal(self):
        return self.partnership


class ReminderSent(models.Model):
    """That a person was reminded of an item (see `programmes/reminders.py`) on a day: nobody is
    reminded of the same item twice in a week."""

    kind = models.CharField(_("kind"), max_length=30)
    key = models.CharField(_("item"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("recipient"),
    )  # fmt: skip
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            # Two runs on the same day (a retried cron job) claim each reminder once.
            models.UniqueConstraint(
                fields=["key", "recipient", "sent_on"], name="one_reminder_per_item_person_day"
            ),
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient_id} ({self.sent_on:%Y-%m-%d})"
