"""Annual evaluation reports, and the record of reminders sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet
from partnerships.models import Proposal

from .activities import AFTER_SIGNING, SIGNED


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
    council_reference = models.CharField(
        _("council's reference"), max_length=100, blank=True,
        help_text=_("The number of the council's letter or decision on this report, if any; "
                    "the report's sign-off cites it."),
    )  # fmt: skip
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
