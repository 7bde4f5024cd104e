"""Queries per page at 10 and at 1,000 proposals (with their events, candidates, comments and
visits, seeded in bulk): every public and review page reads the same number either way. The
exports and the calendar read 1,000 rows a query by design and are left out here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.national import Sizes, seed
from partnerships.models import Proposal
from tests.factories import LiaisonFactory

pytestmark = pytest.mark.django_db
PUBLIC = ["/en/", "/en/proposals/", "/en/proposals/?sector=education&q=Kemitraan",
          "/en/proposals/{slug}/", "/en/sectors/education/", "/en/cities/bench-city-2/",
          "/en/visits/", "/en/visits/bench-visit-1/", "/feeds/updates.atom", "/sitemap.xml",
          "/sitemap-proposals.xml", "/en/open-data/", "/ja/open-data/datapackage.json",
          "/api/v1/proposals/", "/api/v1/proposals/{reference}/",
          "/api/v1/proposals/?sector=education&status=exploring", "/api/v1/cities/",
          "/api/v1/sectors/", "/api/v1/consulates/", "/api/v1/visits/", "/api/v1/agreements/",
          "/api/v1/activities/", "/api/v1/indicators/", "/api/v1/reports/"]  # fmt: skip
REVIEW = ["/en/review/", "/en/review/?stage=awaiting", "/en/review/{reference}/"]


def counts(client, liaison, first):
    found = {}
    for path in PUBLIC + REVIEW:
        if path.startswith("/en/review/"):
            client.force_login(liaison.user)
        url = path.format(slug=first.slug, reference=first.reference)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        found[path] = len(queries)
        client.logout()
    return found


def test_every_page_reads_as_many_queries_at_1000_proposals_as_at_10(client):
    liaison = LiaisonFactory()
    sizes = Sizes(proposals=10, events_per_proposal=5, cities=30, visits=10,
                  delegates_per_visit=2, comments_per_proposal=1,
                  candidates_per_proposal=2)  # fmt: skip
    seed(sizes, consulate=liaison.consulate)
    first = Proposal.objects.public().order_by("pk").first()
    small = counts(client, liaison, first)

    seed(Sizes(**{**sizes.__dict__, "proposals": 990, "visits": 200}), consulate=liaison.consulate)
    large = counts(client, liaison, first)

    assert large == small
