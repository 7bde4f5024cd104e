"""Which activity fields citizens read in three languages (columns *_ind, *_en, *_ja)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "place", "lead_home", "lead_partner", "outcome")


# Edit history; see partnerships/translation.py for why it is registered here.
simple_history.register(Activity)
