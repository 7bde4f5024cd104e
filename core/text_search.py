"""A word typed in a search box, looked for in several columns at once."""

from functools import reduce
from operator import or_

from django.db.models import Q


def contains_any(fields, text):
    """Rows where any of `fields` holds `text`, whatever its case. icontains works for Japanese
    text too, on SQLite and PostgreSQL alike."""
    return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))
