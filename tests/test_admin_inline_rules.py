"""Rules the database enforces are explained in the admin's inline forms, never a crash."""

import pytest
from django.urls import reverse

from partnerships.models import Approval, CandidateCity
from tests.factories import (
    ApprovalFactory,
    CandidateCityFactory,
    PartnerCityFactory,
    ProposalFactory,
)
from tests.html_forms import admin_form_data, with_inline_rows

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post_change(client, proposal, prefix, *rows):
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    return client.post(url, with_inline_rows(admin_form_data(client, url), prefix, *rows), **EN)


def test_a_second_selected_city_is_refused_with_a_message(staff_client):
    proposal = ProposalFactory(exploring=True)
    CandidateCityFactory(proposal=proposal, state="selected")

    response = post_change(staff_client, proposal, "candidates",
                           {"city": PartnerCityFactory().pk, "state": "selected"})  # fmt: skip

    assert response.status_code == 200
    assert "Another candidate city is already selected" in response.content.decode()
    assert CandidateCity.objects.filter(state="selected").count() == 1


def test_two_selected_cities_in_one_save_are_refused(staff_client):
    proposal = ProposalFactory(exploring=True)

    response = post_change(staff_client, proposal, "candidates",
                           {"city": PartnerCityFactory().pk, "state": "selected"},
                           {"city": PartnerCityFactory().pk, "state": "selected"})  # fmt: skip

    assert response.status_code == 200
    assert "Select one partner city only." in response.content.decode()
    assert not CandidateCity.objects.exists()


def test_the_same_approval_twice_is_refused_with_a_message(staff_client):
    proposal = ProposalFactory(approving=True)
    ApprovalFactory(proposal=proposal, kind="dprd_decision")

    response = post_change(staff_client, proposal, "approvals",
                           {"kind": "dprd_decision", "reference_number": "X/1"})  # fmt: skip

    assert response.status_code == 200
    assert Approval.objects.count() == 1


def test_the_same_city_twice_is_refused_with_a_message(staff_client):
    proposal = ProposalFactory(exploring=True)
    existing = CandidateCityFactory(proposal=proposal)

    response = post_change(staff_client, proposal, "candidates",
                           {"city": existing.city.pk, "state": "suggested"})  # fmt: skip

    assert response.status_code == 200
    assert CandidateCity.objects.count() == 1
