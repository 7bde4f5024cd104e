"""Following one proposal by email, without an account.

A citizen gives an address and a language on the proposal page; a signed link, valid for a few
days, confirms it (double opt-in); each public step of that proposal is then mailed to it in
that language, with a one-click leave link (also in the List-Unsubscribe headers, RFC 8058).
Asking is throttled per address and per client. Mail goes out through the task queue, after
the step's transaction commits. The address itself is never shown on any page.
"""

import contextlib
import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core.mail import mail_in_language, notifications_are_paused, queue_after_commit
from core.throttle import Throttle

from .models import Follower, Proposal, ProposalEvent

logger = logging.getLogger(__name__)

CONFIRM_SALT = "portal.follow.confirm"
LEAVE_SALT = "portal.follow.leave"
CONFIRM_WITHIN = timedelta(days=3)


class Throttled(Exception):
    """Too many requests to follow, from this address or this client, within the hour."""


def per_address():
    return Throttle("follow-address", settings.PORTAL_FOLLOW_LIMIT_PER_ADDRESS, 3600)


def per_client():
    return Throttle("follow-client", settings.PORTAL_FOLLOW_LIMIT_PER_CLIENT, 3600)


def normalised(email):
    return email.strip().lower()


def throttle_key(email):
    """One key for the spellings that reach one mailbox: case, a "+tag", an IDN domain in
    Unicode or in punycode."""
    local, _at, domain = normalised(email).rpartition("@")
    local = local.strip('"').split("+", 1)[0]
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}"


def ask_to_follow(*, proposal, email, language, client):
    """Record the wish and mail a confirmation link. Whether the address already follows is
    never told (the answer is the same), and an address already following gets no mail."""
    email = normalised(email)
    if per_address().exceeded(throttle_key(email)) or per_client().exceeded(client):
        raise Throttled
    per_address().record(throttle_key(email))
    per_client().record(client)
    with transaction.atomic():
        follower, _created = Follower.objects.select_for_update().get_or_create(
            proposal=proposal, email=email, defaults={"language": language}
        )
        if follower.is_active:
            return follower
        follower.language = language
        follower.asked_at = timezone.now()
        follower.confirmed_at = follower.left_at = None
        follower.save()
        queue_after_commit(send_confirmation, follower_pk=follower.pk)
    return follower


def confirm_token(follower):
    # The time of asking is in the token: a link from an earlier request, answered after the
    # address left and asked again, is not valid for the new request.
    return signing.dumps({"f": follower.pk, "a": _asked(follower)}, salt=CONFIRM_SALT)


def leave_token(follower):
    # Tied to the time of asking too: a leave link from an earlier subscription of the address
    # does not end a later one (the later mails carry their own link).
    return signing.dumps({"f": follower.pk, "a": _asked(follower)}, salt=LEAVE_SALT)


def _asked(follower):
    return int(follower.asked_at.timestamp())


def follower_to_confirm(token):
    """The follower a confirmation link is for; raises signing.SignatureExpired after
    CONFIRM_WITHIN and signing.BadSignature for a link that was not made here or is stale."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_WITHIN)
    follower = Follower.objects.select_related("proposal").filter(pk=data.get("f")).first()
    if follower is None or _asked(follower) != data.get("a") or follower.left_at is not None:
        # Not the address's latest request, or one it has since left: asking again is the way.
        raise signing.BadSignature("This confirmation link is no longer valid.")
    return follower


def follower_to_leave(token):
    """The follower a leave link is for; raises signing.BadSignature for a forged one."""
    data = signing.loads(token, salt=LEAVE_SALT)
    follower = Follower.objects.select_related("proposal").filter(pk=data.get("f")).first()
    if follower is None or _asked(follower) != data.get("a"):
        raise signing.BadSignature("This leave link belongs to an earlier subscription.")
    return follower


def confirm(follower):
    with transaction.atomic():
        locked = Follower.objects.select_for_update().get(pk=follower.pk)
        if locked.confirmed_at is None:
            locked.confirmed_at = timezone.now()
            locked.left_at = None
            locked.save(update_fields=["confirmed_at", "left_at"])
    return locked


def leave(follower):
    with transaction.atomic():
        locked = Follower.objects.select_for_update().get(pk=follower.pk)
        if locked.left_at is None:
            locked.left_at = timezone.now()
            locked.save(update_fields=["left_at"])
    return locked


def absolute(name, *args):
    """A link into the portal, in the active language."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(name, args=args)


def data_link(email):
    """The page of what the portal keeps about `email` (follower_data.py), in the active
    language: every follow mail carries it."""
    from .follower_data import data_token  # that module builds its links with absolute()

    return absolute("partnerships:follower_data", data_token(email))


def confirmation_message(follower):
    def context():
        return {
            "proposal": follower.proposal,
            "link": absolute("partnerships:follow_confirm", confirm_token(follower)),
            "proposal_link": absolute("partnerships:proposal_detail", follower.proposal.slug),
            "days": CONFIRM_WITHIN.days,
            "data_link": data_link(follower.email),
        }

    return mail_in_language("partnerships/mail/follow_confirm", context, to=follower.email,
                            language=follower.language)  # fmt: skip


def step_message(follower, event):
    with translation.override(follower.language):
        leave_link = absolute("partnerships:follow_leave", leave_token(follower))
    headers = {
        "List-Unsubscribe": f"<{leave_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<{event.proposal.slug}.follow.{_host()}>",
    }

    def context():
        return {
            "proposal": event.proposal,
            "event": event,
            "proposal_link": absolute("partnerships:proposal_detail", event.proposal.slug),
            "leave_link": leave_link,
            "data_link": data_link(follower.email),
        }

    return mail_in_language("partnerships/mail/follow_step", context, to=follower.email,
                            language=follower.language, headers=headers)  # fmt: skip


def _host():
    return settings.PORTAL_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]


@task()
def send_confirmation(follower_pk):
    follower = Follower.objects.select_related("proposal").filter(pk=follower_pk).first()
    if follower is None or follower.is_active:
        return 0
    try:
        confirmation_message(follower).send()
    except (SMTPException, OSError) as error:
        # The error of a refused recipient carries the address: log only its kind, and end
        # here, so that the queue's stored traceback does not carry it either.
        logger.error(
            "Confirmation mail to follower %s failed: %s", follower.pk, type(error).__name__
        )
        return 0
    return 1


@task()
def tell_followers(event_pk):
    """Mail one public step to the proposal's followers, once: the step is marked as told under
    a row lock before any mail goes, so a second run finds it told and sends nothing."""
    with transaction.atomic():
        event = (
            ProposalEvent.objects.select_for_update().select_related("proposal")
            .filter(pk=event_pk).first()
        )  # fmt: skip
        if event is None or event.followers_told_at:
            return 0
        # Marked whether or not it is mailed now: a step that is not public news when recorded
        # (an archived one, one of an unpublished proposal) is not mailed by a later edit either.
        # An update, not a save: telling followers changes nothing a page shows.
        _mark_told(event.pk)
        if not _is_public_step(event):
            return 0
    sent = 0
    for follower in event.proposal.email_followers.active():
        try:
            step_message(follower, event).send()
            sent += 1
        except (SMTPException, OSError) as error:  # its text may carry the address
            logger.error("Mail of step %s to follower %s failed: %s", event.pk, follower.pk,
                         type(error).__name__)  # fmt: skip
    return sent


def subscribers_told_of(event):
    """How many people following the proposal by email a step just recorded is mailed to (the
    same rule as `tell_followers`; their addresses are never shown)."""
    if notifications_are_paused() or not event.is_public or not _is_public_step(event):
        return 0
    return event.proposal.email_followers.active().count()


def _is_public_step(event):
    return (
        event.is_public
        and event.archived_at is None
        and Proposal.objects.public().filter(pk=event.proposal_id).exists()
    )


def _mark_told(event_pk):
    ProposalEvent.objects.filter(pk=event_pk).update(followers_told_at=timezone.now())


def step_recorded(event):
    """Called by whatever records a timeline event (the lifecycle steps, candidate decisions,
    the admin's timeline): a public step is mailed to the followers after the commit. Saving an
    event again mails nothing. Steps recorded while notices are paused (the demo story) are
    history, not news: they are marked as told at once."""
    if event.followers_told_at is not None:
        return
    if notifications_are_paused():
        _mark_told(event.pk)
    elif event.is_public:
        queue_after_commit(tell_followers, event_pk=event.pk)
