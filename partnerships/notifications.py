"""Who hears about a proposal's status change, and the mail they get, in their own language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import preferred_language


def status_change_recipients(proposal):
    """The handling consulate's liaisons and the staff who follow the proposal."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    audience = Q(followed_proposals=proposal)
    if proposal.consulate_id:
        audience |= Q(liaison__consulate_id=proposal.consulate_id)
    return users.filter(audience).select_related("portal_profile").distinct().order_by("pk")


def proposal_link(proposal, user):
    """Staff land on the admin page; everyone else on the public page while it is published."""
    if user.is_staff:
        path = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
    elif proposal.published:
        path = proposal.get_absolute_url()
    else:
        return ""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def status_change_message(event, user):
    with translation.override(preferred_language(user)):
        context = {"event": event, "proposal": event.proposal, "user": user,
                   "link": proposal_link(event.proposal, user)}  # fmt: skip
        subject = render_to_string("partnerships/mail/status_change_subject.txt", context)
        body = render_to_string("partnerships/mail/status_change_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def notify_status_change(event_id):
    """Queue the mails of one status change; called once the transaction has committed."""
    from .tasks import send_status_change_mail

    send_status_change_mail.enqueue(event_id=event_id)
