"""`manage.py check --deploy` warnings about the portal's own settings."""

from django.conf import settings
from django.core import checks

LOCAL_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def shared_cache_for_limits(app_configs, **kwargs):
    """The sign-in and password-reset limits count in the cache, and the public page cache keeps
    its content version there. In each process's own memory, every gunicorn worker keeps its own
    counts (the limits multiply by the workers) and its own version (a change made through one
    worker would not empty the pages the others keep)."""
    if settings.CACHES["default"]["BACKEND"] != LOCAL_MEMORY:
        return []
    return [
        checks.Warning(
            "The limits on sign-ins and password resets, and the public page cache, live in "
            "each process's own memory.",
            hint="Set DJANGO_CACHE_URL to a shared cache (e.g. redis://127.0.0.1:6379/1) when "
            "more than one process serves the portal; silence portal.W001 if only one does.",
            id="portal.W001",
        )
    ]


def embedded_japanese_font(app_configs, **kwargs):
    """Without IPAexGothic the PDF reports set Japanese in a font the reader must supply, which
    a machine without Japanese fonts shows as blanks."""
    if (settings.PDF_FONTS_DIR / "ipaexg.ttf").exists():
        return []
    return [
        checks.Warning(
            f"No ipaexg.ttf in {settings.PDF_FONTS_DIR}: Japanese PDF reports will not embed "
            "their font.",
            hint="Run `make fonts`, or set PORTAL_PDF_FONTS to a folder holding ipaexg.ttf.",
            id="portal.W002",
        )
    ]
