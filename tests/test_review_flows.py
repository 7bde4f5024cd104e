"""What liaisons and staff do in the review workspace, and who is told about it."""

import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from partnerships.models import CandidateCity, Comment, Proposal
from tests.factories import (
    CommentFactory,
    LiaisonFactory,
    PartnerCityFactory,
    ProfileFactory,
    ProposalEventFactory,
    ProposalFactory,
    StaffUserFactory,
)
from tests.html_forms import form_on_page

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def people():
    liaison = LiaisonFactory(user__email="liaison@consulate.example", user__first_name="Aiko")
    ProfileFactory(user=liaison.user, language="ja")
    staff = StaffUserFactory(email="staff@kupangkota.example", first_name="Yohanes")
    ProfileFactory(user=staff, language="id")
    proposal = ProposalFactory(offered=True, reference="KPG-2023-001", consulate=liaison.consulate)
    return {"liaison": liaison.user, "staff": staff, "proposal": proposal}


def url(name, proposal, *args):
    return f"/en{reverse(f'review:{name}', args=[proposal.reference, *args])[3:]}"


def token():
    return str(uuid.uuid4())


def mails_to(address):
    return [m for m in mail.outbox if address in m.to]


def test_liaison_asks_for_information_and_staff_are_told_in_their_language(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["liaison"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("comment", people["proposal"]), {
            "body": "Which Japanese cities has Tokyo suggested?", "is_request": "on",
            "form_token": token(),
        })  # fmt: skip

    assert response.status_code == 302
    question = Comment.objects.get()
    assert question.is_request and question.answered_at is None
    (notice,) = mails_to("staff@kupangkota.example")
    assert notice.subject == "[KPG-2023-001] Permintaan informasi"
    assert "Which Japanese cities" in notice.body
    assert "/id/review/KPG-2023-001/" in notice.body
    assert mails_to("liaison@consulate.example") == []  # the author is not told of their own


def test_staff_answer_closes_the_request_and_the_liaison_is_told_in_japanese(
    client, people, django_capture_on_commit_callbacks
):
    question = CommentFactory(proposal=people["proposal"], author=people["liaison"],
                              is_request=True)  # fmt: skip
    client.force_login(people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("answer", people["proposal"], question.pk),
                    {"body": "Kitakyushu and Sendai.", "form_token": token()})  # fmt: skip

    question.refresh_from_db()
    assert question.answered_at is not None
    assert question.answers.get().body == "Kitakyushu and Sendai."
    (notice,) = mails_to("liaison@consulate.example")
    assert notice.subject == "[KPG-2023-001] 質問への回答がありました"
    assert "/ja/review/KPG-2023-001/" in notice.body


def test_staff_see_open_requests_on_the_admin_index_and_answer_there(client, people):
    question = CommentFactory(proposal=people["proposal"], author=people["liaison"],
                              is_request=True, body="When will Tokyo answer?")  # fmt: skip
    client.force_login(people["staff"])

    index = client.get(reverse("admin:index"), **EN).content.decode()
    assert "When will Tokyo answer?" in index
    answer_url = reverse("admin:partnerships_comment_answer", args=[question.pk])
    assert answer_url in index

    response = client.post(answer_url, {"body": "Next month.", "form_token": token()})
    assert response.status_code == 302
    assert Comment.objects.open_requests().count() == 0
    assert "When will Tokyo answer?" not in client.get(reverse("admin:index")).content.decode()


def test_a_request_is_answered_once(client, people):
    question = CommentFactory(proposal=people["proposal"], author=people["liaison"],
                              is_request=True)  # fmt: skip
    client.force_login(people["staff"])
    client.post(
        url("answer", people["proposal"], question.pk), {"body": "A", "form_token": token()}
    )
    response = client.post(url("answer", people["proposal"], question.pk),
                           {"body": "B", "form_token": token()}, follow=True)  # fmt: skip
    assert "This request has already been answered." in response.content.decode()
    assert question.answers.count() == 1


def test_the_same_comment_form_sent_twice_adds_one_comment(client, people):
    client.force_login(people["liaison"])
    data = {"body": "Twice?", "form_token": token()}
    client.post(url("comment", people["proposal"]), data)
    client.post(url("comment", people["proposal"]), data)
    assert Comment.objects.count() == 1


def test_an_empty_comment_re_renders_with_a_message_and_keeps_the_rest(client, people):
    client.force_login(people["liaison"])
    response = client.post(url("comment", people["proposal"]),
                           {"body": "", "is_request": "on", "form_token": token()})  # fmt: skip
    assert response.status_code == 400
    form = response.context["comment_form"]
    assert form.errors["body"] and form["is_request"].value() is True
    assert not Comment.objects.exists()


def test_liaison_suggests_a_candidate_and_staff_are_told(
    client, people, django_capture_on_commit_callbacks
):
    kitakyushu = PartnerCityFactory(name="Kitakyushu")
    client.force_login(people["liaison"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("suggest", people["proposal"]),
            {"city": kitakyushu.pk, "rationale": "Waste management with Surabaya."},
        )

    candidate = CandidateCity.objects.get()
    assert (candidate.city, candidate.suggested_by) == (kitakyushu, people["liaison"])
    assert candidate.state == CandidateCity.State.SUGGESTED
    (notice,) = mails_to("staff@kupangkota.example")
    assert "Kitakyushu" in notice.subject and "Waste management" in notice.body


def test_suggesting_the_same_city_twice_adds_nothing(client, people):
    city = PartnerCityFactory()
    client.force_login(people["liaison"])
    client.post(url("suggest_match", people["proposal"], city.pk))
    response = client.post(url("suggest_match", people["proposal"], city.pk), follow=True, **EN)
    assert CandidateCity.objects.count() == 1
    assert "was already a candidate" in response.content.decode()


def test_assistant_suggestion_carries_the_score_and_its_reasons_in_each_readers_language(
    client, people, django_capture_on_commit_callbacks
):
    city = PartnerCityFactory(name="Naha", is_coastal=True, is_island=True, population=318_000)
    client.force_login(people["liaison"])  # reads Japanese
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("suggest_match", people["proposal"], city.pk))

    candidate = CandidateCity.objects.get()
    assert candidate.score is not None and candidate.score > 0
    # Stored as data, not as the suggesting liaison's Japanese sentence.
    coastal = next(f for f in candidate.match_factors if f["name"] == "coastal")
    assert coastal == {"name": "coastal", "points": 10, "maximum": 10, "figures": {"same": True}}
    assert candidate.rationale == ""
    same = {code: _in(code, "same as Kupang") for code in ("id", "en", "ja")}
    assert len(set(same.values())) == 3  # the sentence is translated
    (notice,) = mails_to("staff@kupangkota.example")  # staff read Indonesian
    assert same["id"] in notice.body and same["ja"] not in notice.body
    page = client.get(url("proposal", people["proposal"])).content.decode()
    assert same["en"] in page and same["ja"] not in page
    ja_page = client.get(url("proposal", people["proposal"]).replace("/en/", "/ja/", 1))
    assert same["ja"] in ja_page.content.decode()


def _in(language, text):
    with translation.override(language):
        return translation.gettext(text)


def test_a_city_of_another_country_cannot_be_suggested(client, people):
    darwin = PartnerCityFactory(country="AU")
    client.force_login(people["liaison"])
    response = client.post(url("suggest", people["proposal"]),
                           {"city": darwin.pk, "rationale": "x"})  # fmt: skip
    assert response.status_code == 400
    assert not CandidateCity.objects.exists()


def test_liaison_shortlists_and_sets_aside_suggestions(client, people):
    first = PartnerCityFactory()
    second = PartnerCityFactory()
    client.force_login(people["liaison"])
    client.post(url("suggest_match", people["proposal"], first.pk))
    client.post(url("suggest_match", people["proposal"], second.pk))
    a, b = CandidateCity.objects.order_by("pk")

    for candidate, verb in ((a, "shortlist"), (b, "set_aside")):
        page = url("decide", people["proposal"], candidate.pk, verb)
        client.post(page, form_on_page(client, page, "decision-form"))

    assert list(CandidateCity.objects.order_by("pk").values_list("state", flat=True)) == [
        "shortlisted", "set_aside",
    ]  # fmt: skip


def test_liaison_acknowledges_the_offer_through_the_lifecycle(client, people):
    client.force_login(people["liaison"])
    step_url = url("step", people["proposal"], "explore")
    form = {**form_on_page(client, step_url, "step-form"), "note_en": "Tokyo is consulted."}
    client.post(step_url, form)
    proposal = Proposal.objects.get(pk=people["proposal"].pk)
    assert proposal.status == Proposal.Status.EXPLORING
    event = proposal.events.get()
    assert (event.actor, event.note_en) == (people["liaison"], "Tokyo is consulted.")


def test_declining_without_a_reason_is_refused(client, people):
    client.force_login(people["liaison"])
    step_url = url("step", people["proposal"], "decline")
    response = client.post(step_url, form_on_page(client, step_url, "step-form"), **EN)
    assert response.status_code == 400
    assert Proposal.objects.get(pk=people["proposal"].pk).status == Proposal.Status.OFFERED
    assert "Write it in at least one language" in response.content.decode()


def test_review_page_shows_internal_parts_to_reviewers(client, people):
    ProposalEventFactory(proposal=people["proposal"], title="Internal step", is_public=False)
    CommentFactory(proposal=people["proposal"], body="Internal remark")
    client.force_login(people["liaison"])
    body = client.get(url("proposal", people["proposal"])).content.decode()
    assert "Internal step" in body and "Internal remark" in body
    assert "DPRD decision" in body  # the approvals checklist


def test_status_change_mail_links_liaisons_to_the_review_page(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people["staff"])
    people["proposal"].followers.add(people["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        step_url = url("step", people["proposal"], "explore")
        client.post(step_url, {**form_on_page(client, step_url, "step-form"), "note_ind": "Go"})
    (liaison_mail,) = mails_to("liaison@consulate.example")
    assert "/ja/review/KPG-2023-001/" in liaison_mail.body
    assert "/admin/" not in liaison_mail.body


def test_the_queue_awaits_no_decision_on_a_proposal_past_exploration(client, people):
    from tests.factories import CandidateCityFactory, ProposalFactory

    closed = ProposalFactory(declined=True, consulate=people["proposal"].consulate)
    CandidateCityFactory(proposal=closed)  # a suggestion left over, undecidable now
    client.force_login(people["liaison"])

    response = client.get(reverse("review:queue"))

    awaiting = [p.reference for p in response.context["awaiting"]]
    assert closed.reference not in awaiting
    assert people["proposal"].reference in awaiting  # an offer still awaits acknowledgement
