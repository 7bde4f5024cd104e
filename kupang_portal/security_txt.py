"""/.well-known/security.txt (RFC 9116): how a person who finds a security problem in the portal
reaches the city, in which languages, and until when the file may be trusted."""

import datetime

from django.conf import settings
from django.core import checks
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

# Unset, the file says it holds for a year (RFC 9116 asks for less than one).
DEFAULT_VALIDITY = datetime.timedelta(days=364)
WARN_BEFORE = datetime.timedelta(days=30)


def expires():
    """When the file stops holding, at midnight UTC."""
    if settings.PORTAL_SECURITY_TXT_EXPIRES:
        day = datetime.date.fromisoformat(settings.PORTAL_SECURITY_TXT_EXPIRES)
    else:
        day = timezone.now().date() + DEFAULT_VALIDITY
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


@require_safe
def security_txt(request):
    lines = [
        f"Contact: {settings.PORTAL_SECURITY_CONTACT}",
        f"Expires: {expires().isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: id, en, ja",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_txt_expiry(app_configs, **kwargs):
    """A security.txt past its date tells reporters nobody reads it; unset, nobody reviews it."""
    if not settings.PORTAL_SECURITY_TXT_EXPIRES:
        problem = "PORTAL_SECURITY_TXT_EXPIRES is not set: security.txt moves its date daily."
    elif expires() - timezone.now() < WARN_BEFORE:
        problem = "security.txt expires within 30 days (PORTAL_SECURITY_TXT_EXPIRES)."
    else:
        return []
    hint = ("Check PORTAL_SECURITY_CONTACT and set PORTAL_SECURITY_TXT_EXPIRES to a day less "
            "than a year ahead.")  # fmt: skip
    return [checks.Warning(problem, hint=hint, id="portal.W003")]
