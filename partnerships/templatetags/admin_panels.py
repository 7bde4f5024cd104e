"""What waits for city staff on the admin index: overdue commitments, open requests."""

from django import template

from delegations.models import Commitment
from partnerships.models import Comment

register = template.Library()


@register.simple_tag
def overdue_commitments(limit=20):
    overdue = Commitment.objects.overdue().select_related("visit", "proposal")
    return overdue.order_by("due_on")[:limit]


@register.simple_tag
def open_requests(limit=20):
    requests = Comment.objects.open_requests().select_related("proposal", "author")
    return requests.order_by("created_at")[:limit]
