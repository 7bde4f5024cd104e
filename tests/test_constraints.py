"""The database itself refuses rows that break the domain's rules."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from partnerships.models import CandidateCity, Document, Proposal
from tests.factories import (
    ApprovalFactory,
    CandidateCityFactory,
    PartnerCityFactory,
    ProposalFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)
    return True


def test_proposal_reference_is_unique():
    ProposalFactory(reference="KPG-2023-001")
    assert refused(ProposalFactory, reference="KPG-2023-001")


def test_proposal_slug_is_unique():
    ProposalFactory(slug="kupang-japan")
    assert refused(ProposalFactory, slug="kupang-japan")


def test_draft_proposal_cannot_be_published():
    assert refused(ProposalFactory, status=Proposal.Status.DRAFT, published=True)


def test_proposal_cannot_be_signed_before_it_was_offered():
    assert refused(
        ProposalFactory,
        offered=True,
        offered_on=datetime.date(2023, 3, 7),
        signed_on=datetime.date(2023, 3, 6),
    )


def test_proposal_signed_on_the_offer_day_is_accepted():
    proposal = ProposalFactory(signed=True, offered_on=datetime.date(2024, 6, 1))
    assert proposal.signed_on == proposal.offered_on


def test_visit_cannot_end_before_it_starts():
    assert refused(
        VisitFactory, starts_on=datetime.date(2023, 3, 7), ends_on=datetime.date(2023, 3, 6)
    )


def test_visit_slug_is_unique():
    VisitFactory(slug="courtesy-visit")
    assert refused(VisitFactory, slug="courtesy-visit")


def test_only_one_selected_candidate_per_proposal():
    first = CandidateCityFactory(state=CandidateCity.State.SELECTED)
    assert refused(
        CandidateCityFactory, proposal=first.proposal, state=CandidateCity.State.SELECTED
    )


def test_several_shortlisted_candidates_are_allowed():
    first = CandidateCityFactory(state=CandidateCity.State.SHORTLISTED)
    CandidateCityFactory(proposal=first.proposal, state=CandidateCity.State.SHORTLISTED)
    assert first.proposal.candidates.count() == 2


def test_a_city_is_a_candidate_once_per_proposal():
    first = CandidateCityFactory()
    assert refused(CandidateCityFactory, proposal=first.proposal, city=first.city)


@pytest.mark.parametrize("score", [-1, 100.01])
def test_candidate_score_stays_between_0_and_100(score):
    assert refused(CandidateCityFactory, score=score)


def test_one_approval_of_each_kind_per_proposal():
    first = ApprovalFactory()
    assert refused(ApprovalFactory, proposal=first.proposal, kind=first.kind)


def test_document_must_belong_to_a_proposal_or_a_visit():
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(kind=Document.Kind.PHOTO, title="Orphan", file="x.png")


@pytest.mark.parametrize("field,value", [("latitude", 91), ("longitude", -181)])
def test_city_coordinates_stay_on_earth(field, value):
    assert refused(PartnerCityFactory, **{field: value})


def test_partner_city_slug_is_unique():
    PartnerCityFactory(slug="kitakyushu")
    assert refused(PartnerCityFactory, slug="kitakyushu")


def test_status_cannot_be_assigned_directly():
    proposal = ProposalFactory()
    with pytest.raises(AttributeError):
        proposal.status = Proposal.Status.SIGNED
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DRAFT
