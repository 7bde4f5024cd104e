"""What waits for city staff on the admin index: open requests, suggested cities to decide on
and signed agreements to complete (the delegations app's `visit_panels` adds overdue
commitments)."""

from django import template

from partnerships.models import CandidateCity, Comment, Proposal

register = template.Library()


@register.simple_tag
def open_requests(limit=20):
    requests = Comment.objects.open_requests().select_related("proposal", "author")
    return requests.order_by("created_at")[:limit]


@register.simple_tag
def suggestions_to_decide(limit=20):
    suggested = CandidateCity.objects.awaiting_decision()
    related = suggested.select_related("city", "proposal", "suggested_by")
    return related.order_by("suggested_at")[:limit]


@register.simple_tag
def partnerships_not_public(limit=20):
    return Proposal.objects.active_unpublished().order_by("reference")[:limit]


@register.simple_tag
def agreements_to_complete(limit=20):
    return Proposal.objects.agreement_incomplete().order_by("signed_on", "reference")[:limit]


@register.filter
def has_language_fields(form):
    """True when a form edits text in the three languages (columns *_ind, *_en, *_ja)."""
    return any(name.endswith("_ind") for name in form.fields)
