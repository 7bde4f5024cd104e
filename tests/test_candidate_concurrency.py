"""A liaison and a staff member deciding on the same candidates at the same moment cannot both
succeed where the decisions conflict (PostgreSQL row locks; CI runs these on PostgreSQL).

Each decision pauses a moment after its checks (`slow_checks`), so that without the row lock
both would check the same old state before either writes: these tests fail without the lock."""

import time

import pytest

from partnerships import candidates
from partnerships.models import CandidateCity, ProposalEvent
from tests.concurrency import race
from tests.factories import CandidateCityFactory, LiaisonFactory, ProposalFactory, StaffUserFactory

pytestmark = pytest.mark.postgres
C = CandidateCity.State


@pytest.fixture
def slow_checks(monkeypatch):
    last_check = candidates.event_date_problems

    def slowly(*args, **kwargs):
        problems = last_check(*args, **kwargs)
        time.sleep(0.2)
        return problems

    monkeypatch.setattr(candidates, "event_date_problems", slowly)


def decide(verb, candidate, by):
    return lambda: candidates.candidate_decide(
        verb=verb, candidate=CandidateCity.objects.get(pk=candidate.pk), by=by
    )


@pytest.mark.parametrize("attempt", range(3))
def test_set_aside_and_select_at_the_same_moment_leave_one_consistent_outcome(
    attempt, on_postgresql, reference_data, slow_checks
):
    proposal = ProposalFactory(exploring=True)
    candidate = CandidateCityFactory(proposal=proposal, state=C.SHORTLISTED)
    liaison = LiaisonFactory(consulate=proposal.consulate).user
    staff = StaffUserFactory()

    outcomes = race(decide("set_aside", candidate, liaison), decide("select", candidate, staff))

    refused = [o for o in outcomes if isinstance(o, candidates.CandidateRefused)]
    assert len(refused) == 1, outcomes
    state = CandidateCity.objects.get(pk=candidate.pk).state
    # Either the selection came first (and the liaison may not set the city aside), or the
    # setting aside came first (and a set-aside city cannot be selected): never both written.
    assert state in {C.SELECTED, C.SET_ASIDE}
    assert ProposalEvent.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_two_cities_selected_at_the_same_moment_only_one_is(attempt, on_postgresql, reference_data):
    proposal = ProposalFactory(exploring=True)
    first, second = CandidateCityFactory.create_batch(2, proposal=proposal, state=C.SHORTLISTED)
    alice, budi = StaffUserFactory(), StaffUserFactory()

    outcomes = race(decide("select", first, alice), decide("select", second, budi))

    assert sum(isinstance(o, candidates.CandidateRefused) for o in outcomes) == 1, outcomes
    assert CandidateCity.objects.filter(proposal=proposal, state=C.SELECTED).count() == 1
    assert ProposalEvent.objects.filter(proposal=proposal).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_a_decision_racing_a_decline_never_lands_on_the_declined_proposal(
    attempt, on_postgresql, reference_data, slow_checks
):
    from partnerships import services

    proposal = ProposalFactory(exploring=True)
    candidate = CandidateCityFactory(proposal=proposal)
    liaison = LiaisonFactory(consulate=proposal.consulate).user

    def decline():
        return services.proposal_decline(
            proposal=proposal.__class__.objects.get(pk=proposal.pk), by=liaison, reason="No city."
        )

    outcomes = race(decline, decide("shortlist", candidate, StaffUserFactory()))

    proposal.refresh_from_db()
    assert proposal.status == "declined"
    declined, shortlisted = outcomes
    if isinstance(shortlisted, candidates.CandidateRefused):
        assert CandidateCity.objects.get(pk=candidate.pk).state == C.SUGGESTED
    else:  # then it was written before the decline, never after it
        assert shortlisted.pk < declined.pk


@pytest.mark.parametrize("attempt", range(3))
def test_archiving_a_candidate_while_it_is_decided_never_deadlocks(
    attempt, on_postgresql, reference_data, slow_checks
):
    from partnerships import archiving

    proposal = ProposalFactory(exploring=True)
    candidate = CandidateCityFactory(proposal=proposal, state=C.SHORTLISTED)
    staff, colleague = StaffUserFactory(), StaffUserFactory()

    def archive():
        fresh = CandidateCity.objects.get(pk=candidate.pk)
        return archiving.record_archive(record=fresh, by=colleague, reason="Suggested twice.")

    outcomes = race(decide("select", candidate, staff), archive)

    # One waits for the other: either the city is selected (and may then not be archived), or
    # archived (and then not selectable). Never a database error.
    kinds = {type(outcome).__name__ for outcome in outcomes}
    assert kinds <= {"ProposalEvent", "CandidateCity", "CandidateRefused", "ArchiveRefused"}
    final = CandidateCity.objects.get(pk=candidate.pk)
    assert (final.state == C.SELECTED) != final.is_archived
