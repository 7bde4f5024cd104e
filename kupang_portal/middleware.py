"""Site-wide rules that hold for every response, whichever view answered."""

import time

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from core.client_address import client_address
from core.throttle import Throttle

# The portal reads with GET and HEAD and writes with POST; nothing answers PUT, DELETE, PATCH
# or WebDAV verbs, and views that only read refuse POST themselves.
ANSWERED_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
READ_METHODS = ("GET", "HEAD")


def refuse_unknown_methods(get_response):
    def middleware(request):
        if request.method not in ANSWERED_METHODS:
            return HttpResponseNotAllowed(ANSWERED_METHODS)
        return get_response(request)

    return middleware


API_PREFIX = "/api/"
CORS_METHODS = "GET, HEAD, OPTIONS"


def api_cors(get_response):
    """Any site's scripts may read the public API, and only read it (other origins get no CORS
    header on anything else of the portal). A preflight is answered here."""

    def middleware(request):
        if not request.path.startswith(API_PREFIX):
            return get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = get_response(request)
        if request.method in READ_METHODS + ("OPTIONS",):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response

    return middleware


def api_rate_limit(get_response):
    """Each client reads the API at most PORTAL_API_RATE_LIMIT times a minute, answers from the
    page cache included: beyond that, 429 with the seconds until the next minute begins."""

    def middleware(request):
        limit = settings.PORTAL_API_RATE_LIMIT
        if not limit or not request.path.startswith(API_PREFIX):
            return get_response(request)
        now = time.time()
        window = int(now // 60)
        counted = Throttle(f"api:{window}", limit, 60)
        client = client_address(request)
        if counted.record(client) > limit:
            response = JsonResponse(
                {"detail": f"More than {limit} requests a minute; try again shortly."}, status=429
            )
            response["Retry-After"] = str(60 - int(now % 60))
            return response
        return get_response(request)

    return middleware


def refuse_nul_characters(get_response):
    """No text the portal stores or looks up contains a NUL character, and PostgreSQL refuses
    any query that carries one: a request with one in its address or its fields is malformed."""

    def middleware(request):
        if "\x00" in request.path or _any_nul(request.GET) or _any_nul(request.POST):
            raise BadRequest("NUL character in the request")
        return get_response(request)

    return middleware


def _any_nul(query):
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


def cache_control(get_response):
    """Signed-in pages are never stored anywhere: they carry the person's own workspace, and a
    shared cache must not hand them to the next visitor. What anonymous visitors read is public
    and may be kept briefly, per language."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, private=True, no_store=True, max_age=0)
            patch_vary_headers(response, ("Cookie",))
        elif (
            request.method in READ_METHODS
            and response.status_code in (200, 304)  # a 304 says what its 200 would have said
            and "Cache-Control" not in response
            and not response.cookies
        ):
            if settings.PORTAL_PUBLIC_MAX_AGE:
                patch_cache_control(response, public=True, max_age=settings.PORTAL_PUBLIC_MAX_AGE)
            else:
                patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return middleware
