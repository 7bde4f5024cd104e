"""The published visits and the commitments made at them as open data (visits.csv, commitments.csv
and their JSON), registered with the open data of partnerships, which never imports this app."""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from core.streaming import SLUG, address_template, in_chunks
from core.table_schema import (
    Dataset,
    Reference,
    address,
    choice,
    day,
    in_each_language,
    key,
    listed,
    text,
)
from partnerships.models import Proposal
from partnerships.open_datasets import SECTORS, TITLE
from partnerships.opendata import CHUNK, each_language, iso_date, sector_slugs

from .models import Commitment, Visit


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
    query = Visit.objects.public().order_by("id").values(*columns)
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


DAYS = _("First and last day (YYYY-MM-DD).")
WHO = _("The host and the visiting mission.")
VISITS = Dataset(
    "visits", _("Visits"), [
        key("slug", _("The last part of the visit's web address."), unique=True),
        *in_each_language("title", TITLE),
        choice("direction", _("inbound (to Kupang) or outbound (from Kupang)."),
               Visit.Direction.values),
        day("starts_on", DAYS, required=True),
        day("ends_on", DAYS, required=True),
        *in_each_language("place", _("Where the visit took place.")),
        text("host", WHO),
        text("visiting_mission", WHO),
        listed("proposals", _("References of the related published proposals, separated by "
                              "semicolons.")),
        listed("sectors", SECTORS),
        address("url", _("The visit's public page.")),
    ], visit_rows, ["slug"],
)  # fmt: skip


def commitment_rows(request):
    columns = ["id", "visit__slug", "proposal_id", "proposal__reference",
               *each_language("description"), *each_language("owner"), "due_on", "state",
               "closed_on"]  # fmt: skip
    query = Commitment.objects.public().order_by("id").values(*columns)
    public = Proposal.objects.public()
    url = address_template(request, "delegations:visit_detail")
    for rows in in_chunks(query, "id", CHUNK):
        ids = {r["proposal_id"] for r in rows if r["proposal_id"]}
        shown = set(public.filter(pk__in=ids).values_list("pk", flat=True))
        for c in rows:
            yield {
                "id": c["id"], "visit": c["visit__slug"],
                # A promise may name a proposal that is not public: then it names none.
                "proposal": c["proposal__reference"] if c["proposal_id"] in shown else "",
                **{name: c[name] or "" for name in (*each_language("description"),
                                                     *each_language("owner"))},
                "due_on": iso_date(c["due_on"]), "state": c["state"],
                "closed_on": iso_date(c["closed_on"]),
                "url": url.replace(SLUG, c["visit__slug"]),
            }  # fmt: skip


DUE_AND_CLOSED = _("When it is due and when it was closed (YYYY-MM-DD).")
COMMITMENTS = Dataset(
    "commitments", _("Commitments"), [
        key("id", _("The commitment's number, unique across the portal."), "integer",
            unique=True),
        key("visit", _("The slug of the visit at which it was made: its row in visits.csv.")),
        text("proposal", _("The reference of the published proposal it serves, if any.")),
        *in_each_language("description", _("What was promised, in Indonesian, English and "
                                           "Japanese.")),
        *in_each_language("owner", _("Who promised it.")),
        day("due_on", DUE_AND_CLOSED),
        choice("state", _("open, done or dropped."), Commitment.State.values),
        day("closed_on", DUE_AND_CLOSED),
        address("url", _("The visit's public page.")),
    ], commitment_rows, ["id"],
    [Reference("visit", "visits", "slug"), Reference("proposal", "proposals", "reference")],
)  # fmt: skip
