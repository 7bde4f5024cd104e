"""Feeds and calendars in each language: `/<lang>/feeds/updates.atom`, `/<lang>/visits.ics` and
one feed per proposal; the addresses without a language stay Indonesian for their subscribers;
pages name their feed."""

import xml.etree.ElementTree as ET  # noqa: S405 - parses the portal's own feed

import pytest
from django.utils import translation

from .factories import ProposalEventFactory, ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _neutral_language():
    with translation.override("id"):
        yield


@pytest.fixture
def story():
    proposal = ProposalFactory(
        offered=True, slug="waste", title_ind="Bank sampah", title_en="Waste banks",
        title_ja="ごみ銀行",
    )  # fmt: skip
    ProposalEventFactory(
        proposal=proposal, title_ind="Penawaran", title_en="Offer made", title_ja="提案を実施"
    )
    other = ProposalFactory(offered=True, slug="schools", title_ind="Sekolah")
    ProposalEventFactory(proposal=other, title_ind="Langkah sekolah", title_en="School step")
    ProposalEventFactory(proposal=proposal, title_ind="Catatan internal", is_public=False)
    VisitFactory(slug="call", title_ind="Kunjungan", title_en="Courtesy call", title_ja="表敬訪問")
    return proposal


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 - the portal's own feed


def titles(root):
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


@pytest.mark.parametrize(
    "lang,offer", [("ja", "提案を実施"), ("en", "Offer made"), ("id", "Penawaran")]
)
def test_the_updates_feed_speaks_the_language_of_its_address(client, story, lang, offer):
    root = feed(client, f"/{lang}/feeds/updates.atom")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    assert any(title.endswith(offer) for title in titles(root))
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert any(f"/{lang}/proposals/waste/" in href for href in links)


def test_the_feed_without_a_language_stays_indonesian(client, story):
    root = feed(client, "/feeds/updates.atom")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    assert any(title.endswith("Penawaran") for title in titles(root))


def test_a_proposals_own_feed_carries_only_its_public_steps(client, story):
    root = feed(client, "/ja/proposals/waste/updates.atom")
    assert root.find(f"{ATOM}title").text.endswith("ごみ銀行")
    assert [title.split(": ", 1)[1] for title in titles(root)] == ["提案を実施"]


@pytest.mark.parametrize("kind", ["draft", "unpublished", "archived"])
def test_a_proposal_not_public_has_no_feed(client, kind):
    from django.utils import timezone

    fields = {
        "draft": {},
        "unpublished": {"offered": True, "published": False},
        "archived": {"offered": True, "archived_at": timezone.now()},
    }[kind]
    proposal = ProposalFactory(slug="hidden", **fields)
    ProposalEventFactory(proposal=proposal, title_ind="Rahasia")
    assert client.get("/en/proposals/hidden/updates.atom").status_code == 404


@pytest.mark.parametrize(
    "url,title", [("/ja/visits.ics", "表敬訪問"), ("/en/visits.ics", "Courtesy call"),
                  ("/visits.ics", "Kunjungan")],
)  # fmt: skip
def test_the_visits_calendar_speaks_the_language_of_its_address(client, story, url, title):
    response = client.get(url)
    body = b"".join(response.streaming_content).decode()
    prefix = url.split("/")[1] if url.count("/") > 1 else "id"
    assert f"SUMMARY;LANGUAGE={prefix}:{title}" in body
    assert f"/{prefix}/visits/call/" in body.replace("\r\n ", "")


def test_pages_name_their_feeds(client, story):
    html = client.get("/ja/proposals/waste/").content.decode()
    assert 'type="application/atom+xml"' in html
    assert 'href="/ja/feeds/updates.atom"' in html
    assert 'href="/ja/proposals/waste/updates.atom"' in html
    assert 'href="/ja/visits.ics"' in html


def test_a_new_step_shows_in_the_proposals_feed_at_once(client, story):
    assert len(titles(feed(client, "/en/proposals/waste/updates.atom"))) == 1
    ProposalEventFactory(proposal=story, title_ind="Eksplorasi", title_en="Exploring")
    assert len(titles(feed(client, "/en/proposals/waste/updates.atom"))) == 2


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_a_note_in_another_language_is_marked_so_in_the_feed(client):
    proposal = ProposalFactory(offered=True, slug="notes", title_ind="Catatan")
    ProposalEventFactory(proposal=proposal, title_ind="Langkah", note_ind="Catatan Indonesia.",
                         note_en="", note_ja="")  # fmt: skip
    ProposalEventFactory(proposal=proposal, title_ind="Langkah 2", note_ind="",
                         note_en="An English note.", note_ja="日本語のメモ。")  # fmt: skip

    root = feed(client, "/ja/proposals/notes/updates.atom")

    summaries = {s.text: s.get(XML_LANG) for s in root.iter(f"{ATOM}summary")}
    assert summaries == {"Catatan Indonesia.": "id", "日本語のメモ。": "ja"}


def test_the_calendar_is_named_in_its_language_and_marks_each_texts_language(client):
    VisitFactory(slug="takayama", title_ind="Kunjungan ke Takayama", title_ja="",
                 title_en="Visit to Takayama", place_ind="Balai Kota Takayama", place_en="",
                 place_ja="")  # fmt: skip

    calendar = b"".join(client.get("/ja/visits.ics").streaming_content).decode()
    unfolded = calendar.replace("\r\n ", "")

    assert "X-WR-CALNAME:クパン姉妹都市の訪問" in unfolded
    assert "SUMMARY;LANGUAGE=en:Visit to Takayama" in unfolded
    assert "LOCATION;LANGUAGE=id:Balai Kota Takayama" in unfolded


@pytest.mark.parametrize("language", ["id", "en", "ja"])
def test_every_feed_and_calendar_link_of_a_page_is_in_its_language(client, story, language):
    import re

    for path in ("", "proposals/", "proposals/waste/", "visits/", "register/"):
        page = client.get(f"/{language}/{path}").content.decode()
        links = re.findall(r'href="([^"]*\.(?:atom|ics))"', page)
        assert links, path
        assert all(link.startswith(f"/{language}/") for link in links), (path, links)
