"""This app's open datasets: the published proposals, their public timelines, the partner cities
they name and the focus sectors. Each reads its model's `.public()` rule, as the pages do."""

from django.utils.translation import gettext_lazy as _

from core.data_package import in_utc
from core.streaming import SLUG, address_template, in_chunks
from core.table_schema import (
    Column,
    Dataset,
    Reference,
    address,
    choice,
    day,
    in_each_language,
    key,
    listed,
    number,
    text,
    whole,
    yes_no,
)

from .models import FocusSector, PartnerCity, Proposal, ProposalEvent
from .opendata import CHUNK, each_language, iso_date, sector_slugs

REFERENCE = _("The city's reference, e.g. KPG-2023-001.")
TITLE = _("The title in Indonesian, English and Japanese (empty where not translated).")
SECTORS = _("Focus sectors, separated by semicolons.")
PROPOSAL_PAGE = _("The proposal's public page.")
COUNTRY = _("ISO 3166-1 code of the partner country, e.g. JP.")
# The stages a published proposal can be at (a draft is never published).
PUBLIC_STATUSES = [s for s in Proposal.Status.values if s != Proposal.Status.DRAFT]


def proposal_rows(request):
    columns = ["id", "reference", "slug", *each_language("title"), "status",
               "partner_country", "consulate__name_en", "partner_city__name_en",
               "partner_city__slug", "offered_on", "signed_on"]  # fmt: skip
    query = Proposal.objects.public().order_by("reference").values(*columns)
    url = address_template(request, "partnerships:proposal_detail")
    for rows in in_chunks(query, "reference", CHUNK):
        sectors = sector_slugs(Proposal.sectors.through, "proposal", [r["id"] for r in rows])
        for p in rows:
            yield {
                "reference": p["reference"], "slug": p["slug"],
                **{name: p[name] or "" for name in each_language("title")},
                "status": p["status"], "partner_country": p["partner_country"],
                "consulate": p["consulate__name_en"] or "",
                "partner_city": p["partner_city__name_en"] or "",
                "partner_city_slug": p["partner_city__slug"] or "",
                "sectors": ";".join(sectors[p["id"]]),
                "offered_on": iso_date(p["offered_on"]), "signed_on": iso_date(p["signed_on"]),
                "url": url.replace(SLUG, p["slug"]),
            }  # fmt: skip


PROPOSALS = Dataset(
    "proposals", _("Proposals"), [
        key("reference", REFERENCE, unique=True),
        key("slug", _("The last part of the proposal's web address."), unique=True),
        *in_each_language("title", TITLE),
        choice("status", _("The stage: offered, exploring, loi_signed, approving, signed, "
                           "active, dormant, ended, withdrawn or declined."), PUBLIC_STATUSES),
        text("partner_country", COUNTRY, pattern="[A-Z]{2}"),
        text("consulate", _("The foreign mission handling the proposal.")),
        text("partner_city", _("The chosen partner city, once the letter of intent is signed.")),
        text("partner_city_slug", _("The partner city's slug: its row in cities.csv.")),
        listed("sectors", SECTORS),
        day("offered_on", _("The day the offer was made (YYYY-MM-DD).")),
        day("signed_on", _("The day the agreement was signed (YYYY-MM-DD).")),
        address("url", PROPOSAL_PAGE),
    ], proposal_rows, ["reference"],
    [Reference("partner_city_slug", "cities", "slug")],
)  # fmt: skip


def event_rows(request):
    columns = ["id", "proposal__reference", "proposal__slug", "occurred_at", "from_status",
               "to_status", *each_language("title"), *each_language("note")]  # fmt: skip
    query = ProposalEvent.objects.public().order_by("id").values(*columns)
    url = address_template(request, "partnerships:proposal_detail")
    for rows in in_chunks(query, "id", CHUNK):
        for e in rows:
            yield {
                "id": e["id"], "proposal": e["proposal__reference"],
                "occurred_at": in_utc(e["occurred_at"]),
                "from_status": e["from_status"], "to_status": e["to_status"],
                **{name: e[name] or "" for name in (*each_language("title"),
                                                     *each_language("note"))},
                "url": url.replace(SLUG, e["proposal__slug"]),
            }  # fmt: skip


STAGE_CHANGE = _("The stage before and after the step (empty when the stage did not change).")
EVENTS = Dataset(
    "events", _("Timeline events"), [
        key("id", _("The event's number, unique across the portal."), "integer", unique=True),
        key("proposal", _("The reference of the proposal whose public timeline shows it.")),
        Column("occurred_at", _("When it happened (ISO 8601, in UTC)."), "datetime",
               {"required": True}),
        text("from_status", STAGE_CHANGE),
        text("to_status", STAGE_CHANGE),
        *in_each_language("title", TITLE),
        *in_each_language("note", _("The note on the step, in Indonesian, English and "
                                    "Japanese.")),
        address("url", PROPOSAL_PAGE),
    ], event_rows, ["id"],
    [Reference("proposal", "proposals", "reference")],
)  # fmt: skip


def city_rows(request):
    columns = ["id", "slug", *each_language("name"), "native_name", "country",
               *each_language("region"), "population", "is_coastal", "is_island", "latitude",
               "longitude", "website"]  # fmt: skip
    query = PartnerCity.objects.public().order_by("slug").values(*columns)
    url = address_template(request, "partnerships:city_detail")
    for rows in in_chunks(query, "slug", CHUNK):
        strengths = sector_slugs(PartnerCity.strengths.through, "partnercity",
                                 [r["id"] for r in rows])  # fmt: skip
        for c in rows:
            yield {
                "slug": c["slug"],
                **{name: c[name] or "" for name in (*each_language("name"),
                                                     *each_language("region"))},
                "native_name": c["native_name"], "country": c["country"],
                "population": c["population"] if c["population"] is not None else "",
                "is_coastal": _bool(c["is_coastal"]), "is_island": _bool(c["is_island"]),
                "strengths": ";".join(strengths[c["id"]]),
                "latitude": _plain(c["latitude"]), "longitude": _plain(c["longitude"]),
                "website": c["website"], "url": url.replace(SLUG, c["slug"]),
            }  # fmt: skip


def _bool(value):
    return "true" if value else "false"


def _plain(number_):
    return "" if number_ is None else str(number_)


PLACE = _("Latitude and longitude in decimal degrees (WGS 84), where known.")
CITIES = Dataset(
    "cities", _("Partner cities"), [
        key("slug", _("The last part of the city's web address."), unique=True),
        *in_each_language("name", _("The name in Indonesian, English and Japanese (empty "
                                    "where not translated).")),
        text("native_name", _("The name in the city's own script, e.g. 北九州市.")),
        key("country", _("ISO 3166-1 code of the country, e.g. JP."), pattern="[A-Z]{2}"),
        *in_each_language("region", _("The prefecture, province or region.")),
        whole("population", _("Inhabitants, where known."), minimum=0),
        yes_no("is_coastal", _("“true” for a city on the coast.")),
        yes_no("is_island", _("“true” for a city on an island.")),
        listed("strengths", _("The focus sectors the city is strong in, separated by "
                              "semicolons.")),
        number("latitude", PLACE, minimum=-90, maximum=90),
        number("longitude", PLACE, minimum=-180, maximum=180),
        address("website", _("The city's own website.")),
        address("url", _("The city's page on this portal.")),
    ], city_rows, ["slug"],
)  # fmt: skip


def sector_rows(request):
    url = address_template(request, "partnerships:sector_detail")
    sectors = FocusSector.objects.public().order_by("order", "slug")
    for s in sectors.values("slug", "order", *each_language("name"),
                            *each_language("description")):  # fmt: skip
        yield {
            "slug": s["slug"], "order": s["order"],
            **{name: s[name] or "" for name in (*each_language("name"),
                                                 *each_language("description"))},
            "url": url.replace(SLUG, s["slug"]),
        }  # fmt: skip


SECTORS_DATASET = Dataset(
    "sectors", _("Focus sectors"), [
        key("slug", _("The sector's short name, as the other files list it."), unique=True),
        whole("order", _("Where the portal lists it (lower first)."), minimum=0),
        *in_each_language("name", _("The name in Indonesian, English and Japanese (empty "
                                    "where not translated).")),
        *in_each_language("description", _("What the sector covers.")),
        address("url", _("The sector's public page.")),
    ], sector_rows, ["slug"],
)  # fmt: skip

DATASETS = [PROPOSALS, EVENTS, CITIES, SECTORS_DATASET]
