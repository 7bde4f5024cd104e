"""The exports stream out in chunks read as plain values: at national size they must still be
complete and say what the records say, row for row, compared here with the ORM's own reading."""

import csv
import io
import json

import pytest

from benchmarks.national import Sizes, seed
from delegations.models import Visit
from partnerships import opendata
from partnerships.models import Proposal

pytestmark = pytest.mark.django_db
ROWS = 10_000


@pytest.fixture
def national():
    seed(Sizes(proposals=ROWS, events_per_proposal=0, cities=50, visits=1_500,
               delegates_per_visit=0, comments_per_proposal=0,
               candidates_per_proposal=0))  # fmt: skip
    # One hidden of each kind: the exports must leave them out.
    Proposal.objects.filter(pk=Proposal.objects.order_by("pk").first().pk).update(published=False)
    Visit.objects.filter(pk=Visit.objects.order_by("pk").first().pk).update(published=False)


def expected_proposal(p):
    return {
        "reference": p.reference, "slug": p.slug, "title_ind": p.title_ind or "",
        "title_en": p.title_en or "", "title_ja": p.title_ja or "", "status": p.status,
        "partner_country": p.partner_country,
        "consulate": (p.consulate.name_en if p.consulate else "") or "",
        "partner_city": (p.partner_city.name_en if p.partner_city else "") or "",
        "partner_city_slug": p.partner_city.slug if p.partner_city else "",
        "sectors": ";".join(sorted(s.slug for s in p.sectors.all())),
        "offered_on": p.offered_on.isoformat() if p.offered_on else "",
        "signed_on": p.signed_on.isoformat() if p.signed_on else "",
        "url": f"http://testserver/en/proposals/{p.slug}/",
    }  # fmt: skip


def test_the_proposals_export_is_complete_and_exact_at_national_size(client, national):
    expected = [expected_proposal(p) for p in Proposal.objects.public().for_listing()
                .order_by("reference")]  # fmt: skip
    assert len(expected) == ROWS - 1

    response = client.get("/en/open-data/proposals.json")
    assert response.streaming
    streamed = json.loads(response.getvalue())["proposals"]
    assert streamed == expected

    text = client.get("/en/open-data/proposals.csv").getvalue().decode("utf-8-sig")
    assert list(csv.DictReader(io.StringIO(text))) == expected


def test_the_visits_export_is_complete_at_national_size(client, national):
    public = list(Visit.objects.published().order_by("id").values_list("slug", flat=True))
    streamed = json.loads(client.get("/en/open-data/visits.json").getvalue())["visits"]
    assert [row["slug"] for row in streamed] == public
    linked = {v.slug: ";".join(sorted(p.reference for p in v.proposals.all()))
              for v in Visit.objects.published().prefetch_related("proposals")}  # fmt: skip
    assert {row["slug"]: row["proposals"] for row in streamed} == linked


def test_each_chunk_costs_the_same_few_queries(client, django_assert_max_num_queries):
    seed(Sizes(proposals=opendata.CHUNK * 2 + 5, events_per_proposal=0, cities=5, visits=0,
               delegates_per_visit=0, comments_per_proposal=0,
               candidates_per_proposal=0))  # fmt: skip
    # Three chunks of rows, a sector query for each, and the final empty read.
    with django_assert_max_num_queries(3 * 2 + 1 + 2):
        client.get("/en/open-data/proposals.csv").getvalue()


def test_the_calendar_streams_every_published_visit_once(client):
    from icalendar import Calendar

    from delegations.views import CALENDAR_CHUNK

    seed(Sizes(proposals=1, events_per_proposal=0, cities=1, visits=CALENDAR_CHUNK * 2 + 3,
               delegates_per_visit=0, comments_per_proposal=0,
               candidates_per_proposal=0))  # fmt: skip
    Visit.objects.filter(slug="bench-visit-7").update(published=False)

    response = client.get("/visits.ics")
    assert response.streaming
    events = list(Calendar.from_ical(response.getvalue()).walk("VEVENT"))

    published = set(Visit.objects.published().values_list("pk", flat=True))
    assert len(events) == len(published) == CALENDAR_CHUNK * 2 + 2
    assert {int(str(e["uid"]).split("@")[0].removeprefix("visit-")) for e in events} == published
