"""Candidate decisions go through one service: who may take which, from which states, on which
proposals; each writes one timeline event, every decision is mailed, a refusal changes
nothing."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse

from partnerships import candidates
from partnerships.models import CandidateCity, ProposalEvent
from tests.factories import (
    CandidateCityFactory,
    LiaisonFactory,
    ProfileFactory,
    ProposalFactory,
    StaffUserFactory,
)
from tests.html_forms import form_on_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
C = CandidateCity.State


@pytest.fixture
def people():
    proposal = ProposalFactory(exploring=True, reference="KPG-2023-001")
    return {
        "proposal": proposal,
        "staff": StaffUserFactory(email="staff@example.org"),
        "liaison": LiaisonFactory(consulate=proposal.consulate, user__email="l@example.org").user,
        "other liaison": LiaisonFactory().user,
    }


def state_of(candidate):
    return CandidateCity.objects.get(pk=candidate.pk).state


DECISION_CASES = [
    # verb, role, from state, allowed
    ("shortlist", "staff", C.SUGGESTED, True),
    ("shortlist", "liaison", C.SUGGESTED, True),
    ("shortlist", "liaison", C.SET_ASIDE, True),
    ("shortlist", "other liaison", C.SUGGESTED, False),
    ("set_aside", "liaison", C.SHORTLISTED, True),
    ("set_aside", "staff", C.SELECTED, True),
    ("set_aside", "liaison", C.SELECTED, False),
    ("select", "staff", C.SHORTLISTED, True),
    ("select", "staff", C.SUGGESTED, True),
    ("select", "liaison", C.SHORTLISTED, False),
    ("select", "staff", C.SET_ASIDE, False),
    ("shortlist", "staff", C.SHORTLISTED, False),
]


@pytest.mark.parametrize("verb,role,source,allowed", DECISION_CASES)
def test_decision_by_role_and_state(people, verb, role, source, allowed):
    candidate = CandidateCityFactory(proposal=people["proposal"], state=source)
    decision = candidates.DECISIONS[verb]

    if allowed:
        event = candidates.candidate_decide(verb=verb, candidate=candidate, by=people[role])
        assert state_of(candidate) == decision.target
        assert (event.actor, event.is_public, event.to_status) == (
            people[role], decision.public, "",
        )  # fmt: skip
        assert candidate.city.name in event.title_en
    else:
        with pytest.raises(candidates.CandidateRefused):
            candidates.candidate_decide(verb=verb, candidate=candidate, by=people[role])
        assert state_of(candidate) == source
        assert not ProposalEvent.objects.exists()


def test_a_liaison_is_told_the_selected_city_is_the_citys_choice(people):
    candidate = CandidateCityFactory(proposal=people["proposal"], state=C.SELECTED)
    with pytest.raises(candidates.CandidateRefused) as refusal:
        candidates.candidate_set_aside(candidate=candidate, by=people["liaison"])
    assert refusal.value.problems == [
        "The selected city is the city's choice: only its staff may change it."
    ]


def test_a_second_city_cannot_be_selected_while_one_is(people):
    first = CandidateCityFactory(proposal=people["proposal"], state=C.SELECTED)
    second = CandidateCityFactory(proposal=people["proposal"], state=C.SHORTLISTED)
    with pytest.raises(candidates.CandidateRefused) as refusal:
        candidates.candidate_select(candidate=second, by=people["staff"])
    assert refusal.value.problems == [f"{first.city.name} is already selected: set it aside first."]
    assert state_of(second) == C.SHORTLISTED


@pytest.mark.parametrize("status", ["draft", "loi_signed", "declined", "withdrawn", "active"])
@pytest.mark.parametrize("verb", ["shortlist", "set_aside", "select"])
def test_nothing_changes_on_a_proposal_past_exploration(people, status, verb):
    proposal = ProposalFactory(**({status: True} if status != "draft" else {}))
    candidate = CandidateCityFactory(proposal=proposal, state=C.SUGGESTED)
    with pytest.raises(candidates.CandidateRefused) as refusal:
        candidates.candidate_decide(verb=verb, candidate=candidate, by=people["staff"])
    assert (
        "Candidate cities change only while the proposal is offered or explored"
        in (refusal.value.problems[0])
    )
    assert state_of(candidate) == C.SUGGESTED


def test_liaison_cannot_shortlist_on_a_declined_proposal_from_the_review_page(client, people):
    proposal = ProposalFactory(declined=True, consulate=people["proposal"].consulate)
    candidate = CandidateCityFactory(proposal=proposal)
    client.force_login(people["liaison"])

    url = reverse("review:decide", args=[proposal.reference, candidate.pk, "shortlist"])
    response = client.post(url, follow=True)

    assert state_of(candidate) == C.SUGGESTED
    assert "Candidate cities change only while" in response.content.decode()
    public = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    assert candidate.city.name not in public


def test_selecting_a_city_is_a_public_event_mailed_to_liaisons_and_followers(
    people, django_capture_on_commit_callbacks
):
    proposal = people["proposal"]
    proposal.followers.add(people["staff"])
    ProfileFactory(user=people["staff"], language="en")
    candidate = CandidateCityFactory(
        proposal=proposal, state=C.SHORTLISTED, city__name="Kitakyushu"
    )

    with django_capture_on_commit_callbacks(execute=True):
        event = candidates.candidate_select(candidate=candidate, by=people["staff"])

    assert event.is_public and event.title_en == "Partner city selected: Kitakyushu"
    assert sorted(m.to[0] for m in mail.outbox) == ["l@example.org", "staff@example.org"]
    to_staff = next(m for m in mail.outbox if m.to == ["staff@example.org"])
    assert to_staff.subject == "[KPG-2023-001] Partner city selected: Kitakyushu"


def test_staff_select_through_the_admin_confirmation_page(client, people):
    candidate = CandidateCityFactory(proposal=people["proposal"], state=C.SHORTLISTED)
    client.force_login(people["staff"])
    url = reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, "select"])

    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The decision is published on the proposal&#x27;s public timeline" in page
    assert state_of(candidate) == C.SHORTLISTED  # opening the page decides nothing

    response = client.post(url, form_on_page(client, url, "decision-form"))
    assert response.status_code == 302
    # To the top of the proposal's page, where the message is, not down to the rows.
    assert urlsplit(response["Location"]).fragment == ""
    assert state_of(candidate) == C.SELECTED


def test_a_refused_decision_page_says_why(client, people):
    candidate = CandidateCityFactory(proposal=people["proposal"], state=C.SET_ASIDE)
    client.force_login(people["staff"])
    url = reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, "select"])
    response = client.post(url, form_on_page(client, url, "decision-form"),
                           HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 200
    assert "it cannot be decided that way now" in response.content.decode()
    assert state_of(candidate) == C.SET_ASIDE


def test_liaisons_never_reach_the_admin_decision_page(client, people):
    candidate = CandidateCityFactory(proposal=people["proposal"])
    client.force_login(people["liaison"])
    url = reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, "select"])
    assert client.post(url)["Location"].startswith(reverse("admin:login"))
    assert state_of(candidate) == C.SUGGESTED


def test_the_review_page_offers_each_role_only_its_decisions(client, people):
    candidate = CandidateCityFactory(proposal=people["proposal"], state=C.SHORTLISTED)
    select = reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, "select"])
    review = reverse("review:proposal", args=[people["proposal"].reference])

    client.force_login(people["liaison"])
    liaison_page = client.get(review).content.decode()
    client.force_login(people["staff"])
    staff_page = client.get(review).content.decode()

    set_aside = reverse("review:decide", args=["KPG-2023-001", candidate.pk, "set_aside"])
    assert set_aside in liaison_page and select not in liaison_page
    assert set_aside in staff_page and select in staff_page
