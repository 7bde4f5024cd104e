"""When what a record page shows last changed: the date its Last-Modified says and the
sitemap's <lastmod> repeats, so that a crawler's conditional request is answered 304 from the
page cache without rendering, and is never told "not modified" about a page that changed.

A record page (page_cache.shows_records) shows its records and, beyond them, only what moves the
shared version; so its date is the latest of its records' changes and the shared one. Each is
written when its version moves after the commit (content_version), before the version moves, so
that a page kept under the new versions never carries an older date. Every change before the first
one recorded is dated by the migration that created the table (the shared row).
"""

import logging

from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from core.content_version import SHARED, record_tag
from core.models import RecordChange

logger = logging.getLogger(__name__)


def record(tags):
    """Date the change of these versions (and the shared one, if named) now."""
    now = timezone.now()
    rows = [RecordChange(tag=tag, changed_at=now) for tag in dict.fromkeys(tags)]
    RecordChange.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["tag"], update_fields=["changed_at"]
    )


def shared_changed_at():
    return _latest([SHARED])


def last_changed(tags):
    """The date of the latest change a page showing these records (and what is shared) shows."""
    return _latest([SHARED, *tags])


def _latest(tags):
    dates = RecordChange.objects.filter(tag__in=tags).values_list("changed_at", flat=True)
    return max(dates, default=None)


def with_own_change_dates(queryset):
    """The queryset's records with `own_changed_at`: when their own version last moved (None
    if never since the table was made), read in the same query."""
    prefix = record_tag(queryset.model, "")
    own_tag = Concat(Value(prefix), Cast(OuterRef("pk"), CharField()), output_field=CharField())
    return queryset.annotate(
        own_changed_at=Subquery(RecordChange.objects.filter(tag=own_tag).values("changed_at"))
    )


def page_date(own_changed_at, shared):
    """A record page's date from its record's own date and the shared one, to the second (as
    HTTP gives it)."""
    latest = max((date for date in (own_changed_at, shared) if date is not None), default=None)
    return latest and latest.replace(microsecond=0)
