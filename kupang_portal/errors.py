"""Error pages Django would otherwise draw in its own English, outside the portal's layout."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views import defaults

from .middleware import API_PREFIX


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (a stale page, blocked cookies): said in the
    visitor's language, in the site's layout, with what to do. The reason stays in the log."""
    return render(request, "403_csrf.html", status=403)


# A program reading the API gets its errors as JSON, like the API's own refusals; a person gets
# the page in the site's layout (Django's handlers, with the portal's templates).
def _for_a_program(request):
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception):
    if _for_a_program(request):
        return JsonResponse({"detail": "Bad request"}, status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if _for_a_program(request):
        return JsonResponse({"detail": "Not found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _for_a_program(request):
        return JsonResponse({"detail": "Server error"}, status=500)
    return defaults.server_error(request)
