"""Where a proposal stands on the path from offer to agreement, for the public stepper."""

from dataclasses import dataclass

from .models import Proposal

S = Proposal.Status
PATH = [S.OFFERED, S.EXPLORING, S.LOI_SIGNED, S.APPROVING, S.SIGNED, S.ACTIVE]
CLOSED = {S.ENDED, S.WITHDRAWN, S.DECLINED}


@dataclass
class Stage:
    status: str
    label: str
    state: str  # "done", "current" or "todo"
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
        else:
            state = "todo"
        stages.append(
            Stage(status, S(status).label, state, dates.get(status) if state != "todo" else None)
        )
    return stages
