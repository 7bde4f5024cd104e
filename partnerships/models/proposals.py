"""A proposal: the partnership offer and its lifecycle's state and dates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin
from modeltranslation.utils import build_localized_fieldname

from core.archive import Archivable, ArchivableQuerySet

from ..countries import COUNTRY_CHOICES
from .places import SLUG_HELP, Consulate, FocusSector, PartnerCity


class ProposalQuerySet(ArchivableQuerySet):
    def public(self):
        return self.current().filter(published=True).exclude(status=Proposal.Status.DRAFT)

    def for_consulate(self, consulate):
        return self.filter(consulate=consulate)

    def for_listing(self):
        return self.select_related("partner_city", "consulate").prefetch_related("sectors")

    def active_unpublished(self):
        """Working partnerships the public cannot see: the admin index lists them."""
        return self.current().filter(status=Proposal.Status.ACTIVE, published=False)

    def agreement_incomplete(self):
        """Signed agreements whose signatories or term are missing (signed before the sign step
        asked for them): in SQL what `Proposal.missing_signatories` and the term requirement
        say of one proposal. The admin index lists them to complete."""
        missing = Q(term_years__isnull=True, term_indefinite=False)
        for field in SIGNATORY_FIELD_NAMES:
            missing |= Q(*[Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
                           for column in language_columns(field)])  # fmt: skip
        signed = self.current().filter(status__in=AGREEMENT_SIGNED)
        return signed.filter(missing)


def language_columns(field):
    return [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]


SIGNATORY_FIELD_NAMES = ("city_signatory_name", "city_signatory_office",
                         "partner_signatory_name", "partner_signatory_office")  # fmt: skip
AGREEMENT_SIGNED = ("signed", "active", "dormant", "ended")

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
    # The agreement's terms, once signed (the register shows them); the sign step asks for them.
    signatories = models.TextField(
        _("notes on the signatories"), blank=True,
        help_text=_("Anything more about who signed (witnesses, deputies); the signatories of "
                    "both sides are recorded in the fields above."),
    )  # fmt: skip
    city_signatory_name = models.CharField(
        _("name of Kupang's signatory"), max_length=200, blank=True
    )
    city_signatory_office = models.CharField(
        _("office of Kupang's signatory"), max_length=200, blank=True, help_text=_("e.g. Mayor")
    )
    partner_signatory_name = models.CharField(
        _("name of the partner city's signatory"), max_length=200, blank=True
    )
    partner_signatory_office = models.CharField(
        _("office of the partner city's signatory"), max_length=200, blank=True
    )
    term_years = models.PositiveSmallIntegerField(
        _("term (years)"), null=True, blank=True,
        help_text=_("Years the agreement runs from its signing until it must be renewed."),
    )  # fmt: skip
    term_indefinite = models.BooleanField(
        _("no end date"), default=False,
        help_text=_("The agreement runs until either side ends it: no term, no renewal."),
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
            models.CheckConstraint(
                condition=Q(term_indefinite=False) | Q(term_years__isnull=True),
                name="proposal_term_either_years_or_indefinite",
                violation_error_message=_(
                    "An agreement with no end date has no term in years: give one or the other."
                ),
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

    def missing_signatories(self):
        """The signatory fields written in no language yet (SIGNATORY_FIELD_NAMES' order)."""
        return [
            field for field in SIGNATORY_FIELD_NAMES
            if not any(getattr(self, column) for column in language_columns(field))
        ]  # fmt: skip

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
