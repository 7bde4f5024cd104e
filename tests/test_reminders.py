"""`send_reminders`: what is overdue or waiting is mailed to the staff who must act, in their
language, at most once per item and person a week."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import CandidateCity, Comment, Proposal
from programmes import reminders
from programmes.models import AnnualReport, ReminderSent
from tests.factories import (
    CandidateCityFactory,
    CommentFactory,
    CommitmentFactory,
    ProfileFactory,
    ProposalFactory,
    StaffUserFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 1, 12)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def staff():
    """One staff member who follows everything below, reading in Japanese."""
    user = StaffUserFactory(username="rina")
    ProfileFactory(user=user, language="ja")
    return user


@pytest.fixture
def active(staff):
    partnership = ProposalFactory(active=True, term_years=5)  # signed 1 June 2024
    partnership.followers.add(staff)
    return partnership


def keys(today, **kwargs):
    return {item.key for item, _user in reminders.send_reminders(today=today, **kwargs)}


def test_an_open_commitment_past_its_due_date_is_reminded(active):
    visit = VisitFactory()
    late = CommitmentFactory(visit=visit, proposal=active, due_on=TODAY - datetime.timedelta(1))
    CommitmentFactory(visit=visit, proposal=active, due_on=TODAY)  # due today: not late yet
    CommitmentFactory(visit=visit, proposal=active, due_on=D(2025, 1, 1), done=True)
    assert {k for k in keys(TODAY, dry_run=True) if k.startswith("commitment")} == {
        f"commitment:{late.pk}"
    }


def days_ago(days):
    return at(TODAY - datetime.timedelta(days))


def test_a_request_is_reminded_after_seven_days_unanswered(active, staff):
    asks = {"proposal": active, "author": UserFactory(), "is_request": True}
    waiting = CommentFactory(**asks, created_at=days_ago(7))
    CommentFactory(**asks, created_at=days_ago(6))
    CommentFactory(**asks, created_at=days_ago(30), answered_at=at(TODAY))
    CommentFactory(proposal=active, author=asks["author"], created_at=days_ago(60))  # a comment
    found = {k for k in keys(TODAY, dry_run=True) if k.startswith("request")}
    assert found == {f"request:{waiting.pk}"}


def test_a_suggestion_is_reminded_after_fourteen_days_without_a_decision(staff):
    exploring = ProposalFactory(exploring=True)
    exploring.followers.add(staff)
    waiting = CandidateCityFactory(
        proposal=exploring, suggested_at=at(TODAY - datetime.timedelta(14))
    )
    CandidateCityFactory(proposal=exploring, suggested_at=at(TODAY - datetime.timedelta(13)))
    CandidateCityFactory(proposal=exploring, state=CandidateCity.State.SHORTLISTED,
                         suggested_at=at(D(2025, 1, 1)))  # fmt: skip
    found = {k for k in keys(TODAY, dry_run=True) if k.startswith("suggestion")}
    assert found == {f"suggestion:{waiting.pk}"}


def test_last_years_report_is_due_in_january_until_it_is_frozen(active):
    assert f"report:{active.pk}:2025" in keys(TODAY, dry_run=True)
    assert not {k for k in keys(D(2026, 2, 1), dry_run=True) if k.startswith("report")}
    # Signed in 2024: nothing was due for 2023.
    assert f"report:{active.pk}:2023" not in keys(D(2024, 1, 10), dry_run=True)
    AnnualReport.objects.create(partnership=active, year=2025, frozen_at=timezone.now(),
                                contents={})  # fmt: skip
    assert f"report:{active.pk}:2025" not in keys(TODAY, dry_run=True)


def test_an_agreement_ending_within_six_months_is_reminded(active):
    # The term ends on 1 June 2029.
    key = f"expiry:{active.pk}:2029-06-01"
    assert key not in keys(D(2028, 11, 30), dry_run=True)
    assert key in keys(D(2028, 12, 1), dry_run=True)
    assert key in keys(D(2029, 7, 1), dry_run=True)  # ended, neither renewed nor closed
    Proposal.objects.filter(pk=active.pk).update(status=Proposal.Status.ENDED)
    assert key not in keys(D(2029, 7, 1), dry_run=True)


def test_six_months_ahead_from_a_months_end_is_that_months_end():
    assert reminders._months_later(D(2028, 8, 31), 6) == D(2029, 2, 28)
    assert reminders._months_later(D(2028, 3, 31), 6) == D(2028, 9, 30)
    assert reminders._months_later(D(2028, 12, 1), 6) == D(2029, 6, 1)


def test_each_person_is_reminded_of_an_item_once_a_week(active, staff):
    CommitmentFactory(proposal=active, due_on=D(2025, 12, 1))
    first = reminders.send_reminders(today=TODAY)
    assert len(mail.outbox) == len(first) > 0
    assert reminders.send_reminders(today=TODAY) == []  # the same day, run again
    assert reminders.send_reminders(today=TODAY + datetime.timedelta(6)) == []
    again = reminders.send_reminders(today=TODAY + datetime.timedelta(7))
    assert {item.key for item, _user in again} == {item.key for item, _user in first}
    assert len(mail.outbox) == len(first) * 2


def test_reminders_go_to_the_followers_in_their_language(active, staff):
    other = StaffUserFactory(username="budi")  # staff, not following: not told
    CommitmentFactory(proposal=active, due_on=D(2025, 12, 1), description="Kirim modul",
                      description_ja="教材を送る")  # fmt: skip
    reminders.send_reminders(today=TODAY)
    commitment_mail = [m for m in mail.outbox if "約束" in m.subject]
    assert [m.to for m in commitment_mail] == [[staff.email]]
    assert "教材を送る" in commitment_mail[0].body
    assert other.email not in {address for m in mail.outbox for address in m.to}


def test_nobody_following_means_every_staff_member_is_told(staff):
    unfollowed = ProposalFactory(active=True)
    everyone = [staff, StaffUserFactory(username="budi")]
    CommitmentFactory(proposal=unfollowed, due_on=D(2025, 12, 1))
    reminders.send_reminders(today=TODAY)
    told = {address for m in mail.outbox for address in m.to}
    assert told >= {user.email for user in everyone}


def test_the_command_reports_and_a_dry_run_sends_and_records_nothing(active, capsys):
    CommitmentFactory(proposal=active, due_on=D(2025, 12, 1))
    call_command("send_reminders", "--dry-run", "--today", "2026-01-12")
    assert "would be sent" in capsys.readouterr().out
    assert mail.outbox == [] and not ReminderSent.objects.exists()
    call_command("send_reminders", "--today", "2026-01-12")
    out = capsys.readouterr().out
    assert "reminder(s) sent" in out and len(mail.outbox) == ReminderSent.objects.count() > 0


def test_an_archived_request_is_not_reminded(active):
    request = CommentFactory(proposal=active, is_request=True, created_at=at(D(2025, 1, 1)))
    Comment.objects.filter(pk=request.pk).update(archived_at=timezone.now())
    assert not {k for k in keys(TODAY, dry_run=True) if k.startswith("request")}


def test_a_run_asks_no_more_queries_as_one_partnerships_items_grow(
    active, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted():
        with CaptureQueriesContext(connection) as queries:
            reminders.send_reminders(today=TODAY, dry_run=True)
        return len(queries)

    CommitmentFactory(proposal=active, due_on=D(2025, 12, 1))
    few = counted()
    for _n in range(8):
        CommitmentFactory(proposal=active, due_on=D(2025, 12, 1))
    assert counted() == few
