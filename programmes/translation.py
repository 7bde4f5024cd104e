"""Which activity fields citizens read in three languages (columns *_ind, *_en, *_ja)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Activity, ActivityFile, AnnualReport, Indicator, IndicatorValue


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "place", "lead_home", "lead_partner", "outcome")


@register(ActivityFile)
class ActivityFileTranslation(TranslationOptions):
    fields = ("title",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit")


@register(IndicatorValue)
class IndicatorValueTranslation(TranslationOptions):
    fields = ("source",)


@register(AnnualReport)
class AnnualReportTranslation(TranslationOptions):
    fields = ("assessment",)


# Edit history; see partnerships/translation.py for why it is registered here.
for model in (Activity, ActivityFile, Indicator, IndicatorValue, AnnualReport):
    simple_history.register(model)
