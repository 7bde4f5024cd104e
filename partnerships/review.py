"""The liaison workspace, `/<lang>/review/<reference>/`: consulates review the proposals routed
to them (the queue of them all is in review_queue.py).

Every view starts from `reviewable(user)`, so a proposal of another consulate, a draft or a
mistyped reference is a 404 to a liaison, never a 403 that confirms it exists. City staff see
every consulate's proposals here too.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.files import serve_file
from core.refusals import report

from . import candidates, discussion, review_parts
from .forms import AnswerForm, CommentForm, SuggestForm
from .matching import best_fit_cities, match
from .models import (
    Approval,
    CandidateCity,
    Comment,
    Document,
    PartnerCity,
    Proposal,
)
from .notifications import told_about
from .permissions import is_city_staff, liaison_consulate
from .steps import step_overview

ASSISTANT_SHOWS = review_parts.ASSISTANT_SHOWS


def reviewable(user):
    if is_city_staff(user):
        return Proposal.objects.current()
    consulate = liaison_consulate(user)
    if consulate is None:
        return Proposal.objects.none()
    return Proposal.objects.current().for_consulate(consulate).exclude(status=Proposal.Status.DRAFT)


def reviewer_required(view):
    """Sign-in first; then only staff and liaisons enter the workspace."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (is_city_staff(request.user) or liaison_consulate(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def reviewed_proposal(request, reference):
    return get_object_or_404(reviewable(request.user), reference=reference)


def back_to_review(proposal):
    """After an action: the top of the proposal's page, where the message saying what happened
    is (an anchor to the section acted on would scroll the message off screen)."""
    return redirect(proposal_url(proposal))


def proposal_url(proposal):
    return reverse("review:proposal", kwargs={"reference": proposal.reference})


def _as_shown(user, proposal):
    """The proposal with what its review page shows beyond the kept parts (_record), read in one
    go."""
    comments = Comment.objects.current().select_related("author", "answer_to")
    candidates_shown = CandidateCity.objects.current().select_related("city", "suggested_by")
    return (
        reviewable(user)
        .select_related("consulate", "partner_city")
        .prefetch_related(
            "sectors",
            Prefetch("candidates", candidates_shown),
            Prefetch("comments", comments),
        )
        .get(pk=proposal.pk)
    )


def _candidates_context(user, proposal, is_staff, suggest_form):
    can_suggest = proposal.status in candidates.OPEN_FOR_CANDIDATES
    suggest_form = suggest_form or SuggestForm(proposal=proposal)
    if can_suggest:
        suggest_form.offer(best_fit_cities(proposal, ASSISTANT_SHOWS))
    return {
        "decisions": {
            c.pk: candidates.available_decisions(c, proposal, user, staff=is_staff)
            for c in proposal.candidates.all()
        },
        "suggest_form": suggest_form,
        "can_suggest": can_suggest,
    }


def _discussion_forms(proposal, is_staff, forms):
    return {
        "comment_form": forms.get("comment_form") or CommentForm(allow_request=not is_staff),
        # One form (and token) per open request: answering one must not look like a resend.
        "answer_forms": {
            c.pk: forms["answer_form"] if forms.get("failed_answer") == c.pk else AnswerForm()
            for c in proposal.comments.all()
            if c.is_request and not c.answered_at
        },
    }


def _detail_context(request, proposal, **forms):
    user = request.user
    proposal = _as_shown(user, proposal)
    is_staff = is_city_staff(user)
    return {
        "proposal": proposal,
        "record": review_parts.own_record(proposal),
        "assistant": review_parts.assistant(request, proposal),
        "steps": [s for s in step_overview(proposal, user) if is_staff or s.transition.liaison_may],
        "is_staff": is_staff,
        # How many citizens follow it by email; their addresses are never shown here.
        "email_followers": proposal.email_followers.active().count(),
        **_candidates_context(user, proposal, is_staff, forms.get("suggest_form")),
        **_discussion_forms(proposal, is_staff, forms),
    }


@require_GET
@reviewer_required
def proposal_detail(request, reference):
    proposal = reviewed_proposal(request, reference)
    return render(request, "partnerships/review/proposal.html", _detail_context(request, proposal))


def _rerender(request, proposal, **forms):
    messages.error(request, _("Please correct the errors below; your input is kept."))
    context = _detail_context(request, proposal, **forms)
    return render(request, "partnerships/review/proposal.html", context, status=400)


@require_POST
@reviewer_required
def comment(request, reference):
    proposal = reviewed_proposal(request, reference)
    form = CommentForm(request.POST, allow_request=not is_city_staff(request.user))
    if not form.is_valid():
        return _rerender(request, proposal, comment_form=form)
    posted, created = discussion.comment_post(
        proposal=proposal, by=request.user, body=form.cleaned_data["body"],
        is_request=form.cleaned_data.get("is_request", False),
        form_token=form.cleaned_data["form_token"],
    )  # fmt: skip
    if created:
        said = (
            _("Your request for information was sent to the city.")
            if posted.is_request
            else _("Your comment was posted.")
        )
        messages.success(request, f"{said} {told_about('comment', posted)}")
    return back_to_review(proposal)


@require_POST
@reviewer_required
def answer(request, reference, pk):
    proposal = reviewed_proposal(request, reference)
    request_comment = get_object_or_404(
        Comment.objects.current(), pk=pk, proposal=proposal, is_request=True
    )
    if not is_city_staff(request.user):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _rerender(request, proposal, answer_form=form, failed_answer=request_comment.pk)
    try:
        answer, created = discussion.request_answer(
            request=request_comment, by=request.user, **form.cleaned_data
        )
    except discussion.DiscussionRefused as refusal:
        report(request, refusal)  # said at the top of the page, which keeps the answer typed
        for problem in refusal.problems:
            form.add_error(None, problem)
        return _rerender(request, proposal, answer_form=form, failed_answer=request_comment.pk)
    if created:
        sent = _("Your answer was sent.")
        messages.success(request, f"{sent} {told_about('comment', answer)}")
    return back_to_review(proposal)


@require_POST
@reviewer_required
def suggest(request, reference):
    proposal = reviewed_proposal(request, reference)
    if "find" in request.POST:
        form = SuggestForm.searching(request.POST, proposal=proposal)
        context = _detail_context(request, proposal, suggest_form=form)
        return render(request, "partnerships/review/proposal.html", context)
    form = SuggestForm(request.POST, proposal=proposal)
    if not form.is_valid():
        return _rerender(request, proposal, suggest_form=form)
    return _suggest(request, proposal, form.cleaned_data["city"], form.cleaned_data["rationale"])


@require_POST
@reviewer_required
def suggest_match(request, reference, city_pk):
    """The assistant's one-click suggestion, with its score and its reasons kept as data: each
    reader (this page, the staff's mail, the admin) reads them in their own language."""
    proposal = reviewed_proposal(request, reference)
    city = get_object_or_404(PartnerCity, pk=city_pk, country=proposal.partner_country)
    found = match(city, [sector.pk for sector in proposal.sectors.all()])
    factors = [factor.as_data() for factor in found.factors]
    return _suggest(request, proposal, city, "", score=found.score, match_factors=factors)


def _suggest(request, proposal, city, rationale, score=None, match_factors=()):
    try:
        candidate, created = candidates.candidate_suggest(
            proposal=proposal,
            by=request.user,
            city=city,
            rationale=rationale,
            score=score,
            match_factors=match_factors,
        )
    except candidates.CandidateRefused as refusal:
        report(request, refusal)
        return back_to_review(proposal)
    if created:
        suggested = _("%(city)s is suggested.") % {"city": candidate.city.name}
        messages.success(request, f"{suggested} {told_about('candidate', candidate)}")
    else:
        messages.info(request, _("%(city)s was already a candidate.") % {"city": city.name})
    return back_to_review(proposal)


@require_GET
@reviewer_required
def document(request, reference, pk):
    proposal = reviewed_proposal(request, reference)
    return serve_file(get_object_or_404(Document.objects.current(), pk=pk, proposal=proposal).file)


@require_GET
@reviewer_required
def approval_document(request, reference, pk):
    proposal = reviewed_proposal(request, reference)
    approval = get_object_or_404(Approval.objects.current(), pk=pk, proposal=proposal)
    return serve_file(approval.document)
