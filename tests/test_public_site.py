"""The public site: every page of the URL contract, in three languages, with the switcher, filters,
stepper, feeds and open data."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar

from partnerships.models import FocusSector
from tests.factories import (
    DocumentFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db
LANGS = ["id", "en", "ja"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site():
    sector = FocusSector.objects.get(slug="education")
    city = PartnerCityFactory(slug="kitakyushu", name="Kitakyushu", native_name="北九州市")
    proposal = ProposalFactory(
        offered=True, slug="kupang-japan", title="Kupang offer", sectors=[sector]
    )
    visit = VisitFactory(slug="courtesy-visit", title="Courtesy visit")
    visit.proposals.add(proposal)
    ProposalEventFactory(proposal=proposal, title="Offer made", to_status="offered")
    return {"proposal": proposal, "visit": visit, "sector": sector, "city": city}


def public_paths(lang):
    return [
        f"/{lang}/",
        f"/{lang}/proposals/",
        f"/{lang}/proposals/?sector=education&status=offered&country=JP&q=Kupang",
        f"/{lang}/proposals/kupang-japan/",
        f"/{lang}/visits/",
        f"/{lang}/visits/courtesy-visit/",
        f"/{lang}/sectors/education/",
        f"/{lang}/cities/kitakyushu/",
        f"/{lang}/open-data/",
        f"/{lang}/open-data/proposals.csv",
        f"/{lang}/open-data/proposals.json",
        f"/{lang}/open-data/visits.csv",
        f"/{lang}/open-data/visits.json",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_every_public_url_answers_in_each_language(client, site, lang):
    for path in public_paths(lang):
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):
            assert f'<html lang="{lang}">' in response.content.decode(), path


@pytest.mark.parametrize(
    "path", ["/feeds/updates.atom", "/visits.ics", "/sitemap.xml", "/robots.txt"]
)
def test_feeds_sitemap_and_robots_answer(client, site, path):
    assert client.get(path).status_code == 200


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, site):
    body = client.get("/en/proposals/kupang-japan/").content.decode()
    assert 'href="/id/proposals/kupang-japan/"' in body
    assert 'href="/ja/proposals/kupang-japan/"' in body
    assert 'href="/en/proposals/kupang-japan/" lang="en" hreflang="en" aria-current="true"' in body


def test_language_switcher_keeps_the_filters(client, site):
    body = client.get("/ja/proposals/?sector=education").content.decode()
    assert 'href="/id/proposals/?sector=education"' in body


def test_content_falls_back_to_indonesian_where_not_translated(client):
    ProposalFactory(offered=True, slug="only-id", title_ind="Hanya bahasa Indonesia")
    body = client.get("/ja/proposals/only-id/").content.decode()
    assert "Hanya bahasa Indonesia" in body


def test_content_is_shown_in_the_visitors_language(client):
    ProposalFactory(offered=True, slug="three", title_ind="Kemitraan", title_en="Partnership",
                    title_ja="提携")  # fmt: skip
    assert "提携" in client.get("/ja/proposals/three/").content.decode()
    assert "Partnership" in client.get("/en/proposals/three/").content.decode()


def test_dates_are_formatted_per_language(client, site):
    assert "2023年3月7日" in client.get("/ja/proposals/kupang-japan/").content.decode()
    assert "March 7, 2023" in client.get("/en/proposals/kupang-japan/").content.decode()
    assert "7 Maret 2023" in client.get("/id/proposals/kupang-japan/").content.decode()


def test_stepper_shows_the_current_stage_and_its_date(client, site):
    body = client.get("/en/proposals/kupang-japan/").content.decode()
    current = body.split('aria-current="step"')[1].split("</li>")[0]
    assert "Offered" in current and "March 7, 2023" in current
    assert body.count('class="todo"') == 5


def test_closed_proposal_shows_its_public_reason(client):
    ProposalFactory(withdrawn=True, slug="gone", closing_reason="The city changed its plans.")
    body = client.get("/en/proposals/gone/").content.decode()
    assert "The city changed its plans." in body and "Withdrawn" in body


def test_markdown_body_is_rendered_and_sanitised(client):
    ProposalFactory(
        offered=True, slug="md",
        body="**Bold** <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://kupangkota.go.id)",
    )  # fmt: skip
    body = client.get("/en/proposals/md/").content.decode()
    assert "<strong>Bold</strong>" in body
    assert "<script>alert(1)" not in body and "javascript:" not in body
    assert 'href="https://kupangkota.go.id"' in body


@pytest.mark.parametrize(
    "query,expected",
    [
        ("sector=education", {"edu"}),
        ("status=exploring", {"explore"}),
        ("country=KR", {"korea"}),
        ("q=北九州", {"edu"}),
        ("q=explor", {"explore"}),
        ("sector=education&status=exploring", set()),
    ],
)
def test_proposal_filters(client, query, expected):
    education = FocusSector.objects.get(slug="education")
    infrastructure = FocusSector.objects.get(slug="infrastructure")
    ProposalFactory(offered=True, slug="edu", sectors=[education],
                    partner_city=PartnerCityFactory(native_name="北九州市"))  # fmt: skip
    ProposalFactory(exploring=True, slug="explore", title="Exploration", sectors=[infrastructure])
    ProposalFactory(offered=True, slug="korea", partner_country="KR", sectors=[infrastructure])

    response = client.get(f"/en/proposals/?{query}")

    assert {p.slug for p in response.context["object_list"]} == expected


def test_unknown_filter_value_is_explained_not_an_error(client):
    response = client.get("/en/proposals/?status=teleported")
    assert response.status_code == 200
    assert response.context["filterset"].errors


def test_proposals_list_paginates(client):
    for _ in range(25):
        ProposalFactory(offered=True)
    first = client.get("/en/proposals/")
    second = client.get("/en/proposals/?page=2")
    assert len(first.context["object_list"]) == 20
    assert len(second.context["object_list"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_atom_feed_lists_public_events_newest_first(client, site):
    older = ProposalEventFactory(proposal=site["proposal"], title="Older step")
    newer = ProposalEventFactory(proposal=site["proposal"], title="Newer step")
    older.occurred_at = newer.occurred_at.replace(year=2020)
    older.save()

    feed = ET.fromstring(client.get("/feeds/updates.atom").content)  # noqa: S314 - our own feed

    titles = [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]
    assert titles[0].endswith("Newer step")
    assert titles[-1].endswith("Older step")
    assert len(titles) == 3


def test_ical_feed_has_each_published_visit(client, site):
    VisitFactory(slug="second", title="Second visit")
    calendar = Calendar.from_ical(client.get("/visits.ics").getvalue())
    summaries = sorted(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Courtesy visit", "Second visit"]
    event = next(e for e in calendar.walk("VEVENT") if str(e["summary"]) == "Courtesy visit")
    assert event["dtstart"].dt.isoformat() == "2023-03-07"
    assert event["dtend"].dt.isoformat() == "2023-03-08"  # all day, end exclusive


def test_csv_and_json_hold_exactly_the_published_rows(client, site):
    ProposalFactory(offered=True, published=False, reference="KPG-2023-900")
    ProposalFactory(reference="KPG-2023-901")  # draft
    VisitFactory(published=False, slug="private")

    rows = list(csv.DictReader(io.StringIO(
        client.get("/en/open-data/proposals.csv").getvalue().decode("utf-8-sig")
    )))  # fmt: skip
    data = json.loads(client.get("/en/open-data/proposals.json").getvalue())
    visits = json.loads(client.get("/en/open-data/visits.json").getvalue())["visits"]
    visit_rows = list(csv.DictReader(io.StringIO(
        client.get("/en/open-data/visits.csv").getvalue().decode("utf-8-sig")
    )))  # fmt: skip

    expected = [site["proposal"].reference]
    assert [r["reference"] for r in rows] == expected
    assert [r["reference"] for r in data["proposals"]] == expected
    assert data["licence"].startswith("CC BY 4.0")
    assert rows[0]["sectors"] == "education" and rows[0]["status"] == "offered"
    assert [v["slug"] for v in visits] == [r["slug"] for r in visit_rows] == ["courtesy-visit"]
    assert visits[0]["proposals"] == site["proposal"].reference


def test_csv_keeps_japanese_text(client):
    ProposalFactory(offered=True, title_ja="クパン市との提携")
    content = client.get("/ja/open-data/proposals.csv").getvalue()
    assert content.startswith("\ufeff".encode())
    assert "クパン市との提携" in content.decode("utf-8-sig")


def test_unknown_open_data_set_is_a_404(client):
    assert client.get("/en/open-data/users.csv").status_code == 404


def test_sitemap_lists_public_pages_in_three_languages(client, site):
    body = client.get("/sitemap-proposals.xml").content.decode()
    body += client.get("/sitemap-visits.xml").content.decode()
    for lang in LANGS:
        assert f"/{lang}/proposals/kupang-japan/" in body
        assert f"/{lang}/visits/courtesy-visit/" in body


def test_public_document_downloads(client, site):
    document = DocumentFactory(proposal=site["proposal"], is_public=True, title="Letter")
    page = client.get("/en/proposals/kupang-japan/").content.decode()
    url = reverse("partnerships:document_download", args=[document.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_private_areas(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_home_groups_proposals_by_stage_and_shows_visits(client, site):
    ProposalFactory(exploring=True, title="Exploring one")
    response = client.get("/en/")
    stages = [status for status, items, total in response.context["stages"]]
    assert stages == ["offered", "exploring"]
    assert "Courtesy visit" in response.content.decode()


@pytest.mark.parametrize("language", ["id", "en", "ja"])
def test_the_home_page_offers_the_visits_calendar_in_the_readers_language(client, language):
    body = client.get(f"/{language}/").content.decode()
    assert f'href="/{language}/visits.ics"' in body
    assert 'href="/visits.ics"' not in body


def test_empty_portal_says_so(client):
    body = client.get("/en/").content.decode()
    assert "No proposal has been published yet." in body
    assert client.get("/en/proposals/").status_code == 200


def test_the_sector_filter_lists_a_proposal_in_several_sectors_once(client):
    # The filter is a subquery, so the list needs no DISTINCT; a join would repeat the row.
    sectors = list(FocusSector.objects.all()[:3])
    ProposalFactory(offered=True, slug="three-sectors", sectors=sectors)
    for sector in sectors:
        page = client.get(f"/en/proposals/?sector={sector.slug}").content.decode()
        assert page.count('href="/en/proposals/three-sectors/"') == 1


def test_a_city_page_shows_the_newest_of_many_proposals_and_says_how_many(client):
    from tests.factories import PartnerCityFactory

    city = PartnerCityFactory(slug="busy-city")
    for n in range(25):
        ProposalFactory(loi_signed=True, partner_city=city, reference=f"KPG-2030-{n:03d}")

    response = client.get("/en/cities/busy-city/")

    assert len(response.context["partner_of"]) == 20
    assert "The 20 most recent of 25." in response.content.decode()
