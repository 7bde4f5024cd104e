"""The review queue at a mission's scale: what awaits first, then every proposal a page at a time,
by stage and by search, reading only what it shows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.national import Sizes, seed
from tests.factories import CommentFactory, LiaisonFactory, ProposalFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def liaison(client):
    liaison = LiaisonFactory()
    client.force_login(liaison.user)
    return liaison


def queue(client, query=""):
    response = client.get(f"/en/review/{query}", **EN)
    assert response.status_code == 200
    return response


LINKED = re.compile(r'<a href="/en/review/([^/"]+)/">')


def listed(response):
    """The references the page lists, below its count of proposals found."""
    return LINKED.findall(response.content.decode().split('aria-live="polite"')[1])


def awaiting_listed(response):
    """The references listed under "Awaiting attention"."""
    return LINKED.findall(response.content.decode().split('aria-live="polite"')[0])


def test_the_queue_pages_through_a_missions_proposals(client, liaison):
    for n in range(60):
        ProposalFactory(exploring=True, consulate=liaison.consulate, reference=f"KPG-2024-{n:03d}")
    ProposalFactory(exploring=True, reference="KPG-2024-999")  # another mission's

    first, last = queue(client), queue(client, "?page=3")

    assert len(listed(first)) == 25 and "Page 1 of 3" in first.content.decode()
    assert len(listed(last)) == 10
    shown = {reference for page in ("", "?page=2", "?page=3")
             for reference in listed(queue(client, page))}  # fmt: skip
    assert len(shown) == 60 and "KPG-2024-999" not in shown


def test_stage_and_search_narrow_the_list_and_the_stages_are_counted(client, liaison):
    for n in range(4):
        ProposalFactory(exploring=True, consulate=liaison.consulate, reference=f"KPG-2024-1{n:02d}")
    ProposalFactory(signed=True, consulate=liaison.consulate, reference="KPG-2024-200",
                    title="Disaster drills with Kobe")  # fmt: skip

    exploring = queue(client, "?stage=exploring")
    assert sorted(listed(exploring)) == [f"KPG-2024-1{n:02d}" for n in range(4)]
    assert (
        "Exploring (4)" in exploring.content.decode()
        or "(4)</option>" in exploring.content.decode()
    )

    assert listed(queue(client, "?q=kobe")) == ["KPG-2024-200"]
    assert (
        "No proposal matches these filters." in queue(client, "?q=nothing-like-it").content.decode()
    )


def test_what_awaits_is_shown_first_and_in_full_on_its_own_page(client, liaison):
    for n in range(15):
        ProposalFactory(offered=True, consulate=liaison.consulate, reference=f"KPG-2025-{n:03d}")
    answered = ProposalFactory(exploring=True, consulate=liaison.consulate)
    asked = ProposalFactory(exploring=True, consulate=liaison.consulate)
    CommentFactory(proposal=asked, is_request=True)

    page = queue(client)

    assert len(awaiting_listed(page)) == 10
    assert "Show all 16 proposals awaiting attention" in page.content.decode()
    awaiting = set(listed(queue(client, "?stage=awaiting")))
    assert asked.reference in awaiting and answered.reference not in awaiting
    assert len(awaiting) == 16


def count_queries(client, query=""):
    with CaptureQueriesContext(connection) as context:
        queue(client, query)
    return len(context.captured_queries)


def test_the_queue_reads_the_same_few_queries_at_10_and_at_1000_proposals(client, liaison):
    tiny = Sizes(proposals=10, events_per_proposal=0, cities=3, visits=0, delegates_per_visit=0,
                 comments_per_proposal=1, candidates_per_proposal=1)  # fmt: skip
    seed(tiny, consulate=liaison.consulate)
    small = [count_queries(client, q) for q in ("", "?stage=awaiting", "?q=KPG&page=2")]
    seed(Sizes(**{**tiny.__dict__, "proposals": 990}), consulate=liaison.consulate)
    large = [count_queries(client, q) for q in ("", "?stage=awaiting", "?q=KPG&page=2")]
    assert large == small
