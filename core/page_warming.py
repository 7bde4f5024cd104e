"""Hot pages built again in the background after a change, so that the next visitor of the home
page, the list or the changed proposal's page is answered from the page cache instead of paying
for the new copy.

Once a change is committed (core/content_version.py), one task per transaction asks each app's
registered hot pages for the addresses that change touched, and requests those that someone read
lately (a copy of them is in the store) as an anonymous visitor through the portal's own
middleware: the page cache then keeps what it built, under the
versions it read before building, like any visitor's copy; so a copy built in the background is
never older than the change that asked for it. Only with a shared cache (PORTAL_WARM_PAGES):
a process's own memory would keep the copy where no other process reads it.
"""

import logging
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.utils import translation
from django_tasks import task

from core import page_cache

logger = logging.getLogger(__name__)

# Functions of the record versions a change moved (None: something shared) giving the
# addresses of the pages worth building again at once, as each app registers them.
_hot_pages = []


def register_hot_pages(pages):
    if pages not in _hot_pages:
        _hot_pages.append(pages)


def hot_paths(records):
    return sorted({path for pages in _hot_pages for path in pages(records)})


_PORTS = {"http": 80, "https": 443}


class _Visitor(BaseHandler):
    """Requests a page as an anonymous visitor would, through every middleware. Unlike a server's
    handler it sends no request signals: closing the task's database connection is not its to
    decide."""

    def __init__(self):
        super().__init__()
        self.load_middleware()

    def read(self, path):
        base = urlsplit(settings.PORTAL_BASE_URL)
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
            "SERVER_NAME": base.hostname,
            "SERVER_PORT": str(base.port or _PORTS.get(base.scheme, 80)),
            "HTTP_HOST": base.netloc, "wsgi.url_scheme": base.scheme, "wsgi.input": BytesIO(),
        }  # fmt: skip
        request = WSGIRequest(environ)
        request.LANGUAGE_CODE = translation.get_language_from_path(path)
        # (The addresses resolve in their own language, as the locale middleware will set it.)
        with translation.override(request.LANGUAGE_CODE):
            if not page_cache.was_kept(request):
                return None  # nobody read it lately: the next visitor, if any, builds it
        response = self.get_response(request)
        # A streamed answer is kept only once read to its end.
        for _chunk in response if response.streaming else ():
            pass
        return response.status_code


@task()
def warm_pages(records=None):
    visitor = _Visitor()
    # Each page activates its own language; whoever runs the task keeps theirs.
    with translation.override(translation.get_language()):
        for path in hot_paths(records):
            try:
                visitor.read(path)
            except Exception:  # one page that cannot be built leaves the others to be built
                logger.exception("Could not build %s again in the background", path)


def after_change(records):
    """Called once a change is committed, with the record versions it moved (None: shared)."""
    if settings.PORTAL_WARM_PAGES and _hot_pages:
        warm_pages.enqueue(records=list(records) if records is not None else None)
