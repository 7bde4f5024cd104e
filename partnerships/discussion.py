"""The review workspace's actions on a proposal: comments and requests for information, their
answers, and candidate cities. Views and the admin call these; each checks who may act, writes
in one transaction, and queues the mail once it has committed."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CandidateCity, Comment
from .permissions import is_city_staff, is_liaison_of
from .tasks import notify_on_commit


class ActionRefused(Exception):
    def __init__(self, problem):
        self.problem = str(problem)
        super().__init__(self.problem)


def can_review(user, proposal):
    return is_city_staff(user) or (
        is_liaison_of(user, proposal) and proposal.status != proposal.Status.DRAFT
    )


def _require_reviewer(user, proposal):
    if not can_review(user, proposal):
        raise ActionRefused(_("You may not act on this proposal."))


def comment_post(*, proposal, by, body, is_request=False, form_token=None):
    """Returns (comment, created); a form sent twice returns the first comment."""
    _require_reviewer(by, proposal)
    if form_token and (earlier := Comment.objects.filter(form_token=form_token).first()):
        return earlier, False
    if not body.strip():
        raise ActionRefused(_("Write something first."))
    with transaction.atomic():
        comment = Comment.objects.create(
            proposal=proposal, author=by, body=body.strip(), is_request=is_request,
            form_token=form_token,
        )  # fmt: skip
        notify_on_commit("comment", comment.pk)
    return comment, True


def request_answer(*, request, by, body, form_token=None):
    """Staff answer a liaison's request for information; the request is then closed."""
    if not is_city_staff(by):
        raise ActionRefused(_("Only the city's staff answer requests for information."))
    if form_token and (earlier := Comment.objects.filter(form_token=form_token).first()):
        return earlier, False
    if not body.strip():
        raise ActionRefused(_("Write the answer first."))
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=request.pk, is_request=True)
        if locked.answered_at:
            raise ActionRefused(_("This request has already been answered."))
        answer = Comment.objects.create(
            proposal=locked.proposal, author=by, body=body.strip(), answer_to=locked,
            form_token=form_token,
        )  # fmt: skip
        locked.answered_at = timezone.now()
        locked.save(update_fields=["answered_at"])
        notify_on_commit("comment", answer.pk)
    return answer, True


def candidate_suggest(*, proposal, by, city, rationale="", score=None):
    """Returns (candidate, created); suggesting a city twice changes nothing."""
    _require_reviewer(by, proposal)
    if city.country != proposal.partner_country:
        raise ActionRefused(_("This city is not in the proposal's partner country."))
    if proposal.status not in (proposal.Status.OFFERED, proposal.Status.EXPLORING):
        raise ActionRefused(_("Candidate cities are suggested while the proposal is explored."))
    existing = CandidateCity.objects.filter(proposal=proposal, city=city).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            candidate = CandidateCity.objects.create(
                proposal=proposal, city=city, suggested_by=by, rationale=rationale.strip(),
                score=score,
            )  # fmt: skip
            notify_on_commit("candidate", candidate.pk)
    except IntegrityError:  # the same suggestion, sent at the same moment
        return CandidateCity.objects.get(proposal=proposal, city=city), False
    return candidate, True


DECISIONS = {
    "shortlist": CandidateCity.State.SHORTLISTED,
    "set_aside": CandidateCity.State.SET_ASIDE,
}


def candidate_decide(*, candidate, by, decision):
    """Shortlist a suggestion or set it aside. Selecting the partner is the city's own step."""
    _require_reviewer(by, candidate.proposal)
    if decision not in DECISIONS:
        raise ActionRefused(_("Unknown decision."))
    if candidate.state == CandidateCity.State.SELECTED:
        raise ActionRefused(_("The selected city is the city's decision; it cannot change here."))
    candidate.state = DECISIONS[decision]
    candidate.save(update_fields=["state"])
    return candidate
