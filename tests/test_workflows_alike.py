"""Every guarded action is an `<entity>_<verb>` function that checks who acts itself, changes
nothing when refused, and refuses with one `Refused` carrying every reason. Here each is called
by a liaison and by a signed-in citizen, neither of whom may take it."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from core.refusals import Refused
from delegations.models import Commitment
from delegations.services import commitment_close
from partnerships import discussion
from partnerships.archiving import record_archive, record_restore
from partnerships.models import Proposal
from programmes import reports
from programmes.models import AnnualReport
from tests.factories import (
    CommentFactory,
    CommitmentFactory,
    LiaisonFactory,
    ProposalFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def _frozen_report():
    report = AnnualReport.objects.create(
        partnership=ProposalFactory(active=True), year=2024, assessment_ind="Baik",
        recommendation="continue",
    )  # fmt: skip
    return reports.report_freeze(report=report, by=None)


def _archived_proposal():
    proposal = ProposalFactory(offered=True)
    return record_archive(record=proposal, by=None, reason="A mistake.")


def _state(record):
    try:
        fresh = type(record)._default_manager.get(pk=record.pk)
    except ObjectDoesNotExist:
        return None
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


ACTIONS = {
    "commitment_close": (
        lambda: CommitmentFactory(),
        lambda record, by: commitment_close(commitment=record, by=by, state="done", note="Kept."),
    ),
    "record_archive": (
        lambda: ProposalFactory(offered=True),
        lambda record, by: record_archive(record=record, by=by, reason="Not ours."),
    ),
    "record_restore": (
        _archived_proposal,
        lambda record, by: record_restore(record=record, by=by),
    ),
    "report_freeze": (
        lambda: AnnualReport.objects.create(
            partnership=ProposalFactory(active=True),
            year=2024,
            assessment_ind="Baik",
            recommendation="continue",
        ),  # fmt: skip
        lambda record, by: reports.report_freeze(report=record, by=by),
    ),
    "report_publish": (
        _frozen_report,
        lambda record, by: reports.report_publish(report=record, by=by),
    ),
}


@pytest.fixture(params=["liaison", "citizen"])
def outsider(request):
    if request.param == "liaison":
        return LiaisonFactory().user
    return UserFactory()


@pytest.mark.parametrize("action", ACTIONS)
def test_an_action_checks_who_takes_it_and_changes_nothing_when_refused(action, outsider):
    make, take = ACTIONS[action]
    record = make()
    before = _state(record)

    with pytest.raises(Refused) as refused:
        take(record, outsider)

    assert refused.value.problems and "You may not" in refused.value.problems[0]
    assert _state(record) == before


def test_a_refused_action_names_every_reason_at_once():
    commitment = CommitmentFactory(done=True)
    with pytest.raises(Refused) as refused:
        commitment_close(commitment=commitment, by=UserFactory(), state="kept", note=" ")
    assert len(refused.value.problems) == 4  # who, already closed, which state, no note
    assert Commitment.objects.get(pk=commitment.pk).state == "done"


def test_the_discussion_refuses_as_every_other_workflow():
    comment = CommentFactory(is_request=True)
    with pytest.raises(Refused):
        discussion.request_answer(request=comment, by=UserFactory(), body="No.")
    assert Proposal.objects.filter(pk=comment.proposal_id).exists()
