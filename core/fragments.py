"""Parts of signed-in pages kept in the shared cache: the workspace is per person and never kept
whole (its forms carry the person's token, its steps their permissions), but much of it is the
same for everyone who may see it, such as a consulate's queue or a proposal's full timeline.

A part is kept under the versions of what it shows (core/content_version.py), read before it is
built, and stored only if no change began or ended while it was built; it is never served once one
of them has moved. Who may see it is part of its name (`parts`): a consulate, or city staff.
Only where pages are kept (PORTAL_PAGE_CACHE: a cache every process shares).
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.content_version import INTERNAL, SHARED, VERSION_KEY, versions_of
from core.release import RELEASE

logger = logging.getLogger(__name__)


# Rendered in place of the person's CSRF token, which `with_token` puts back: a kept part with
# forms is the same for everyone until then.
TOKEN = "portal-kept-part-token"  # noqa: S105 (a placeholder, not a secret)


def with_token(html, request):
    """The kept part with the reader's own CSRF token in its forms' token fields (and nowhere
    else: a text someone wrote that happens to contain the placeholder stays as written)."""
    from django.middleware.csrf import get_token

    field = 'name="csrfmiddlewaretoken" value="{}"'
    return mark_safe(html.replace(field.format(TOKEN), field.format(get_token(request))))  # noqa: S308


def kept(name, parts, build, records=(), internal=False):
    """The HTML `build()` gives for `parts` (or {name: HTML}), kept until the content version or,
    when `records` names record versions, until one of those or the shared version (and the
    internal version, if it shows the internal discussion) moves."""
    if not settings.PORTAL_PAGE_CACHE:
        return build()
    # A part naming its records is kept, like a record page, under them and the shared version
    # (a change not filed under any record may show anywhere).
    names = [*([SHARED, *records] if records else []), *([INTERNAL] if internal else [])]
    try:
        before = versions_of(names)
        stored = cache.get(_key(name, parts))
    except Exception:
        logger.exception("The cache cannot be read; building the page's part without it")
        return build()
    wanted = _depends_on(before, records)
    if stored is not None and stored["versions"] == wanted:
        return _safe(stored["html"])
    html = build()
    _store(name, parts, names, before, wanted, html)
    return html


def _safe(html):
    # Built by `build`, whose templates escape what they show.
    if isinstance(html, dict):
        return {part: mark_safe(text) for part, text in html.items()}  # noqa: S308
    return mark_safe(html)  # noqa: S308


def _depends_on(versions, records):
    # A part that names its records does not depend on every change.
    return {n: v for n, v in versions.items() if n != VERSION_KEY or not records}


def _store(name, parts, names, before, wanted, html):
    try:
        if versions_of(names) == before:
            cache.set(
                _key(name, parts),
                {"versions": wanted, "html": _plain(html)},
                timeout=settings.PORTAL_PAGE_CACHE_SECONDS,
            )
    except Exception:
        logger.exception("Could not keep a part of a page")


def _plain(html):
    if isinstance(html, dict):
        return {part: str(text) for part, text in html.items()}
    return str(html)


def _key(name, parts):
    digest = hashlib.sha256(repr(list(parts)).encode()).hexdigest()[:32]
    return f"portal:fragment:{RELEASE}:{get_language()}:{name}:{digest}"
