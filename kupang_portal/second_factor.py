"""A second factor for the accounts that act for the city or for a foreign mission: every staff
and superuser account, and liaisons once PORTAL_REQUIRE_2FA_LIAISONS is on. Until the session is
verified with an authenticator app's code or a backup code (django-otp), the admin and the review
workspace send it to the second-factor page, which enrols a first factor if there is none."""

import re

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import devices_for_user

from core.throttle import Throttle

# What the gate guards: the admin (but its own sign-in and sign-out) and the review workspace.
GUARDED = re.compile(r"^/(admin/(?!login/|logout/)|(id|en|ja)/review/)")


def needs_second_factor(user):
    if not (settings.PORTAL_REQUIRE_2FA and user.is_authenticated):
        return False
    if user.get_username() in settings.PORTAL_2FA_EXEMPT:
        return False  # the demo's users, in development only (settings)
    if user.is_staff or user.is_superuser:
        return True
    return settings.PORTAL_REQUIRE_2FA_LIAISONS and hasattr(user, "liaison")


def has_a_factor(user):
    return any(True for _device in devices_for_user(user, confirmed=True))


def checks_per_account():
    """Codes tried per account, throttled like sign-ins: after the limit, none is checked until
    the cool-off has passed."""
    return Throttle("second-factor", settings.AXES_FAILURE_LIMIT,
                    int(settings.AXES_COOLOFF_TIME.total_seconds()))  # fmt: skip


def second_factor_gate(get_response):
    def middleware(request):
        user = request.user
        if (
            GUARDED.match(request.path)
            and needs_second_factor(user)
            and not user.is_verified()
        ):  # fmt: skip
            target = "second_factor" if has_a_factor(user) else "second_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return get_response(request)

    return middleware
