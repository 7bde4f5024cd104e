"""The factories make valid rows, and each lifecycle Trait makes a proposal in that state."""

import pytest

from partnerships.models import Proposal
from tests import factories

pytestmark = pytest.mark.django_db

ALL_FACTORIES = [
    factories.UserFactory,
    factories.StaffUserFactory,
    factories.FocusSectorFactory,
    factories.ProvinceFactory,
    factories.PartnerCityFactory,
    factories.ConsulateFactory,
    factories.LiaisonFactory,
    factories.ProfileFactory,
    factories.ProposalFactory,
    factories.ProposalEventFactory,
    factories.CandidateCityFactory,
    factories.ApprovalFactory,
    factories.DocumentFactory,
    factories.CommentFactory,
    factories.VisitFactory,
    factories.DelegateFactory,
    factories.CommitmentFactory,
]


@pytest.mark.parametrize("factory", ALL_FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_row(factory):
    obj = factory()
    obj.full_clean()
    assert obj.pk is not None


@pytest.mark.parametrize("status", [s for s in Proposal.Status if s != Proposal.Status.DRAFT])
def test_each_lifecycle_trait_gives_its_status(status):
    proposal = factories.ProposalFactory(**{status.value: True})
    proposal.full_clean()
    assert proposal.status == status
    assert proposal.offered_on is not None


@pytest.mark.parametrize("status", ["loi_signed", "approving", "signed", "active", "dormant"])
def test_states_after_the_letter_of_intent_have_a_partner_city(status):
    assert factories.ProposalFactory(**{status: True}).partner_city is not None


def test_default_proposal_is_an_unpublished_draft():
    proposal = factories.ProposalFactory()
    assert (proposal.status, proposal.published) == (Proposal.Status.DRAFT, False)
