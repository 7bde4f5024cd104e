"""Which visit fields citizens read in three languages (columns *_ind, *_en, *_ja)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Commitment, Delegate, Visit, VisitDocument


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("title", "place", "host", "visiting_mission", "purpose", "highlights", "report")


@register(Delegate)
class DelegateTranslation(TranslationOptions):
    fields = ("title", "organisation")


@register(Commitment)
class CommitmentTranslation(TranslationOptions):
    fields = ("description", "owner")


@register(VisitDocument)
class VisitDocumentTranslation(TranslationOptions):
    fields = ("title",)


# Edit history; see partnerships/translation.py for why it is registered here.
for model in (Visit, Delegate, Commitment, VisitDocument):
    simple_history.register(model)
