"""The admin index's panels of proposals to mend: active but unpublished, and signed agreements
to complete. What waits for each staff member is programmes.my_work's."""

from django import template

from partnerships.models import Proposal

register = template.Library()


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
