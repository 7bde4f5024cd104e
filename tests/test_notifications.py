"""Each status change mails the handling consulate's liaisons and the proposal's followers, in
their own language, once the transaction has committed."""

import logging

import pytest
from django.core import mail
from django.db import transaction

from partnerships import services
from partnerships.models import Proposal
from tests.factories import LiaisonFactory, ProfileFactory, StaffUserFactory, UserFactory
from tests.lifecycle import ready_for, take
from tests.mail_backends import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def audience():
    proposal = ready_for("explore", reference="KPG-2023-001", title="Kupang–Japan")
    liaison = LiaisonFactory(consulate=proposal.consulate, user__email="liaison@example.org")
    ProfileFactory(user=liaison.user, language="ja")
    follower = StaffUserFactory(email="follower@example.org")
    ProfileFactory(user=follower, language="en")
    proposal.followers.add(follower)
    LiaisonFactory(user__email="other-mission@example.org")  # another consulate's liaison
    UserFactory(email="bystander@example.org")
    return proposal, liaison.user, follower


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_status_change_mails_liaisons_and_followers_after_commit(
    audience, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        take("explore", proposal, follower)
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    assert recipients() == ["follower@example.org", "liaison@example.org"]


def test_each_recipient_reads_it_in_their_language(audience, django_capture_on_commit_callbacks):
    proposal, liaison, follower = audience

    with django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, follower, note="Tokyo consulted")

    by_address = {message.to[0]: message for message in mail.outbox}
    japanese, english = by_address["liaison@example.org"], by_address["follower@example.org"]
    assert japanese.subject == "[KPG-2023-001] 状態：検討中"
    assert "検討を開始" in japanese.body
    assert english.subject == "[KPG-2023-001] Status: Exploring"
    assert "Exploration started" in english.body and "Tokyo consulted" in english.body
    assert f"/admin/partnerships/proposal/{proposal.pk}/change/" in english.body


def test_liaison_mail_links_to_the_public_page_only_when_published(
    audience, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience
    Proposal.objects.filter(pk=proposal.pk).update(published=False)

    with django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, follower)

    liaison_mail = next(m for m in mail.outbox if m.to == ["liaison@example.org"])
    assert proposal.get_absolute_url() not in liaison_mail.body
    assert "/admin/" not in liaison_mail.body


def test_no_mail_when_the_transaction_rolls_back(audience, django_capture_on_commit_callbacks):
    proposal, liaison, follower = audience

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                take("explore", proposal, follower)
                raise RuntimeError("something later in the request failed")
        except RuntimeError:
            pass

    assert callbacks == []
    assert mail.outbox == []
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.OFFERED


def test_a_refused_step_mails_nobody(audience, django_capture_on_commit_callbacks):
    proposal, liaison, follower = audience
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.TransitionRefused),
    ):
        take("sign", proposal, follower)
    assert mail.outbox == []


def test_failed_send_is_retried_logged_and_keeps_the_status(
    audience, settings, caplog, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 2  # the first two deliveries fail

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, follower)

    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.EXPLORING
    assert recipients() == ["follower@example.org", "liaison@example.org"]
    assert caplog.text.count("Mail event") == 2


def test_sending_gives_up_after_the_last_attempt_and_says_so(
    audience, settings, caplog, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.failures_left = 100

    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, follower)

    FlakyBackend.failures_left = 0
    assert mail.outbox == []
    assert "Giving up mail event" in caplog.text
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.EXPLORING


def test_each_mail_names_its_own_steps_status_even_when_two_steps_share_a_transaction(
    audience, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        take("explore", proposal, follower)
        take("withdraw", proposal, follower)  # the status is "withdrawn" when both mails go

    to_follower = [m for m in mail.outbox if m.to == ["follower@example.org"]]
    assert [m.subject for m in to_follower] == [
        "[KPG-2023-001] Status: Exploring",
        "[KPG-2023-001] Status: Withdrawn",
    ]
    assert "To: Exploring" in to_follower[0].body
    assert "To: Withdrawn" in to_follower[1].body


def test_a_liaisons_decline_reaches_the_city_staff_when_nobody_follows(
    django_capture_on_commit_callbacks,
):
    proposal = ready_for("decline")
    liaison = LiaisonFactory(consulate=proposal.consulate, user__email="liaison@example.org")
    StaffUserFactory(email="cooperation-office@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        take("decline", proposal, liaison.user, reason="Tokyo found no fitting city.")

    assert recipients() == ["cooperation-office@example.org", "liaison@example.org"]
    assert all("Tokyo found no fitting city." in m.body for m in mail.outbox)


def test_a_staff_step_mails_followers_not_every_staff_member(
    audience, django_capture_on_commit_callbacks
):
    proposal, liaison, follower = audience
    StaffUserFactory(email="colleague@example.org")  # follows nothing

    with django_capture_on_commit_callbacks(execute=True):
        take("explore", proposal, follower)

    assert "colleague@example.org" not in recipients()


def test_notices_queued_while_paused_are_never_sent(audience, django_capture_on_commit_callbacks):
    from core.mail import notifications_paused

    proposal, liaison, follower = audience
    with django_capture_on_commit_callbacks(execute=True), notifications_paused():
        take("explore", proposal, follower)
    assert mail.outbox == []
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.EXPLORING
