"""Staff see overdue commitments on the admin index and close or drop them with a note."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from delegations.models import Commitment
from tests.factories import CommitmentFactory
from tests.html_forms import admin_form_data, form_on_page

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def close_url(commitment):
    return reverse("admin:delegations_commitment_close", args=[commitment.pk])


def test_admin_index_lists_overdue_open_commitments_only(staff_client):
    overdue = CommitmentFactory(description="Invite the Ambassador", due_on=days_from_today(-1))
    CommitmentFactory(description="Due tomorrow", due_on=days_from_today(1))
    CommitmentFactory(description="Done already", due_on=days_from_today(-5), done=True)

    body = staff_client.get(reverse("admin:index"), **EN).content.decode()

    assert "Invite the Ambassador" in body
    assert close_url(overdue) in body
    assert "Due tomorrow" not in body and "Done already" not in body


def test_admin_index_says_when_nothing_is_overdue(staff_client):
    body = staff_client.get(reverse("admin:index"), **EN).content.decode()
    assert "no overdue commitment" in body


def test_staff_closes_a_commitment_with_a_note(staff_client, staff_user):
    commitment = CommitmentFactory(due_on=days_from_today(-3))

    form = form_on_page(staff_client, close_url(commitment), "close-form")
    response = staff_client.post(
        close_url(commitment), {**form, "state": "done", "note": "The Ambassador visited."}
    )

    assert response.status_code == 302
    commitment.refresh_from_db()
    assert (commitment.state, commitment.closing_note) == ("done", "The Ambassador visited.")
    assert commitment.closed_on == timezone.localdate()
    assert commitment.history.first().history_user == staff_user


def test_dropping_needs_a_note(staff_client):
    commitment = CommitmentFactory(due_on=days_from_today(-3))
    form = form_on_page(staff_client, close_url(commitment), "close-form")
    response = staff_client.post(close_url(commitment), {**form, "state": "dropped"})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_a_closed_commitment_cannot_be_closed_again(staff_client):
    commitment = CommitmentFactory(dropped=True)
    form = {**form_on_page(staff_client, close_url(commitment), "close-form"), "state": "done"}
    response = staff_client.post(
        close_url(commitment), {**form, "note": "Again"}, follow=True, **EN
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


def close_on(client, commitment, day, **headers):
    form = form_on_page(client, close_url(commitment), "close-form")
    data = {**form, "state": "done", "note": "Kept.", "closed_on": day.isoformat()}
    return client.post(close_url(commitment), data, **headers)


def test_a_commitment_closed_later_keeps_the_day_it_was_kept(staff_client):
    commitment = CommitmentFactory(visit__starts_on=days_from_today(-60))
    close_on(staff_client, commitment, days_from_today(-10))
    assert Commitment.objects.get(pk=commitment.pk).closed_on == days_from_today(-10)


def test_closing_in_the_future_or_before_the_visit_is_refused(staff_client):
    commitment = CommitmentFactory(visit__starts_on=days_from_today(-60))

    future = close_on(staff_client, commitment, days_from_today(1), **EN)
    early = close_on(staff_client, commitment, days_from_today(-61), **EN)

    assert "it cannot be in the future" in future.content.decode()
    assert "before the visit at which it was made" in early.content.decode()
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_the_state_cannot_be_changed_from_the_commitments_own_form(staff_client):
    commitment = CommitmentFactory()
    url = reverse("admin:delegations_commitment_change", args=[commitment.pk])
    shown = admin_form_data(staff_client, url)
    assert "state" not in shown and "closing_note" not in shown

    response = staff_client.post(url, {**shown, "state": "done"})

    assert response.status_code == 302
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_the_state_cannot_be_changed_from_the_visit_page(staff_client):
    commitment = CommitmentFactory()
    url = reverse("admin:delegations_visit_change", args=[commitment.visit.pk])
    shown = admin_form_data(staff_client, url)
    assert "commitments-0-state" not in shown

    staff_client.post(url, {**shown, "commitments-0-state": "done"})

    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_the_visit_page_links_each_open_commitment_to_its_close_page_and_back(staff_client):
    commitment = CommitmentFactory()
    visit_url = reverse("admin:delegations_visit_change", args=[commitment.visit.pk])
    body = staff_client.get(visit_url).content.decode()
    assert f"{close_url(commitment)}?next=" in body

    # The link as the page shows it.
    link = unescape(re.search(rf'href="({close_url(commitment)}\?next=[^"]+)"', body).group(1))
    form = form_on_page(staff_client, link, "close-form")
    response = staff_client.post(link, {**form, "state": "dropped", "note": "Overtaken."})

    assert response["Location"] == visit_url  # the top, where the message is


def test_the_database_refuses_a_closed_commitment_without_date_or_note():
    from django.db import IntegrityError, transaction

    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(state="done")
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(
            state="done", closed_on=timezone.localdate()
        )
    assert Commitment.objects.get(pk=commitment.pk).state == "open"


def test_closing_from_another_site_does_not_redirect_there(staff_client):
    commitment = CommitmentFactory()
    link = f"{close_url(commitment)}?next=https://elsewhere.example/"
    form = form_on_page(staff_client, link, "close-form")
    response = staff_client.post(link, {**form, "state": "done", "note": "Kept."})
    assert response["Location"] == reverse("admin:index")
