"""This app's open datasets: the agreement register, the public activities and the measured values
of public indicators, registered with the open data of partnerships (which never imports this
app). Each reads its model's `.public()` rule, as the pages do."""

from django.utils.translation import gettext_lazy as _

from core.streaming import in_chunks
from core.table_schema import (
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
from partnerships.open_datasets import COUNTRY, PROPOSAL_PAGE, REFERENCE, SECTORS, TITLE
from partnerships.opendata import CHUNK, each_language, iso_date, sector_slugs

from .models import AFTER_SIGNING, Activity, IndicatorValue
from .register import register_rows

PARTNERSHIP = _("The reference of the partnership: its row in proposals.csv.")
SIGNATORY = _("Who signed the agreement for Kupang and for the partner city, with their "
              "office, in Indonesian, English and Japanese (empty where not written in that "
              "language).")  # fmt: skip
LATEST_REPORT = _("The year and page of the latest published annual evaluation report.")

AGREEMENTS = Dataset(
    "agreements", _("Signed agreements"), [
        key("reference", REFERENCE, unique=True),
        text("partner_city", _("The partner city's name, in English.")),
        text("region_en", _("The partner city's prefecture or region, in English.")),
        text("country", COUNTRY, pattern="[A-Z]{2}"),
        day("signed_on", _("The date of affiliation: the day the agreement was signed "
                           "(YYYY-MM-DD).")),
        *in_each_language("city_signatory", SIGNATORY),
        *in_each_language("partner_signatory", SIGNATORY),
        *in_each_language("signatories", _("Notes on the signing, as the register had them "
                                           "before each side's signatory was recorded.")),
        whole("term_years", _("The term in years, renewals included."), minimum=0),
        yes_no("no_end_date", _("“true” for an agreement with no end date.")),
        whole("renewals", _("How many times it was renewed."), required=True, minimum=0),
        day("expires_on", _("The day it ends (YYYY-MM-DD).")),
        choice("status", _("signed, active, dormant or ended."), AFTER_SIGNING),
        listed("sectors", SECTORS),
        whole("latest_report", LATEST_REPORT),
        address("latest_report_url", LATEST_REPORT),
        address("url", PROPOSAL_PAGE),
    ], register_rows, ["reference"],
    [Reference("reference", "proposals", "reference")],
)  # fmt: skip

PARTICIPANTS = ("home_women", "home_men", "partner_women", "partner_men")


def activity_rows(request):
    texts = [*each_language("title"), *each_language("place"), *each_language("lead_home"),
             *each_language("lead_partner"), *each_language("outcome")]  # fmt: skip
    columns = ["id", "partnership__reference", "kind", "state", "starts_on", "ends_on", *texts,
               *PARTICIPANTS]  # fmt: skip
    query = Activity.objects.public().order_by("id").values(*columns)
    for rows in in_chunks(query, "id", CHUNK):
        sectors = sector_slugs(Activity.sectors.through, "activity", [r["id"] for r in rows])
        for a in rows:
            yield {
                "id": a["id"], "partnership": a["partnership__reference"],
                **{name: a[name] or "" for name in texts},
                "kind": a["kind"], "state": a["state"],
                "starts_on": iso_date(a["starts_on"]), "ends_on": iso_date(a["ends_on"]),
                "sectors": ";".join(sectors[a["id"]]),
                **{name: a[name] for name in PARTICIPANTS},
            }  # fmt: skip


ACTIVITY_DAYS = _("First and last day (YYYY-MM-DD).")
PEOPLE = _("How many women and men took part, from Kupang and from the partner city.")
ACTIVITIES = Dataset(
    "activities", _("Activities"), [
        key("id", _("The activity's number, unique across the portal."), "integer",
            unique=True),
        key("partnership", PARTNERSHIP),
        *in_each_language("title", TITLE),
        choice("kind", _("exchange, training, technical_assistance, grant, event or other."),
               Activity.Kind.values),
        choice("state", _("planned, running, done or cancelled."), Activity.State.values),
        day("starts_on", ACTIVITY_DAYS, required=True),
        day("ends_on", ACTIVITY_DAYS, required=True),
        *in_each_language("place", _("Where the activity takes place.")),
        *in_each_language("lead_home", _("The lead organisation in Kupang.")),
        *in_each_language("lead_partner", _("The lead organisation in the partner city.")),
        *in_each_language("outcome", _("What came of it.")),
        listed("sectors", SECTORS),
        *(whole(name, PEOPLE, required=True, minimum=0) for name in PARTICIPANTS),
    ], activity_rows, ["id"],
    [Reference("partnership", "proposals", "reference")],
)  # fmt: skip


def value_rows(request):
    columns = ["indicator_id", "indicator__partnership__reference", "indicator__sector__slug",
               *(f"indicator__{name}" for name in (*each_language("name"),
                                                   *each_language("unit"))),
               "indicator__baseline", "indicator__baseline_year", "indicator__target", "year",
               "value", *each_language("source")]  # fmt: skip
    query = IndicatorValue.objects.public().order_by("indicator_id", "year").values(*columns)
    for v in query.iterator(chunk_size=CHUNK):
        yield {
            "indicator": v["indicator_id"], "year": v["year"],
            "partnership": v["indicator__partnership__reference"],
            "sector": v["indicator__sector__slug"],
            **{name: v[f"indicator__{name}"] or "" for name in (*each_language("name"),
                                                                *each_language("unit"))},
            "baseline": str(v["indicator__baseline"]),
            "baseline_year": v["indicator__baseline_year"],
            "target": "" if v["indicator__target"] is None else str(v["indicator__target"]),
            "value": str(v["value"]),
            **{name: v[name] or "" for name in each_language("source")},
        }  # fmt: skip


MEASURES = _("What the indicator measures, and in which unit.")
BASELINE = _("Where it started, and in which year.")
INDICATOR_VALUES = Dataset(
    "indicator_values", _("Indicator values"), [
        key("indicator", _("The indicator's number: its values share it."), "integer"),
        key("year", _("The year the value was measured in."), "integer"),
        key("partnership", PARTNERSHIP),
        key("sector", _("The focus sector it measures: its row in sectors.csv.")),
        *in_each_language("name", MEASURES),
        *in_each_language("unit", MEASURES),
        key("baseline", BASELINE, "number"),
        key("baseline_year", BASELINE, "integer"),
        number("target", _("The value aimed for.")),
        key("value", _("The measured value."), "number"),
        *in_each_language("source", _("Where the figure comes from.")),
    ], value_rows, ["indicator", "year"],
    [Reference("partnership", "proposals", "reference"),
     Reference("sector", "sectors", "slug")],
)  # fmt: skip

DATASETS = [AGREEMENTS, ACTIVITIES, INDICATOR_VALUES]
