"""Every step of the lifecycle: taken from each legal state, refused from every other state, for
every wrong role and for each missing requirement — and a refusal changes nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from partnerships import services
from partnerships.models import Proposal, ProposalEvent
from tests.factories import LiaisonFactory, StaffUserFactory, UserFactory
from tests.lifecycle import BREAK, meet_requirements, proposal_in, ready_for, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

S = Proposal.Status
OFFER_DAY = datetime.datetime(2024, 1, 10, 10, 0, tzinfo=datetime.UTC)
LEGAL = [(verb, source) for verb, t in services.TRANSITIONS.items() for source in t.sources]
ILLEGAL = [
    (verb, status)
    for verb, t in services.TRANSITIONS.items()
    for status in S
    if status not in t.sources
]
GATES = [
    (verb, requirement)
    for verb, t in services.TRANSITIONS.items()
    for requirement in t.requirements
]


def state_of(proposal):
    """Everything a refused step must leave alone."""
    fresh = Proposal.objects.get(pk=proposal.pk)
    return (
        fresh.status,
        fresh.version,
        fresh.partner_city_id,
        fresh.signed_on,
        fresh.closing_reason,
        ProposalEvent.objects.filter(proposal=proposal).count(),
        fresh.history.count(),
    )


@pytest.fixture
def staff():
    return StaffUserFactory()


@pytest.mark.parametrize("verb,source", LEGAL, ids=lambda v: str(v))
def test_step_is_taken_from_each_legal_state(verb, source, staff):
    proposal = ready_for(verb, source)
    events_before = proposal.events.count()

    event = take(verb, proposal, staff)

    transition = services.TRANSITIONS[verb]
    proposal.refresh_from_db()
    assert proposal.status == transition.target
    assert proposal.events.count() == events_before + 1
    assert (event.from_status, event.to_status, event.actor) == (source, transition.target, staff)
    assert event.title_en == str(transition.label)


@pytest.mark.parametrize("verb,status", ILLEGAL, ids=lambda v: str(v))
def test_step_is_refused_from_every_other_state(verb, status, staff):
    proposal = proposal_in(status)
    before = state_of(proposal)

    with pytest.raises(services.TransitionRefused) as refusal:
        take(verb, proposal, staff)

    assert any("Not possible from" in p for p in refusal.value.problems)
    assert state_of(proposal) == before


ROLES = {
    "anonymous": lambda proposal: AnonymousUser(),
    "citizen": lambda proposal: UserFactory(),
    "staff without the City staff group": lambda proposal: UserFactory(is_staff=True),
    "inactive staff": lambda proposal: StaffUserFactory(is_active=False),
    "liaison of another consulate": lambda proposal: LiaisonFactory().user,
    "liaison of this consulate": lambda proposal: LiaisonFactory(consulate=proposal.consulate).user,
}


WRONG_ROLES = [
    (verb, role)
    for verb, transition in services.TRANSITIONS.items()
    for role in ROLES
    if not (role == "liaison of this consulate" and transition.liaison_may)
]


@pytest.mark.parametrize("verb,role", WRONG_ROLES)
def test_step_is_refused_for_each_wrong_role(verb, role):
    proposal = ready_for(verb)
    before = state_of(proposal)

    with pytest.raises(services.TransitionRefused) as refusal:
        take(verb, proposal, ROLES[role](proposal))

    transition = services.TRANSITIONS[verb]
    who_may = (
        f"Only the city's staff or a liaison of {proposal.consulate.name} may take this step."
        if transition.liaison_may
        else "Only the city's staff may take this step."
    )
    assert who_may in refusal.value.problems
    assert state_of(proposal) == before


@pytest.mark.parametrize("verb", ["explore", "decline"])
def test_liaison_of_the_handling_consulate_may_take_their_steps(verb):
    proposal = ready_for(verb)
    liaison = LiaisonFactory(consulate=proposal.consulate).user

    event = take(verb, proposal, liaison)

    assert event.actor == liaison
    assert Proposal.objects.get(pk=proposal.pk).status == services.TRANSITIONS[verb].target


@pytest.mark.parametrize("verb,requirement", GATES, ids=lambda v: str(getattr(v, "label", v)))
def test_step_is_refused_for_each_missing_requirement_and_names_it(verb, requirement, staff):
    proposal = ready_for(verb)
    BREAK[requirement](proposal)
    before = state_of(proposal)

    with pytest.raises(services.TransitionRefused) as refusal:
        take(verb, proposal, staff)

    (problem,) = refusal.value.problems
    assert problem.startswith(f"{requirement.label}: ")
    assert state_of(proposal) == before


def test_refusal_names_every_missing_requirement_at_once(staff):
    proposal = ready_for("sign")
    for requirement in services.SIGN.requirements:
        BREAK[requirement](proposal)

    with pytest.raises(services.TransitionRefused) as refusal:
        take("sign", proposal, staff)

    assert refusal.value.problems == [
        "DPRD decision: missing",
        "Home Affairs facilitation: missing",
        "Foreign Affairs full powers: missing",
        "Partner council resolution: missing",
        "Signed agreement: missing",
        "Signatories of both sides: not recorded: the name of Kupang's signatory",
        "Term of the agreement: give the term in years, or say the agreement has no end date",
    ]


def test_incomplete_approval_says_which_parts_are_missing(staff):
    proposal = ready_for("sign")
    proposal.approvals.filter(kind="dprd_decision").update(reference_number="", document="")

    with pytest.raises(services.TransitionRefused) as refusal:
        take("sign", proposal, staff)

    assert refusal.value.problems == ["DPRD decision: no reference number, no document"]


def test_document_without_a_date_does_not_open_the_gate(staff):
    proposal = ready_for("sign_loi")
    proposal.documents.update(dated=None)

    with pytest.raises(services.TransitionRefused) as refusal:
        take("sign_loi", proposal, staff)

    assert refusal.value.problems == ["Letter of intent: uploaded, but its date is not recorded"]


@pytest.mark.parametrize("verb", ["end", "withdraw", "decline"])
def test_closing_steps_require_a_reason(verb, staff):
    proposal = ready_for(verb)
    before = state_of(proposal)

    with pytest.raises(services.TransitionRefused) as refusal:
        take(verb, proposal, staff, reason="   ")

    assert refusal.value.problems == ["Reason: missing (it is shown publicly)"]
    assert state_of(proposal) == before


@pytest.mark.parametrize("verb", ["end", "withdraw", "decline"])
def test_closing_reason_is_kept_on_the_proposal_and_the_event(verb, staff):
    proposal = ready_for(verb)
    event = take(verb, proposal, staff, reason="The partner city merged with another.")
    proposal.refresh_from_db()
    assert proposal.closing_reason == "The partner city merged with another."
    assert event.note == "The partner city merged with another."


def test_offer_dates_the_proposal_when_no_date_was_entered(staff):
    proposal = ready_for("offer")
    when = datetime.datetime(2023, 3, 7, 2, 0, tzinfo=datetime.UTC)
    take("offer", proposal, staff, when=when)
    proposal.refresh_from_db()
    assert proposal.offered_on == datetime.date(2023, 3, 7)
    assert proposal.events.get().occurred_at == when


def test_signing_the_letter_of_intent_sets_the_partner_city(staff):
    proposal = ready_for("sign_loi")
    selected = proposal.candidates.get(state="selected").city
    take("sign_loi", proposal, staff)
    proposal.refresh_from_db()
    assert proposal.partner_city == selected


def test_signing_takes_the_date_of_the_signed_agreement(staff):
    proposal = ready_for("sign")
    event = take("sign", proposal, staff)  # asked for today: the agreement's date wins
    proposal.refresh_from_db()
    assert proposal.signed_on == datetime.date(2024, 6, 1)
    assert timezone.localdate(event.occurred_at) == datetime.date(2024, 6, 1)


def test_the_whole_path_writes_one_event_per_step(staff):
    proposal = ready_for("offer")
    path = ["offer", "explore", "sign_loi", "seek_approvals", "sign", "activate",
            "mark_dormant", "revive", "end"]  # fmt: skip
    for verb in path:
        proposal.refresh_from_db()
        meet_requirements(proposal, services.TRANSITIONS[verb])
        # The steps before the signing happened before the agreement's date, which dates it.
        before_signing = path.index(verb) < path.index("sign")
        take(verb, proposal, staff, when=OFFER_DAY if before_signing else None)

    events = list(proposal.events.order_by("pk"))
    assert [e.to_status for e in events] == [services.TRANSITIONS[v].target for v in path]
    assert all(e.actor == staff and e.occurred_at for e in events)
    assert Proposal.objects.get(pk=proposal.pk).status == S.ENDED


def test_the_status_cannot_be_saved_around_the_services():
    proposal = proposal_in(S.OFFERED)
    with pytest.raises(AttributeError):
        proposal.status = S.ACTIVE


def test_history_records_who_took_a_step(staff):
    proposal = ready_for("explore")
    take("explore", proposal, staff)
    latest = Proposal.objects.get(pk=proposal.pk).history.first()
    assert (latest.status, latest.history_user) == (S.EXPLORING, staff)


def test_agreement_dated_before_the_offer_is_refused(staff):
    proposal = ready_for("sign")
    proposal.documents.filter(kind="agreement").update(dated=datetime.date(2022, 1, 1))

    with pytest.raises(services.TransitionRefused) as refusal:
        take("sign", proposal, staff)

    assert refusal.value.problems == ["Signed agreement: dated Jan. 1, 2022, before the offer"]
