"""The API's resources of this app (kupang_portal/api.py serves them at /api/v1/): proposals with
their public timeline, sectors, partner city and public candidacies; partner cities; focus
sectors; consulates. Each reads the `.public()` rule of its model, as the pages do."""

import datetime
from typing import Literal

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from core import change_dates
from core.api import (
    Day,
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

from .models import CandidateCity, Consulate, FocusSector, PartnerCity, Proposal, ProposalEvent
from .search import matching

router = Router()
# The stages a published proposal can be at (a draft is never published).
PublicStatus = Literal[tuple(s for s in Proposal.Status.values if s != Proposal.Status.DRAFT)]


class Step(Schema):
    occurred_at: datetime.datetime
    title: Texts
    note: Texts


class Candidacy(Schema):
    city: Link
    state: str


class ProposalOut(Schema):
    reference: str
    slug: str
    url: str
    page: str  # the public page, in the reader's language (Accept-Language)
    title: Texts
    summary: Texts
    body: Texts
    closing_reason: Texts
    status: str
    partner_country: str
    consulate: Link | None
    partner_city: Link | None
    sectors: list[Link]
    offered_on: datetime.date | None
    signed_on: datetime.date | None
    timeline: list[Step]
    candidacies: list[Candidacy]


class ProposalPage(Page):
    items: list[ProposalOut]


class CityOut(Schema):
    slug: str
    url: str
    page: str
    name: Texts
    native_name: str
    region: Texts
    summary: Texts
    country: str
    population: int | None
    is_coastal: bool
    is_island: bool
    strengths: list[Link]
    latitude: float | None
    longitude: float | None
    website: str


class CityPage(Page):
    items: list[CityOut]


class SectorOut(Schema):
    slug: str
    url: str
    page: str
    name: Texts
    description: Texts


class ConsulateOut(Schema):
    slug: str
    url: str
    name: Texts
    country: str
    seat: str
    website: str


def _link(request, view, key):
    return link(request, f"api:{view}", key)


def _proposals():
    public = Proposal.objects.public().select_related("consulate", "partner_city")
    return public.prefetch_related(
        "sectors",
        Prefetch("events", ProposalEvent.objects.on_public_timeline(), to_attr="public_events"),
        Prefetch(
            "candidates",
            CandidateCity.objects.public().select_related("city").order_by("pk"),
            to_attr="public_candidates",
        ),
    ).order_by("reference")


PROPOSAL_TEXTS = ("title", "summary", "body", "closing_reason")


def _proposal(request, p, langs):
    def related(view, record, key):
        return _link(request, view, getattr(record, key)) if record else None

    return {
        "reference": p.reference, "slug": p.slug,
        "url": absolute(request, "api:proposal", p.reference),
        "page": absolute(request, "partnerships:proposal_detail", p.slug),
        **{field: texts(p, field, langs) for field in PROPOSAL_TEXTS},
        "status": p.status, "partner_country": p.partner_country,
        "consulate": related("consulate", p.consulate, "slug"),
        "partner_city": related("city", p.partner_city, "slug"),
        "sectors": [_link(request, "sector", s.slug) for s in p.sectors.all()],
        "offered_on": p.offered_on, "signed_on": p.signed_on,
        "timeline": [{"occurred_at": e.occurred_at, "title": texts(e, "title", langs),
                      "note": texts(e, "note", langs)} for e in p.public_events],
        "candidacies": [{"city": _link(request, "city", c.city.slug), "state": c.state}
                        for c in p.public_candidates],
    }  # fmt: skip


@reading(
    router, "/proposals/", response=answers(ProposalPage), url_name="proposals", tags=["proposals"]
)
def proposals(
    request,
    sector: Plain | None = None,
    status: PublicStatus | None = None,
    country: Plain | None = None,
    q: Plain | None = None,
    updated_since: Day | None = None,
    lang: Lang = None,
):
    """Every published proposal, by reference, 50 a page; filtered as the site's list is."""
    langs = languages_asked(request)
    found = _proposals()
    if sector:
        found = found.filter(sectors__slug=sector)
    if status:
        found = found.filter(status=status)
    if country:
        found = found.filter(partner_country=country.upper())
    if q and q.strip():
        found = found.filter(pk__in=matching(Proposal.objects.public(), q).values("pk"))
    if updated_since:
        # Its own rows (a step, a candidacy) date a change as much as its own fields.
        found = change_dates.with_own_change_dates(found).filter(
            Q(updated_at__date__gte=updated_since) | Q(own_changed_at__date__gte=updated_since)
        )
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_proposal(request, p, langs) for p in items]}


@reading(router, "/proposals/{reference}/", response=answers(ProposalOut), url_name="proposal",
            tags=["proposals"])  # fmt: skip
def proposal(request, reference: Plain, lang: Lang = None):
    """One published proposal, by its reference (e.g. KPG-2023-001)."""
    return _proposal(request, get_object_or_404(_proposals(), reference=reference),
                     languages_asked(request))  # fmt: skip


def _city(request, c, langs):
    def number(value):
        return float(value) if value is not None else None

    return {
        "slug": c.slug, "url": absolute(request, "api:city", c.slug),
        "page": absolute(request, "partnerships:city_detail", c.slug),
        **{field: texts(c, field, langs) for field in ("name", "region", "summary")},
        "native_name": c.native_name, "country": c.country, "population": c.population,
        "is_coastal": c.is_coastal, "is_island": c.is_island,
        "strengths": [_link(request, "sector", s.slug) for s in c.strengths.all()],
        "latitude": number(c.latitude), "longitude": number(c.longitude), "website": c.website,
    }  # fmt: skip


def _cities():
    return PartnerCity.objects.public().prefetch_related("strengths").order_by("slug")


@reading(router, "/cities/", response=answers(CityPage), url_name="cities", tags=["places"])
def cities(request, country: Plain | None = None, lang: Lang = None):
    """The partner cities a published proposal names (its partner, or a public candidate)."""
    langs = languages_asked(request)
    found = _cities()
    if country:
        found = found.filter(country=country.upper())
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_city(request, c, langs) for c in items]}


@reading(router, "/cities/{slug}/", response=answers(CityOut), url_name="city", tags=["places"])
def city(request, slug: Plain, lang: Lang = None):
    return _city(request, get_object_or_404(_cities(), slug=slug), languages_asked(request))


def _sector(request, s, langs):
    return {
        "slug": s.slug, "url": absolute(request, "api:sector", s.slug),
        "page": absolute(request, "partnerships:sector_detail", s.slug),
        "name": texts(s, "name", langs), "description": texts(s, "description", langs),
    }  # fmt: skip


@reading(
    router, "/sectors/", response=answers(list[SectorOut]), url_name="sectors", tags=["places"]
)
def sectors(request, lang: Lang = None):
    """The focus sectors, in the portal's order."""
    langs = languages_asked(request)
    return [_sector(request, s, langs) for s in FocusSector.objects.public().order_by("order")]


@reading(
    router, "/sectors/{slug}/", response=answers(SectorOut), url_name="sector", tags=["places"]
)
def sector(request, slug: Plain, lang: Lang = None):
    found = get_object_or_404(FocusSector.objects.public(), slug=slug)
    return _sector(request, found, languages_asked(request))


def _consulate(request, c, langs):
    return {"slug": c.slug, "url": absolute(request, "api:consulate", c.slug),
            "name": texts(c, "name", langs), "country": c.country, "seat": c.seat,
            "website": c.website}  # fmt: skip


@reading(router, "/consulates/", response=answers(list[ConsulateOut]), url_name="consulates",
         tags=["places"])  # fmt: skip
def consulates(request, lang: Lang = None):
    """The missions that handle a published proposal."""
    langs = languages_asked(request)
    return [_consulate(request, c, langs) for c in Consulate.objects.public().order_by("slug")]


@reading(router, "/consulates/{slug}/", response=answers(ConsulateOut), url_name="consulate",
            tags=["places"])  # fmt: skip
def consulate(request, slug: Plain, lang: Lang = None):
    found = get_object_or_404(Consulate.objects.public(), slug=slug)
    return _consulate(request, found, languages_asked(request))
