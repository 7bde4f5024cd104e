"""The agreement register: every signed public partnership with its date of affiliation,
sectors, state and the end of its term, as a page and as open data."""

import csv
import datetime
import io
import json

import pytest

from partnerships.models import FocusSector, Proposal
from tests.factories import PartnerCityFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    sendai = PartnerCityFactory(name="Sendai", name_ja="仙台市", region="Miyagi",
                                region_en="Miyagi Prefecture", region_ja="宮城県")  # fmt: skip
    signed = ProposalFactory(
        active=True, reference="KPG-2024-010", partner_city=sendai,
        signed_on=datetime.date(2024, 3, 1), term_years=5,
    )  # fmt: skip
    signed.sectors.set([FocusSector.objects.get(slug="disaster-mitigation")])
    return {
        "signed": signed,
        "leap": ProposalFactory(signed=True, reference="KPG-2024-011", partner_city=None,
                                signed_on=datetime.date(2024, 2, 29), term_years=3),
        "offered": ProposalFactory(offered=True, reference="KPG-2024-012"),
        "unpublished": ProposalFactory(active=True, published=False,
                                       reference="KPG-2024-013"),
    }  # fmt: skip


def test_the_term_end_is_derived_from_the_signing_and_the_term(register):
    assert register["signed"].expires_on == datetime.date(2029, 3, 1)
    assert register["leap"].expires_on == datetime.date(2027, 2, 28)
    assert Proposal(signed_on=datetime.date(2024, 1, 1)).expires_on is None


def test_the_register_lists_signed_public_partnerships_only(client, register):
    html = client.get("/en/register/").content.decode()
    assert "Sendai" in html and "Miyagi Prefecture" in html and "March 1, 2029" in html
    assert "/proposals/" + register["leap"].slug in html
    assert register["offered"].slug not in html and register["unpublished"].slug not in html
    japanese = client.get("/ja/register/").content.decode()
    assert "仙台市" in japanese and "宮城県" in japanese and "2029年3月1日" in japanese


def test_the_register_as_open_data(client, register):
    body = b"".join(client.get("/en/open-data/agreements.csv")).decode("utf-8-sig")
    rows = {row["reference"]: row for row in csv.DictReader(io.StringIO(body))}
    assert set(rows) == {"KPG-2024-010", "KPG-2024-011"}
    assert rows["KPG-2024-010"]["expires_on"] == "2029-03-01"
    assert rows["KPG-2024-010"]["sectors"] == "disaster-mitigation"
    assert rows["KPG-2024-011"]["partner_city"] == ""  # signed without a city on record
    data = json.loads(b"".join(client.get("/en/open-data/agreements.json")))
    assert {row["reference"] for row in data["agreements"]} == {"KPG-2024-010", "KPG-2024-011"}


def test_an_empty_register_says_so(client):
    assert "No agreement has been signed yet." in client.get("/en/register/").content.decode()


def test_the_demo_partnership_is_on_the_register(client):
    from django.core.management import call_command

    call_command("load_demo", stdout=None)
    html = client.get("/en/register/").content.decode()
    assert "Yamabe (fictional city)" in html and "March 1, 2029" in html


def test_the_registers_first_open_data_addresses_lead_to_the_current_ones(client):
    for fmt in ("csv", "json"):
        response = client.get(f"/en/open-data/register.{fmt}")
        assert response.status_code == 301
        assert response["Location"] == f"/en/open-data/agreements.{fmt}"
