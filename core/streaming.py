"""Reading large sets of rows for responses that stream: in keyset chunks of plain values, with
each record's address built from one reversed template instead of one reverse() per row."""

from django.urls import reverse

SLUG = "--slug--"


def in_chunks(queryset, key, size):
    """The rows of `queryset` (a values() query ordered by the unique `key`), `size` at a time."""
    last = None
    while True:
        page = queryset if last is None else queryset.filter(**{f"{key}__gt": last})
        rows = list(page[:size])
        if not rows:
            return
        yield rows
        last = rows[-1][key]


def address_template(request, url_name):
    """A record's public address with SLUG in place of its slug (slugs need no escaping)."""
    return request.build_absolute_uri(reverse(url_name, kwargs={"slug": SLUG}))
