"""The translation desk's totals on the admin index."""

from django import template

from core.translation_desk import totals

register = template.Library()


@register.simple_tag
def missing_translations():
    """{language: number of published texts still missing in it}."""
    overall, _per_kind = totals()
    return overall
