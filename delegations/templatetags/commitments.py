from django import template

from delegations.models import Commitment

register = template.Library()


@register.simple_tag
def overdue_commitments(limit=20):
    return (
        Commitment.objects.overdue().select_related("visit", "proposal").order_by("due_on")[:limit]
    )
