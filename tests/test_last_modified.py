"""A proposal's page says when what it shows last changed (Last-Modified), and the sitemap's
<lastmod> says the same: a crawler asking "changed since?" is answered 304 from the page cache
without a query, and is answered the page again after any change the page shows.

Every change so far is dated PAST (`dated`); a change committed in a test is dated now."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date, parse_http_date

from core import change_dates
from core.content_version import SHARED, record_tag
from core.models import RecordChange
from partnerships.models import Proposal

from .factories import ProposalEventFactory, ProposalFactory
from .html_forms import form_on_page
from .test_page_cache import EN, a_story, save_in_admin

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

WASTE = "/en/proposals/waste/"
PAST = datetime.datetime(2025, 1, 6, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def story(db):
    return a_story()


@pytest.fixture
def other(story):
    return ProposalFactory(offered=True, slug="flood-drills", title_en="Flood drills")


@pytest.fixture
def dated(story, other):
    # The story is committed, as if made by earlier requests (its callbacks run), then every
    # change so far is dated PAST.
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()
    RecordChange.objects.all().delete()
    for tag in (SHARED, change_dates.RELEASE_TAG):
        RecordChange.objects.create(tag=tag, changed_at=PAST)


@pytest.fixture(autouse=True)
def days_ago(monkeypatch):
    """Today began long ago: a page's date is not floored at the day the test runs."""
    monkeypatch.setattr(change_dates, "day_began", lambda: PAST - datetime.timedelta(days=30))


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the callbacks of what is done inside, as its commit would: versions move and the
    change is dated."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def since(date):
    return {"HTTP_IF_MODIFIED_SINCE": http_date(date.timestamp()), **EN}


def test_a_proposal_page_says_when_what_it_shows_last_changed(visitor, dated):
    assert visitor.get(WASTE, **EN)["Last-Modified"] == http_date(PAST.timestamp())


def test_a_crawler_asking_since_that_date_is_answered_304_without_a_query(
    visitor, dated, django_assert_num_queries
):
    visitor.get(WASTE, **EN)
    with django_assert_num_queries(0):
        assert visitor.get(WASTE, **since(PAST)).status_code == 304
    assert visitor.get(WASTE, **since(PAST - datetime.timedelta(days=1))).status_code == 200


def test_a_change_to_the_proposal_is_dated_and_its_page_answered_again(
    visitor, dated, story, committed
):
    visitor.get(WASTE, **EN)
    with committed():
        ProposalEventFactory(proposal=story["proposal"], title_en="Council approval given")

    page = visitor.get(WASTE, **since(PAST))

    assert page.status_code == 200
    assert "Council approval given" in page.content.decode()
    assert parse_http_date(page["Last-Modified"]) > PAST.timestamp()
    again = {"HTTP_IF_MODIFIED_SINCE": page["Last-Modified"], **EN}
    assert visitor.get(WASTE, **again).status_code == 304


def test_a_change_to_another_proposal_leaves_the_date(visitor, dated, other, committed):
    visitor.get(WASTE, **EN)
    with committed():
        ProposalEventFactory(proposal=other, title_en="Drill scheduled")

    assert visitor.get(WASTE, **since(PAST)).status_code == 304
    assert visitor.get("/en/proposals/flood-drills/", **since(PAST)).status_code == 200


def test_a_change_to_its_city_dates_the_page_again(visitor, staff_client, dated, story, committed):
    visitor.get(WASTE, **EN)
    with committed():
        save_in_admin(staff_client, story["city"], name_en="Kitakyushu City")

    page = visitor.get(WASTE, **since(PAST))
    assert page.status_code == 200
    assert "Kitakyushu City" in page.content.decode()


def test_an_internal_comment_dates_nothing(visitor, liaison_client, liaison, dated, committed):
    Proposal.objects.filter(slug="waste").update(consulate=liaison.consulate)
    reference = Proposal.objects.get(slug="waste").reference
    url = reverse("review:proposal", args=[reference])
    data = {**form_on_page(liaison_client, url, "comment-form", **EN), "body": "Internal only."}
    with committed():
        response = liaison_client.post(reverse("review:comment", args=[reference]), data, **EN)
    assert response.status_code == 302

    dated_tags = set(RecordChange.objects.values_list("tag", flat=True))
    assert dated_tags == {SHARED, change_dates.RELEASE_TAG}
    assert visitor.get(WASTE, **since(PAST)).status_code == 304


LISTED = re.compile(r"<loc>http://testserver/en/proposals/([^/]+)/</loc>\s*<lastmod>([^<]+)<")


def test_the_sitemap_gives_each_proposal_its_pages_date(visitor, dated, other, committed):
    with committed():
        ProposalEventFactory(proposal=other, title_en="Drill scheduled")

    sitemap = visitor.get("/sitemap-proposals.xml").content.decode()
    listed = {slug: datetime.datetime.fromisoformat(at) for slug, at in LISTED.findall(sitemap)}

    assert set(listed) == {"waste", "flood-drills"}
    for slug, lastmod in listed.items():
        page_date = parse_http_date(visitor.get(f"/en/proposals/{slug}/", **EN)["Last-Modified"])
        assert lastmod.timestamp() == page_date, slug
    assert listed["flood-drills"] > listed["waste"] == PAST
    index = visitor.get("/sitemap.xml").content.decode()
    section = re.search(r"sitemap-proposals.xml</loc>\s*<lastmod>([^<]+)<", index)
    assert datetime.datetime.fromisoformat(section.group(1)) == listed["flood-drills"]


def test_a_sitemaps_own_date_is_not_trusted_for_a_304(visitor, dated):
    # Unpublishing a proposal takes it out of the sitemap and moves no other <lastmod>: only a
    # changed ETag tells a crawler.
    first = visitor.get("/sitemap-proposals.xml")
    assert first["Last-Modified"] == http_date(PAST.timestamp())  # Django's, from <lastmod>
    ask = {"HTTP_IF_MODIFIED_SINCE": first["Last-Modified"]}
    assert visitor.get("/sitemap-proposals.xml", **ask).status_code == 200


def test_the_date_is_given_without_the_page_cache(visitor, dated, settings):
    settings.PORTAL_PAGE_CACHE = False
    assert visitor.get(WASTE, **EN)["Last-Modified"] == http_date(PAST.timestamp())


def test_two_changes_within_a_second_give_two_dates(dated, story):
    tag = record_tag(Proposal, story["proposal"].pk)
    change_dates.record([tag])
    first = RecordChange.objects.get(tag=tag).changed_at
    change_dates.record([tag])
    assert RecordChange.objects.get(tag=tag).changed_at > first


def test_a_host_whose_clock_is_behind_never_dates_a_change_earlier(dated, story, monkeypatch):
    tag = record_tag(Proposal, story["proposal"].pk)
    ahead = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    RecordChange.objects.create(tag=tag, changed_at=ahead)
    change_dates.record([tag])
    assert RecordChange.objects.get(tag=tag).changed_at > ahead


def test_a_change_that_could_not_be_dated_gives_no_date_until_one_is(
    visitor, dated, story, other, committed, monkeypatch
):
    visitor.get(WASTE, **EN)

    def broken(*args, **kwargs):
        raise RuntimeError("the database refused")

    with monkeypatch.context() as patched:
        patched.setattr(RecordChange.objects, "bulk_create", broken)
        with committed():
            ProposalEventFactory(proposal=story["proposal"], title_en="Council consulted")
    page = visitor.get(WASTE, **since(PAST))
    assert page.status_code == 200 and "Last-Modified" not in page
    assert "Council consulted" in page.content.decode()

    with committed():
        ProposalEventFactory(proposal=other, title_en="Elsewhere")
    cache.clear()  # as when the copy kept undated has expired
    dated_again = visitor.get(WASTE, **EN)
    assert parse_http_date(dated_again["Last-Modified"]) > PAST.timestamp()  # shared dated too


def test_a_page_may_change_with_the_day_and_is_dated_so(visitor, dated, monkeypatch):
    later = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    monkeypatch.setattr(change_dates, "day_began", lambda: later)
    assert visitor.get(WASTE, **EN)["Last-Modified"] == http_date(later.timestamp())


def test_a_new_release_dates_every_page_when_first_served(visitor, dated, monkeypatch):
    monkeypatch.setattr(change_dates, "RELEASE_TAG", "release:a-template-fix")
    assert parse_http_date(visitor.get(WASTE, **EN)["Last-Modified"]) > PAST.timestamp()
