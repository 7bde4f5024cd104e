"""Test helpers for the lifecycle: proposals standing in a given state with every requirement of
a given step met, and ways to take each requirement away again."""

import datetime

from partnerships import requirements as req
from partnerships import services
from partnerships.models import Approval, CandidateCity, Document, Proposal
from tests.factories import (
    ApprovalFactory,
    CandidateCityFactory,
    DocumentFactory,
    ProposalFactory,
)

S = Proposal.Status

# Keyword arguments each step needs besides proposal and by.
STEP_KWARGS = {
    verb: {"reason": "The council chose another route."}
    if transition.needs_reason
    else {"note": "Recorded in the test.", **({"years": 5} if transition.needs_years else {})}
    for verb, transition in services.TRANSITIONS.items()
}


def proposal_in(status, **kwargs):
    return ProposalFactory(**({status: True} if status != S.DRAFT else {}), **kwargs)


def meet_requirements(proposal, transition):
    """Create whatever `transition`'s gate asks for."""
    for requirement in transition.requirements:
        MEET[requirement](proposal)
    return proposal


def ready_for(verb, status=None, **kwargs):
    transition = services.TRANSITIONS[verb]
    proposal = proposal_in(status or transition.sources[0], **kwargs)
    return meet_requirements(proposal, transition)


def take(verb, proposal, by, **overrides):
    return services.STEP_FUNCTIONS[verb](
        proposal=proposal, by=by, **{**STEP_KWARGS[verb], **overrides}
    )


def _document(kind):
    def meet(proposal):
        DocumentFactory(proposal=proposal, kind=kind, dated=datetime.date(2024, 6, 1))

    return meet


def _approval(kind):
    return lambda proposal: ApprovalFactory(proposal=proposal, kind=kind)


def _selected_city(proposal):
    CandidateCityFactory(proposal=proposal, state=CandidateCity.State.SELECTED)


SIGNATORIES = {
    "city_signatory_name_en": "Maria Ndun", "city_signatory_office_en": "Mayor of Kupang",
    "partner_signatory_name_ja": "山田太郎", "partner_signatory_office_ja": "高山市長",
}  # fmt: skip


def _signatories(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(**SIGNATORIES)


MEET = {
    req.PARTNER_COUNTRY: lambda p: None,  # the factory sets these three
    req.FOCUS_SECTOR: lambda p: None,
    req.CONSULATE: lambda p: None,
    req.SELECTED_CITY: _selected_city,
    req.LETTER_OF_INTENT: _document(Document.Kind.LETTER_OF_INTENT),
    req.PLAN_OF_ACTION: _document(Document.Kind.PLAN_OF_ACTION),
    req.SIGNED_AGREEMENT: _document(Document.Kind.AGREEMENT),
    req.AGREEMENT_TERM: lambda p: Proposal.objects.filter(pk=p.pk).update(term_years=5),
    req.RENEWAL_AGREEMENT: _document(Document.Kind.RENEWAL),
    req.SIGNATORIES: _signatories,
    req.TERM_SET: lambda p: Proposal.objects.filter(pk=p.pk).update(term_years=5),
    **{approval: _approval(approval_kind) for approval, approval_kind in
       zip(req.APPROVALS, Approval.Kind, strict=True)},
}  # fmt: skip


def _remove_document(kind):
    return lambda p: Document.objects.filter(proposal=p, kind=kind).delete()


def _remove_approval(kind):
    return lambda p: Approval.objects.filter(proposal=p, kind=kind).delete()


BREAK = {
    req.PARTNER_COUNTRY: lambda p: Proposal.objects.filter(pk=p.pk).update(partner_country=""),
    req.FOCUS_SECTOR: lambda p: p.sectors.clear(),
    req.CONSULATE: lambda p: Proposal.objects.filter(pk=p.pk).update(consulate=None),
    req.SELECTED_CITY: lambda p: p.candidates.update(state=CandidateCity.State.SHORTLISTED),
    req.LETTER_OF_INTENT: _remove_document(Document.Kind.LETTER_OF_INTENT),
    req.PLAN_OF_ACTION: _remove_document(Document.Kind.PLAN_OF_ACTION),
    req.SIGNED_AGREEMENT: _remove_document(Document.Kind.AGREEMENT),
    req.AGREEMENT_TERM: lambda p: Proposal.objects.filter(pk=p.pk).update(term_years=None),
    req.RENEWAL_AGREEMENT: _remove_document(Document.Kind.RENEWAL),
    req.SIGNATORIES: lambda p: Proposal.objects.filter(pk=p.pk).update(
        city_signatory_name_en="", city_signatory_name_ind=""
    ),
    req.TERM_SET: lambda p: Proposal.objects.filter(pk=p.pk).update(term_years=None),
    **{approval: _remove_approval(approval_kind) for approval, approval_kind in
       zip(req.APPROVALS, Approval.Kind, strict=True)},
}  # fmt: skip
