"""The published visits as open data (visits.csv, visits.json), registered with the open data
of partnerships, which never imports this app."""

from collections import defaultdict

from core.streaming import SLUG, address_template, in_chunks
from partnerships.models import Proposal
from partnerships.opendata import CHUNK, LANGS, each_language, iso_date, sector_slugs

from .models import Visit

VISIT_FIELDS = ["slug", *(f"title_{lang}" for lang in LANGS), "direction", "starts_on",
                "ends_on", *(f"place_{lang}" for lang in LANGS), "host", "visiting_mission",
                "proposals", "sectors", "url"]  # fmt: skip


def _proposal_references(ids):
    links = Visit.proposals.through.objects.filter(
        proposal__in=Proposal.objects.public(), visit_id__in=ids
    )
    references = defaultdict(list)
    rows = links.order_by("proposal__reference").values_list("visit_id", "proposal__reference")
    for visit_id, reference in rows:
        references[visit_id].append(reference)
    return references


def visit_rows(request):
    columns = ["id", "slug", *each_language("title"), "direction", "starts_on", "ends_on",
               *each_language("place"), "host", "visiting_mission"]  # fmt: skip
    query = Visit.objects.published().order_by("id").values(*columns)
    url = address_template(request, "delegations:visit_detail")
    for rows in in_chunks(query, "id", CHUNK):
        ids = [r["id"] for r in rows]
        sectors = sector_slugs(Visit.sectors.through, "visit", ids)
        references = _proposal_references(ids)
        for v in rows:
            yield {
                "slug": v["slug"],
                **{name: v[name] or "" for name in each_language("title")},
                "direction": v["direction"],
                "starts_on": iso_date(v["starts_on"]),
                "ends_on": iso_date(v["ends_on"]),
                **{name: v[name] or "" for name in each_language("place")},
                "host": v["host"],
                "visiting_mission": v["visiting_mission"],
                "proposals": ";".join(references[v["id"]]),
                "sectors": ";".join(sectors[v["id"]]),
                "url": url.replace(SLUG, v["slug"]),
            }
