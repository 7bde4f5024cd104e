"""Public pages issue the same number of queries for 5 rows as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerships.models import FocusSector
from tests.factories import (
    CandidateCityFactory,
    CommitmentFactory,
    DelegateFactory,
    DocumentFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
        response.getvalue()  # a streamed export reads the database as it is sent
    assert response.status_code == 200, path
    return len(context.captured_queries)


def grow(count, proposal, visit):
    """Add `count` public rows of every kind around one proposal and one visit."""
    sectors = list(FocusSector.objects.all())
    for _ in range(count):
        other = ProposalFactory(offered=True, sectors=sectors[:2])
        ProposalEventFactory(proposal=other)
        visit.proposals.add(other)
        ProposalEventFactory(proposal=proposal)
        DocumentFactory(proposal=proposal, is_public=True)
        CandidateCityFactory(proposal=proposal, state="shortlisted")
        DelegateFactory(visit=visit)
        CommitmentFactory(visit=visit, proposal=other)
        VisitFactory(sectors=sectors[:1]).proposals.add(proposal)


PAGES = {
    "home": "/en/",
    "proposal list": "/en/proposals/",
    "filtered list": "/en/proposals/?sector=education&q=Proposal",
    "proposal page": "/en/proposals/measured/",
    "visit list": "/en/visits/",
    "visit page": "/en/visits/measured-visit/",
    "sector page": "/en/sectors/education/",
    "sector index": "/en/sectors/",
    "city index": "/ja/cities/",
    "follow form": "/en/proposals/measured/follow/",
    "open data": "/en/open-data/proposals.json",
    "atom feed": "/feeds/updates.atom",
}


def test_query_counts_do_not_grow_with_the_data(client):
    sectors = list(FocusSector.objects.all())
    proposal = ProposalFactory(exploring=True, slug="measured", sectors=sectors)
    visit = VisitFactory(slug="measured-visit", sectors=sectors)

    grow(5, proposal, visit)
    small = {name: queries(client, path) for name, path in PAGES.items()}
    grow(195, proposal, visit)
    large = {name: queries(client, path) for name, path in PAGES.items()}

    assert large == small


def test_review_pages_do_not_grow_with_the_data(client):
    from tests.factories import CommentFactory, LiaisonFactory, PartnerCityFactory

    liaison = LiaisonFactory()
    proposal = ProposalFactory(exploring=True, reference="KPG-2023-001",
                               consulate=liaison.consulate)  # fmt: skip
    client.force_login(liaison.user)
    pages = ["/en/review/", "/en/review/KPG-2023-001/"]

    def grow_review(count):
        for _ in range(count):
            ProposalFactory(offered=True, consulate=liaison.consulate)
            CommentFactory(proposal=proposal, is_request=True)
            ProposalEventFactory(proposal=proposal, is_public=False)
            DocumentFactory(proposal=proposal)
            CandidateCityFactory(proposal=proposal, city=PartnerCityFactory())

    grow_review(5)
    small = [queries(client, page) for page in pages]
    grow_review(195)
    large = [queries(client, page) for page in pages]

    assert large == small
