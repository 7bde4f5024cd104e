"""What an outside review of the running portal found answering 500, leaking markup or doing what
it was not asked: each finding, as it was sent."""

import csv
import io
import json
import uuid

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from partnerships import discussion
from partnerships.models import Comment
from tests.concurrency import race
from tests.factories import (
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    LiaisonFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
LIVE_LINK = '<a href="javascript:alert(1)" onclick="steal()">see the letter</a>'


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_an_over_long_username_is_a_form_error_and_nothing_is_stored(client, login_url):
    response = client.post(login_url, {"username": "u" * 300, "password": "x"}, **EN)

    assert response.status_code == 200
    assert "A username has at most 150 characters." in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_nul_character_in_a_review_reference_is_a_bad_request(liaison_client):
    assert liaison_client.get("/en/review/KPG%00-2023/").status_code == 400


@pytest.mark.parametrize(
    "query", ["status__exact=%00", "q=%00", "offered_on__year=99999999999999999999"]
)
def test_malformed_admin_list_filters_are_refused_without_a_crash(staff_client, query):
    response = staff_client.get(f"/admin/partnerships/proposal/?{query}")
    assert response.status_code in (302, 400)


def test_a_nul_character_in_a_form_field_is_a_bad_request(liaison, client):
    proposal = ProposalFactory(offered=True, consulate=liaison.consulate)
    client.force_login(liaison.user)
    url = reverse("review:comment", kwargs={"reference": proposal.reference})

    response = client.post(url, {"body": "hello\x00", "form_token": str(uuid.uuid4())}, **EN)

    assert response.status_code == 400
    assert not Comment.objects.exists()


def _admin_views_with_ids():
    proposal = ProposalFactory(offered=True)
    question = CommentFactory(proposal=proposal, is_request=True)
    candidate = CandidateCityFactory()
    commitment = CommitmentFactory()
    event = ProposalEventFactory(proposal=proposal)
    return {
        "step": f"/admin/partnerships/proposal/{proposal.pk}/step/explore/",
        "answer": f"/admin/partnerships/comment/{question.pk}/answer/",
        "decide": f"/admin/partnerships/candidatecity/{candidate.pk}/decide/shortlist/",
        "close": f"/admin/delegations/commitment/{commitment.pk}/close/",
        "history": f"/admin/partnerships/proposal/{proposal.pk}/history/",
        "revert": f"/admin/partnerships/proposalevent/{event.pk}/history/1/",
        "archive": f"/admin/partnerships/proposalevent/{event.pk}/archive/",
        "file": f"/admin/partnerships/document/{proposal.pk}/file/",
    }


@pytest.mark.parametrize("garbage", ["abc", "1.5", "%F0%9F%98%80", "1;DROP"])
def test_the_admins_own_views_answer_404_to_an_id_that_is_not_a_number(staff_client, garbage):
    for name, url in _admin_views_with_ids().items():
        parts = url.split("/")
        parts[4] = garbage  # /admin/<app>/<model>/<id>/...
        response = staff_client.get("/".join(parts))
        assert response.status_code == 404, (name, response.status_code)


@pytest.mark.parametrize("value", ["A~2", "1.5", "99999999999999999999", "-1"])
def test_autocomplete_boxes_show_a_form_whatever_value_they_are_sent(staff_client, value):
    # Found by the fuzz test: the box looked the sent value up to show it, and crashed.
    assert (
        staff_client.get(f"/admin/partnerships/candidatecity/add/?proposal={value}").status_code
        == 200
    )
    refused = staff_client.post("/admin/partnerships/proposalevent/add/",
                                {"proposal": value, "title_ind": "x"}, **EN)  # fmt: skip
    assert refused.status_code == 200
    assert "errornote" in refused.content.decode()
    followers = staff_client.post("/admin/partnerships/proposal/add/", {"followers": [value]}, **EN)
    assert followers.status_code == 200


def test_the_revert_page_answers_404_to_a_version_that_is_not_a_number(staff_client):
    event = ProposalEventFactory()
    url = f"/admin/partnerships/proposalevent/{event.pk}/history/abc/"
    assert staff_client.get(url).status_code == 404


def test_the_feed_carries_notes_as_plain_text(client):
    proposal = ProposalFactory(offered=True)
    ProposalEventFactory(proposal=proposal, title="Letter sent", note=LIVE_LINK, is_public=True)

    feed = client.get("/feeds/updates.atom").content.decode()

    assert 'type="html"' not in feed
    assert '<summary type="text" xml:lang="id">' in feed
    # The note's markup reaches the reader as characters, escaped once, never as elements.
    assert '&lt;a href="javascript:alert(1)"' in feed
    assert "<a href" not in feed


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised(client, formula):
    ProposalFactory(offered=True, title=formula, title_en=formula, reference="KPG-2023-900")
    VisitFactory(title=formula, host=formula)

    for dataset in ("proposals", "visits"):
        text = client.get(f"/en/open-data/{dataset}.csv").getvalue().decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows[0]["title_ind"] == "'" + formula
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (dataset, value)
    # The JSON export carries the title exactly as written.
    data = json.loads(client.get("/en/open-data/proposals.json").getvalue())
    assert data["proposals"][0]["title_ind"] == formula


def test_control_characters_pasted_into_public_texts_break_no_feed_export_or_page(client):
    # (No NUL: PostgreSQL stores none, and forms refuse it.)
    pasted = "Tokyo\x0bnamed\x0cthree\x1bcities\x7f"
    proposal = ProposalFactory(offered=True, slug="pasted", title=pasted, summary=pasted)
    ProposalEventFactory(proposal=proposal, title=pasted, note=pasted, is_public=True)
    visit = VisitFactory(slug="pasted-visit", title=pasted, place=pasted, purpose=pasted)

    feed = client.get("/feeds/updates.atom")
    assert feed.status_code == 200
    assert "Tokyonamedthreecities" in feed.content.decode()
    for url in ("/visits.ics", "/sitemap.xml", "/en/open-data/proposals.csv",
                "/en/open-data/visits.json", "/en/proposals/pasted/", f"/en/visits/{visit.slug}/",
                "/en/", "/en/proposals/"):  # fmt: skip
        assert client.get(url).status_code == 200, url


def test_the_open_data_page_says_how_csv_cells_are_neutralised(client):
    page = client.get("/en/open-data/").content.decode()
    assert "gets an apostrophe in front" in page


def test_ical_text_cannot_break_out_of_its_property(client):
    VisitFactory(title="Visit\r\nBEGIN:VEVENT\r\nSUMMARY:forged; a,b", place="Hall; room 1, west")

    ics = client.get("/visits.ics").getvalue()
    calendar = Calendar.from_ical(ics)

    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Visit\nBEGIN:VEVENT\nSUMMARY:forged; a,b"
    assert str(events[0]["location"]) == "Hall; room 1, west"


READ_ONLY = ["/feeds/updates.atom", "/visits.ics", "/sitemap.xml", "/sitemap-proposals.xml",
             "/en/open-data/proposals.csv",
             "/en/open-data/visits.json"]  # fmt: skip


@pytest.mark.parametrize("method", ["put", "delete", "patch", "post", "PROPFIND"])
@pytest.mark.parametrize("url", READ_ONLY)
def test_feeds_calendar_sitemap_and_exports_refuse_methods_other_than_reading(client, url, method):
    response = client.generic(method.upper(), url)
    assert response.status_code == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "POST", "PROPFIND"])
def test_document_downloads_refuse_methods_other_than_reading(client, method):
    from tests.factories import DocumentFactory

    document = DocumentFactory(is_public=True)
    url = reverse("partnerships:document_download", kwargs={"pk": document.pk})
    assert client.get(url, **EN).status_code == 200
    assert client.generic(method, url).status_code == 405


def test_a_comment_form_sent_twice_at_the_same_instant_posts_once(on_postgresql, reference_data):
    liaison = LiaisonFactory()
    proposal = ProposalFactory(offered=True, consulate=liaison.consulate)
    token = uuid.uuid4()

    def post():
        return discussion.comment_post(
            proposal=proposal,
            by=liaison.user,
            body="Tokyo suggests three cities.",
            form_token=token,
        )

    outcomes = race(post, post)

    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sorted(created for _comment, created in outcomes) == [False, True]
    assert Comment.objects.filter(proposal=proposal).count() == 1
    assert len(mail.outbox) <= 1


@pytest.mark.django_db
def test_an_empty_to_field_in_the_admin_is_refused_not_a_crash(client):
    from tests.factories import LiaisonFactory, StaffUserFactory

    client.force_login(StaffUserFactory())
    liaison = LiaisonFactory()
    url = f"/admin/partnerships/liaison/{liaison.pk}/change/"
    assert client.get(url, {"_to_field": ""}).status_code == 400
    assert client.post(url, {"_to_field": ""}).status_code == 400
    assert client.get(url).status_code == 200
