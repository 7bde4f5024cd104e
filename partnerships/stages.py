"""Where a proposal stands on the path from offer to agreement, for the public stepper, and what
each stage means for a citizen who has never followed a sister-city agreement."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Proposal

S = Proposal.Status
PATH = [S.OFFERED, S.EXPLORING, S.LOI_SIGNED, S.APPROVING, S.SIGNED, S.ACTIVE]
CLOSED = {S.ENDED, S.WITHDRAWN, S.DECLINED}

# One sentence per stage: what it means, then what must happen next.
MEANING = {
    S.OFFERED: _(
        "Kupang has offered a partnership; the consulate looks, with Tokyo, for a "
        "Japanese city that fits."
    ),
    S.EXPLORING: _("Candidate cities are being suggested and compared."),
    S.LOI_SIGNED: _("Kupang and a partner city have signed a letter of intent."),
    S.APPROVING: _("The agreement awaits the approvals Indonesian and partner law require."),
    S.SIGNED: _("The sister-city agreement is signed."),
    S.ACTIVE: _("The partnership is at work: visits, exchanges and projects."),
    S.DORMANT: _("The partnership is signed, but nothing has been recorded for a long time."),
    S.ENDED: _("The partnership has ended."),
    S.WITHDRAWN: _("Kupang withdrew the offer."),
    S.DECLINED: _("The offer was declined."),
}
NEXT = {
    S.OFFERED: _("Next: the consulate starts exploring candidate cities."),
    S.EXPLORING: _("Next: one city is selected, and both sides sign a letter of intent."),
    S.LOI_SIGNED: _("Next: a plan of action is agreed and the approvals are sought."),
    S.APPROVING: _(
        "Next: the DPRD decision, the Home Affairs facilitation, the Foreign Affairs "
        "full powers and the partner council's resolution; then the signing."
    ),
    S.SIGNED: _("Next: the partnership starts its first activities."),
    S.ACTIVE: _("Next: the activities recorded here, year after year."),
    S.DORMANT: _("Next: a new visit or activity revives it."),
}
# A proposal with no public step for this long is said to be quiet, in so many words.
QUIET_AFTER = datetime.timedelta(days=180)


@dataclass
class Stage:
    status: str
    label: str
    state: str  # "done", "current", "todo", or "never" (after where a closed proposal stopped)
    reached_at: object = None  # a date or datetime, when a public record says so


def reached_dates(proposal, public_events):
    """The first public moment each status was reached; the offer and signing dates are public
    facts of the proposal itself."""
    dates = {S.OFFERED: proposal.offered_on, S.SIGNED: proposal.signed_on}
    for event in public_events:
        if event.to_status and not dates.get(event.to_status):
            dates[event.to_status] = event.occurred_at
    return dates


def position(proposal, public_events):
    """Index on PATH of the furthest stage reached."""
    if proposal.status == S.DORMANT:
        return PATH.index(S.ACTIVE)
    if proposal.status in PATH:
        return PATH.index(proposal.status)
    reached = [PATH.index(e.from_status) for e in public_events if e.from_status in PATH]
    reached += [PATH.index(e.to_status) for e in public_events if e.to_status in PATH]
    return max(reached, default=0)


def stepper(proposal, public_events):
    dates = reached_dates(proposal, public_events)
    furthest = position(proposal, public_events)
    closed = proposal.status in CLOSED
    stages = []
    for index, status in enumerate(PATH):
        if index < furthest or (closed and index == furthest):
            state = "done"
        elif index == furthest:
            state = "current"
        else:  # a closed proposal never reaches the stages after where it stopped
            state = "never" if closed else "todo"
        stages.append(
            Stage(
                status,
                S(status).label,
                state,
                dates.get(status) if state in ("done", "current") else None,
            )  # fmt: skip
        )
    return stages


@dataclass
class Standing:
    meaning: str
    next_step: str
    last_update: object  # a date or datetime, or None
    quiet_months: int  # 0 unless nothing public happened for QUIET_AFTER


def standing(proposal, public_events, now=None, other_moments=()):
    """What the current stage means, what comes next, and when anything public last happened:
    a public step, or a public record other apps' page sections give (`other_moments`, e.g.
    an activity)."""
    moments = [e.occurred_at for e in public_events if e.occurred_at]
    moments += [moment for moment in other_moments if moment]
    last = max(moments, default=None)
    if last is None and proposal.offered_on:
        last = datetime.datetime.combine(proposal.offered_on, datetime.time(), datetime.UTC)
    now = now or timezone.now()
    quiet = (now - last) if last and proposal.status not in CLOSED else datetime.timedelta(0)
    months = quiet.days // 30 if quiet >= QUIET_AFTER else 0
    return Standing(MEANING.get(proposal.status, ""), NEXT.get(proposal.status, ""), last, months)
