"""The few public pages the foundation has already show published rows only."""

import pytest
from django.urls import reverse

from tests.factories import PartnerCityFactory, ProposalFactory, VisitFactory

pytestmark = pytest.mark.django_db


def test_root_redirects_to_indonesian_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/id/"


def test_root_redirects_to_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Location"] == "/ja/"


@pytest.mark.parametrize("lang", ["id", "en", "ja"])
def test_home_answers_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_published_proposal_has_a_page(client):
    proposal = ProposalFactory(offered=True, title="Kupang offer")
    response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    assert "Kupang offer" in response.content.decode()


@pytest.mark.parametrize(
    "kwargs", [{}, {"offered": True, "published": False}], ids=["draft", "unpublished"]
)
def test_non_public_proposal_is_a_404_and_not_on_the_home_page(client, kwargs):
    hidden = ProposalFactory(title="Secret plan", **kwargs)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Secret plan" not in client.get("/id/").content.decode()


def test_unpublished_visit_is_a_404(client):
    visit = VisitFactory(published=False, title="Private meeting")
    assert client.get(visit.get_absolute_url()).status_code == 404
    assert "Private meeting" not in client.get("/en/").content.decode()


def test_visit_page_never_shows_contact_data(client):
    visit = VisitFactory()
    visit.delegates.create(
        name="A Delegate", side="guest", email="private@example.org", phone="+62 812 0000"
    )
    body = client.get(visit.get_absolute_url()).content.decode()
    assert "A Delegate" in body
    assert "private@example.org" not in body and "+62 812 0000" not in body


def test_sector_page_lists_only_public_proposals(client):
    from partnerships.models import FocusSector

    sector = FocusSector.objects.get(slug="education")
    ProposalFactory(offered=True, title="Public one", sectors=[sector])
    ProposalFactory(title="Draft one", sectors=[sector])
    body = client.get(sector.get_absolute_url()).content.decode()
    assert "Public one" in body and "Draft one" not in body


def test_partner_city_page(client):
    city = PartnerCityFactory(name="Kitakyushu", native_name="北九州市")
    response = client.get(reverse("partnerships:city_detail", kwargs={"slug": city.slug}))
    assert response.status_code == 200
    assert "北九州市" in response.content.decode()
