"""A shared link shows the page's title, summary and stage in the page's language (Open Graph and
Twitter card metadata), and every page names its icons."""

import re

import pytest
from django.contrib.staticfiles import finders

from .factories import ProposalFactory

pytestmark = pytest.mark.django_db


def meta(html, name):
    found = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    assert found, name
    return found[1]


def test_a_shared_proposal_shows_its_title_stage_and_summary_in_the_links_language(client):
    ProposalFactory(
        offered=True, slug="waste",
        title_ind="Bank sampah", title_ja="ごみ銀行", summary_ind="Ringkasan.",
        summary_ja="ごみの分別を共に学ぶ。",
    )  # fmt: skip
    html = client.get("/ja/proposals/waste/").content.decode()
    assert meta(html, "og:title") == "ごみ銀行"
    assert meta(html, "og:description") == "段階：提案済み。 ごみの分別を共に学ぶ。"
    assert meta(html, "og:locale") == "ja_JP"
    assert meta(html, "og:url") == "http://testserver/ja/proposals/waste/"
    assert meta(html, "og:image").startswith("http://testserver/static/icons/")
    assert meta(html, "twitter:card") == "summary"

    html = client.get("/id/proposals/waste/").content.decode()
    assert meta(html, "og:title") == "Bank sampah"
    assert meta(html, "og:description").startswith("Tahap: Ditawarkan.")
    assert meta(html, "og:locale") == "id_ID"


def test_every_page_names_icons_that_exist(client):
    html = client.get("/en/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="/static/([^"]+)"', html)
    assert len(icons) == 3
    for icon in icons:
        assert finders.find(icon), icon
    assert meta(html, "og:title") == "Kupang Sister-City Portal"
