"""The proposal lifecycle as a table: which step leads from which states to which, who besides
city staff may take it, and what must already be true (DESIGN.md's lifecycle at a glance), with
the guards that read it. The steps themselves are `proposal_<verb>` in services.py."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused
from core.texts import written

from . import requirements as req
from .models import Proposal
from .permissions import is_city_staff, is_liaison_of
from .timeline import date_problems

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
    needs_agreement: bool = False  # signing: the signatories and the term, given with the step
    offers_publishing: bool = False  # activation: an unpublished partnership may be published
    action: str = ""  # what its button says: the step as something to do (every step has one)


OFFER = Transition(
    "offer", _("Offer made"), (S.DRAFT,), S.OFFERED,
    (req.PARTNER_COUNTRY, req.FOCUS_SECTOR, req.CONSULATE), action=_("Record the offer"),
)  # fmt: skip
EXPLORE = Transition(
    "explore",
    _("Exploration started"),
    (S.OFFERED,),
    S.EXPLORING,
    liaison_may=True,
    action=_("Start exploring"),
)
SIGN_LOI = Transition(
    "sign_loi", _("Letter of intent signed"), (S.EXPLORING,), S.LOI_SIGNED,
    (req.SELECTED_CITY, req.LETTER_OF_INTENT), action=_("Record the letter of intent"),
)  # fmt: skip
SEEK_APPROVALS = Transition(
    "seek_approvals",
    _("Approvals sought"),
    (S.LOI_SIGNED,),
    S.APPROVING,
    (req.PLAN_OF_ACTION,),
    action=_("Seek the approvals"),
)
# Signing records the agreement itself: who signed for each side, and for how long.
SIGN = Transition(
    "sign", _("Agreement signed"), (S.APPROVING,), S.SIGNED,
    (*req.APPROVALS, req.SIGNED_AGREEMENT, req.SIGNATORIES, req.TERM_SET),
    needs_agreement=True, action=_("Record the signing"),
)  # fmt: skip
ACTIVATE = Transition(
    "activate", _("Partnership activated"), (S.SIGNED,), S.ACTIVE,
    (req.SIGNED_AGREEMENT, req.SIGNATORIES, req.TERM_SET), offers_publishing=True,
    action=_("Activate the partnership"),
)  # fmt: skip
MARK_DORMANT = Transition(
    "mark_dormant",
    _("Marked dormant"),
    (S.ACTIVE,),
    S.DORMANT,
    needs_note=True,
    action=_("Mark dormant"),
)
REVIVE = Transition(
    "revive", _("Revived"), (S.DORMANT,), S.ACTIVE, needs_note=True, action=_("Revive")
)
# Renewal extends the term (see `proposal_renew`); a dormant partnership renewed is active again.
RENEW = Transition(
    "renew", _("Agreement renewed"), (S.ACTIVE, S.DORMANT), S.ACTIVE,
    (req.AGREEMENT_TERM, req.RENEWAL_AGREEMENT), needs_years=True,
    action=_("Renew the agreement"),
)  # fmt: skip
END = Transition(
    "end",
    _("Partnership ended"),
    (S.ACTIVE, S.DORMANT),
    S.ENDED,
    needs_reason=True,
    action=_("End the partnership"),
)
WITHDRAW = Transition(
    "withdraw",
    _("Proposal withdrawn"),
    BEFORE_SIGNING,
    S.WITHDRAWN,
    needs_reason=True,
    action=_("Withdraw the proposal"),
)
DECLINE = Transition(
    "decline", _("Proposal declined"), BEFORE_SIGNING[1:], S.DECLINED,
    liaison_may=True, needs_reason=True, action=_("Decline the proposal"),
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
    if status := status_problems(transition, proposal):
        return problems + status
    problems += missing_requirements(transition, proposal)
    if transition.needs_reason and not written(reason):
        problems.append(_("Reason: missing (it is shown publicly)"))
    if transition.needs_note and not written(note):
        problems.append(_("Note: missing (say what happened)"))
    if transition.needs_years and not (years and 1 <= years <= MAX_RENEWAL_YEARS):
        problems.append(_("Years added: give a number from 1 to %(most)s")
                        % {"most": MAX_RENEWAL_YEARS})  # fmt: skip
    return problems + date_problems(proposal, when or timezone.now())


def status_problems(transition, proposal):
    """Why the step cannot follow the proposal's present status; empty when it can."""
    if proposal.status in transition.sources:
        return []
    return [_("Not possible from “%(status)s”.") % {"status": proposal.get_status_display()}]


def available_transitions(proposal):
    return [t for t in TRANSITIONS.values() if proposal.status in t.sources]
