"""The read-only public API at /api/v1/: what a program reads, in which languages, a page at a
time, filtered as the site's list is, kept in the page cache with ETag and Last-Modified, open to
other origins for reading only, and described by an OpenAPI schema its answers follow."""

import datetime

import pytest
from django.db import connection
from django.test import Client

from core.models import RecordChange

from .factories import (
    CandidateCityFactory,
    CommitmentFactory,
    ConsulateFactory,
    DelegateFactory,
    FocusSectorFactory,
    PartnerCityFactory,
    ProposalEventFactory,
    ProposalFactory,
    VisitFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def api():
    return Client()


@pytest.fixture
def story(db):
    sector = FocusSectorFactory(slug="cleanliness", name_ind="Kebersihan", name_en="Cleanliness",
                                name_ja="")  # fmt: skip
    city = PartnerCityFactory(slug="kitakyushu", name_en="Kitakyushu", name_ja="北九州市",
                              latitude="33.883", longitude="130.875")  # fmt: skip
    proposal = ProposalFactory(
        active=True, reference="KPG-2023-001", slug="waste", title_ind="Bank sampah",
        title_en="Waste banks", title_ja="", partner_city=city, sectors=[sector],
        consulate=ConsulateFactory(slug="denpasar"),
    )  # fmt: skip
    ProposalEventFactory(proposal=proposal, title_en="Letter of intent signed", is_public=True)
    ProposalEventFactory(proposal=proposal, title_en="Internal call", is_public=False)
    CandidateCityFactory(proposal=proposal, state="suggested",
                         city=PartnerCityFactory(slug="only-suggested"))  # fmt: skip
    ProposalFactory(reference="KPG-2023-002", title_en="A draft")
    return proposal


def read(api, url, **headers):
    response = api.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return response.json()


def test_a_proposal_reads_as_its_page_shows_it(api, story):
    found = read(api, "/api/v1/proposals/KPG-2023-001/")

    assert found["status"] == "active" and found["slug"] == "waste"
    assert found["url"] == "http://testserver/api/v1/proposals/KPG-2023-001/"
    city = {"id": "kitakyushu", "url": "http://testserver/api/v1/cities/kitakyushu/"}
    assert found["partner_city"] == city
    assert [s["id"] for s in found["sectors"]] == ["cleanliness"]
    assert [step["title"]["en"]["text"] for step in found["timeline"]] == [
        "Letter of intent signed"
    ]
    assert found["candidacies"] == []  # only suggested: the missions' deliberation


def test_every_text_in_three_languages_with_its_fallback_marked(api, story):
    title = read(api, "/api/v1/proposals/KPG-2023-001/")["title"]

    assert title["id"] == {"text": "Bank sampah", "language": "id", "fallback": False}
    assert title["en"] == {"text": "Waste banks", "language": "en", "fallback": False}
    assert title["ja"]["fallback"] is True and title["ja"]["language"] != "ja"
    one = read(api, "/api/v1/proposals/KPG-2023-001/?lang=en")["title"]
    assert one == {"en": {"text": "Waste banks", "language": "en", "fallback": False}}
    assert api.get("/api/v1/proposals/?lang=fr").status_code == 422  # not one of the three


def test_a_draft_is_nowhere(api, story):
    listed = read(api, "/api/v1/proposals/")
    assert [p["reference"] for p in listed["items"]] == ["KPG-2023-001"]
    assert api.get("/api/v1/proposals/KPG-2023-002/").status_code == 404
    cities = [c["slug"] for c in read(api, "/api/v1/cities/")["items"]]
    assert cities == ["kitakyushu"]  # a city only suggested is not named
    assert api.get("/api/v1/cities/only-suggested/").status_code == 404


def test_lists_come_a_page_at_a_time_in_a_stable_order(api, story):
    for n in range(60):
        ProposalFactory(offered=True, reference=f"KPG-2024-{n:03d}")

    first = read(api, "/api/v1/proposals/")
    second = read(api, first["next"].removeprefix("http://testserver"))

    assert first["count"] == 61 and first["pages"] == 2 and first["previous"] is None
    assert len(first["items"]) == 50 and len(second["items"]) == 11 and second["next"] is None
    references = [p["reference"] for p in first["items"] + second["items"]]
    assert references == sorted(references) and len(set(references)) == 61
    assert api.get("/api/v1/proposals/?page=3").status_code == 404
    assert api.get("/api/v1/proposals/?page=first").status_code == 400


def test_the_sites_filters(api, story):
    disaster = FocusSectorFactory(slug="disaster")
    ProposalFactory(offered=True, reference="KPG-2024-100", title_en="Flood drills",
                    partner_country="KR", sectors=[disaster])  # fmt: skip

    def references(query):
        return [p["reference"] for p in read(api, f"/api/v1/proposals/?{query}")["items"]]

    assert references("sector=cleanliness") == ["KPG-2023-001"]
    assert references("status=offered") == ["KPG-2024-100"]
    assert references("country=kr") == ["KPG-2024-100"]
    assert references("q=flood") == ["KPG-2024-100"]
    assert api.get("/api/v1/proposals/?status=nonsense").status_code == 422
    assert api.get("/api/v1/proposals/?status=draft").status_code == 422


def test_updated_since_counts_a_new_step_as_a_change(
    api, story, django_capture_on_commit_callbacks
):
    other = ProposalFactory(offered=True, reference="KPG-2024-100")
    # What was made so far is committed (its callbacks run), and dated long ago.
    pending, connection.run_on_commit = connection.run_on_commit, []
    for _savepoints, callback, _robust in pending:
        callback()
    type(story).objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    RecordChange.objects.all().delete()
    assert read(api, "/api/v1/proposals/?updated_since=2024-01-01")["items"] == []

    with django_capture_on_commit_callbacks(execute=True):
        ProposalEventFactory(proposal=other, title_en="Council consulted")

    found = read(api, "/api/v1/proposals/?updated_since=2024-01-01")["items"]
    assert [p["reference"] for p in found] == ["KPG-2024-100"]


def test_answers_are_kept_and_a_conditional_request_costs_no_query(
    api, story, django_assert_num_queries
):
    first = api.get("/api/v1/proposals/KPG-2023-001/")
    with django_assert_num_queries(0):
        again = api.get("/api/v1/proposals/KPG-2023-001/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    ProposalEventFactory(proposal=story, title_en="Teachers exchanged", is_public=True)
    changed = api.get("/api/v1/proposals/KPG-2023-001/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Teachers exchanged" in changed.content.decode()


def test_other_origins_may_read_and_nothing_else(api, story):
    response = api.get("/api/v1/proposals/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = api.options(
        "/api/v1/proposals/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    for method in ("post", "put", "patch", "delete"):
        assert getattr(api, method)("/api/v1/proposals/").status_code == 405, method
    assert "Access-Control-Allow-Origin" not in api.get("/en/", HTTP_ORIGIN="https://x.example")


def test_the_schema_describes_every_resource_and_the_docs_need_no_cdn(api, story):
    schema = read(api, "/api/v1/openapi.json")
    assert schema["openapi"].startswith("3.")
    for path in ("/api/v1/proposals/", "/api/v1/proposals/{reference}/", "/api/v1/cities/",
                 "/api/v1/sectors/", "/api/v1/consulates/"):  # fmt: skip
        assert "get" in schema["paths"][path], path
    docs = api.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in docs and "cdn" not in docs.lower()
    root = read(api, "/api/v1/")
    assert root["schema"] == "http://testserver/api/v1/openapi.json"
    resources = {"proposals", "visits", "cities", "sectors", "consulates", "agreements",
                 "activities", "indicators", "reports"}  # fmt: skip
    assert set(root["resources"]) == resources


def test_cities_sectors_and_consulates(api, story):
    city = read(api, "/api/v1/cities/kitakyushu/")
    assert city["name"]["ja"]["text"] == "北九州市" and city["latitude"] == 33.883
    FocusSectorFactory(slug="culture", name_ind="Budaya", name_en="Culture", name_ja="")
    sectors = {s["slug"]: s for s in read(api, "/api/v1/sectors/")}
    # Japanese readers fall back to English first (MODELTRANSLATION_FALLBACK_LANGUAGES).
    assert sectors["culture"]["name"]["ja"] == {"text": "Culture", "language": "en",
                                                "fallback": True}  # fmt: skip
    assert [c["slug"] for c in read(api, "/api/v1/consulates/")] == ["denpasar"]


def test_head_reads_as_get_does(api, story):
    head = api.head("/api/v1/proposals/KPG-2023-001/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == api.get("/api/v1/proposals/KPG-2023-001/")["ETag"]


def test_a_visit_names_its_people_by_name_title_and_side_only(api, story):
    visit = VisitFactory(slug="courtesy-call", published=True)
    visit.proposals.add(story, ProposalFactory(reference="KPG-2023-003"))  # the second a draft
    DelegateFactory(visit=visit, name="Ikeda Kazuki", title="Consul-General",
                    email="ikeda@example.org", phone="+62 361 000")  # fmt: skip
    CommitmentFactory(visit=visit, proposal=story, description="Coordinate with Tokyo")
    CommitmentFactory(visit=visit, proposal=ProposalFactory(reference="KPG-2023-004"),
                      description="Ask the draft's city")  # fmt: skip

    found = read(api, "/api/v1/visits/courtesy-call/")

    assert [p["id"] for p in found["proposals"]] == ["KPG-2023-001"]
    assert found["delegates"][0]["name"] == "Ikeda Kazuki"
    assert found["delegates"][0]["title"]["en"]["text"] == "Consul-General"
    text = api.get("/api/v1/visits/courtesy-call/").content.decode()
    assert "ikeda@example.org" not in text and "+62 361" not in text
    linked = {c["description"]["id"]["text"]: c["proposal"] for c in found["commitments"]}
    assert linked["Coordinate with Tokyo"]["id"] == "KPG-2023-001"
    assert linked["Ask the draft's city"] is None
    assert api.get(f"/api/v1/visits/{VisitFactory(published=False).slug}/").status_code == 404


def test_the_record_after_the_signature(api, story):
    from programmes.models import AnnualReport, IndicatorValue

    from .test_planted_records import _activity, _indicator

    type(story).objects.filter(pk=story.pk).update(
        signed_on=datetime.date(2024, 1, 10), term_years=5, city_signatory_name_en="Mayor"
    )
    _activity(
        story,
        title="Waste bank training",
        budget_idr=12_345_678,
        budget_source="city",
        home_women=7,
    )
    _activity(story, title="Internal rehearsal", is_public=False)
    indicator = _indicator(story, name="Waste banks")
    IndicatorValue.objects.create(indicator=indicator, year=2025, value=3, source="City survey")
    now = datetime.datetime(2025, 2, 1, tzinfo=datetime.UTC)
    AnnualReport.objects.create(partnership=story, year=2024, frozen_at=now, published_at=now,
                                contents={"year": 2024, "activities": []})  # fmt: skip
    AnnualReport.objects.create(partnership=story, year=2025)  # a draft

    agreement = read(api, "/api/v1/agreements/?lang=en")["items"][0]
    assert agreement["proposal"]["id"] == "KPG-2023-001" and agreement["term_years"] == 5
    assert agreement["city_signatory"]["name"]["en"]["text"] == "Mayor"
    assert agreement["expires_on"] == "2029-01-10" and agreement["latest_report"] == 2024
    activities = read(api, "/api/v1/activities/?partnership=KPG-2023-001")
    assert [a["title"]["en"]["text"] for a in activities["items"]] == ["Waste bank training"]
    assert activities["items"][0]["participants"]["home_women"] == 7
    assert "12345678" not in api.get("/api/v1/activities/").content.decode()  # not on the page
    values = read(api, "/api/v1/indicators/")["items"][0]["values"]
    assert [(v["year"], float(v["value"])) for v in values] == [(2025, 3.0)]
    reports = read(api, "/api/v1/reports/")["items"]
    assert [r["year"] for r in reports] == [2024] and reports[0]["contents"]["year"] == 2024
    assert api.get("/api/v1/reports/KPG-2023-001/2025/").status_code == 404


def test_a_client_beyond_the_limit_is_told_when_to_come_back(api, story, settings, monkeypatch):
    settings.PORTAL_API_RATE_LIMIT = 3
    # 40 s into a minute, however long the test takes.
    monkeypatch.setattr("kupang_portal.middleware.time.time", lambda: 1_800_000_040.0)
    for _ in range(3):
        assert api.get("/api/v1/sectors/").status_code == 200
    refused = api.get("/api/v1/proposals/")  # a kept answer counts too
    assert refused.status_code == 429
    assert refused["Retry-After"] == "20"
    assert refused["Access-Control-Allow-Origin"] == "*"
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get("/api/v1/sectors/").status_code == 200  # counted per client
    assert api.get("/en/").status_code == 200  # the pages are not the API


def test_an_address_the_api_does_not_have_is_a_json_404(api, story):
    missing = api.get("/api/v1/nonsense/")
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found"}
    assert "<html" in api.get("/en/nonsense/").content.decode()  # a person gets the page


def test_texts_are_written_as_utf8_not_escaped(api, story):
    ProposalFactory(offered=True, reference="KPG-2024-200", title_ja="防災訓練")
    assert "防災訓練" in api.get("/api/v1/proposals/KPG-2024-200/").content.decode()
