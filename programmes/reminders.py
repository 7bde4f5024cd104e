"""Daily reminders by mail (`manage.py send_reminders`): what is overdue or waiting, told to the
people who must act, in each one's language, at most once per item and person a week.

Five kinds of item:
- a commitment past its due date and still open;
- a request for information unanswered for 7 days;
- a suggested candidate city waiting 14 days for a decision;
- in January, the annual report of the year before, not yet frozen;
- an agreement whose term ends within 6 months (or has ended without a renewal or an ending).

The city's staff who follow the proposal are told (every staff member when nobody follows it),
as for the lifecycle's notices. A reminder is recorded before its mail is sent, so a failed mail
is not retried until the next week: a person is never told twice in a week.
"""

import datetime
import logging
from calendar import monthrange
from dataclasses import dataclass, field
from smtplib import SMTPException

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from core.mail import mail_in_language
from delegations.models import Commitment
from partnerships.models import CandidateCity, Comment, Proposal, preferred_language
from partnerships.notifications import admin_link, city_staff, review_link, staff_for

from .models import AnnualReport, ReminderSent

logger = logging.getLogger(__name__)

REQUEST_WAITS_DAYS = 7
SUGGESTION_WAITS_DAYS = 14
EXPIRY_WARNING_MONTHS = 6
ONCE_PER_DAYS = 7
STILL_RUNNING = (Proposal.Status.SIGNED, Proposal.Status.ACTIVE, Proposal.Status.DORMANT)
# Those that can be renewed or ended (the mail says to do one or the other).
RENEWABLE = (Proposal.Status.ACTIVE, Proposal.Status.DORMANT)


@dataclass
class Item:
    """One thing to remind people of: `kind` and `key` name it (and the once-a-week rule keys on
    them); `proposal` is the partnership or proposal it belongs to, if any."""

    kind: str
    key: str
    proposal: Proposal | None
    context: dict = field(default_factory=dict)


def _proposal_of(commitment):
    if commitment.proposal_id:
        return commitment.proposal
    return next((p for p in commitment.visit.proposals.all() if not p.is_archived), None)


def overdue_commitments(today):
    commitments = (
        Commitment.objects.overdue(today)
        .filter(Q(proposal__isnull=True) | Q(proposal__archived_at__isnull=True))
        .select_related("proposal", "visit")
        .prefetch_related("visit__proposals")
    )
    for commitment in commitments:
        context = {"commitment": commitment, "days": (today - commitment.due_on).days}
        yield Item(
            "overdue_commitment", f"commitment:{commitment.pk}", _proposal_of(commitment), context
        )


def unanswered_requests(today, waited_days=REQUEST_WAITS_DAYS):
    before = _end_of_day(today - datetime.timedelta(days=waited_days))
    requests = Comment.objects.open_requests().filter(created_at__lt=before)
    for request in requests.select_related("proposal", "author"):
        days = (today - timezone.localdate(request.created_at)).days
        yield Item("unanswered_request", f"request:{request.pk}", request.proposal,
                   {"request": request, "days": days})  # fmt: skip


def waiting_suggestions(today, waited_days=SUGGESTION_WAITS_DAYS):
    before = _end_of_day(today - datetime.timedelta(days=waited_days))
    candidates = CandidateCity.objects.awaiting_decision().filter(suggested_at__lt=before)
    for candidate in candidates.select_related("proposal", "city"):
        days = (today - timezone.localdate(candidate.suggested_at)).days
        yield Item("waiting_suggestion", f"suggestion:{candidate.pk}", candidate.proposal,
                   {"candidate": candidate, "days": days})  # fmt: skip


def reports_due(today, january_only=True):
    """Last year's report of each running partnership signed by then, unless it is frozen
    already: reminded in January (the month it is due), listed on "My work" until it is done."""
    if january_only and today.month != 1:
        return
    year = today.year - 1
    frozen = AnnualReport.objects.current().filter(year=year, frozen_at__isnull=False)
    partnerships = (
        Proposal.objects.current()
        .filter(status__in=STILL_RUNNING, signed_on__year__lte=year)
        .exclude(pk__in=frozen.values("partnership"))
    )
    for partnership in partnerships:
        yield Item("report_due", f"report:{partnership.pk}:{year}", partnership, {"year": year})


def expiring_agreements(today):
    horizon = _months_later(today, EXPIRY_WARNING_MONTHS)
    partnerships = Proposal.objects.current().filter(
        status__in=RENEWABLE, signed_on__isnull=False, term_years__isnull=False
    )
    for partnership in partnerships:
        ends = partnership.expires_on
        if ends <= horizon:
            # Keyed on the end date: after a renewal, the new end is a new item.
            yield Item("agreement_expiring", f"expiry:{partnership.pk}:{ends.isoformat()}",
                       partnership, {"ends_on": ends, "ended": ends < today})  # fmt: skip


SOURCES = [overdue_commitments, unanswered_requests, waiting_suggestions, reports_due,
           expiring_agreements]  # fmt: skip


def _end_of_day(day):
    """The first moment after `day` (in Kupang): what was written on `day` or before is older."""
    next_day = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def _months_later(day, months):
    """The same day `months` later, or the last day of that month when it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def due_items(today):
    for source in SOURCES:
        yield from source(today)


def recipients(item, known):
    """The staff who follow the item's proposal (all city staff when nobody does, or when the
    item belongs to no proposal: a visit's promise); `known` keeps each proposal's for the run."""
    proposal_pk = item.proposal.pk if item.proposal is not None else None
    if proposal_pk not in known:
        staff = staff_for(item.proposal) if item.proposal is not None else city_staff()
        known[proposal_pk] = list(staff.select_related("portal_profile").distinct().order_by("pk"))
    return known[proposal_pk]


def reminded_this_week(today):
    """{(item key, user pk)} of the reminders sent in the past week, read once a run."""
    since = today - datetime.timedelta(days=ONCE_PER_DAYS)
    return set(ReminderSent.objects.filter(sent_on__gt=since).values_list("key", "recipient"))


def _claim(item, user, today):
    """Record that `user` is reminded of `item` today: True when this run should send the mail,
    False when another run claimed it a moment ago."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=item.kind, key=item.key, recipient=user, sent_on=today)
    except IntegrityError:  # the same reminder claimed by a run at the same time
        return False
    return True


def message(item, user):
    def context():
        return {**item.context, "item": item, "user": user, "proposal": item.proposal,
                "link": review_link(item.proposal) if item.proposal else "",
                "admin_link": admin_link(item.proposal) if item.proposal else "",
                "portal": settings.PORTAL_BASE_URL}  # fmt: skip

    return mail_in_language("programmes/mail/reminder", context, to=user.email,
                            language=preferred_language(user))  # fmt: skip


def send_reminders(today=None, dry_run=False):
    """Mail what is due today; returns [(item, user)] of the reminders sent (or, with
    `dry_run`, that would be sent, recording nothing)."""
    today = today or timezone.localdate()
    reminded, staff, sent = reminded_this_week(today), {}, []
    for item in due_items(today):
        for user in recipients(item, staff):
            if (item.key, user.pk) in reminded:
                continue
            if dry_run:
                sent.append((item, user))
                continue
            if not _claim(item, user, today):
                continue
            try:
                message(item, user).send()
            except (SMTPException, OSError) as failure:
                # smtplib's message names the recipient: log the error's class only.
                logger.error("Reminder %s to user %s failed: %s", item.key, user.pk,
                             type(failure).__name__)  # fmt: skip
                continue
            sent.append((item, user))
    return sent
