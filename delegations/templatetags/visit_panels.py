"""What waits for city staff on the admin index from the visits: overdue commitments."""

from django import template

from delegations.models import Commitment

register = template.Library()


@register.simple_tag
def overdue_commitments(limit=20):
    overdue = Commitment.objects.overdue().select_related("visit", "proposal")
    return overdue.order_by("due_on")[:limit]
