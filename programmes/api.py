"""The API's record after the signature (kupang_portal/api.py serves it at /api/v1/): the agreement
register, public activities, public indicators with their measured values, and published annual
reports with their frozen contents. Each reads the `.public()` rule of its model, as the pages
do."""

import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from core.api import (
    Lang,
    Link,
    Page,
    Plain,
    Texts,
    absolute,
    answers,
    languages_asked,
    link,
    page_of,
    reading,
    texts,
)
from partnerships.models import AgreementRenewal

from .models import Activity, AnnualReport, Indicator, IndicatorValue
from .register import signed_partnerships

router = Router()


class Signatory(Schema):
    name: Texts
    office: Texts


class Renewal(Schema):
    renewed_on: datetime.date
    years: int
    previous_end: datetime.date
    new_end: datetime.date


class AgreementOut(Schema):
    proposal: Link
    partner_city: Link | None
    partner_country: str
    status: str
    signed_on: datetime.date | None
    city_signatory: Signatory
    partner_signatory: Signatory
    signing_notes: Texts
    term_years: int | None
    no_end_date: bool
    expires_on: datetime.date | None
    renewals: list[Renewal]
    sectors: list[Link]
    latest_report: int | None


class AgreementPage(Page):
    items: list[AgreementOut]


class Participants(Schema):
    home_women: int
    home_men: int
    partner_women: int
    partner_men: int


class ActivityOut(Schema):
    id: int
    partnership: Link
    title: Texts
    kind: str
    state: str
    starts_on: datetime.date
    ends_on: datetime.date
    place: Texts
    lead_home: Texts
    lead_partner: Texts
    outcome: Texts
    sectors: list[Link]
    participants: Participants


class ActivityPage(Page):
    items: list[ActivityOut]


class Measured(Schema):
    year: int
    value: Decimal
    source: Texts


class IndicatorOut(Schema):
    id: int
    partnership: Link
    sector: Link
    name: Texts
    unit: Texts
    baseline: Decimal
    baseline_year: int
    target: Decimal | None
    values: list[Measured]


class IndicatorPage(Page):
    items: list[IndicatorOut]


class ReportOut(Schema):
    partnership: Link
    year: int
    page: str
    pdf: str
    published_at: datetime.datetime
    contents: dict


class ReportPage(Page):
    items: list[ReportOut]


def _signatory(p, side, langs):
    return {part: texts(p, f"{side}_signatory_{part}", langs) for part in ("name", "office")}


def _agreement(request, p, langs):
    city = p.partner_city
    return {
        "proposal": link(request, "api:proposal", p.reference),
        "partner_city": link(request, "api:city", city.slug) if city else None,
        "partner_country": p.partner_country, "status": p.status, "signed_on": p.signed_on,
        "city_signatory": _signatory(p, "city", langs),
        "partner_signatory": _signatory(p, "partner", langs),
        "signing_notes": texts(p, "signatories", langs),
        "term_years": p.term_years, "no_end_date": p.term_indefinite, "expires_on": p.expires_on,
        "renewals": [{"renewed_on": r.renewed_on, "years": r.years,
                      "previous_end": r.previous_end, "new_end": r.new_end}
                     for r in p.public_renewals],
        "sectors": [link(request, "api:sector", s.slug) for s in p.sectors.all()],
        "latest_report": p.latest_report,
    }  # fmt: skip


@reading(router, "/agreements/", response=answers(AgreementPage), url_name="agreements",
         tags=["after the signature"])  # fmt: skip
def agreements(request, lang: Lang = None):
    """The agreement register: every signed public partnership, the latest signing first."""
    langs = languages_asked(request)
    found = signed_partnerships().prefetch_related(
        Prefetch("renewals", AgreementRenewal.objects.public(), to_attr="public_renewals")
    )
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_agreement(request, p, langs) for p in items]}


ACTIVITY_TEXTS = ("title", "place", "lead_home", "lead_partner", "outcome")
PARTICIPANTS = ("home_women", "home_men", "partner_women", "partner_men")


def _activity(request, a, langs):
    return {
        "id": a.pk, "partnership": link(request, "api:proposal", a.partnership.reference),
        **{field: texts(a, field, langs) for field in ACTIVITY_TEXTS},
        "kind": a.kind, "state": a.state, "starts_on": a.starts_on, "ends_on": a.ends_on,
        "sectors": [link(request, "api:sector", s.slug) for s in a.sectors.all()],
        "participants": {field: getattr(a, field) for field in PARTICIPANTS},
    }  # fmt: skip


@reading(router, "/activities/", response=answers(ActivityPage), url_name="activities",
         tags=["after the signature"])  # fmt: skip
def activities(request, partnership: Plain | None = None, lang: Lang = None):
    """The public activities of public partnerships, the latest first; `partnership` takes a
    proposal's reference."""
    langs = languages_asked(request)
    found = (
        Activity.objects.public()
        .select_related("partnership")
        .prefetch_related("sectors")
        .order_by("-starts_on", "pk")
    )
    if partnership:
        found = found.filter(partnership__reference=partnership)
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_activity(request, a, langs) for a in items]}


def _indicator(request, i, langs):
    return {
        "id": i.pk, "partnership": link(request, "api:proposal", i.partnership.reference),
        "sector": link(request, "api:sector", i.sector.slug),
        "name": texts(i, "name", langs), "unit": texts(i, "unit", langs),
        "baseline": i.baseline, "baseline_year": i.baseline_year, "target": i.target,
        "values": [{"year": v.year, "value": v.value, "source": texts(v, "source", langs)}
                   for v in i.public_values],
    }  # fmt: skip


@reading(router, "/indicators/", response=answers(IndicatorPage), url_name="indicators",
         tags=["after the signature"])  # fmt: skip
def indicators(request, partnership: Plain | None = None, lang: Lang = None):
    """What public partnerships measure, with every measured value; `partnership` takes a
    proposal's reference."""
    langs = languages_asked(request)
    found = (
        Indicator.objects.public()
        .select_related("partnership", "sector")
        .prefetch_related(
            Prefetch("values", IndicatorValue.objects.public(), to_attr="public_values")
        )
        .order_by("partnership__reference", "pk")
    )
    if partnership:
        found = found.filter(partnership__reference=partnership)
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_indicator(request, i, langs) for i in items]}


def _report(request, r):
    slug, year = r.partnership.slug, r.year
    return {
        "partnership": link(request, "api:proposal", r.partnership.reference), "year": year,
        "page": absolute(request, "programmes:report", slug, year),
        "pdf": absolute(request, "programmes:report_pdf", slug, year),
        "published_at": r.published_at, "contents": r.contents or {},
    }  # fmt: skip


def _reports():
    return AnnualReport.objects.public().select_related("partnership")


@reading(router, "/reports/", response=answers(ReportPage), url_name="reports",
         tags=["after the signature"])  # fmt: skip
def reports(request):
    """Published annual reports with their frozen contents, the latest year first."""
    items, links = page_of(request, _reports().order_by("-year", "partnership__reference"))
    return {**links.dict(), "items": [_report(request, r) for r in items]}


@reading(router, "/reports/{reference}/{year}/", response=answers(ReportOut), url_name="report",
         tags=["after the signature"])  # fmt: skip
def report(request, reference: Plain, year: int):
    found = get_object_or_404(_reports(), partnership__reference=reference, year=year)
    return _report(request, found)
