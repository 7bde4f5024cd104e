"""When what a record page shows last changed: the date its Last-Modified says and the
sitemap's <lastmod> repeats, so that a crawler's conditional request is answered 304 from the
page cache without rendering, and is never told "not modified" about a page that changed.

A record page (page_cache.shows_records) shows its records and, beyond them, only what moves the
shared version; so its date is the latest of its records' changes and the shared one. Each is
written when its version moves after the commit (content_version), before the version moves, so
that a page kept under the new versions never carries an older date. Every change before the first
one recorded is dated by the migration that created the table (the shared row).
"""

import datetime
import logging

from django.core.cache import cache
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from core.content_version import SHARED, record_tag
from core.models import RecordChange
from core.release import RELEASE

logger = logging.getLogger(__name__)

# Set when a change could not be dated: pages then say no date (a 304 by date could be wrong)
# until a later change is dated, which dates the shared version too.
UNDATED = "portal:change-dates:undated"
# The day this release was first served: a template or translation fix changes every page.
RELEASE_TAG = f"release:{RELEASE}"
SECOND = datetime.timedelta(seconds=1)


def record(tags):
    """Date the change of these versions (and the shared one, if named) now, to the second and
    always later than their last date: two changes within a second, or a host whose clock is
    behind, never give a page a date a crawler already has."""
    undated = cache.get(UNDATED)
    tags = list(dict.fromkeys([*tags, *([SHARED] if undated else [])]))
    now = timezone.now().replace(microsecond=0)
    last = dict(RecordChange.objects.filter(tag__in=tags).values_list("tag", "changed_at"))
    rows = [RecordChange(tag=tag, changed_at=max(now, last[tag] + SECOND) if tag in last else now)
            for tag in tags]  # fmt: skip
    RecordChange.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["tag"], update_fields=["changed_at"]
    )
    if undated:
        cache.delete(UNDATED)


def could_not_date():
    try:
        cache.set(UNDATED, True, timeout=None)
    except Exception:
        logger.exception("Could not say that a change is undated")


def dates_trusted():
    try:
        return not cache.get(UNDATED)
    except Exception:  # the cache is down: whether a change went undated is not known
        return False


def date_this_release(**kwargs):
    """Date the release being deployed (connected to post_migrate; pages date it when first
    served otherwise)."""
    RecordChange.objects.bulk_create(
        [RecordChange(tag=RELEASE_TAG, changed_at=timezone.now().replace(microsecond=0))],
        ignore_conflicts=True,
    )


def shared_changed_at():
    """The date every record page is at least: the shared version's and this release's."""
    found = dict(
        RecordChange.objects.filter(tag__in=[SHARED, RELEASE_TAG]).values_list("tag", "changed_at")
    )
    if RELEASE_TAG not in found:
        date_this_release()
        found[RELEASE_TAG] = RecordChange.objects.get(tag=RELEASE_TAG).changed_at
    return max(found.values())


def day_began():
    """Midnight of today, in the portal's time zone: a page says how long ago things were
    ("no public step for 3 months", a visit that has begun), so it may change with the day."""
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time()))


def with_own_change_dates(queryset):
    """The queryset's records with `own_changed_at`: when their own version last moved (None
    if never since the table was made), read in the same query."""
    prefix = record_tag(queryset.model, "")
    own_tag = Concat(Value(prefix), Cast(OuterRef("pk"), CharField()), output_field=CharField())
    return queryset.annotate(
        own_changed_at=Subquery(RecordChange.objects.filter(tag=own_tag).values("changed_at"))
    )


def page_date(own_changed_at, shared):
    """A record page's date: the latest of its record's own date, the shared one and the start
    of the day, to the second (as HTTP gives it); None while a change is undated."""
    if not dates_trusted():
        return None
    dates = [date for date in (own_changed_at, shared, day_began()) if date is not None]
    return max(dates).replace(microsecond=0)
