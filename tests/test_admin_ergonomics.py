"""The admin puts staff's main records and what awaits them first, and explains its jargon."""

import pytest
from django.urls import reverse

from partnerships.models import Document
from tests.factories import CandidateCityFactory, ProposalFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def index(client, **headers):
    return client.get(reverse("admin:index"), **headers).content.decode()


def test_the_index_starts_with_proposals_visits_and_what_awaits_staff(staff_client):
    body = index(staff_client, **EN)
    order = [
        body.index('class="module start-here"'),
        body.index('class="module waiting"'),
        body.index('class="module followed"'),
        body.index('class="module liaison-actions"'),
        body.index('class="all-records"'),
    ]
    assert order == sorted(order)
    start = body[order[0] : order[1]]
    assert reverse("admin:partnerships_proposal_add") in start
    assert reverse("admin:delegations_visit_add") in start


def test_the_index_lists_suggested_cities_with_their_decision_pages(staff_client):
    candidate = CandidateCityFactory(city__name="Toyama")
    closed = CandidateCityFactory(proposal=ProposalFactory(declined=True), city__name="Nara")

    body = index(staff_client, **EN)

    select = reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, "select"])
    assert "Toyama" in body and select in body
    assert "Nara" not in body  # nothing to decide on a closed proposal
    assert closed.state == "suggested"


def test_the_index_says_when_nothing_waits(staff_client):
    assert "Nothing is waiting for you" in index(staff_client, **EN)


def test_liaisons_never_see_the_staff_index(liaison_client):
    response = liaison_client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_document_kinds_include_an_offer_letter_and_other():
    kinds = dict(Document.Kind.choices)
    assert {"offer_letter", "other"} <= set(kinds)


@pytest.mark.parametrize(
    "lang,label,slug_help",
    [
        ("en", "Title (Indonesian)", "The end of the page's web address"),
        ("id", "Judul (Bahasa Indonesia)", "Bagian akhir alamat web halaman"),
        ("ja", "タイトル（インドネシア語）", "ページのウェブアドレスの末尾"),
    ],
)
def test_language_fields_and_slugs_are_explained_in_the_staff_members_language(
    staff_client, lang, label, slug_help
):
    proposal = ProposalFactory()
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    body = staff_client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert label in body
    assert slug_help in body
    assert "[ind]" not in body


def test_forms_with_language_fields_say_how_the_languages_fall_back(staff_client):
    proposal = ProposalFactory()
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    body = staff_client.get(url, **EN).content.decode()
    assert "see the Indonesian text" in body
