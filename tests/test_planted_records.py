"""One table-driven leak test: a row that is not public, of every model with a `.public()`
rule, planted beside public ones, reaches no public page, feed, calendar, export or sitemap, in
any language. The models come from the code (every model whose queryset has `.public()`), so a
new one fails here until it has its planted row."""

import datetime

import pytest
from django.apps import apps
from django.core.files.base import ContentFile

from partnerships.models import AgreementRenewal, FocusSector, ProposalEvent
from programmes.models import Activity, ActivityFile, AnnualReport, Indicator, IndicatorValue
from tests.factories import (
    PDF_BYTES,
    CandidateCityFactory,
    CommitmentFactory,
    ConsulateFactory,
    DelegateFactory,
    DocumentFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitDocumentFactory,
    VisitFactory,
)
from tests.test_public_leaks import EVERY_PUBLIC_ROUTE, readable

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("partnerships", "delegations", "programmes")
# Every row of these is public by nature: the sectors are the city's fields of cooperation, and
# the register of cities names every city on record (a city's candidacies are what is secret,
# planted as candidates below).
PUBLIC_BY_NATURE = {"partnerships.focussector", "partnerships.partnercity"}
LANGUAGES = ("id", "en", "ja")


def models_with_a_public_rule():
    return {
        model._meta.label_lower
        for model in apps.get_models()
        if model._meta.app_label in DOMAIN_APPS and hasattr(model._default_manager, "public")
    }


def _activity(partnership, **fields):
    values = {"kind": "event", "starts_on": datetime.date(2025, 3, 1),
              "ends_on": datetime.date(2025, 3, 2), "state": "done", "is_public": True}  # fmt: skip
    return Activity.objects.create(partnership=partnership, **{**values, **fields})


def _indicator(partnership, **fields):
    values = {"sector": FocusSector.objects.first(), "name": "Schools", "unit": "schools",
              "baseline": 0, "baseline_year": 2024, "target": 10, "is_public": True}  # fmt: skip
    return Indicator.objects.create(partnership=partnership, **{**values, **fields})


def _renewal(world, marker_year):
    event = ProposalEventFactory(proposal=world["active"], is_public=False)
    document = DocumentFactory(proposal=world["active"], kind="renewal", is_public=False)
    ends = datetime.date(marker_year, 6, 30)
    return AgreementRenewal.objects.create(
        proposal=world["active"], event=event, document=document, renewed_on=ends,
        years=5, previous_end=ends, new_end=ends,
    )  # fmt: skip


# model label: (marker, plant(world)) — the marker is in a text a public page would show.
PLANTED = {
    "partnerships.proposal": ("PLANTED-DRAFT", lambda w: ProposalFactory(title="PLANTED-DRAFT")),
    "partnerships.proposalevent": ("PLANTED-EVENT", lambda w: ProposalEventFactory(
        proposal=w["active"], title="PLANTED-EVENT", is_public=False)),
    "partnerships.candidatecity": ("PLANTED-CANDIDATE", lambda w: CandidateCityFactory(
        proposal=w["offered"], state="suggested",
        city=PartnerCityFactory(name="PLANTED-CANDIDATE"))),
    "partnerships.document": ("PLANTED-DOCUMENT", lambda w: DocumentFactory(
        proposal=w["active"], title="PLANTED-DOCUMENT", is_public=False)),
    "partnerships.agreementrenewal": ("2097", lambda w: _renewal(w, 2097)),
    "partnerships.consulate": ("PLANTED-CONSULATE", lambda w: ProposalFactory(
        consulate=ConsulateFactory(name="PLANTED-CONSULATE")).consulate),
    "delegations.visit": ("PLANTED-VISIT", lambda w: VisitFactory(
        title="PLANTED-VISIT", published=False)),
    "delegations.delegate": ("PLANTED-DELEGATE", lambda w: DelegateFactory(
        name="PLANTED-DELEGATE", visit=VisitFactory(published=False))),
    "delegations.commitment": ("PLANTED-COMMITMENT", lambda w: CommitmentFactory(
        description="PLANTED-COMMITMENT", visit=VisitFactory(published=False))),
    "delegations.visitdocument": ("PLANTED-VISIT-DOCUMENT", lambda w: VisitDocumentFactory(
        visit=w["visit"], title="PLANTED-VISIT-DOCUMENT", is_public=False)),
    "programmes.activity": ("PLANTED-ACTIVITY", lambda w: _activity(
        w["active"], title="PLANTED-ACTIVITY", is_public=False)),
    "programmes.activityfile": ("PLANTED-FILE", lambda w: ActivityFile.objects.create(
        activity=w["activity"], kind="document", title="PLANTED-FILE", is_public=False,
        file=ContentFile(PDF_BYTES, name="file.pdf"))),
    "programmes.indicator": ("PLANTED-INDICATOR", lambda w: _indicator(
        w["active"], name="PLANTED-INDICATOR", is_public=False)),
    "programmes.indicatorvalue": ("PLANTED-VALUE", lambda w: IndicatorValue.objects.create(
        indicator=_indicator(w["active"], is_public=False), year=2025, value=3,
        source="PLANTED-VALUE")),
    "programmes.annualreport": ("PLANTED-REPORT", lambda w: AnnualReport.objects.create(
        partnership=w["active"], year=2025, assessment="PLANTED-REPORT")),
}  # fmt: skip


@pytest.fixture
def world():
    """Public records of every kind, for the planted ones to hide among."""
    active = ProposalFactory(active=True, slug="working-partnership", term_years=5,
                             reference="KPG-2024-500",
                             signed_on=datetime.date(2024, 1, 10),
                             partner_city=PartnerCityFactory(slug="sendai"))  # fmt: skip
    offered = ProposalFactory(offered=True, slug="public-offer")
    visit = VisitFactory(slug="public-visit")
    visit.proposals.add(active, offered)
    world = {"active": active, "offered": offered, "visit": visit}
    world["activity"] = _activity(active, title="Public activity")
    _indicator(active, name="Public indicator")
    ProposalEventFactory(proposal=active, title="Public step")
    for _marker, plant in PLANTED.values():
        plant(world)
    return world


# The API gives every language at once, or the one `?lang=` asks for.
API_ROUTES = ["/api/v1/", "/api/v1/proposals/", "/api/v1/proposals/?q=PLANTED",
              "/api/v1/proposals/KPG-2024-500/", "/api/v1/cities/", "/api/v1/cities/sendai/",
              "/api/v1/sectors/", "/api/v1/consulates/", "/api/v1/visits/",
              "/api/v1/visits/public-visit/", "/api/v1/agreements/", "/api/v1/activities/",
              "/api/v1/indicators/", "/api/v1/reports/"]  # fmt: skip


def routes():
    for route in [*EVERY_PUBLIC_ROUTE, "/{lang}/proposals/working-partnership/",
                  "/{lang}/proposals/working-partnership/updates.atom",
                  "/{lang}/visits/public-visit/", "/{lang}/register/working-partnership/2025/",
                  "/{lang}/proposals/?q=PLANTED"]:  # fmt: skip
        for language in LANGUAGES:
            yield route.format(lang=language)
    for route in API_ROUTES:
        yield route
        for language in LANGUAGES:
            yield f"{route}{'&' if '?' in route else '?'}lang={language}"


def test_every_model_with_a_public_rule_has_a_planted_row():
    assert models_with_a_public_rule() - PUBLIC_BY_NATURE == set(PLANTED)


def test_no_planted_row_reaches_a_public_output(client, world):
    assert ProposalEvent.objects.filter(title="PLANTED-EVENT").exists()
    for route in routes():
        response = client.get(route)
        if route.endswith("/2025/"):
            assert response.status_code == 404, route  # a draft report has no page
            continue
        assert response.status_code == 200, route
        text = readable(response)
        leaked = [marker for marker, _plant in PLANTED.values() if marker in text]
        if ("/cities/" in route or route.endswith("/map/")) and not route.startswith("/api/"):
            # The register of cities, and the map, name every city on record (no candidacy).
            leaked = [m for m in leaked if m != "PLANTED-CANDIDATE"]
        assert leaked == [], f"{route} shows {leaked}"


def test_the_public_twins_are_in_the_api_read(client, world):
    found = client.get("/api/v1/proposals/KPG-2024-500/").content.decode()
    assert "Public step" in found and "sendai" in found


def test_the_public_twins_are_on_the_pages_read(client, world):
    page = client.get("/en/proposals/working-partnership/").content.decode()
    assert "Public activity" in page and "Public indicator" in page and "Public step" in page
