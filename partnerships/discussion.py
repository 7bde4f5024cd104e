"""The internal discussion of a proposal: comments and requests for information, and their
answers. Views and the admin call these; each checks who may act, writes in one transaction,
and queues the mail once it has committed. Candidate cities have their own module."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused

from .models import Comment
from .permissions import can_review, is_city_staff
from .tasks import notify_on_commit
from .timeline import event_date_problems, event_moment


class DiscussionRefused(Refused):
    pass


def _require_reviewer(user, proposal):
    if not can_review(user, proposal):
        raise DiscussionRefused([_("You may not act on this proposal.")])


def comment_post(*, proposal, by, body, is_request=False, form_token=None):
    """Returns (comment, created); a form sent twice returns the first comment."""
    _require_reviewer(by, proposal)
    if form_token and (earlier := Comment.objects.filter(form_token=form_token).first()):
        return earlier, False
    if not body.strip():
        raise DiscussionRefused([_("Write something first.")])
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                proposal=proposal, author=by, body=body.strip(), is_request=is_request,
                form_token=form_token,
            )  # fmt: skip
            notify_on_commit("comment", comment.pk)
    except IntegrityError:
        # The same form sent twice at the same instant: the other request's insert won the
        # token's unique index (and has committed, or this one would still be waiting on it).
        if not form_token:
            raise
        return Comment.objects.get(form_token=form_token), False
    return comment, True


def request_answer(*, request, by, body, form_token=None, answered_on=None):
    """Staff answer a liaison's request for information, on `answered_on` (today when not
    given: never in the future, never before the offer nor the request); the request is then
    closed."""
    if not is_city_staff(by):
        raise DiscussionRefused([_("Only the city's staff answer requests for information.")])
    if form_token and (earlier := Comment.objects.filter(form_token=form_token).first()):
        return earlier, False
    if not body.strip():
        raise DiscussionRefused([_("Write the answer first.")])
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=request.pk, is_request=True)
        # Re-checked under the lock: a second copy of this form waited here for the first.
        if form_token and (earlier := Comment.objects.filter(form_token=form_token).first()):
            return earlier, False
        if locked.answered_at:
            raise DiscussionRefused([_("This request has already been answered.")])
        when = event_moment(answered_on)
        problems = event_date_problems(locked.proposal, when)
        asked_on = timezone.localdate(locked.created_at)
        if timezone.localdate(when) < asked_on:
            problems.append(_("The date cannot be before the request was asked (%(date)s).")
                            % {"date": date_format(asked_on, "DATE_FORMAT")})  # fmt: skip
        if problems:
            raise DiscussionRefused(problems)
        # An answer dated the day the request was asked comes after it, not at that day's noon.
        when = max(when, locked.created_at)
        answer = Comment.objects.create(
            proposal=locked.proposal, author=by, body=body.strip(), answer_to=locked,
            form_token=form_token,
        )  # fmt: skip
        locked.answered_at = when
        locked.save(update_fields=["answered_at"])
        notify_on_commit("comment", answer.pk)
    return answer, True
