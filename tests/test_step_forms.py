"""A step is recorded on the day it happened, in the languages it was written in, after the
person was told what it does; a liaison's decline goes through such a confirmation page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import Proposal
from tests.factories import DocumentFactory, LiaisonFactory, ProposalEventFactory
from tests.html_forms import form_on_page
from tests.lifecycle import ready_for, take

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
AN_OFFER = {"from_status": "draft", "to_status": "offered", "title": "Offer made"}


def today():
    return timezone.localdate()


def admin_step(proposal, verb):
    return reverse("admin:partnerships_proposal_step", args=[proposal.pk, verb])


def review_step(proposal, verb):
    return reverse("review:step", args=[proposal.reference, verb])


def fill(client, url, **fields):
    return {**form_on_page(client, url, "step-form", **EN), **fields}


def test_a_step_recorded_later_keeps_the_day_it_happened(staff_client):
    proposal = ready_for("explore")
    last_month = today() - datetime.timedelta(days=30)
    url = admin_step(proposal, "explore")

    staff_client.post(url, fill(staff_client, url, occurred_on=last_month.isoformat()))

    event = Proposal.objects.get(pk=proposal.pk).events.get()
    assert timezone.localdate(event.occurred_at) == last_month


def test_the_date_defaults_to_today(staff_client):
    proposal = ready_for("explore")
    assert fill(staff_client, admin_step(proposal, "explore"))["occurred_on"] == today().isoformat()


def test_a_step_dated_in_the_future_is_refused_with_a_message(staff_client):
    proposal = ready_for("explore")
    url = admin_step(proposal, "explore")
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()

    response = staff_client.post(url, fill(staff_client, url, occurred_on=tomorrow), **EN)

    assert "The date cannot be in the future." in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OFFERED


def test_a_step_dated_before_the_last_step_is_refused_with_a_message(staff_client):
    proposal = ready_for("explore")
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    ProposalEventFactory(proposal=proposal, occurred_at=three_days_ago, **AN_OFFER)
    url = admin_step(proposal, "explore")
    too_early = (today() - datetime.timedelta(days=10)).isoformat()

    response = staff_client.post(url, fill(staff_client, url, occurred_on=too_early), **EN)

    assert "The date cannot be before the last recorded step" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OFFERED


def test_the_services_refuse_dates_out_of_order_too(staff_user):
    proposal = ready_for("explore")
    ProposalEventFactory(proposal=proposal, **AN_OFFER)  # now

    with pytest.raises(services.TransitionRefused) as refusal:
        take("explore", proposal, staff_user, when=timezone.now() - datetime.timedelta(days=1))
    assert refusal.value.problems[0].startswith("The date cannot be before the last recorded step")

    with pytest.raises(services.TransitionRefused) as refusal:
        take("explore", proposal, staff_user, when=timezone.now() + datetime.timedelta(days=2))
    assert refusal.value.problems == ["The date cannot be in the future."]


def test_two_steps_recorded_for_the_same_past_day_keep_their_order(staff_client):
    proposal = ready_for("explore")
    day = (today() - datetime.timedelta(days=5)).isoformat()
    for verb in ("explore", "withdraw"):
        url = admin_step(proposal, verb)
        staff_client.post(url, fill(staff_client, url, occurred_on=day, reason_ind="Ditunda."))

    events = list(Proposal.objects.get(pk=proposal.pk).events.all())
    assert [e.to_status for e in events] == ["exploring", "withdrawn"]
    assert events[0].occurred_at < events[1].occurred_at


def test_a_note_is_kept_in_each_language_it_was_written_in(staff_client, client):
    proposal = ready_for("explore")
    url = admin_step(proposal, "explore")
    notes = {"note_ind": "Tokyo dihubungi.", "note_en": "Tokyo consulted.", "note_ja": "東京と協議"}

    staff_client.post(url, fill(staff_client, url, **notes))

    event = Proposal.objects.get(pk=proposal.pk).events.get()
    assert (event.note_ind, event.note_en, event.note_ja) == tuple(notes.values())
    page = client.get(f"/ja/proposals/{proposal.slug}/").content.decode()
    assert "東京と協議" in page and "Tokyo consulted." not in page


def test_a_note_written_only_in_english_stays_english_and_every_language_reads_it(
    staff_client, client
):
    proposal = ready_for("explore")
    url = admin_step(proposal, "explore")
    staff_client.post(url, fill(staff_client, url, note_en="Tokyo consulted."))
    event = Proposal.objects.get(pk=proposal.pk).events.get()
    assert (event.note_ind, event.note_en, event.note_ja) == ("", "Tokyo consulted.", "")
    for language in ("id", "ja"):
        page = client.get(f"/{language}/proposals/{proposal.slug}/").content.decode()
        assert '<span lang="en">Tokyo consulted.</span>' in page


def test_a_closing_reason_is_shown_in_the_readers_language(staff_client, client):
    proposal = ready_for("withdraw", status="offered")
    url = admin_step(proposal, "withdraw")
    reasons = {"reason_ind": "Kota memilih jalur lain.", "reason_en": "The city chose another way."}

    staff_client.post(url, fill(staff_client, url, **reasons))

    english = client.get(f"/en/proposals/{proposal.slug}/").content.decode()
    indonesian = client.get(f"/id/proposals/{proposal.slug}/").content.decode()
    assert "The city chose another way." in english
    assert "Kota memilih jalur lain." in indonesian


def test_a_closing_step_without_a_reason_in_any_language_is_refused(staff_client):
    proposal = ready_for("withdraw")
    url = admin_step(proposal, "withdraw")
    response = staff_client.post(url, fill(staff_client, url), **EN)
    assert "Write it in at least one language" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == proposal.status


def test_the_step_page_says_the_note_is_published_and_mailed(staff_client):
    proposal = ready_for("explore")
    body = staff_client.get(admin_step(proposal, "explore"), **EN).content.decode()
    assert "published with its note on the proposal&#x27;s public timeline" in body
    assert "are mailed the step and its note" in body
    assert "moves from “Offered” to “Exploring”" in body


def test_a_step_not_theirs_names_who_may_take_it(client):
    proposal = ready_for("seek_approvals")
    liaison = LiaisonFactory(consulate=proposal.consulate).user
    client.force_login(liaison)
    body = client.get(reverse("review:proposal", args=[proposal.reference])).content.decode()
    assert review_step(proposal, "decline") in body  # their own step
    assert review_step(proposal, "seek_approvals") not in body
    assert client.get(review_step(proposal, "seek_approvals")).status_code == 404

    with pytest.raises(services.TransitionRefused) as refusal:
        take("seek_approvals", proposal, liaison)
    assert refusal.value.problems == ["Only the city's staff may take this step."]


@pytest.fixture
def liaison_client(client):
    proposal = ready_for("decline")
    liaison = LiaisonFactory(consulate=proposal.consulate).user
    client.force_login(liaison)
    return client, proposal


def test_a_liaisons_decline_is_a_link_to_a_confirmation_page_not_a_button(liaison_client):
    client, proposal = liaison_client
    page = client.get(reverse("review:proposal", args=[proposal.reference]), **EN)
    body = page.content.decode()
    assert f'href="{review_step(proposal, "decline")}"' in body
    assert f'action="{review_step(proposal, "decline")}"' not in body


def test_the_decline_page_states_its_consequences_before_anything_changes(liaison_client):
    client, proposal = liaison_client
    body = client.get(review_step(proposal, "decline"), **EN).content.decode()
    assert "This closes the proposal: no further step can follow" in body
    assert "The reason is shown on the proposal&#x27;s public page and timeline." in body
    assert "The city&#x27;s staff and your consulate&#x27;s liaisons are mailed" in body
    assert Proposal.objects.get(pk=proposal.pk).status == proposal.status


def test_confirming_the_decline_with_a_reason_declines(liaison_client):
    client, proposal = liaison_client
    url = review_step(proposal, "decline")
    reason = "東京から適切な都市が見つかりませんでした。"
    response = client.post(url, fill(client, url, reason_ja=reason))
    assert response.status_code == 302
    proposal = Proposal.objects.get(pk=proposal.pk)
    assert proposal.status == Proposal.Status.DECLINED
    assert proposal.closing_reason_ja == reason


def test_events_that_are_not_steps_do_not_hold_back_the_date_of_a_step(staff_client, staff_user):
    from partnerships import archiving

    proposal = ready_for("explore")
    ProposalEventFactory(proposal=proposal, **AN_OFFER,
                         occurred_at=timezone.now() - datetime.timedelta(days=20))  # fmt: skip
    document = DocumentFactory(proposal=proposal)
    archiving.record_archive(record=document, by=staff_user, reason="Wrong file.")  # a note today
    url = admin_step(proposal, "explore")
    five_days_ago = (today() - datetime.timedelta(days=5)).isoformat()

    response = staff_client.post(url, fill(staff_client, url, occurred_on=five_days_ago))

    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.EXPLORING
