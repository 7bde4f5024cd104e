"""Staff see overdue commitments on the admin index and close or drop them with a note."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations.models import Commitment
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def close_url(commitment):
    return reverse("admin:delegations_commitment_close", args=[commitment.pk])


def test_admin_index_lists_overdue_open_commitments_only(staff_client):
    overdue = CommitmentFactory(description="Invite the Ambassador", due_on=days_from_today(-1))
    CommitmentFactory(description="Due tomorrow", due_on=days_from_today(1))
    CommitmentFactory(description="Done already", due_on=days_from_today(-5), state="done")

    body = staff_client.get(reverse("admin:index"), **EN).content.decode()

    assert "Invite the Ambassador" in body
    assert close_url(overdue) in body
    assert "Due tomorrow" not in body and "Done already" not in body


def test_admin_index_says_when_nothing_is_overdue(staff_client):
    body = staff_client.get(reverse("admin:index"), **EN).content.decode()
    assert "No commitment is overdue." in body


def test_staff_closes_a_commitment_with_a_note(staff_client, staff_user):
    commitment = CommitmentFactory(due_on=days_from_today(-3))

    response = staff_client.post(
        close_url(commitment), {"state": "done", "note": "The Ambassador visited."}
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.state, commitment.closing_note) == ("done", "The Ambassador visited.")
    assert commitment.closed_on == timezone.localdate()
    assert commitment.history.first().history_user == staff_user


def test_dropping_needs_a_note(staff_client):
    commitment = CommitmentFactory(due_on=days_from_today(-3))
    response = staff_client.post(close_url(commitment), {"state": "dropped", "note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_a_closed_commitment_cannot_be_closed_again(staff_client):
    commitment = CommitmentFactory(state="dropped")
    response = staff_client.post(
        close_url(commitment), {"state": "done", "note": "Again"}, follow=True, **EN
    )
    assert "This commitment is already closed." in response.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).state == "dropped"


def test_liaison_cannot_close_commitments(liaison_client):
    commitment = CommitmentFactory()
    response = liaison_client.post(close_url(commitment), {"state": "done", "note": "x"})
    assert response.status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_overdue_filter_in_the_changelist(staff_client):
    CommitmentFactory(description="Late one", due_on=days_from_today(-1))
    CommitmentFactory(description="On time", due_on=days_from_today(3))
    url = reverse("admin:delegations_commitment_changelist") + "?overdue=yes"
    body = staff_client.get(url).content.decode()
    assert "Late one" in body and "On time" not in body
