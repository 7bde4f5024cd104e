"""Who hears about what, and the mail they get, in their own language, linking to the review
page. Three notices: a status change, a comment (or request, or answer), a candidate suggestion."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import CandidateCity, Comment, ProposalEvent, preferred_language
from .roles import CITY_STAFF


def _reachable():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def liaisons_of(proposal):
    if not proposal.consulate_id:
        return _reachable().none()
    return _reachable().filter(liaison__consulate_id=proposal.consulate_id)


def staff_for(proposal):
    """The staff who follow the proposal, or every city staff member when nobody follows it."""
    followers = _reachable().filter(followed_proposals=proposal, is_staff=True)
    if followers.exists():
        return followers
    return _reachable().filter(is_staff=True, groups__name=CITY_STAFF)


def _everyone(*querysets, exclude=None):
    pks = set()
    for queryset in querysets:
        pks |= set(queryset.values_list("pk", flat=True))
    users = get_user_model().objects.filter(pk__in=pks - {exclude})
    return users.select_related("portal_profile").order_by("pk")


def status_change_recipients(event):
    followers = _reachable().filter(followed_proposals=event.proposal)
    return _everyone(liaisons_of(event.proposal), followers)


def comment_recipients(comment):
    """A liaison's comment goes to the city's staff; a staff member's to the liaisons (and to
    the other staff who follow the proposal)."""
    proposal = comment.proposal
    if comment.author.is_staff:
        followers = _reachable().filter(followed_proposals=proposal)
        return _everyone(liaisons_of(proposal), followers, exclude=comment.author_id)
    return _everyone(staff_for(proposal), exclude=comment.author_id)


def candidate_recipients(candidate):
    return _everyone(staff_for(candidate.proposal), exclude=candidate.suggested_by_id)


@dataclass(frozen=True)
class Notice:
    model: type
    proposal_of: Callable
    recipients: Callable
    template: str


NOTICES = {
    "status_change": Notice(
        ProposalEvent, lambda e: e.proposal, status_change_recipients, "status_change"
    ),
    "comment": Notice(Comment, lambda c: c.proposal, comment_recipients, "comment"),
    "candidate": Notice(CandidateCity, lambda c: c.proposal, candidate_recipients, "candidate"),
}


def review_link(proposal):
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "review:proposal", kwargs={"reference": proposal.reference}
    )


def admin_link(proposal):
    path = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def message_for(kind, obj, user):
    notice = NOTICES[kind]
    proposal = notice.proposal_of(obj)
    with translation.override(preferred_language(user)):
        context = {
            "object": obj,
            "proposal": proposal,
            "user": user,
            "link": review_link(proposal),
            "admin_link": admin_link(proposal) if user.is_staff else "",
        }
        subject = render_to_string(f"partnerships/mail/{notice.template}_subject.txt", context)
        body = render_to_string(f"partnerships/mail/{notice.template}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def notify(kind, pk):
    """Queue one notice; call it from `transaction.on_commit` so a rollback sends nothing."""
    from .tasks import send_notice

    send_notice.enqueue(kind=kind, pk=pk)


def notify_status_change(event_id):
    notify("status_change", event_id)
