"""Candidate cities: suggested by a liaison or the city's staff, then shortlisted, set aside or
selected as the partner.

DECISIONS below is the whole table: from which states each decision leads to which, whether a
liaison may take it, and whether its timeline event is public. Each decision is one
`candidate_<verb>` function that locks the proposal's row (so decisions on one proposal, and its
lifecycle steps, happen one after the other), re-reads the candidate, checks, changes it and
records one `ProposalEvent`, in one transaction. A refused decision raises `CandidateRefused`
with every reason and changes nothing.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.archive import current
from core.refusals import Refused
from core.texts import in_each_language

from .follows import step_recorded
from .models import CandidateCity, PartnerCity, Proposal, ProposalEvent
from .models.candidates import OPEN_FOR_CANDIDATES
from .permissions import can_review, is_city_staff, is_liaison_of
from .tasks import notify_on_commit
from .timeline import event_date_problems

C = CandidateCity.State


class CandidateRefused(Refused):
    pass


@dataclass(frozen=True)
class Decision:
    verb: str
    label: str  # the button
    event_title: str  # the timeline event's title, with %(city)s
    sources: tuple
    target: str
    liaison_may: bool
    public: bool | None  # None: public when the city was (an undo corrects the public record)

    def is_public(self, from_state):
        return from_state in PUBLIC_STATES if self.public is None else self.public


PUBLIC_STATES = (C.SHORTLISTED, C.SELECTED)  # what CandidateCity.objects.public() shows

SHORTLIST = Decision(
    "shortlist", _("Shortlist"), _("Candidate city shortlisted: %(city)s"),
    (C.SUGGESTED, C.SET_ASIDE), C.SHORTLISTED, liaison_may=True, public=True,
)  # fmt: skip
SET_ASIDE = Decision(
    "set_aside", _("Set aside"), _("Candidate city set aside: %(city)s"),
    (C.SUGGESTED, C.SHORTLISTED, C.SELECTED), C.SET_ASIDE, liaison_may=True, public=False,
)  # fmt: skip
SELECT = Decision(
    "select", _("Select as partner city"), _("Partner city selected: %(city)s"),
    (C.SUGGESTED, C.SHORTLISTED), C.SELECTED, liaison_may=False, public=True,
)  # fmt: skip

# A decision taken by mistake is undone with its own event: the record keeps both.
UNDO = Decision(
    "undo", _("Undo the decision"), _("Decision on %(city)s undone"),
    (C.SHORTLISTED, C.SET_ASIDE, C.SELECTED), C.SUGGESTED, liaison_may=True, public=None,
)  # fmt: skip

DECISIONS = {d.verb: d for d in (SHORTLIST, SET_ASIDE, SELECT, UNDO)}


def _open_problems(proposal):
    if proposal.is_archived:
        return [_("This proposal is archived: restore it before deciding on its cities.")]
    if proposal.status in OPEN_FOR_CANDIDATES:
        return []
    return [
        _(
            "Candidate cities change only while the proposal is offered or explored; it is now "
            "“%(status)s”."
        )
        % {"status": proposal.get_status_display()}  # fmt: skip
    ]


def decision_problems(decision, candidate, proposal, by, *, staff=None):
    """Every reason `by` may not take `decision` on `candidate` now; empty when they may.
    `staff` saves asking again whether `by` is city staff (None: ask)."""
    staff = (by is None or is_city_staff(by)) if staff is None else staff
    if not (staff or (decision.liaison_may and is_liaison_of(by, proposal))):
        return [_("Only the city's staff may take this decision.")]
    problems = _open_problems(proposal)
    if candidate.is_archived:
        problems.append(_("This candidate city is archived: restore it first."))
    elif candidate.state not in decision.sources:
        problems.append(
            _("%(city)s is “%(state)s”: it cannot be decided that way now.")
            % {"city": candidate.city.name, "state": candidate.get_state_display()}
        )
    elif candidate.state == C.SELECTED and not staff:
        problems.append(_("The selected city is the city's choice: only its staff may change it."))
    if decision is SELECT:
        # Over .all(), so that a page which prefetched the candidates asks nothing more.
        chosen = [c for c in current(proposal.candidates.all())
                  if c.state == C.SELECTED and c.pk != candidate.pk]  # fmt: skip
        if chosen:
            problems.append(
                _("%(city)s is already selected: set it aside first.")
                % {"city": chosen[0].city.name}
            )
    return problems


def available_decisions(candidate, proposal, by, *, staff=None):
    """The decisions `by` could take on `candidate` now (for buttons and links)."""
    return [
        d for d in DECISIONS.values()
        if not decision_problems(d, candidate, proposal, by, staff=staff)
    ]  # fmt: skip


def consequences(decision, candidate, by=None):
    """What a decision will do, said plainly on its confirmation page: what becomes public and
    who is told."""
    names = {"city": candidate.city.name, "reference": candidate.proposal.reference}
    said = {
        "shortlist": _("%(city)s joins the shortlist of %(reference)s; shortlisted cities are "
                       "named on the proposal's public page while it is published."),
        "set_aside": _("%(city)s is set aside: it no longer shows on the public page, and can "
                       "be shortlisted again later."),
        "select": _("%(city)s becomes the selected candidate of %(reference)s; it becomes the "
                    "partner city when the letter of intent is signed with it."),
        "undo": _("%(city)s is a suggestion again, as before any decision; the earlier "
                  "decision stays on the record, followed by this one."),
    }[decision.verb]  # fmt: skip
    # As notifications.event_recipients mails them: the city's staff only hear of a liaison's.
    if by is not None and is_city_staff(by):
        told = _("The consulate's liaisons and the staff who follow %(reference)s are mailed "
                 "the decision.")  # fmt: skip
    else:
        told = _("The city's staff who follow %(reference)s (every staff member if nobody "
                 "does) and the consulate's liaisons are mailed the decision.")  # fmt: skip
    if decision.is_public(candidate.state) and candidate.proposal.published:
        public = _("The decision is published on the proposal's public timeline, and its "
                   "followers by email are told.")  # fmt: skip
    elif decision.is_public(candidate.state):
        public = _("The proposal is not published: the decision goes on its timeline, which "
                   "the public sees once the proposal is published.")  # fmt: skip
    else:
        public = _("The decision stays internal: it is not on the public timeline.")
    return [said % names, public, told % names]


def outcome(candidate):
    """The message that tells a person where the candidate now stands (`told_about` adds who
    was mailed)."""
    return _("%(city)s is now “%(state)s”.") % {
        "city": candidate.city.name,
        "state": candidate.get_state_display(),
    }


def _title(decision, city):
    return lazy(lambda: gettext(decision.event_title) % {"city": city.name}, str)()


def _after_last_decision(candidate, when):
    if candidate.decided_at and when < candidate.decided_at:
        day = date_format(timezone.localdate(candidate.decided_at), "DATE_FORMAT")
        return [_("The date cannot be before the last decision on %(city)s (%(date)s).")
                % {"city": candidate.city.name, "date": day}]  # fmt: skip
    return []


def candidate_decide(*, verb, candidate, by, when=None):
    """`when` is the moment the decision was taken (now when not given): never in the future,
    never before the offer."""
    decision = DECISIONS.get(verb)
    if decision is None:
        raise CandidateRefused([_("Unknown decision.")])
    when = when or timezone.now()
    with transaction.atomic():
        # The proposal's row is the lock every decision and lifecycle step on it takes first.
        proposal = Proposal.objects.select_for_update().get(pk=candidate.proposal_id)
        locked = CandidateCity.objects.get(pk=candidate.pk)
        problems = decision_problems(decision, locked, proposal, by)
        problems += event_date_problems(proposal, when) or _after_last_decision(locked, when)
        if problems:
            raise CandidateRefused(problems)
        public = decision.is_public(locked.state)
        locked.state, locked.decided_at = decision.target, when
        locked._history_user = by
        locked.save(update_fields=["state", "decided_at"])
        event = ProposalEvent.objects.create(
            proposal=proposal,
            occurred_at=when,
            actor=by,
            is_public=public,
            **in_each_language("title", _title(decision, locked.city)),
        )
        notify_on_commit("event", event.pk)
        step_recorded(event)
    candidate.refresh_from_db()
    return event


def candidate_shortlist(*, candidate, by, when=None):
    return candidate_decide(verb="shortlist", candidate=candidate, by=by, when=when)


def candidate_set_aside(*, candidate, by, when=None):
    return candidate_decide(verb="set_aside", candidate=candidate, by=by, when=when)


def candidate_select(*, candidate, by, when=None):
    return candidate_decide(verb="select", candidate=candidate, by=by, when=when)


def suggestion_problems(proposal, city):
    problems = _open_problems(proposal)
    if not PartnerCity.objects.eligible_for(proposal).filter(pk=city.pk).exists():
        if city.country != proposal.partner_country:
            problems.append(_("This city is not in the proposal's partner country."))
        else:
            problems.append(_("A fictional sample city cannot be a candidate of a real proposal."))
    return problems


def candidate_suggest(*, proposal, by, city, rationale="", score=None, match_factors=()):
    """Returns (candidate, created); suggesting a city twice changes nothing. `match_factors` are
    the matching assistant's reasons as data (see matching.reasons)."""
    if by is not None and not can_review(by, proposal):
        raise CandidateRefused([_("You may not act on this proposal.")])
    existing = CandidateCity.objects.current().filter(proposal=proposal, city=city).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
            problems = suggestion_problems(locked, city)
            if problems:
                raise CandidateRefused(problems)
            candidate = CandidateCity.objects.create(
                proposal=locked, city=city, suggested_by=by, rationale=rationale.strip(),
                score=score, match_factors=list(match_factors),
            )  # fmt: skip
            notify_on_commit("candidate", candidate.pk)
    except IntegrityError:  # the same suggestion, sent at the same moment
        return CandidateCity.objects.current().get(proposal=proposal, city=city), False
    return candidate, True
