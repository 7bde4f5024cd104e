"""Exchange activities of a signed partnership, and their documents and photos."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
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
    def on_public_record(self):
        """Marked public within its partnership: what the partnership's annual report counts,
        and what the public sees once the partnership itself is public."""
        return self.current().filter(is_public=True)

    def public(self):
        return self.on_public_record().filter(partnership__in=Proposal.objects.public())


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
