"""The shared page cache: what anonymous visitors read is answered from the cache, and every kind of
change made through the admin shows on the very next request.

Each test first proves that the page is being served from the cache (no query at all), then makes
the change as staff do it, through the rendered admin form, and reads the page again as a visitor.
"""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import content_version as versions
from core import page_cache, release
from partnerships.models import FocusSector, PartnerCity, Profile, Proposal

from .factories import (
    FocusSectorFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)
from .html_forms import admin_form_data, form_on_page

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def story(db):
    return a_story()


def a_story():
    """A published proposal with its city, sector, a public step and a visit."""
    sector = FocusSectorFactory(name_ind="Kebersihan", name_en="Cleanliness", slug="cleanliness")
    city = PartnerCityFactory(name_ind="Kitakyushu", name_en="Kitakyushu", slug="kitakyushu")
    proposal = ProposalFactory(
        active=True,
        slug="waste",
        title_ind="Bank sampah bersama Kitakyushu",
        title_en="Waste banks with Kitakyushu",
        title_ja="北九州とのごみ銀行",
        partner_city=city,
        sectors=[sector],
    )
    ProposalEventFactory(
        proposal=proposal,
        title_ind="Surat minat ditandatangani",
        title_en="Letter of intent signed",
    )
    visit = VisitFactory(
        slug="courtesy-call",
        title_ind="Kunjungan",
        title_en="Courtesy call",
        place_ind="Balai Kota Kupang",
    )
    visit.proposals.add(proposal)
    return {"proposal": proposal, "city": city, "sector": sector, "visit": visit}


def admin_url(obj, view):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk])


def read_twice(visitor, url, django_assert_num_queries, **headers):
    """The page as a visitor reads it, asserting that a second reading costs no query: it came
    from the cache."""
    first = visitor.get(url, **headers)
    assert first.status_code == 200, (url, first.status_code)
    first_body = b"".join(first.streaming_content) if first.streaming else first.content
    with django_assert_num_queries(0):
        second = visitor.get(url, **headers)
    assert second.status_code == 200
    assert second.content == first_body, url
    return second.content.decode()


def save_in_admin(client, obj, **changes):
    url = admin_url(obj, "change")
    data = {**admin_form_data(client, url, **EN), **changes, "_save": "Save"}
    for name, value in list(data.items()):
        if value is None:
            del data[name]
    response = client.post(url, data, **EN)
    assert response.status_code == 302, (
        response.context_data["adminform"].form.errors,
        [inline.formset.errors for inline in response.context_data["inline_admin_formsets"]],
    )


STORY_PAGES = [
    "/en/",
    "/en/proposals/",
    "/en/proposals/?sector=cleanliness",
    "/en/proposals/waste/",
    "/en/sectors/cleanliness/",
    "/en/cities/kitakyushu/",
    "/en/visits/",
    "/en/visits/courtesy-call/",
    "/en/open-data/",
    "/en/open-data/proposals.csv",
    "/en/open-data/proposals.json",
    "/feeds/updates.atom",
    "/visits.ics",
    "/sitemap.xml",
    "/sitemap-proposals.xml?p=1",
    "/robots.txt",
]


@pytest.mark.parametrize("url", STORY_PAGES)
def test_every_kind_of_public_page_is_answered_from_the_cache(
    visitor, story, url, django_assert_num_queries
):
    read_twice(visitor, url, django_assert_num_queries, **EN)


def test_publishing_shows_at_once(visitor, staff_client, story, django_assert_num_queries):
    ready = ProposalFactory(
        offered=True, slug="flood-drills", title_ind="Latihan banjir", title_en="Flood drills"
    )
    Proposal.objects.filter(pk=ready.pk).update(published=False)  # as if never published
    read_twice(visitor, "/en/proposals/", django_assert_num_queries)
    assert visitor.get("/en/proposals/flood-drills/").status_code == 404

    save_in_admin(staff_client, ready, published="on")

    assert "Flood drills" in visitor.get("/en/proposals/").content.decode()
    assert visitor.get("/en/proposals/flood-drills/").status_code == 200


def test_unpublishing_shows_at_once_everywhere(
    visitor, staff_client, story, django_assert_num_queries
):
    proposal = story["proposal"]
    watched = {
        "/en/proposals/": "Waste banks with Kitakyushu",
        "/en/": "Waste banks with Kitakyushu",
        "/feeds/updates.atom": "Surat minat ditandatangani",
        "/en/open-data/proposals.csv": "Waste banks with Kitakyushu",
        "/sitemap-proposals.xml?p=1": "/en/proposals/waste/",
    }
    for url, text in watched.items():
        assert text in read_twice(visitor, url, django_assert_num_queries, **EN), url
    read_twice(visitor, "/en/proposals/waste/", django_assert_num_queries)

    save_in_admin(staff_client, proposal, published=None)
    assert Proposal.objects.get(pk=proposal.pk).published is False

    assert visitor.get("/en/proposals/waste/").status_code == 404
    for url, text in watched.items():
        response = visitor.get(url, **EN)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert text not in body.decode(), url


def test_archiving_shows_at_once(visitor, staff_client, story, django_assert_num_queries):
    read_twice(visitor, "/en/proposals/waste/", django_assert_num_queries)
    url = admin_url(story["proposal"], "archive")
    data = {**form_on_page(staff_client, url, "archive-form", **EN), "reason": "Entered twice."}
    assert staff_client.post(url, data, **EN).status_code == 302

    assert visitor.get("/en/proposals/waste/").status_code == 404
    assert "Waste banks" not in visitor.get("/en/proposals/").content.decode()


def test_a_new_public_step_shows_at_once(visitor, staff_client, django_assert_num_queries):
    proposal = ProposalFactory(offered=True, slug="flood-drills")
    for url in ("/en/proposals/flood-drills/", "/feeds/updates.atom"):
        read_twice(visitor, url, django_assert_num_queries, **EN)

    step = reverse("admin:partnerships_proposal_step", args=[proposal.pk, "explore"])
    data = {
        **form_on_page(staff_client, step, "step-form", **EN),
        "note_en": "Looking for the right city with Tokyo.",
    }
    response = staff_client.post(step, data, **EN)
    assert response.status_code == 302, response.context["form"].errors

    for url in ("/en/proposals/flood-drills/", "/feeds/updates.atom"):
        assert "Looking for the right city with Tokyo." in visitor.get(url, **EN).content.decode()


def test_renaming_a_city_shows_at_once(visitor, staff_client, story, django_assert_num_queries):
    for url in ("/en/proposals/waste/", "/en/cities/kitakyushu/"):
        assert "Kitakyushu" in read_twice(visitor, url, django_assert_num_queries)

    save_in_admin(staff_client, story["city"], name_en="Kita-Kyushu City")

    for url in ("/en/proposals/waste/", "/en/cities/kitakyushu/"):
        assert "Kita-Kyushu City" in visitor.get(url).content.decode(), url
    assert PartnerCity.objects.get(pk=story["city"].pk).name_en == "Kita-Kyushu City"


def test_renaming_a_sector_shows_at_once(visitor, staff_client, story, django_assert_num_queries):
    for url in ("/en/proposals/", "/en/sectors/cleanliness/", "/en/proposals/waste/"):
        assert "Cleanliness" in read_twice(visitor, url, django_assert_num_queries)

    save_in_admin(staff_client, story["sector"], name_en="Clean streets")

    for url in ("/en/proposals/", "/en/sectors/cleanliness/", "/en/proposals/waste/"):
        assert "Clean streets" in visitor.get(url).content.decode(), url
    assert FocusSector.objects.get(pk=story["sector"].pk).name_en == "Clean streets"


def test_a_translation_edit_shows_in_its_language(
    visitor, staff_client, story, django_assert_num_queries
):
    english = read_twice(visitor, "/en/proposals/waste/", django_assert_num_queries)
    assert "北九州とのごみ銀行" in read_twice(
        visitor, "/ja/proposals/waste/", django_assert_num_queries
    )

    save_in_admin(staff_client, story["proposal"], title_ja="北九州市とのごみ銀行づくり")

    assert "北九州市とのごみ銀行づくり" in visitor.get("/ja/proposals/waste/").content.decode()
    assert visitor.get("/en/proposals/waste/").content.decode() == english


def test_signed_in_pages_are_neither_stored_nor_served_from_the_cache(
    visitor, staff_client, story, django_assert_num_queries
):
    read_twice(visitor, "/en/proposals/", django_assert_num_queries)
    signed_in = staff_client.get("/en/proposals/")
    assert "Sign out" in signed_in.content.decode()
    assert visitor.get("/en/proposals/").content != signed_in.content

    # Nor is what a signed-in person saw kept for the next visitor.
    versions.content_changed()
    staff_client.get("/en/proposals/waste/")
    assert "Sign out" not in visitor.get("/en/proposals/waste/").content.decode()


def changed_quietly(proposal, title="Quietly renamed waste banks"):
    """A change that sends no signal: pages kept in the cache still show the old title, a page
    built afresh shows this one. Tells a cached answer from a fresh one."""
    Proposal.objects.filter(pk=proposal.pk).update(title_en=title)
    return title


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_a_message_reads_fresh_pages(visitor, story, cookie):
    visitor.get("/en/proposals/")
    title = changed_quietly(story["proposal"])
    assert title not in visitor.get("/en/proposals/").content.decode()  # the kept copy
    returning = Client()
    returning.cookies[cookie] = "something"
    assert title in returning.get("/en/proposals/").content.decode()


def test_the_query_and_the_host_are_part_of_the_address(visitor, story, settings):
    settings.ALLOWED_HOSTS = ["testserver", "intranet.example"]
    visitor.get("/en/proposals/")
    visitor.get("/robots.txt", HTTP_HOST="intranet.example")
    title = changed_quietly(story["proposal"])
    assert title in visitor.get("/en/proposals/?status=active").content.decode()
    robots = visitor.get("/robots.txt").content.decode()
    assert "intranet.example" not in robots
    assert "testserver" in robots


@pytest.mark.parametrize(
    "address",
    [
        "/en/proposals/?q=no-such-words",  # searches that find nothing are not kept
        "/en/?q=Waste",  # nor a ?q= on a page that does not search
        "/en/sectors/?q=Waste",
        "/en/proposals/?utm_source=mail",  # nor made-up parameters
        "/en/proposals/?sector=no-such-sector",  # nor lists for filter values that do not exist
    ],
)
def test_addresses_anyone_can_vary_are_not_kept(visitor, story, address):
    visitor.get(address)
    assert queries_for(visitor, address) > 0


def test_a_search_that_finds_something_is_kept_until_a_change(
    visitor, staff_client, story, django_assert_num_queries
):
    assert "Waste banks" in read_twice(visitor, "/en/proposals/?q=Waste", django_assert_num_queries)

    save_in_admin(staff_client, story["proposal"], title_en="Recycling banks with Kitakyushu")

    assert "Recycling banks" in visitor.get("/en/proposals/?q=Kitakyushu").content.decode()
    assert "No proposal matches" in visitor.get("/en/proposals/?q=Waste").content.decode()


def test_a_change_to_a_visit_shows_at_once(visitor, staff_client, story, django_assert_num_queries):
    for url in ("/en/visits/", "/en/visits/courtesy-call/", "/visits.ics"):
        read_twice(visitor, url, django_assert_num_queries, **EN)

    save_in_admin(staff_client, story["visit"], title_ind="Kunjungan kehormatan Konsul Jenderal")

    for url in ("/visits.ics",):
        body = b"".join(visitor.get(url).streaming_content).decode()
        assert "Kunjungan kehormatan Konsul Jenderal" in body.replace("\r\n ", "")
    save_in_admin(staff_client, story["visit"], title_en="Courtesy call by the Consul-General")
    for url in ("/en/visits/", "/en/visits/courtesy-call/"):
        assert "Courtesy call by the Consul-General" in visitor.get(url).content.decode(), url


def test_a_page_built_by_another_release_is_not_served(visitor, story, monkeypatch):
    visitor.get("/en/proposals/waste/")
    title = changed_quietly(story["proposal"])
    assert title not in visitor.get("/en/proposals/waste/").content.decode()
    monkeypatch.setattr(page_cache, "RELEASE", "another-release")
    assert title in visitor.get("/en/proposals/waste/").content.decode()


def test_what_a_view_must_not_share_is_not_kept(rf):
    from django.http import HttpResponse

    def storable(response, **request_attributes):
        request = rf.get("/en/")
        for name, value in request_attributes.items():
            setattr(request, name, value)
        return page_cache._is_storable(request, response)

    assert storable(HttpResponse("page"))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "abc")
    assert not storable(with_cookie)
    private = HttpResponse("page", headers={"Cache-Control": "private"})
    assert not storable(private)
    assert not storable(HttpResponse("page"), _csp_nonce="used-once")
    assert not storable(HttpResponse("missing", status=404))


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_stream_is_kept_only_when_read_to_its_end(visitor, story, django_assert_num_queries):
    url = "/en/open-data/proposals.csv"
    assert visitor.head(url).status_code == 200
    title = changed_quietly(story["proposal"])
    whole = visitor.get(url)
    assert whole.streaming  # built again: the HEAD request read nothing, so nothing was kept
    body = b"".join(whole.streaming_content)
    assert title.encode() in body
    with django_assert_num_queries(0):
        again = visitor.get(url)
    assert again.content == body
    assert again["Content-Type"] == whole["Content-Type"]
    assert again["Content-Disposition"] == whole["Content-Disposition"]


def test_a_download_broken_off_is_not_kept(rf):
    from django.core.cache import cache
    from django.http import StreamingHttpResponse

    def kept_as_streamed(response):
        request, before = rf.get("/en/open-data/proposals.csv"), versions.content_version()
        return page_cache._stored_as_streamed(
            "a-key", request, before, response, response.streaming_content
        )

    response = StreamingHttpResponse(iter([b"first rows\n", b"last rows\n"]))
    stream = kept_as_streamed(response)
    assert next(stream) == b"first rows\n"
    stream.close()  # what the server does when the visitor goes away
    assert cache.get("a-key") is None

    response = StreamingHttpResponse(iter([b"first rows\n", b"last rows\n"]))
    stream = kept_as_streamed(response)
    assert b"".join(stream) == b"first rows\nlast rows\n"
    assert cache.get("a-key")["content"] == b"first rows\nlast rows\n"


def test_a_long_stream_is_sent_without_a_copy(visitor, story, settings, django_assert_num_queries):
    settings.PORTAL_PAGE_CACHE_MAX_BYTES = 10
    url = "/en/open-data/proposals.csv"
    first = b"".join(visitor.get(url).streaming_content)
    second = visitor.get(url)
    assert second.streaming
    assert b"".join(second.streaming_content) == first


def vary(response):
    return {header.strip() for header in response["Vary"].split(",")}


def test_an_unchanged_page_is_answered_not_modified(visitor, story):
    first = visitor.get("/en/proposals/waste/")
    etag = first["ETag"]
    not_modified = visitor.get("/en/proposals/waste/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    # It says what the page would have said about keeping it.
    assert not_modified["Cache-Control"] == first["Cache-Control"] == "public, no-cache"
    assert vary(not_modified) == vary(first) == {"Accept-Language", "Cookie"}
    versions.content_changed()
    # Rebuilt after a change, the same content keeps the same tag.
    assert visitor.get("/en/proposals/waste/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    ProposalEventFactory(proposal=story["proposal"], title_en="Teachers exchanged")
    changed = visitor.get("/en/proposals/waste/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Teachers exchanged" in changed.content.decode()


@pytest.mark.parametrize("url", ["/en/proposals/waste/", "/sitemap-proposals.xml?p=1"])
def test_a_crawlers_conditional_request_is_answered_without_a_query(
    visitor, story, url, django_assert_num_queries
):
    etag = visitor.get(url)["ETag"]
    with django_assert_num_queries(0):
        assert visitor.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_pages_are_served_when_the_cache_is_down(visitor, story, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = visitor.get("/en/proposals/waste/")
    assert response.status_code == 200
    assert "Waste banks with Kitakyushu" in response.content.decode()


def test_the_cache_can_be_turned_off(visitor, story, settings):
    settings.PORTAL_PAGE_CACHE = False
    visitor.get("/en/proposals/")
    assert queries_for(visitor, "/en/proposals/") > 0


def test_changes_outside_the_portals_records_keep_the_pages(db):
    version = versions.content_version()
    someone = get_user_model().objects.create_user("someone", password="a-long-test-password")
    assert versions.content_version() == version
    # Recording that someone was reminded of an item: no public page shows it.
    from programmes.models import ReminderSent

    ReminderSent.objects.create(kind="report_due", key="report:1:2025", recipient=someone,
                                sent_on=datetime.date(2026, 1, 12))  # fmt: skip
    assert versions.content_version() == version
    # A person's profile: choosing a language, opening the admin's "My work".
    profile = Profile.objects.create(user=someone, language="ja")
    profile.work_seen_at = timezone.now()
    profile.save()
    assert versions.content_version() == version
    FocusSectorFactory(name_en="Tourism")
    assert versions.content_version() > version


def test_the_version_moves_again_when_the_change_is_committed(
    db, django_capture_on_commit_callbacks
):
    # A request that read the new version before the change was visible, and kept what it saw,
    # is never answered from again: the commit moves the version once more.
    with django_capture_on_commit_callbacks(execute=True):
        FocusSectorFactory(name_en="Tourism")
        before_commit = versions.content_version()
    assert versions.content_version() > before_commit


def test_a_lost_version_starts_again_where_no_stored_page_can_match(db):
    from django.core.cache import cache

    first = versions.content_version()
    cache.delete(versions.VERSION_KEY)
    assert versions.content_version() != first
    cache.delete(versions.VERSION_KEY)
    versions.content_changed()
    assert versions.content_version() is not None


def test_stored_pages_expire_after_the_configured_time(visitor, story, settings):
    # What changes with time alone ("visited 3 days ago") is redone once a stored page expires.
    settings.PORTAL_PAGE_CACHE_SECONDS = 1
    visitor.get("/en/proposals/waste/")
    title = changed_quietly(story["proposal"])
    assert title not in visitor.get("/en/proposals/waste/").content.decode()
    time.sleep(1.1)
    assert title in visitor.get("/en/proposals/waste/").content.decode()


def test_receivers_leave_other_models_fast_deletes_alone(db):
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    assert Collector(using="default").can_fast_delete(Session.objects.all())


def test_the_release_covers_every_app_of_the_portal(settings, tmp_path):
    """Pages built by other code are never served: a change in any app's code, core and demo
    included, makes a new release."""
    for app in ("core", "partnerships", "demo"):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("# an app\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "locale").mkdir()
    settings.BASE_DIR = tmp_path
    before = release.digest()
    (tmp_path / "core" / "page_cache.py").write_text("CHANGED = True\n")
    assert release.digest() != before


def test_each_app_registers_the_views_kept_in_the_cache():
    assert {"partnerships:proposal_detail", "delegations:visit_detail", "programmes:register",
            "updates_feed", "sitemap"} <= page_cache.CACHED_VIEWS  # fmt: skip
    assert "delegations:document_download" not in page_cache.CACHED_VIEWS
