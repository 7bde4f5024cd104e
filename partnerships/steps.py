"""Lifecycle steps and candidate decisions as a person meets them, on the admin's pages and on
the review page: the next steps with their checklists, what taking one will do, and taking it
(or deciding) with a report of how it went."""

from dataclasses import dataclass

from django.contrib import messages
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.refusals import report

from . import candidates, services
from .forms import DecisionForm, StepForm
from .models import Proposal
from .notifications import told_about
from .permissions import is_city_staff
from .stages import CLOSED


@dataclass
class CheckItem:
    label: str
    missing: str | None
    fix_url: str = ""  # where staff meet it; empty for those who cannot
    asked_on_step_page: bool = False  # the step's own form asks for it


@dataclass
class StepOverview:
    transition: services.Transition
    checklist: list
    permitted: bool
    who_may: str

    @property
    def missing(self):
        """What keeps the step's page from being opened (what the page asks for does not)."""
        return [f"{item.label}: {item.missing}" for item in self.checklist
                if item.missing and not item.asked_on_step_page]  # fmt: skip


def take_step_and_report(request, proposal, transition, form):
    """Take a step for the signed-in user and tell them how it went; True when it was taken."""
    try:
        event = services.proposal_take_step(
            verb=transition.verb, proposal=proposal, by=request.user, **form.step_arguments()
        )
    except services.TransitionRefused as refusal:
        report(request, refusal)
        return False
    messages.success(
        request,
        _("%(step)s: the proposal is now “%(status)s”.")
        % {"step": transition.label, "status": proposal.get_status_display()}
        + " "
        + told_about("event", event),
    )
    return True


def step_page_form(request, proposal, transition):
    """A step page's form, bound when posted, and whether the step was taken with it."""
    form = StepForm(request.POST or None, transition=transition, proposal=proposal)
    taken = (
        request.method == "POST"
        and form.is_valid()
        and take_step_and_report(request, proposal, transition, form)
    )
    return form, taken


def decide_and_report(request, candidate, verb, form):
    """Take a candidate decision for the signed-in user, on the day `form` gives, and say how it
    went and who was told; True when taken."""
    try:
        event = candidates.candidate_decide(
            verb=verb, candidate=candidate, by=request.user, when=form.moment()
        )
    except candidates.CandidateRefused as refusal:
        report(request, refusal)
        return False
    messages.success(request, f"{candidates.outcome(candidate)} {told_about('event', event)}")
    return True


def decision_page_form(request, candidate, verb):
    """A decision page's form, bound when posted, and whether the decision was taken with it."""
    form = DecisionForm(request.POST or None, proposal=candidate.proposal)
    taken = (
        request.method == "POST"
        and form.is_valid()
        and decide_and_report(request, candidate, verb, form)
    )
    return form, taken


def checklist(transition, proposal, user):
    change_url = ""
    if is_city_staff(user):
        change_url = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    return [
        CheckItem(
            r.label, r.check(proposal), f"{change_url}#{r.fix}" if change_url else "",
            asked_on_step_page=r.asked_with_agreement and transition.needs_agreement,
        )
        for r in transition.requirements
    ]  # fmt: skip


def step_overview(proposal, user):
    """For each step possible from the current status: may it be taken now, and if not, why."""
    return [
        StepOverview(
            transition=transition,
            checklist=checklist(transition, proposal, user),
            permitted=services.may_take(transition, proposal, user),
            who_may=services.who_may_take(transition, proposal),
        )
        for transition in services.available_transitions(proposal)
    ]


def _status_change(transition, proposal):
    if proposal.status == transition.target:
        return _("%(reference)s stays “%(status)s”.") % {
            "reference": proposal.reference, "status": proposal.get_status_display()}  # fmt: skip
    return _("%(reference)s moves from “%(from)s” to “%(to)s”.") % {
        "reference": proposal.reference, "from": proposal.get_status_display(),
        "to": Proposal.Status(transition.target).label,
    }  # fmt: skip


def _unpublished(transition):
    if transition.offers_publishing:
        return _("The partnership is not published: tick “Publish the partnership now” below to "
                 "show it to the public; otherwise nobody outside the city's staff and the "
                 "consulate sees it, nor this step.")  # fmt: skip
    return _("This proposal is not published: the public will not see this step, nor the "
             "proposal, until it is published.")  # fmt: skip


def consequences(transition, proposal, user):
    """What taking the step will do, said plainly before anyone confirms it."""
    said = [_status_change(transition, proposal)]
    if transition.target in CLOSED:
        said.append(
            _(
                "This closes the proposal: no further step can follow, and candidate cities can "
                "no longer be suggested or decided."
            )  # fmt: skip
        )
    if transition.needs_reason:
        said.append(_("The reason is shown on the proposal's public page and timeline."))
    if transition.needs_years:
        end = date_format(proposal.expires_on, "DATE_FORMAT") if proposal.expires_on else "—"
        said.append(_(
            "The agreement's term grows by the years you give, from its present end (%(end)s); "
            "the renewal agreement and the new end are shown on the agreement register."
        ) % {"end": end})  # fmt: skip
    said.append(_unpublished(transition) if not proposal.published else _(
        "If the step is public, it is published with its note on the proposal's public "
        "timeline and in the updates feed."
    ))  # fmt: skip
    if is_city_staff(user):
        said.append(_("The consulate's liaisons and the staff who follow the proposal are "
                      "mailed the step and its note."))  # fmt: skip
    else:
        said.append(_("The city's staff and your consulate's liaisons are mailed the step and "
                      "its note."))  # fmt: skip
    return said
