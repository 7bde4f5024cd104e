"""The benchmark's national data set, seeded on a tiny scale: every row valid and public."""

import pytest

from benchmarks.national import Sizes, seed
from delegations.models import Delegate, Visit
from partnerships.models import CandidateCity, Proposal, ProposalEvent

pytestmark = pytest.mark.django_db
TINY = Sizes(proposals=25, events_per_proposal=3, cities=5, visits=4, delegates_per_visit=2,
             comments_per_proposal=1, candidates_per_proposal=2)  # fmt: skip


def test_the_seed_writes_the_sizes_asked_for_and_all_of_it_is_public(client):
    written = seed(TINY)

    assert written == {"cities": 5, "proposals": 25, "events": 75, "comments": 25,
                       "candidates": 50, "visits": 4, "delegates": 8}  # fmt: skip
    assert Proposal.objects.public().count() == 25
    assert ProposalEvent.objects.public().count() == 50  # two of every three steps are public
    assert Visit.objects.published().count() == 4
    assert Delegate.objects.count() == 8
    assert CandidateCity.objects.public().count() == 25
    for proposal in Proposal.objects.all():
        proposal.full_clean()  # the references, slugs and dates a person could have typed
    assert client.get("/en/proposals/").status_code == 200


def test_seeding_twice_adds_new_references_without_clashes():
    seed(TINY)
    seed(Sizes(proposals=10, events_per_proposal=1, cities=2, visits=0, delegates_per_visit=0,
               comments_per_proposal=0, candidates_per_proposal=0))  # fmt: skip
    assert Proposal.objects.count() == 35
