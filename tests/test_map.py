"""The map drawn by the portal: each place a link at a plausible position, in the reader's
language, the visits as lines, the cities without coordinates listed as not on the map, and no
candidacy the city has not announced."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings

from core.map import HEIGHT, OUTLINES, WIDTH, project
from partnerships.models import Proposal
from tests.factories import CandidateCityFactory, PartnerCityFactory, ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
BALI = (-8.34, 115.09)
TOKYO = (35.68, 139.69)


def svg_of(page):
    """The map's SVG element, parsed: what a browser draws."""
    found = re.search(r'<svg class="portal-map".*?</svg>', page, re.S).group(0)
    found = found.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1)
    return ET.fromstring(found)  # noqa: S314 - the portal's own page, drawn in this test


def points(page):
    """{link address: (x, y, label)} of every place drawn as a link."""
    found = {}
    for link in svg_of(page).iter(f"{SVG}a"):
        dot = link.findall(f"{SVG}circle")[-1]
        label = link.find(f"{SVG}text").text
        found[link.get("href")] = (float(dot.get("cx")), float(dot.get("cy")), label)
    return found


def test_the_projection_is_the_one_the_outlines_were_drawn_with():
    bounds = OUTLINES["bounds"]
    assert project(bounds["north"], bounds["west"]) == pytest.approx((0, 0), abs=0.1)
    assert project(bounds["south"], bounds["east"]) == pytest.approx((WIDTH, HEIGHT), abs=1)


def test_the_outlines_are_served_from_the_portals_own_static_files():
    outlines = (Path(settings.BASE_DIR) / "static/map/outlines.svg").read_text()
    assert "Natural Earth" in outlines and "<title>Japan</title>" in outlines
    assert "http" not in outlines.replace("http://www.w3.org/2000/svg", "")


def test_each_demo_city_is_a_link_at_a_plausible_position(client, demo):
    drawn = points(client.get("/en/map/").content.decode())
    kupang_x, kupang_y, label = drawn["/en/"]
    assert label == "Kupang"
    bali_x, bali_y = project(*BALI)
    assert kupang_x > bali_x and kupang_y > bali_y  # south-east of Bali
    kitakyushu_x, kitakyushu_y, label = drawn["/en/cities/kitakyushu/"]
    assert label == "Kitakyushu"
    tokyo_x, tokyo_y = project(*TOKYO)
    assert kitakyushu_x < tokyo_x and kitakyushu_y > tokyo_y  # west (and south) of Tokyo
    for slug in ("sendai", "kobe", "naha", "sample-umihama", "sample-yamabe"):
        assert f"/en/cities/{slug}/" in drawn, slug
    naha = drawn["/en/cities/naha/"]
    assert naha[1] > drawn["/en/cities/sendai/"][1]  # Okinawa lies south of Sendai


def test_labels_are_in_the_readers_language(client, demo):
    drawn = points(client.get("/ja/map/").content.decode())
    assert drawn["/ja/cities/kitakyushu/"][2] == "北九州市"
    assert drawn["/ja/"][2] == "クパン"


def test_the_table_lists_the_same_places_and_those_not_on_the_map(client):
    PartnerCityFactory(slug="somewhere", name="Somewhere Unmapped")
    PartnerCityFactory(slug="sapporo", name="Sapporo", latitude=43.06, longitude=141.35)
    page = client.get("/en/map/").content.decode()
    assert "/en/cities/somewhere/" not in points(page)
    assert "/en/cities/sapporo/" in points(page)
    table = page.split("<table", 1)[1]
    row = table.split("Somewhere Unmapped", 1)[1].split("</tr>", 1)[0]
    assert "not on the map" in row
    assert "/en/cities/sapporo/" in table


def test_a_visit_to_a_partner_city_is_a_line_from_kupang(client):
    city = PartnerCityFactory(slug="kobe", name="Kobe", latitude=34.69, longitude=135.2)
    proposal = ProposalFactory(active=True, partner_city=city)
    VisitFactory(slug="to-kobe").proposals.add(proposal)
    VisitFactory(slug="hidden", published=False).proposals.add(proposal)
    page = client.get("/en/map/").content.decode()
    lines = list(svg_of(page).iter(f"{SVG}line"))
    assert len(lines) == 1
    kupang, kobe = points(page)["/en/"], points(page)["/en/cities/kobe/"]
    ends = [float(lines[0].get(name)) for name in ("x1", "y1", "x2", "y2")]
    assert ends == pytest.approx([kupang[0], kupang[1], kobe[0], kobe[1]])
    assert "1 published visit" in lines[0].find(f"{SVG}title").text


def test_a_candidacy_only_suggested_is_not_shown_as_one(client):
    shortlisted = PartnerCityFactory(slug="shortlisted", latitude=35.0, longitude=135.0)
    suggested = PartnerCityFactory(slug="suggested", name="SUGGESTED-CITY", latitude=36.0,
                                   longitude=136.0)  # fmt: skip
    proposal = ProposalFactory(offered=True)
    CandidateCityFactory(proposal=proposal, city=shortlisted, state="shortlisted")
    CandidateCityFactory(proposal=proposal, city=suggested, state="suggested")
    page = client.get("/en/map/").content.decode()
    table = page.split("<table", 1)[1]
    role = {slug: table.split(f"/en/cities/{slug}/", 1)[1].split("</tr>", 1)[0]
            for slug in ("shortlisted", "suggested")}  # fmt: skip
    assert "candidate city" in role["shortlisted"]
    assert "candidate" not in role["suggested"] and "on the register" in role["suggested"]
    # The home page's figure shows the partnerships only: no city merely on the register.
    home = client.get("/en/").content.decode()
    assert "/en/cities/shortlisted/" in points(home) and "SUGGESTED-CITY" not in home


def test_a_city_page_marks_its_city_on_the_smaller_map(client):
    city = PartnerCityFactory(slug="sendai", name="Sendai", latitude=38.27, longitude=140.87)
    page = client.get("/en/cities/sendai/").content.decode()
    current = [a for a in svg_of(page).iter(f"{SVG}a") if a.get("aria-current") == "page"]
    assert [a.get("href") for a in current] == [city.get_absolute_url()]


def test_the_map_and_its_figures_read_as_many_queries_with_more_cities(
    client, django_assert_max_num_queries
):
    for n in range(3):
        PartnerCityFactory(latitude=30 + n, longitude=130 + n)
    client.get("/en/map/")
    with django_assert_max_num_queries(12) as few:
        client.get("/id/map/")
    for n in range(30):
        PartnerCityFactory(latitude=30 + n / 10, longitude=130 + n / 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/ja/map/")


def test_a_partnership_that_came_to_nothing_draws_no_partner(client):
    city = PartnerCityFactory(slug="was-partner", latitude=35.0, longitude=135.0)
    declined = ProposalFactory(offered=True, partner_city=city)
    VisitFactory(slug="before-the-no").proposals.add(declined)
    Proposal.objects.filter(pk=declined.pk).update(status="declined")
    page = client.get("/en/map/").content.decode()
    row = page.split("<table", 1)[1].split("/en/cities/was-partner/", 1)[1].split("</tr>", 1)[0]
    assert "partner city" not in row and "on the register" in row
    assert list(svg_of(page).iter(f"{SVG}line")) == []


def test_a_city_south_of_timor_is_on_the_map(client):
    PartnerCityFactory(slug="darwin", name="Darwin", latitude=-12.46, longitude=130.84)
    drawn = points(client.get("/en/map/").content.decode())
    darwin, kupang = drawn["/en/cities/darwin/"], drawn["/en/"]
    assert darwin[0] > kupang[0] and darwin[1] > kupang[1]  # south-east of Kupang


def test_no_label_lies_under_the_ring_of_the_city_a_page_is_about(client, demo):
    page = client.get("/en/cities/kitakyushu/").content.decode()
    svg = svg_of(page)
    size = float(next(svg.iter(f"{SVG}text")).get("font-size"))
    ring = [c for c in svg.iter(f"{SVG}circle") if c.get("fill") == "none"][0]
    cx, cy = float(ring.get("cx")), float(ring.get("cy"))
    for text in svg.iter(f"{SVG}text"):
        x, y = float(text.get("x")), float(text.get("y"))
        # The label's box (by its anchor) stays clear of the ring's.
        width = len(text.text) * size * 0.62
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor")]
        ring = size * 1.3
        beside = left > cx + ring or left + width < cx - ring
        clear = beside or y - size * 0.6 > cy + ring or y + size * 0.6 < cy - ring
        assert clear, text.text
