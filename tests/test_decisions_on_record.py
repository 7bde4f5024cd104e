"""Candidate decisions on the record: each is dated like a step, confirmed on a page that says
what becomes public and who is told, mailed, undone by a decision of its own, and gone from
the public pages once the proposal came to nothing. Real proposals are offered real cities."""

import datetime
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships import candidates, services
from partnerships.models import CandidateCity, ProposalEvent
from tests.factories import (
    CandidateCityFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    StaffUserFactory,
)
from tests.html_forms import form_on_page

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
C = CandidateCity.State
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def on(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def proposal():
    return ProposalFactory(exploring=True, reference="KPG-2023-001", title="Kupang offer")


def admin_decision(candidate, verb):
    return reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, verb])


def review_decision(candidate, verb):
    return reverse("review:decide", args=[candidate.proposal.reference, candidate.pk, verb])


def test_history_entered_late_keeps_its_order_on_the_public_timeline(client, proposal):
    """Kupang's 2023 history digitised in 2026: the city was selected on 1 April 2023, before
    the letter of intent of 15 April, though the selection is entered after both steps."""
    ProposalEventFactory(proposal=proposal, occurred_at=on(datetime.date(2023, 3, 20)),
                         from_status="offered", to_status="exploring")  # fmt: skip
    ProposalEventFactory(proposal=proposal, occurred_at=on(datetime.date(2023, 4, 15)),
                         title="Letter of intent signed")  # fmt: skip
    candidate = CandidateCityFactory(proposal=proposal, state=C.SHORTLISTED, city__name="Takayama")
    client.force_login(StaffUserFactory())
    url = admin_decision(candidate, "select")

    client.post(url, {**form_on_page(client, url, "decision-form"), "occurred_on": "2023-04-01"})

    event = ProposalEvent.objects.get(title_en="Partner city selected: Takayama")
    assert timezone.localdate(event.occurred_at) == datetime.date(2023, 4, 1)
    page = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    timeline = page[page.index('<ol class="timeline">') :]
    assert timeline.index("Partner city selected") < timeline.index("Letter of intent signed")


@pytest.mark.parametrize(
    "day,said",
    [
        (timezone.localdate() + datetime.timedelta(days=1), "The date cannot be in the future."),
        (datetime.date(2023, 3, 6), "The date cannot be before the offer (March 7, 2023)."),
    ],
)
def test_a_decision_dated_out_of_bounds_is_refused_and_kept_on_the_page(client, proposal, day,
                                                                         said):  # fmt: skip
    candidate = CandidateCityFactory(proposal=proposal)
    client.force_login(StaffUserFactory())
    url = admin_decision(candidate, "shortlist")

    response = client.post(
        url, {**form_on_page(client, url, "decision-form"), "occurred_on": day.isoformat()}, **EN
    )

    page = response.content.decode()
    assert said in page and f'value="{day.isoformat()}"' in page
    assert CandidateCity.objects.get(pk=candidate.pk).state == C.SUGGESTED
    assert not ProposalEvent.objects.filter(proposal=proposal).exists()


def test_a_liaisons_shortlist_is_confirmed_first_then_mailed_to_staff(
    client, proposal, django_capture_on_commit_callbacks
):
    StaffUserFactory(email="staff@example.org")
    liaison = LiaisonFactory(consulate=proposal.consulate, user__email="l@example.org").user
    candidate = CandidateCityFactory(proposal=proposal, city__name="Kitakyushu")
    client.force_login(liaison)
    url = review_decision(candidate, "shortlist")

    page = client.get(url, **EN).content.decode()
    assert "named on the proposal&#x27;s public page" in page
    assert "are mailed the decision" in page
    assert CandidateCity.objects.get(pk=candidate.pk).state == C.SUGGESTED  # nothing yet

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_on_page(client, url, "decision-form"))

    assert response.status_code == 302 and urlsplit(response["Location"]).fragment == ""
    assert CandidateCity.objects.get(pk=candidate.pk).state == C.SHORTLISTED
    to_staff = [m for m in mail.outbox if m.to == ["staff@example.org"]]
    (shortlisted,) = to_staff
    assert shortlisted.subject.startswith("[KPG-2023-001]") and "Kitakyushu" in shortlisted.subject
    public = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    assert 'id="candidates-heading"' in public and "Kitakyushu" in public

    # Tokyo declines the offer: the city is no longer named as Kupang's candidate.
    services.proposal_decline(proposal=proposal, by=liaison, reason="Tokyo found no fit.")
    public = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    assert 'id="candidates-heading"' not in public
    assert f'href="/en/cities/{candidate.city.slug}/"' not in public


def test_setting_aside_is_mailed_to_staff_but_stays_off_the_public_timeline(
    proposal, django_capture_on_commit_callbacks
):
    StaffUserFactory(email="staff@example.org")
    liaison = LiaisonFactory(consulate=proposal.consulate).user
    candidate = CandidateCityFactory(proposal=proposal, state=C.SHORTLISTED, city__name="Oita")

    with django_capture_on_commit_callbacks(execute=True):
        event = candidates.candidate_set_aside(candidate=candidate, by=liaison)

    assert not event.is_public
    print([(m.to, m.subject) for m in mail.outbox])
    assert any(m.to == ["staff@example.org"] and "Oita" in m.subject for m in mail.outbox)


def test_a_decision_taken_by_mistake_is_undone_with_an_event_of_its_own(client, proposal):
    candidate = CandidateCityFactory(proposal=proposal, city__name="Kitakyushu")
    staff = StaffUserFactory()
    shortlisted = candidates.candidate_shortlist(candidate=candidate, by=staff)
    client.force_login(staff)
    url = admin_decision(candidate, "undo")

    client.post(url, form_on_page(client, url, "decision-form"))

    assert CandidateCity.objects.get(pk=candidate.pk).state == C.SUGGESTED
    undone = ProposalEvent.objects.exclude(pk=shortlisted.pk).get(proposal=proposal)
    assert undone.title_en == "Decision on Kitakyushu undone"  # nothing internal said
    assert undone.is_public  # it corrects what the public was told
    public = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    assert 'id="candidates-heading"' not in public


def test_undoing_an_internal_decision_stays_internal(proposal):
    candidate = CandidateCityFactory(proposal=proposal, state=C.SET_ASIDE)
    event = candidates.candidate_decide(verb="undo", candidate=candidate, by=StaffUserFactory())
    assert not event.is_public


@pytest.mark.parametrize("ending", ["declined", "withdrawn"])
def test_a_proposal_that_came_to_nothing_names_no_candidate_city(client, ending):
    proposal = ProposalFactory(**{ending: True})
    CandidateCityFactory(proposal=proposal, state=C.SHORTLISTED, city__name="Nagasaki")

    page = client.get(f"/en/proposals/{proposal.slug}/").content.decode()

    assert proposal.title in page and "Nagasaki" not in page
    assert not CandidateCity.objects.public().exists()


def test_fictional_sample_cities_are_offered_only_to_the_samples(client, proposal):
    real = PartnerCityFactory(name="Kitakyushu")
    made_up = PartnerCityFactory(name="Minato-Yume", is_sample=True)
    client.force_login(StaffUserFactory())

    page = client.get(reverse("review:proposal", args=[proposal.reference])).content.decode()

    assert ">Kitakyushu" in page and "Minato-Yume" not in page
    with pytest.raises(candidates.CandidateRefused) as refusal:
        candidates.candidate_suggest(proposal=proposal, by=None, city=made_up, rationale="x")
    assert refusal.value.problems == [
        "A fictional sample city cannot be a candidate of a real proposal."
    ]
    sample = ProposalFactory(exploring=True, is_sample=True, consulate=proposal.consulate)
    assert candidates.candidate_suggest(proposal=sample, by=None, city=made_up)[1]
    assert real.pk  # the real city stays a choice for both


def test_an_answer_given_earlier_by_letter_keeps_its_day(client, proposal):
    from tests.factories import CommentFactory

    asked = timezone.now() - datetime.timedelta(days=20)
    question = CommentFactory(proposal=proposal, is_request=True, created_at=asked)
    client.force_login(StaffUserFactory())
    url = reverse("admin:partnerships_comment_answer", args=[question.pk])
    day = timezone.localdate() - datetime.timedelta(days=10)

    client.post(url, {**form_on_page(client, url, "answer-form"), "body": "Sent by letter.",
                      "answered_on": day.isoformat()})  # fmt: skip

    question.refresh_from_db()
    assert timezone.localdate(question.answered_at) == day


@pytest.mark.parametrize("days_ago,said", [
    (-1, "The date cannot be in the future."),
    (30, "The date cannot be before the request was asked"),
])  # fmt: skip
def test_an_answer_dated_out_of_bounds_is_refused(proposal, days_ago, said):
    from partnerships import discussion
    from tests.factories import CommentFactory

    question = CommentFactory(proposal=proposal, is_request=True,
                              created_at=timezone.now() - datetime.timedelta(days=20))  # fmt: skip
    day = timezone.localdate() - datetime.timedelta(days=days_ago)

    with pytest.raises(discussion.DiscussionRefused) as refusal:
        discussion.request_answer(request=question, by=StaffUserFactory(), body="An answer.",
                                  answered_on=day)  # fmt: skip

    assert refusal.value.problems[0].startswith(said)
    question.refresh_from_db()
    assert question.answered_at is None


def test_an_undo_cannot_be_dated_before_the_decision_it_undoes(proposal):
    candidate = CandidateCityFactory(proposal=proposal, city__name="Kitakyushu")
    staff = StaffUserFactory()
    candidates.candidate_shortlist(candidate=candidate, by=staff,
                                   when=on(datetime.date(2023, 6, 15)))  # fmt: skip

    with pytest.raises(candidates.CandidateRefused) as refusal:
        candidates.candidate_decide(verb="undo", candidate=candidate, by=staff,
                                    when=on(datetime.date(2023, 4, 1)))  # fmt: skip

    assert refusal.value.problems == [
        "The date cannot be before the last decision on Kitakyushu (June 15, 2023)."
    ]
    assert CandidateCity.objects.get(pk=candidate.pk).state == C.SHORTLISTED


def test_a_step_page_that_cannot_follow_the_status_offers_no_form(client):
    proposal = ProposalFactory(active=True)
    client.force_login(StaffUserFactory())

    page = client.get(
        reverse("admin:partnerships_proposal_step", args=[proposal.pk, "sign"]), **EN
    ).content.decode()

    assert "Not possible from “Active”." in page and 'id="step-form"' not in page
