"""Who hears about what, and the mail they get, in their own language, linking to the review
page. Three notices: a timeline event (a status change, or a partner city selected), a comment
(or request, or answer), a candidate suggestion. `tasks.notify_on_commit` queues them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from core.mail import mail_in_language, notifications_are_paused
from core.roles import CITY_STAFF

from .follows import subscribers_told_of
from .models import CandidateCity, Comment, ProposalEvent, preferred_language


def _reachable():
    return get_user_model().objects.filter(is_active=True).exclude(email="")


def liaisons_of(proposal):
    if not proposal.consulate_id:
        return _reachable().none()
    return _reachable().filter(liaison__consulate_id=proposal.consulate_id)


def city_staff():
    return _reachable().filter(is_staff=True, groups__name=CITY_STAFF)


def _staff_followers():
    return _reachable().filter(is_staff=True)


def staff_for(proposal):
    """The staff who follow the proposal, or every city staff member when nobody follows it
    (`staff_followers_of` and `is_told` are the same rule for many proposals at once)."""
    followers = staff_followers_of([proposal.pk]).get(proposal.pk)
    if followers:
        return _reachable().filter(pk__in=followers)
    return city_staff()


def staff_followers_of(proposal_pks):
    """{proposal pk: {user pk}}: `staff_for`'s followers of many proposals in one query. A
    proposal missing from it is told to every city staff member."""
    pairs = _staff_followers().filter(followed_proposals__in=proposal_pks)
    followers = {}
    for user_pk, proposal_pk in pairs.values_list("pk", "followed_proposals"):
        followers.setdefault(proposal_pk, set()).add(user_pk)
    return followers


def is_told(user, proposal_pk, followers, *, is_city_staff):
    """Whether `staff_for` the proposal (None: no proposal, as a visit's promise) includes
    `user`, given `staff_followers_of` those proposals."""
    if proposal_pk in followers:
        return user.pk in followers[proposal_pk]
    return is_city_staff


def _everyone(*querysets, exclude=None):
    pks = set()
    for queryset in querysets:
        pks |= set(queryset.values_list("pk", flat=True))
    users = get_user_model().objects.filter(pk__in=pks - {exclude})
    return users.select_related("portal_profile").order_by("pk")


def event_recipients(event):
    """The consulate's liaisons and the proposal's followers; when a liaison or the portal
    itself took the step, the city's staff too (every staff member if nobody follows)."""
    proposal = event.proposal
    followers = _reachable().filter(followed_proposals=proposal)
    taken_by_city = event.actor is not None and event.actor.is_staff
    city = followers if taken_by_city else staff_for(proposal)
    return _everyone(liaisons_of(proposal), followers, city)


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
    "event": Notice(ProposalEvent, lambda e: e.proposal, event_recipients, "event"),
    "comment": Notice(Comment, lambda c: c.proposal, comment_recipients, "comment"),
    "candidate": Notice(CandidateCity, lambda c: c.proposal, candidate_recipients, "candidate"),
}


NAMED_AT_MOST = 5


def told_about(kind, obj):
    """What the message confirming a change says about its mail: the people it goes to, by name
    (the same `recipients` the mail itself is sent to), and, for a public step, how many citizens
    following the proposal by email (never their addresses)."""
    if notifications_are_paused():
        return gettext("Nobody is mailed about it.")
    people = [user.get_full_name() or user.get_username() for user in NOTICES[kind].recipients(obj)]
    named = [", ".join(people[:NAMED_AT_MOST])] if people else []
    if len(people) > NAMED_AT_MOST:
        others = len(people) - NAMED_AT_MOST
        named = [ngettext("%(names)s and %(count)d other", "%(names)s and %(count)d others",
                          others) % {"names": named[0], "count": others}]  # fmt: skip
    subscribers = subscribers_told_of(obj) if kind == "event" else 0
    if subscribers:
        named.append(ngettext("%(count)d person following it by email",
                              "%(count)d people following it by email",
                              subscribers) % {"count": subscribers})  # fmt: skip
    if not named:
        return gettext("Nobody is mailed about it.")
    return gettext("Mailed to %(people)s.") % {"people": "; ".join(named)}


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

    def context():
        return {
            "object": obj,
            "proposal": proposal,
            "user": user,
            "link": review_link(proposal),
            "admin_link": admin_link(proposal) if user.is_staff else "",
        }

    return mail_in_language(f"partnerships/mail/{notice.template}", context, to=user.email,
                            language=preferred_language(user))  # fmt: skip
