"""The proposal lifecycle. Nothing else changes `Proposal.status`.

TRANSITIONS below is the whole lifecycle of DESIGN.md at a glance: which step leads from which
states to which, who besides city staff may take it, and what must already be true. Each step is
one `proposal_<verb>` function with keyword-only arguments; each locks the proposal row, checks,
changes the status, records one `ProposalEvent` and queues the notifications, in one transaction.
A refused step raises `TransitionRefused` naming everything missing, and changes nothing.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused
from core.texts import as_written, in_each_language, written

from . import requirements as req
from .follows import step_recorded
from .models import AgreementRenewal, Document, Proposal, ProposalEvent
from .permissions import is_city_staff, is_liaison_of
from .tasks import notify_on_commit
from .timeline import date_problems, step_moment

S = Proposal.Status
BEFORE_SIGNING = (S.DRAFT, S.OFFERED, S.EXPLORING, S.LOI_SIGNED, S.APPROVING)


class TransitionRefused(Refused):
    """A step that may not be taken; `problems` lists every reason, ready to show a person."""

    def __init__(self, transition, problems):
        super().__init__(problems)
        self.transition = transition


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str  # also the title of the timeline event it writes
    sources: tuple
    target: str
    requirements: tuple = ()
    liaison_may: bool = False
    needs_reason: bool = False  # ending steps: the reason is shown publicly
    needs_note: bool = False
    needs_years: bool = False  # renewal: how many years the term grows by


OFFER = Transition(
    "offer", _("Offer made"), (S.DRAFT,), S.OFFERED,
    (req.PARTNER_COUNTRY, req.FOCUS_SECTOR, req.CONSULATE),
)  # fmt: skip
EXPLORE = Transition(
    "explore", _("Exploration started"), (S.OFFERED,), S.EXPLORING, liaison_may=True
)
SIGN_LOI = Transition(
    "sign_loi", _("Letter of intent signed"), (S.EXPLORING,), S.LOI_SIGNED,
    (req.SELECTED_CITY, req.LETTER_OF_INTENT),
)  # fmt: skip
SEEK_APPROVALS = Transition(
    "seek_approvals", _("Approvals sought"), (S.LOI_SIGNED,), S.APPROVING, (req.PLAN_OF_ACTION,)
)
SIGN = Transition(
    "sign", _("Agreement signed"), (S.APPROVING,), S.SIGNED,
    (*req.APPROVALS, req.SIGNED_AGREEMENT),
)  # fmt: skip
ACTIVATE = Transition(
    "activate", _("Partnership activated"), (S.SIGNED,), S.ACTIVE, (req.SIGNED_AGREEMENT,)
)
MARK_DORMANT = Transition(
    "mark_dormant", _("Marked dormant"), (S.ACTIVE,), S.DORMANT, needs_note=True
)
REVIVE = Transition("revive", _("Revived"), (S.DORMANT,), S.ACTIVE, needs_note=True)
# Renewal extends the term (see `proposal_renew`); a dormant partnership renewed is active again.
RENEW = Transition(
    "renew", _("Agreement renewed"), (S.ACTIVE, S.DORMANT), S.ACTIVE,
    (req.AGREEMENT_TERM, req.RENEWAL_AGREEMENT), needs_years=True,
)  # fmt: skip
END = Transition("end", _("Partnership ended"), (S.ACTIVE, S.DORMANT), S.ENDED, needs_reason=True)
WITHDRAW = Transition(
    "withdraw", _("Proposal withdrawn"), BEFORE_SIGNING, S.WITHDRAWN, needs_reason=True
)
DECLINE = Transition(
    "decline", _("Proposal declined"), BEFORE_SIGNING[1:], S.DECLINED,
    liaison_may=True, needs_reason=True,
)  # fmt: skip

TRANSITIONS = {
    t.verb: t
    for t in [
        OFFER, EXPLORE, SIGN_LOI, SEEK_APPROVALS, SIGN, ACTIVATE, MARK_DORMANT, REVIVE, RENEW,
        END, WITHDRAW, DECLINE,
    ]
}  # fmt: skip


def may_take(transition, proposal, by):
    """`by=None` is the portal itself (the dormancy watchdog, the demo loader)."""
    if by is None or is_city_staff(by):
        return True
    return transition.liaison_may and is_liaison_of(by, proposal)


def who_may_take(transition, proposal):
    if transition.liaison_may and proposal.consulate_id:
        return _("Only the city's staff or a liaison of %(consulate)s may take this step.") % {
            "consulate": proposal.consulate.name
        }
    return _("Only the city's staff may take this step.")


def missing_requirements(transition, proposal):
    return [p for p in (r.problem(proposal) for r in transition.requirements) if p]


MAX_RENEWAL_YEARS = 30


def refusal_problems(transition, proposal, by, *, note="", reason="", when=None, years=None):
    problems = []
    if not may_take(transition, proposal, by):
        problems.append(who_may_take(transition, proposal))
    if proposal.is_archived:
        problems.append(_("This proposal is archived: restore it before taking a step."))
        return problems
    if proposal.status not in transition.sources:
        problems.append(
            _("Not possible from “%(status)s”.") % {"status": proposal.get_status_display()}
        )
        return problems
    problems += missing_requirements(transition, proposal)
    if transition.needs_reason and not written(reason):
        problems.append(_("Reason: missing (it is shown publicly)"))
    if transition.needs_note and not written(note):
        problems.append(_("Note: missing (say what happened)"))
    if transition.needs_years and not (years and 1 <= years <= MAX_RENEWAL_YEARS):
        problems.append(_("Years added: give a number from 1 to %(most)s")
                        % {"most": MAX_RENEWAL_YEARS})  # fmt: skip
    return problems + date_problems(proposal, when or timezone.now())


def available_transitions(proposal):
    return [t for t in TRANSITIONS.values() if proposal.status in t.sources]


def _note_fields(text):
    """A note the portal wrote (lazy text) goes in every language; a person's, as written."""
    if isinstance(text, Promise):
        return in_each_language("note", text)
    return as_written("note", text)


def _take(
    transition,
    *,
    proposal,
    by,
    note="",
    public=True,
    reason="",
    when=None,
    changes=None,
    years=None,
    after=None,
):
    """`changes(locked, when)` gives the fields the step sets besides the status; `after(locked,
    event)` records what else belongs to the step, in the same transaction."""
    when = when or timezone.now()
    with transaction.atomic():
        # The row lock makes a second, conflicting step wait here and then see the new status.
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        problems = refusal_problems(transition, locked, by, note=note, reason=reason, when=when,
                                    years=years)  # fmt: skip
        if problems:
            raise TransitionRefused(transition, problems)
        from_status = locked.status
        fields = (changes or (lambda p, w: {}))(locked, when)
        for name, value in fields.items():
            setattr(locked, name, value)
        Proposal._meta.get_field("status").set_state(locked, transition.target)
        locked._history_user = by
        locked.save(update_fields=["status", *fields])
        event = ProposalEvent.objects.create(
            proposal=locked,
            occurred_at=when,
            actor=by,
            from_status=from_status,
            to_status=transition.target,
            is_public=public,
            **_note_fields(reason or note),
            **in_each_language("title", transition.label),
        )
        if after:
            after(locked, event)
        notify_on_commit("event", event.pk)
        step_recorded(event)
    proposal.refresh_from_db()
    return event


def _closing(reason):
    return lambda proposal, when: as_written("closing_reason", reason)


def _latest_dated(proposal, kind):
    return (
        proposal.documents.current()
        .filter(kind=kind, dated__isnull=False)
        .order_by("-dated")
        .first()
        .dated
    )


def proposal_offer(*, proposal, by, note="", public=True, when=None):
    def changes(p, when):
        return {} if p.offered_on else {"offered_on": timezone.localdate(when)}

    return _take(OFFER, proposal=proposal, by=by, note=note, public=public, when=when,
                 changes=changes)  # fmt: skip


def proposal_explore(*, proposal, by, note="", public=True, when=None):
    return _take(EXPLORE, proposal=proposal, by=by, note=note, public=public, when=when)


def proposal_sign_loi(*, proposal, by, note="", public=True, when=None):
    def changes(p, when):
        return {"partner_city": p.candidates.current().get(state="selected").city}

    return _take(SIGN_LOI, proposal=proposal, by=by, note=note, public=public, when=when,
                 changes=changes)  # fmt: skip


def proposal_seek_approvals(*, proposal, by, note="", public=True, when=None):
    return _take(SEEK_APPROVALS, proposal=proposal, by=by, note=note, public=public, when=when)


def proposal_sign(*, proposal, by, note="", public=True, when=None):
    def changes(p, when):
        return {"signed_on": _latest_dated(p, Document.Kind.AGREEMENT)}

    return _take(SIGN, proposal=proposal, by=by, note=note, public=public, when=when,
                 changes=changes)  # fmt: skip


def proposal_activate(*, proposal, by, note="", public=True, when=None):
    return _take(ACTIVATE, proposal=proposal, by=by, note=note, public=public, when=when)


def proposal_mark_dormant(*, proposal, by, note, public=True, when=None):
    return _take(MARK_DORMANT, proposal=proposal, by=by, note=note, public=public, when=when)


def proposal_revive(*, proposal, by, note, public=True, when=None):
    return _take(REVIVE, proposal=proposal, by=by, note=note, public=public, when=when)


def proposal_renew(*, proposal, by, years, note="", public=True, when=None):
    """Extend the agreement's term by `years`, on the newest renewal agreement not used yet; the
    partnership stays active and the renewal is kept with its own timeline event."""
    previous = {}

    def changes(p, when):
        previous["end"] = p.expires_on
        return {"term_years": p.term_years + years}

    def record(p, event):
        document = req.unused_renewal_document(p)
        AgreementRenewal.objects.create(
            proposal=p, event=event, document=document, renewed_on=document.dated, years=years,
            previous_end=previous["end"], new_end=p.expires_on,
        )  # fmt: skip

    return _take(RENEW, proposal=proposal, by=by, note=note, public=public, when=when,
                 years=years, changes=changes, after=record)  # fmt: skip


def proposal_end(*, proposal, by, reason, public=True, when=None):
    return _take(END, proposal=proposal, by=by, reason=reason, public=public, when=when,
                 changes=_closing(reason))  # fmt: skip


def proposal_withdraw(*, proposal, by, reason, public=True, when=None):
    return _take(WITHDRAW, proposal=proposal, by=by, reason=reason, public=public, when=when,
                 changes=_closing(reason))  # fmt: skip


def proposal_decline(*, proposal, by, reason, public=True, when=None):
    return _take(DECLINE, proposal=proposal, by=by, reason=reason, public=public, when=when,
                 changes=_closing(reason))  # fmt: skip


STEP_FUNCTIONS = {
    "offer": proposal_offer,
    "explore": proposal_explore,
    "sign_loi": proposal_sign_loi,
    "seek_approvals": proposal_seek_approvals,
    "sign": proposal_sign,
    "activate": proposal_activate,
    "mark_dormant": proposal_mark_dormant,
    "revive": proposal_revive,
    "renew": proposal_renew,
    "end": proposal_end,
    "withdraw": proposal_withdraw,
    "decline": proposal_decline,
}


def proposal_take_step(*, verb, proposal, by, note="", reason="", public=True, on=None, years=None):
    """For forms that offer every step (admin, review page): same functions, same guards.
    `on` is the date the step happened (today when not given)."""
    transition = TRANSITIONS[verb]
    kwargs = {"proposal": proposal, "by": by, "public": public}
    kwargs["when"] = step_moment(proposal, on)
    if transition.needs_reason:
        kwargs["reason"] = reason
    else:
        kwargs["note"] = note
    if transition.needs_years:
        kwargs["years"] = years
    return STEP_FUNCTIONS[verb](**kwargs)
