"""Content versions: numbers in the shared cache that move whenever a record public pages could
show changes. Whatever is kept under a version (a page, a ranking of cities) is never read again
once the version has moved, so nothing needs to be found and deleted.

- The content version moves with every change: lists, feeds, exports and rankings, which may
  show any record, are kept under it.
- A record's own version ("partnerships.proposal:12") moves when the record, or a record its
  app files under it (a proposal's timeline step), changes. A record's page is kept under its
  records' versions and the shared version.
- The shared version moves with every change that is not filed under a record (a sector, a city,
  a visit): anything may show those, so every record page is redone.

Versions move twice per change: at once (a reader in the same process or transaction sees it)
and after the commit (a reader that took the new version before the change was visible, and
kept what it saw, is never answered from again). The content version always moves first, so a
page that saw it unmoved before and after it was built saw no change begin or end. Model signals
call content_changed() (core/page_cache.py connects them); a bulk insert or a queryset update,
which send none, must call it themselves.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"
SHARED = "shared"
# Moved by what only the signed-in workspace shows (an internal comment), and by nothing public.
INTERNAL = "internal"
# The versions to move once the transaction commits, kept on its connection.
PENDING = "_portal_versions_to_move"


def record_tag(model, pk):
    """The name of one record's version: its model's label and its primary key."""
    return f"{model._meta.label_lower}:{pk}"


def pks_in(model, tags):
    """The primary keys of `model`'s records among these record versions' names."""
    prefix = record_tag(model, "")
    return [tag.removeprefix(prefix) for tag in tags if tag.startswith(prefix)]


def _key(tag):
    return f"portal:version:{tag}"


def content_version():
    return versions_of([])[VERSION_KEY]


def versions_of(tags):
    """{name: version} of the content version and the named versions, in one round trip.
    A version never seen (or evicted) starts at a fresh value no stored page can carry."""
    keys = {VERSION_KEY: VERSION_KEY, **{tag: _key(tag) for tag in tags}}
    found = cache.get_many(keys.values())
    missing = [key for key in keys.values() if key not in found]
    for key in missing:
        cache.add(key, time.time_ns(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    return {name: found.get(key) for name, key in keys.items()}


def _move(keys):
    try:
        for key in keys:  # the content version first (see above)
            try:
                cache.incr(key)
            except ValueError:
                cache.add(key, time.time_ns(), timeout=None)
    except Exception:
        # The change itself is saved; stored pages now live until they expire.
        logger.exception("Could not move the public content versions")


def _move_pending():
    connection = transaction.get_connection()
    tags = list(dict.fromkeys(getattr(connection, PENDING, None) or []))
    setattr(connection, PENDING, None)
    # Dated before the versions move: a page kept under the new versions carries the new date.
    _date(tags)
    _move([VERSION_KEY, *(_key(tag) for tag in tags)])
    # The hot pages this change touched are built again in the background (imported here: the
    # page cache that module uses reads this one).
    from core import page_warming

    try:
        page_warming.after_change(None if SHARED in tags else tags)
    except Exception:
        # The change is saved and its pages renewed; the next visitor builds them instead.
        logger.exception("Could not queue the hot pages to be built again")


def _date(tags):
    from core import change_dates  # it reads this module's names

    try:
        change_dates.record(tags)
    except Exception:
        # The change is saved; pages say no date until a later change is dated.
        logger.exception("Could not date the change of the public records")
        change_dates.could_not_date()


def content_changed(records=None):
    """Call for any change to what public pages could show: `records` names the versions of
    the records it is filed under (record_tag), None any record page. The model signals do it; a
    bulk insert or a queryset update, which send none, must call it."""
    tags = [SHARED] if records is None else list(records)
    _move([VERSION_KEY, *(_key(tag) for tag in tags)])
    connection = transaction.get_connection()
    # One callback per transaction, however many records it saves, moving all their versions
    # (one that has run, or was rolled back with its transaction, no longer counts).
    waiting = getattr(connection, PENDING, None) is not None and any(
        callback is _move_pending for _, callback, _ in connection.run_on_commit
    )
    if not waiting:
        # Names already waiting are kept: a callback may save a record while the commit runs
        # the callbacks (the list is emptied first), before this one has moved them. Names left
        # by a rolled-back transaction only move once more.
        setattr(connection, PENDING, getattr(connection, PENDING, None) or [])
        if connection.in_atomic_block:
            transaction.on_commit(_move_pending)
    getattr(connection, PENDING).extend(tags)
    if not connection.in_atomic_block:
        _move_pending()


def internal_changed():
    """Call for a change only the signed-in workspace shows: public pages stay kept, the
    workspace's kept parts (core/fragments.py) are redone. At once and after the commit, as
    above."""
    _move([_key(INTERNAL)])
    transaction.on_commit(lambda: _move([_key(INTERNAL)]))
