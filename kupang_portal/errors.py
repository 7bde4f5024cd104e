"""Error pages Django would otherwise draw in its own English, outside the portal's layout."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (a stale page, blocked cookies): said in the
    visitor's language, in the site's layout, with what to do. The reason stays in the log."""
    return render(request, "403_csrf.html", status=403)
