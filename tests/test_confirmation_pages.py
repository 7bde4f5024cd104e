"""Every admin action is confirmed on one page, drawn by one template: what it does, what stops
it, the fields it needs, a button that names it and a way back."""

import pytest
from django.urls import reverse

from partnerships.archiving import record_archive
from programmes.models import AnnualReport
from tests.factories import (
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def action_pages():
    candidate = CandidateCityFactory()
    report = AnnualReport.objects.create(partnership=ProposalFactory(active=True), year=2024)
    archived = record_archive(record=ProposalFactory(offered=True), by=None, reason="Mistake.")
    return {
        "archive": reverse("admin:partnerships_proposal_archive", args=[candidate.proposal_id]),
        "restore": reverse("admin:partnerships_proposal_restore", args=[archived.pk]),
        "step": reverse(
            "admin:partnerships_proposal_step", args=[candidate.proposal_id, "sign_loi"]
        ),  # fmt: skip
        "decide": reverse(
            "admin:partnerships_candidatecity_decide", args=[candidate.pk, "shortlist"]
        ),  # fmt: skip
        "answer": reverse(
            "admin:partnerships_comment_answer", args=[CommentFactory(is_request=True).pk]
        ),  # fmt: skip
        "close": reverse("admin:delegations_commitment_close", args=[CommitmentFactory().pk]),
        "freeze": reverse("admin:programmes_annualreport_freeze", args=[report.pk]),
    }


def test_every_action_page_is_the_one_confirmation_page(staff_client):
    for action, url in action_pages().items():
        response = staff_client.get(url)
        assert response.status_code == 200, action
        assert "admin/confirm_action.html" in [t.name for t in response.templates], action
        html = response.content.decode()
        assert 'class="breadcrumbs"' in html and 'class="confirm-action' in html, action
        # The form and its button, or (for a report that cannot be frozen yet) why not.
        assert 'type="submit"' in html or 'class="errornote"' in html, action
