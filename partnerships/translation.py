"""Which content fields citizens read in three languages (columns *_ind, *_en, *_ja)."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Approval,
    CandidateCity,
    Comment,
    Consulate,
    Document,
    FocusSector,
    Liaison,
    PartnerCity,
    Profile,
    Proposal,
    ProposalEvent,
    Province,
)


@register(FocusSector)
class FocusSectorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Province)
class ProvinceTranslation(TranslationOptions):
    fields = ("name",)


@register(PartnerCity)
class PartnerCityTranslation(TranslationOptions):
    fields = ("name", "region", "summary", "existing_ties", "facts_source")


@register(Consulate)
class ConsulateTranslation(TranslationOptions):
    fields = ("name",)


@register(Proposal)
class ProposalTranslation(TranslationOptions):
    fields = (
        "title", "summary", "body", "closing_reason", "signatories", "city_signatory_name",
        "city_signatory_office", "partner_signatory_name", "partner_signatory_office",
    )  # fmt: skip


@register(ProposalEvent)
class ProposalEventTranslation(TranslationOptions):
    fields = ("title", "note")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


# Edit history of every record staff edit, registered here because it must follow the
# translation registration: the historical models then copy the *_ind/*_en/*_ja columns too.
for model in (
    FocusSector, Province, PartnerCity, Consulate, Liaison, Profile,
    Proposal, ProposalEvent, CandidateCity, Approval, Document, Comment,
):  # fmt: skip
    simple_history.register(model)
