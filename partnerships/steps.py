"""Lifecycle steps as a person meets them, on the admin's proposal page and on the review page:
the next steps with their checklists, and taking one with a report of how it went."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from . import services


def take_step_and_report(request, proposal, transition, data):
    """Take a step for the signed-in user and tell them how it went; True when it was taken."""
    try:
        services.proposal_take_step(
            verb=transition.verb, proposal=proposal, by=request.user, **data
        )
    except services.TransitionRefused as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
        return False
    messages.success(
        request,
        _("%(step)s: the proposal is now “%(status)s”.")
        % {"step": transition.label, "status": proposal.get_status_display()},
    )
    return True


def step_overview(proposal, user):
    """For each step possible from the current status: may it be taken now, and if not, why."""
    overview = []
    for transition in services.available_transitions(proposal):
        checklist = [(r.label, r.check(proposal)) for r in transition.requirements]
        overview.append({
            "transition": transition,
            "checklist": checklist,
            "missing": [f"{label}: {gap}" for label, gap in checklist if gap is not None],
            "permitted": services.may_take(transition, proposal, user),
        })  # fmt: skip
    return overview
