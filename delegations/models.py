"""Delegation visits, the people in them, and the promises made there."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet
from partnerships.models import FocusSector, Proposal
from partnerships.models.places import SLUG_HELP
from partnerships.models.records import FiledDocument


class VisitQuerySet(ArchivableQuerySet):
    def public(self):
        return self.published()

    def published(self):
        return self.current().filter(published=True)

    def upcoming(self, today=None):
        return self.filter(ends_on__gte=today or timezone.localdate()).order_by("starts_on")

    def past(self, today=None):
        return self.filter(ends_on__lt=today or timezone.localdate()).order_by("-starts_on")


class Visit(Archivable):
    class Direction(models.TextChoices):
        INBOUND = "inbound", _("Inbound (to Kupang)")
        OUTBOUND = "outbound", _("Outbound (from Kupang)")

    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=SLUG_HELP)
    title = models.CharField(_("title"), max_length=200)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.INBOUND
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=200)
    host = models.CharField(_("host"), max_length=200)
    visiting_mission = models.CharField(_("visiting mission"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    highlights = models.TextField(
        _("ceremonies and highlights"), blank=True, help_text=_("Markdown; one item per line.")
    )
    report = models.TextField(_("report"), blank=True, help_text=_("Markdown."))
    proposals = models.ManyToManyField(
        Proposal, blank=True, related_name="visits", verbose_name=_("related proposals")
    )
    sectors = models.ManyToManyField(
        FocusSector, blank=True, related_name="visits", verbose_name=_("sectors")
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        db_index=True,
        help_text=_("Shown on the public site, its calendar and open data."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["published", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="visit_ends_not_before_start",
                violation_error_message=_("A visit cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.starts_on:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("delegations:visit_detail", kwargs={"slug": self.slug})


PUBLIC_DELEGATE_FIELDS = ["visit_id", "name", "side", "order", "title", "title_ind", "title_en",
                          "title_ja", "organisation", "organisation_ind", "organisation_en",
                          "organisation_ja"]  # fmt: skip


class DelegateQuerySet(ArchivableQuerySet):
    def public(self):
        """The delegates of published visits: public by name, title and side only, never
        with their contact details (the pages read only those fields)."""
        return self.current().filter(visit__in=Visit.objects.published())

    def as_shown(self):
        """Only what a public page or the API shows of a person: never their contact details."""
        return self.only("pk", *PUBLIC_DELEGATE_FIELDS)


class Delegate(Archivable):
    """A person in a visit. Contact details are for staff only and never published."""

    class Side(models.TextChoices):
        HOST = "host", _("Host")
        GUEST = "guest", _("Guest")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("visit")
    )
    name = models.CharField(
        _("name"), max_length=150, blank=True,
        help_text=_(
            "Leave empty when the record does not say; the delegate is then shown by title."
        ),
    )  # fmt: skip
    title = models.CharField(_("title or office"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    email = models.EmailField(_("email (internal)"), blank=True)
    phone = models.CharField(_("phone (internal)"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DelegateQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "-side", "order", "name"]  # hosts first, then guests
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")

    def __str__(self):
        if not self.name:
            return self.title or gettext("(name not on record)")
        return f"{self.name}, {self.title}" if self.title else self.name

    def clean(self):
        if not self.name.strip() and not self.title.strip():
            raise ValidationError(_("Give the delegate's name or, if the record does not say, "
                                    "their title or office."))  # fmt: skip


class CommitmentQuerySet(ArchivableQuerySet):
    def public(self):
        """The promises of published visits (their owners and due dates are public)."""
        return self.current().filter(visit__in=Visit.objects.published())

    def overdue(self, today=None):
        return self.current().filter(
            state="open", due_on__lt=today or timezone.localdate(), visit__archived_at__isnull=True
        )


class Commitment(Archivable):
    """A promise made at a visit, e.g. "coordinate with Tokyo to find the fitting city"."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("visit")
    )
    description = models.TextField(_("commitment"))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who promised it."))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("proposal"),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["visit", "due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            # However it is edited, a commitment closes with the day and a word on how.
            models.CheckConstraint(
                condition=Q(state="open", closed_on__isnull=True)
                | (Q(state__in=["done", "dropped"], closed_on__isnull=False) & ~Q(closing_note="")),
                name="commitment_closed_with_date_and_note",
                violation_error_message=_(
                    "A commitment is closed on the close page, with its date and a note."
                ),
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def archive_proposal(self):
        return None  # a promise of a visit: the visit's own history records it


class VisitDocumentQuerySet(ArchivableQuerySet):
    def public(self):
        """Public documents of published visits."""
        return self.current().filter(is_public=True, visit__in=Visit.objects.published())


class VisitDocument(FiledDocument):
    """A visit's report, photo or letter. (Until 2026 these were partnerships' documents with a
    link up to the visit; migration 0009 moved them here with their files and history.)"""

    visit = models.ForeignKey(
        Visit, on_delete=models.CASCADE, related_name="documents", verbose_name=_("visit")
    )

    objects = VisitDocumentQuerySet.as_manager()

    class Meta(FiledDocument.Meta):
        verbose_name = _("visit document")
        verbose_name_plural = _("visit documents")
