"""The sitemap is an index of pages of at most 1,000 addresses, each page read from the database
on its own: together they list every public page in each language, once, and nothing else."""

import re
from collections import Counter

import pytest

from kupang_portal.sitemaps import PortalSitemap
from tests.factories import ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db
LOC = re.compile(r"<loc>http://testserver([^<]+)</loc>")


def every_listed_address(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert "<sitemapindex" in index.content.decode()
    listed = []
    for page in LOC.findall(index.content.decode()):
        body = client.get(page).content.decode()
        assert body.count("<url>") <= 1000
        listed += LOC.findall(body)
    return listed


def test_the_pages_list_every_public_page_in_each_language_once(client, monkeypatch):
    monkeypatch.setattr(PortalSitemap, "limit", 4)  # small pages: records split across them
    public = [ProposalFactory(offered=True, slug=f"open-{n}") for n in range(5)]
    ProposalFactory(slug="a-draft")
    ProposalFactory(offered=True, published=False, slug="unpublished")
    VisitFactory(slug="open-visit")
    VisitFactory(slug="hidden-visit", published=False)

    listed = every_listed_address(client)

    assert Counter(listed).most_common(1)[0][1] == 1  # no address twice
    for language in ("id", "en", "ja"):
        for proposal in public:
            assert f"/{language}/proposals/{proposal.slug}/" in listed
        assert f"/{language}/visits/open-visit/" in listed
    assert not [url for url in listed if "a-draft" in url or "unpublished" in url
                or "hidden-visit" in url]  # fmt: skip
    assert len([url for url in listed if "/proposals/open-" in url]) == 15


def test_a_page_past_the_last_is_404_and_an_unknown_section_too(client):
    ProposalFactory(offered=True)
    assert client.get("/sitemap-proposals.xml").status_code == 200
    assert client.get("/sitemap-proposals.xml?p=2").status_code == 404
    assert client.get("/sitemap-comments.xml").status_code == 404


def test_a_sitemap_page_reads_only_its_own_records(client, django_assert_max_num_queries):
    for n in range(30):
        ProposalFactory(offered=True, slug=f"p-{n}")
    with django_assert_max_num_queries(6):
        assert client.get("/sitemap-proposals.xml").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/sitemap.xml").status_code == 200


def test_published_annual_reports_are_listed_and_no_other(client):
    from django.utils import timezone

    from programmes.models import AnnualReport

    partnership = ProposalFactory(active=True, slug="kupang-yamabe")
    now = timezone.now()
    AnnualReport.objects.create(partnership=partnership, year=2024, contents={}, frozen_at=now,
                                published_at=now)  # fmt: skip
    AnnualReport.objects.create(partnership=partnership, year=2025, contents={}, frozen_at=now)
    listed = every_listed_address(client)
    assert [url for url in listed if "/register/kupang-yamabe/" in url] == [
        f"/{language}/register/kupang-yamabe/2024/" for language in ("id", "en", "ja")
    ]
