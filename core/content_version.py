"""The content version: one number in the shared cache that moves whenever a record public pages
could show changes. Whatever is kept under a version (a page, a ranking of cities) is never read
again once the version has moved, so nothing needs to be found and deleted.

It moves twice per change: at once (a reader in the same process or transaction sees it) and
after the commit (a reader that took the new version before the change was visible, and kept
what it saw, is never answered from again). Model signals call content_changed()
(core/page_cache.py connects them); a bulk insert or a queryset update, which send
none, must call it themselves.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_KEY = "portal:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh value that no stored page can carry, even if the key was evicted.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _bump():
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        # The change itself is saved; stored pages now live until they expire.
        logger.exception("Could not bump the public content version")


def content_changed():
    """Call for any change to what public pages could show. The model signals do it; a bulk
    insert or a queryset update, which send none, must call it."""
    _bump()
    connection = transaction.get_connection()
    # Once per transaction is enough, however many records it saves.
    if not any(callback is _bump for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_bump)
