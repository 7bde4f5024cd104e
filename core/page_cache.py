"""One shared cache of what anonymous visitors read: public pages, feeds, the calendar, the
sitemap and the open-data exports, per address and language.

Nothing is kept "for a while". Every stored answer carries the content version it was built at,
and any change to the portal's records bumps that version once the change is committed, so the
next request after a publish, an unpublish, an archive or a rename is built afresh. The bump
happens twice: at once (so that a test inside one transaction, or a reader of the same process,
sees it) and after the commit (so that a request that read the new version before the change was
visible, and stored what it saw, is never served again). A stored answer also expires after
PORTAL_PAGE_CACHE_SECONDS, for what changes with time alone ("visited 3 days ago").

The cache is Django's default cache: Redis when DJANGO_CACHE_URL names one, shared by every
process and host. With the process's own memory each gunicorn worker would keep its own version,
so the page cache is on by default only with a shared cache (PORTAL_PAGE_CACHE).
"""

import hashlib
import logging

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from core import content_version
from core.content_version import SHARED, VERSION_KEY, content_changed, versions_of
from core.release import RELEASE

logger = logging.getLogger(__name__)

# The views whose anonymous answers depend only on the address, the language and the records,
# as each app registers them (`register_cached_views`). Document downloads are files served from
# storage and the health checks must be live: neither is registered.
CACHED_VIEWS = set()


# The kept views that search by ?q= (and refuse a copy of a search that finds nothing); any
# other view's address with a ?q= is answered without a copy.
SEARCHING_VIEWS = set()


# {view name: the query parameters, beyond KEPT_PARAMETERS, its kept answers vary by}.
PARAMETERS_OF = {}


def register_cached_views(*view_names, searching=(), parameters=()):
    CACHED_VIEWS.update(view_names, searching)
    SEARCHING_VIEWS.update(searching)
    for name in (*view_names, *searching):
        PARAMETERS_OF[name] = frozenset(parameters)


# Only these query parameters make a page worth keeping: the list's filters, searches and pages,
# the sitemap's pages. Any other (a made-up parameter) is answered without a copy, so that nobody
# can fill the shared cache by varying an address; a view refuses a copy of a search that finds
# nothing (`may_be_kept`).
KEPT_PARAMETERS = frozenset({"page", "p", "sector", "status", "country", "q"})

# Headers that belong to one answer, never to the stored page.
PER_RESPONSE_HEADERS = frozenset(
    {"set-cookie", "cache-control", "vary", "etag", "expires", "x-page-cache"}
)


# {model label: the record versions (record_tag) a change to one of its rows moves}, as each
# app files its models (`keep_pages_of`). A change to a model filed nowhere moves the shared
# version, which every record page is kept under.
FILED_UNDER = {}


def record_changed(sender, instance=None, **kwargs):
    # A many-to-many change is filed under the record on its side (a proposal's sectors).
    filed = FILED_UNDER.get(type(instance)._meta.label_lower) if instance is not None else None
    content_changed(None if filed is None else list(filed(instance)))


def internal_record_changed(sender, **kwargs):
    content_version.internal_changed()


def keep_pages_of(app_config, not_shown=(), filed_under=None, workspace_only=()):
    """Every model of an app whose records public pages show (their histories and
    many-to-many tables too) moves the versions when saved, deleted or re-linked; except the
    models named in `not_shown`, which no public page shows (a citizen following a proposal,
    the reminders being recorded must not empty everyone's page cache). `filed_under` maps a
    model's name to a function giving the record versions a row's change moves (and nothing
    shared): only record pages that declare one of them (`shows_records`) are redone. Receivers
    are connected per model: one for every sender would stop Django's fast deletes everywhere
    (sessions, sign-in logs). Models in `workspace_only` (shown only when signed in, an internal
    comment) move only the internal version."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in app_config.get_models(include_auto_created=True):
        if model._meta.model_name in workspace_only:
            uid = f"workspace_{model._meta.label_lower}"
            post_save.connect(internal_record_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(internal_record_changed, sender=model, dispatch_uid=uid)
        if model._meta.model_name in {*not_shown, *workspace_only}:
            continue
        if model._meta.model_name in (filed_under or {}):
            FILED_UNDER[model._meta.label_lower] = filed_under[model._meta.model_name]
        uid = f"page_cache_{model._meta.label_lower}"
        post_save.connect(record_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(record_changed, sender=model, dispatch_uid=uid)
        m2m_changed.connect(record_changed, sender=model, dispatch_uid=uid)


def shows_records(request, *tags):
    """Say that this page shows these records (record_tag) and, beyond them, only what changes
    under the shared version: it is then kept until one of those changes, not until anything
    does. Every record it shows must be named, and every model it shows filed under one of
    them or under nothing."""
    request.page_records = {*getattr(request, "page_records", ()), *tags}


def last_modified(response, changed_at):
    """Say when what the page shows last changed (core/change_dates.py), read before the page
    was built: a conditional request is then answered 304 while it has not changed since."""
    if changed_at is not None:
        response["Last-Modified"] = http_date(changed_at.timestamp())
        response.dated = True
    return response


def _may_use_cache(request):
    # Signed-in visitors, and anonymous ones with a session or a pending message, see pages of
    # their own; only a request carrying neither reads or fills the shared store. Addresses the
    # store never keeps are not looked up (two round trips to Redis saved on each).
    return (
        settings.PORTAL_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and _kept_view(request)
    )


def _kept_view(request):
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return False
    kept = set(request.GET) <= KEPT_PARAMETERS | PARAMETERS_OF.get(view_name, frozenset())
    return kept and view_name in (SEARCHING_VIEWS if "q" in request.GET else CACHED_VIEWS)


def was_kept(request):
    """Whether a copy of this page is in the store, fresh or not: someone read it lately (a
    copy lives at most PORTAL_PAGE_CACHE_SECONDS)."""
    return _may_use_cache(request) and cache.has_key(_page_key(request))


def _page_key(request):
    # The host and scheme are part of the address: robots.txt, the sitemap, the feed and the
    # exports write absolute links.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"portal:page:{RELEASE}:{request.LANGUAGE_CODE}:{digest}"


def _etag(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _answer_from(stored, request):
    response = HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    response["ETag"] = stored["etag"]
    response.dated = stored.get("dated", False)
    return _not_modified_if_unchanged(request, response)


def _not_modified_if_unchanged(request, response):
    # A browser or proxy holding the same content, or a crawler asking whether the page changed
    # since its date, gets a 304 instead of the page again. Only a date the portal gave
    # (last_modified) is trusted: a sitemap's latest <lastmod> stays put when a record leaves it.
    dated = getattr(response, "dated", False)
    changed = parse_http_date_safe(response["Last-Modified"]) if dated else None
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=changed, response=response
    )


def _is_storable(request, response):
    """Whether this answer to an address the store keeps (_may_use_cache) may be shared."""
    return (
        response.status_code == 200
        and getattr(response, "may_be_kept", True)  # a view can say "not this one"
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        # A nonce must never be served twice (django-csp sets _csp_nonce once one is used).
        and getattr(request, "_csp_nonce", None) is None
    )


def _versions_to_keep(request, before):
    """The versions a page built from content version `before` is kept under, or None if it must
    not be kept: a record page (shows_records) under its records' and the shared version, read
    now and kept only if no change began or ended while it was built; any other page under the
    content version it was built from."""
    records = getattr(request, "page_records", None)
    if not records:
        return {VERSION_KEY: before}
    names = [SHARED, *sorted(records)]
    now = versions_of(names)
    if now[VERSION_KEY] != before:
        return None
    return {name: now[name] for name in names}


def _store(key, request, before, response, content):
    etag = _etag(content)
    try:
        versions = _versions_to_keep(request, before)
        if versions is not None:
            cache.set(key, {
                "status": response.status_code, "content": content, "etag": etag,
                "versions": versions, "dated": getattr(response, "dated", False),
                "headers": [(name, value) for name, value in response.items()
                            if name.lower() not in PER_RESPONSE_HEADERS],
            }, timeout=settings.PORTAL_PAGE_CACHE_SECONDS)  # fmt: skip
    except Exception:
        logger.exception("Could not store a public page")
    return etag


def _stored_as_streamed(key, request, before, response, stream):
    """Pass the stream through untouched and keep a copy; store it only if it ran to its end
    and stayed within PORTAL_PAGE_CACHE_MAX_BYTES (beyond that, memory stays constant)."""
    chunks, size = [], 0
    for chunk in stream:
        if chunks is not None:
            size += len(chunk)
            if size > settings.PORTAL_PAGE_CACHE_MAX_BYTES:
                chunks = None
            else:
                chunks.append(chunk)
        yield chunk
    if chunks is not None:
        _store(key, request, before, response, b"".join(chunks))


def _answered(response, how):
    # Whether the answer came from the cache, for whoever measures it (make bench).
    response["X-Page-Cache"] = how
    return response


def _look_up(key):
    """(the stored answer if every version it was kept under is unchanged, the content version
    now), in two round trips to the cache."""
    stored = cache.get(key)
    kept_under = stored["versions"] if stored else {}
    now = versions_of([name for name in kept_under if name != VERSION_KEY])
    fresh = stored is not None and all(now[name] == v for name, v in kept_under.items())
    return (stored if fresh else None), now[VERSION_KEY]


def page_cache(get_response):
    def middleware(request):
        if not _may_use_cache(request):
            return get_response(request)
        try:
            key = _page_key(request)
            stored, before = _look_up(key)
        except Exception:
            logger.exception("The page cache cannot be read; answering without it")
            return get_response(request)
        if stored is not None:
            return _answered(_answer_from(stored, request), "hit")
        response = _answered(get_response(request), "miss")
        if _is_storable(request, response):
            if response.streaming:
                stream = response.streaming_content
                response.streaming_content = _stored_as_streamed(
                    key, request, before, response, stream
                )
            else:
                response["ETag"] = _store(key, request, before, response, response.content)
                return _not_modified_if_unchanged(request, response)
        return response

    return middleware
