"""The read-only public API at /api/v1/: each app's resources (their `api.py` routers), one OpenAPI
3 schema at /api/v1/openapi.json and its interactive docs at /api/v1/docs, served from the portal's
own static files (no CDN) under the site's CSP.

Version 1 only ever gains: new resources, new fields, new filters. A field is never renamed,
retyped or removed within v1; such a change is /api/v2/, with v1 kept beside it."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from delegations.api import router as delegations
from partnerships.api import router as partnerships
from programmes.api import router as programmes


class Readable(JSONRenderer):
    # Japanese and Indonesian texts as written (UTF-8), not as \u escapes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=Readable(),
    title="Kupang Sister-City Portal",
    version="1",
    description=(
        "Every public fact of the City of Kupang's sister-city partnerships, read-only. Texts come "
        "in Indonesian (id), English (en) and Japanese (ja): each says the language it is written "
        "in and whether it is a fallback; `?lang=` gives one language. Lists come 50 a page in a "
        "stable order, with links to the next and previous pages. Answers carry an ETag: ask "
        "again with If-None-Match for a 304."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
api.add_router("", partnerships)
api.add_router("", delegations)
api.add_router("", programmes)


INDEXED = {"proposals": "api:proposals", "visits": "api:visits", "cities": "api:cities",
           "sectors": "api:sectors", "consulates": "api:consulates",
           "agreements": "api:agreements", "activities": "api:activities",
           "indicators": "api:indicators", "reports": "api:reports"}  # fmt: skip


@require_safe
def root(request):
    """Where a program starts: the resources, the schema and the docs, as links."""

    def link(name):
        return request.build_absolute_uri(reverse(name))

    return JsonResponse({
        "title": api.title, "version": api.version,
        "schema": link("api:openapi-json"), "docs": link("api:openapi-view"),
        "resources": {resource: link(name) for resource, name in INDEXED.items()},
    })  # fmt: skip


def read_only_urls():
    """The API's addresses, its root an index of them; its schema and docs read only, as its
    resources are (ninja answers their other methods with 405)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name in ("openapi-json", "openapi-view"):
            pattern.callback = require_safe(pattern.callback)
        if pattern.name == "api-root":
            pattern.callback = root
    return patterns, app_name, namespace


# The addresses of the API's answers that the page cache keeps, with the parameters they vary by.
CACHED = ["api-root", "proposals", "proposal", "visits", "visit", "cities", "city", "sectors",
          "sector", "consulates", "consulate", "agreements", "activities", "indicators",
          "reports", "report", "openapi-json", "openapi-view"]  # fmt: skip
PARAMETERS = ["lang", "updated_since", "since", "partnership"]
