"""Acting in the review workspace: a lifecycle step or a candidate decision, each on its own
confirmation page that says what it needs, what it will do and who is told, then takes it."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from . import candidates, services
from .models import CandidateCity
from .permissions import is_city_staff
from .review import back_to_review, reviewed_proposal, reviewer_required
from .steps import checklist, consequences, decision_page_form, step_page_form


@require_http_methods(["GET", "POST"])
@reviewer_required
def step(request, reference, verb):
    """A step's confirmation page: what it needs, what it will do, then the form to take it."""
    proposal = reviewed_proposal(request, reference)
    transition = services.TRANSITIONS.get(verb)
    if transition is None or (not transition.liaison_may and not is_city_staff(request.user)):
        raise Http404
    form, taken = step_page_form(request, proposal, transition)
    if taken:
        return back_to_review(proposal)
    context = {
        "proposal": proposal,
        "transition": transition,
        "checklist": checklist(transition, proposal, request.user),
        "consequences": consequences(transition, proposal, request.user),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/review/step.html", context, status=status)


@require_http_methods(["GET", "POST"])
@reviewer_required
def decide(request, reference, pk, decision):
    """A candidate decision's confirmation page: what becomes public and who is told, the day it
    was taken, then the button. A decision this person may not take now is said, not offered."""
    proposal = reviewed_proposal(request, reference)
    candidate = get_object_or_404(
        CandidateCity.objects.current().select_related("city", "proposal"),
        pk=pk, proposal=proposal,
    )  # fmt: skip
    chosen = candidates.DECISIONS.get(decision)
    if chosen is None:
        raise Http404
    form, taken = decision_page_form(request, candidate, decision)
    if taken:
        return back_to_review(proposal)
    context = {
        "proposal": proposal,
        "candidate": candidate,
        "decision": chosen,
        "problems": candidates.decision_problems(chosen, candidate, proposal, request.user),
        "consequences": candidates.consequences(chosen, candidate, request.user),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "partnerships/review/decide.html", context, status=status)
