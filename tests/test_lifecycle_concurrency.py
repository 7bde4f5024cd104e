"""Two staff members taking conflicting steps at the same moment cannot both succeed."""

import pytest

from partnerships import services
from partnerships.models import Proposal
from tests.concurrency import race
from tests.factories import StaffUserFactory
from tests.lifecycle import ready_for, take

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize("attempt", range(5))
def test_conflicting_steps_in_parallel_only_one_succeeds(attempt, on_postgresql, reference_data):
    # Signing and withdrawing exclude each other: after either, the other is illegal.
    proposal = ready_for("sign")
    alice, budi = StaffUserFactory(), StaffUserFactory()

    outcomes = race(
        lambda: take("sign", Proposal.objects.get(pk=proposal.pk), alice),
        lambda: take("withdraw", Proposal.objects.get(pk=proposal.pk), budi),
    )

    refused = [o for o in outcomes if isinstance(o, services.TransitionRefused)]
    assert len(refused) == 1, outcomes
    proposal.refresh_from_db()
    assert proposal.status in {Proposal.Status.SIGNED, Proposal.Status.WITHDRAWN}
    assert proposal.events.count() == 1
    assert refused[0].problems[0].startswith("Not possible from")


def test_the_same_step_twice_in_parallel_happens_once(on_postgresql, reference_data):
    proposal = ready_for("explore")
    staff = StaffUserFactory()

    outcomes = race(
        lambda: take("explore", Proposal.objects.get(pk=proposal.pk), staff),
        lambda: take("explore", Proposal.objects.get(pk=proposal.pk), staff),
    )

    assert sum(isinstance(o, services.TransitionRefused) for o in outcomes) == 1
    assert proposal.events.count() == 1
