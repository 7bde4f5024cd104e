"""The proposal lifecycle. Nothing else changes `Proposal.status`.

The lifecycle's table, TRANSITIONS, and its guards are in transitions.py (and read through
this module too). Each step is one `proposal_<verb>` function with keyword-only arguments; each
locks the proposal row, checks, changes the status, records one `ProposalEvent` and queues the
notifications, in one transaction.
A refused step raises `TransitionRefused` naming everything missing, and changes nothing.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from core.texts import as_written, in_each_language

from . import requirements as req
from .follows import step_recorded
from .models import AgreementRenewal, Document, Proposal, ProposalEvent
from .tasks import notify_on_commit
from .timeline import date_problems, step_moment
from .transitions import (  # noqa: F401 - the lifecycle's names, read through this module
    ACTIVATE,
    DECLINE,
    END,
    EXPLORE,
    MARK_DORMANT,
    MAX_RENEWAL_YEARS,
    OFFER,
    RENEW,
    REVIVE,
    SEEK_APPROVALS,
    SIGN,
    SIGN_LOI,
    TRANSITIONS,
    WITHDRAW,
    Transition,
    TransitionRefused,
    available_transitions,
    may_take,
    missing_requirements,
    refusal_problems,
    status_problems,
    who_may_take,
)


def _note_fields(text):
    """A note the portal wrote (lazy text) goes in every language; a person's, as written."""
    if isinstance(text, Promise):
        return in_each_language("note", text)
    return as_written("note", text)


def _record_step(transition, proposal, by, when, from_status, public, text):
    return ProposalEvent.objects.create(
        proposal=proposal,
        occurred_at=when,
        actor=by,
        from_status=from_status,
        to_status=transition.target,
        is_public=public,
        **_note_fields(text),
        **in_each_language("title", transition.label),
    )


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
    given=None,
):
    """`given`: fields given with the step (signatories, term), set before the checks they may
    meet; `changes(locked, when)`: fields the step sets besides the status; `after(locked,
    event)`: what else belongs to the step, in the same transaction."""
    when = when or timezone.now()
    given = given or {}
    with transaction.atomic():
        # The row lock makes a second, conflicting step wait here and then see the new status.
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        for name, value in given.items():
            setattr(locked, name, value)
        problems = refusal_problems(transition, locked, by, note=note, reason=reason, when=when,
                                    years=years)  # fmt: skip
        if problems:
            raise TransitionRefused(transition, problems)
        from_status = locked.status
        fields = {**given, **(changes or (lambda p, w: {}))(locked, when)}
        for name, value in fields.items():
            setattr(locked, name, value)
        Proposal._meta.get_field("status").set_state(locked, transition.target)
        locked._history_user = by
        locked.save(update_fields=["status", *fields])
        event = _record_step(transition, locked, by, when, from_status, public, reason or note)
        if after:
            after(locked, event)
        notify_on_commit("event", event.pk)
        step_recorded(event)
    proposal.refresh_from_db()
    return event


def _closing(reason):
    return lambda proposal, when: as_written("closing_reason", reason)


def _latest_dated(proposal, kind):
    latest = (
        proposal.documents.current()
        .filter(kind=kind, dated__isnull=False)
        .order_by("-dated")
        .first()
    )
    return latest.dated if latest else None


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


def signing_day(proposal):
    """The agreement's date: the day of the signing everywhere (stepper, timeline, register)."""
    return _latest_dated(proposal, Document.Kind.AGREEMENT)


def proposal_sign(*, proposal, by, note="", public=True, when=None, agreement=None):
    """`agreement`: the signatories' fields and the term, as the sign step's form gives them.
    The step is dated by the signed agreement, whatever `when` says."""
    day = signing_day(proposal)
    dated = step_moment(proposal, day) if day else None
    # An agreement dated out of order is refused by its requirement (SIGNED_AGREEMENT), which
    # says which document to correct; the step's own date check would only repeat it.
    when = dated if dated and not date_problems(proposal, dated) else when

    def changes(p, when):
        return {"signed_on": signing_day(p)}

    return _take(SIGN, proposal=proposal, by=by, note=note, public=public, when=when,
                 changes=changes, given=agreement)  # fmt: skip


def proposal_activate(*, proposal, by, note="", public=True, when=None, publish=False):
    """`publish`: publish the partnership with its activation (a page nobody can see is the
    mistake this step most often left behind)."""

    def changes(p, when):
        return {"published": True} if publish and not p.published else {}

    return _take(ACTIVATE, proposal=proposal, by=by, note=note, public=public, when=when,
                 changes=changes)  # fmt: skip


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


def proposal_take_step(
    *, verb, proposal, by, note="", reason="", public=True, on=None, years=None, agreement=None,
    publish=False,
):  # fmt: skip
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
    if transition.needs_agreement:
        kwargs["agreement"] = agreement
    if transition.offers_publishing:
        kwargs["publish"] = publish
    return STEP_FUNCTIONS[verb](**kwargs)
