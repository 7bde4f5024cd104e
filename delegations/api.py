"""The API's visits (kupang_portal/api.py serves them at /api/v1/visits/): published visits with
their delegates by name, title and side only (never their contact details), their highlights
and commitments, and links to the published proposals and the sectors they concern."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

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
from partnerships.models import Proposal

from .models import Commitment, Delegate, Visit

router = Router()


class DelegateOut(Schema):
    name: str
    title: Texts
    organisation: Texts
    side: str


class CommitmentOut(Schema):
    description: Texts
    owner: Texts
    due_on: datetime.date | None
    state: str
    closed_on: datetime.date | None
    proposal: Link | None


class VisitOut(Schema):
    slug: str
    url: str
    page: str
    title: Texts
    direction: str
    starts_on: datetime.date
    ends_on: datetime.date
    place: Texts
    host: Texts
    visiting_mission: Texts
    purpose: Texts
    highlights: Texts
    report: Texts
    proposals: list[Link]
    sectors: list[Link]
    delegates: list[DelegateOut]
    commitments: list[CommitmentOut]


class VisitPage(Page):
    items: list[VisitOut]


VISIT_TEXTS = ("title", "place", "host", "visiting_mission", "purpose", "highlights", "report")


def _visits():
    public = Proposal.objects.public()
    return (
        Visit.objects.public()
        .prefetch_related(
            "sectors",
            Prefetch("proposals", public.order_by("reference"), to_attr="public_proposals"),
            Prefetch("delegates", Delegate.objects.public().as_shown()),
            Prefetch(
                "commitments",
                Commitment.objects.public().prefetch_related(
                    Prefetch("proposal", public, to_attr="public_proposal")
                ),
            ),
        )
        .order_by("-starts_on", "slug")
    )


def _commitment(request, c, langs):
    shown = getattr(c, "public_proposal", None)
    return {
        "description": texts(c, "description", langs), "owner": texts(c, "owner", langs),
        "due_on": c.due_on, "state": c.state, "closed_on": c.closed_on,
        "proposal": link(request, "api:proposal", shown.reference) if shown else None,
    }  # fmt: skip


def _visit(request, v, langs):
    return {
        "slug": v.slug, "url": absolute(request, "api:visit", v.slug),
        "page": absolute(request, "delegations:visit_detail", v.slug),
        **{field: texts(v, field, langs) for field in VISIT_TEXTS},
        "direction": v.direction, "starts_on": v.starts_on, "ends_on": v.ends_on,
        "proposals": [link(request, "api:proposal", p.reference) for p in v.public_proposals],
        "sectors": [link(request, "api:sector", s.slug) for s in v.sectors.all()],
        "delegates": [{"name": d.name, "title": texts(d, "title", langs),
                       "organisation": texts(d, "organisation", langs), "side": d.side}
                      for d in v.delegates.all()],
        "commitments": [_commitment(request, c, langs) for c in v.commitments.all()],
    }  # fmt: skip


@reading(router, "/visits/", response=answers(VisitPage), url_name="visits", tags=["visits"])
def visits(request, since: Day | None = None, lang: Lang = None):
    """Every published visit, the latest first, 50 a page; `since` keeps those ending on or
    after a day."""
    langs = languages_asked(request)
    found = _visits()
    if since:
        found = found.filter(ends_on__gte=since)
    items, links = page_of(request, found)
    return {**links.dict(), "items": [_visit(request, v, langs) for v in items]}


@reading(router, "/visits/{slug}/", response=answers(VisitOut), url_name="visit", tags=["visits"])
def visit(request, slug: Plain, lang: Lang = None):
    return _visit(request, get_object_or_404(_visits(), slug=slug), languages_asked(request))
