"""What waits for city staff on the admin index: open requests, overdue commitments, suggested
cities to decide on."""

from django import template

from delegations.models import Commitment
from partnerships.candidates import OPEN_FOR_CANDIDATES
from partnerships.models import CandidateCity, Comment

register = template.Library()


@register.simple_tag
def overdue_commitments(limit=20):
    overdue = Commitment.objects.overdue().select_related("visit", "proposal")
    return overdue.order_by("due_on")[:limit]


@register.simple_tag
def open_requests(limit=20):
    requests = Comment.objects.open_requests().select_related("proposal", "author")
    return requests.order_by("created_at")[:limit]


@register.simple_tag
def suggestions_to_decide(limit=20):
    suggested = CandidateCity.objects.current().filter(
        state=CandidateCity.State.SUGGESTED,
        proposal__archived_at__isnull=True,
        proposal__status__in=OPEN_FOR_CANDIDATES,
    )
    return suggested.select_related("city", "proposal", "suggested_by").order_by("suggested_at")[
        :limit
    ]


@register.filter
def has_language_fields(form):
    """True when a form edits text in the three languages (columns *_ind, *_en, *_ja)."""
    return any(name.endswith("_ind") for name in form.fields)
