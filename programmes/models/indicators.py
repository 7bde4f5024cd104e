"""What a partnership measures per sector, and the values measured each year."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.archive import Archivable, ArchivableQuerySet
from partnerships.models import FocusSector, Proposal

from .activities import SIGNED


class IndicatorQuerySet(ArchivableQuerySet):
    def on_public_record(self):
        """Marked public within its partnership: what the partnership's annual report counts,
        and what the public sees once the partnership itself is public."""
        return self.current().filter(is_public=True)

    def public(self):
        return self.on_public_record().filter(partnership__in=Proposal.objects.public())


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

    def clean(self):
        # An indicator measures one of the partnership's own sectors.
        if self.partnership_id and self.sector_id:
            sectors = self.partnership.sectors.all()
            if self.sector not in sectors:
                raise ValidationError({"sector": _(
                    "This partnership works in %(sectors)s: choose one of them."
                ) % {"sectors": ", ".join(str(sector) for sector in sectors) or "—"}})  # fmt: skip

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
