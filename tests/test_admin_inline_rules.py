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
    data = with_inline_rows(admin_form_data(client, url, **EN), prefix, *rows)
    return client.post(url, data, **EN)


def test_a_candidate_added_in_the_inline_is_a_suggestion_whatever_state_is_posted(
    staff_client, staff_user
):
    proposal = ProposalFactory(exploring=True)
    city = PartnerCityFactory()

    response = post_change(staff_client, proposal, "candidates",
                           {"city": city.pk, "state": "selected"})  # fmt: skip

    assert response.status_code == 302
    candidate = CandidateCity.objects.get()
    assert (candidate.city, candidate.state) == (city, CandidateCity.State.SUGGESTED)
    assert candidate.suggested_by == staff_user


def test_a_candidate_cannot_be_added_to_a_closed_proposal(staff_client):
    proposal = ProposalFactory(declined=True)

    response = post_change(staff_client, proposal, "candidates", {"city": PartnerCityFactory().pk})

    assert response.status_code == 200
    assert "Candidate cities change only while the proposal is offered or explored" in (
        response.content.decode()
    )
    assert not CandidateCity.objects.exists()


def test_the_inline_offers_no_state_field_and_no_delete_box(staff_client):
    proposal = ProposalFactory(exploring=True)
    CandidateCityFactory(proposal=proposal)
    url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    shown = admin_form_data(staff_client, url)
    assert "candidates-0-state" not in shown and "candidates-0-DELETE" not in shown
    assert "candidates-0-city" not in shown  # a recorded candidate keeps its city


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
