"""The language the portal speaks to a signed-in person, chosen once and kept in their profile.

The profile's language is the one their mail is written in (`preferred_language`); the same
choice decides the admin's language, so that what a staff member reads on screen and in their
mail agree. Until someone chooses, the admin follows the browser and asks them, without getting
in the way, which language they want. A liaison's profile starts in the language their browser
asked for at their first sign-in, so that a Japanese-speaking liaison is not mailed in Indonesian
while they have not answered yet.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Profile

NATIVE_NAMES = {"id": "Bahasa Indonesia", "en": "English", "ja": "日本語"}


def browser_language(request):
    """The language the browser asks for (its cookie, then Accept-Language), not the address's."""
    return translation.get_language_from_request(request, check_path=False)


def profile_of(user):
    """The person's profile, read once per request (the related object is kept on the user)."""
    try:
        return user.portal_profile
    except Profile.DoesNotExist:
        return None


def asks_for_language(user):
    """Staff and liaisons are asked once; citizens have no profile to keep an answer in."""
    if not (user.is_authenticated and (user.is_staff or hasattr(user, "liaison"))):
        return False
    profile = profile_of(user)
    return profile is None or profile.language_chosen_at is None


def speak_profile_language(get_response):
    """In the admin, a signed-in person's chosen language wins over the browser's. Public pages
    and the review workspace keep the language of their address (/id/, /en/, /ja/)."""
    admin_prefix = reverse("admin:index")

    def middleware(request):
        user = request.user
        if request.path_info.startswith(admin_prefix) and user.is_authenticated:
            profile = profile_of(user)
            if profile is not None and profile.language_chosen_at is not None:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language
        return get_response(request)

    return middleware


def language_context(request):
    """What the header's switch and the first sign-in's question need (a context processor)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    asked = asks_for_language(user)
    profile = profile_of(user) if asked else None
    return {
        "portal_languages": list(NATIVE_NAMES.items()),
        "language_question": asked,
        # What the question offers first: the language already kept (a liaison's starts as
        # their browser's), or the browser's.
        "browser_language": profile.language if profile else browser_language(request),
    }


@require_POST
@login_required
def choose_language(request):
    """Keeps the choice in the profile (and the language cookie, for the pages before sign-in),
    then goes back to the page the person was on, in the chosen language."""
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES):
        return HttpResponseBadRequest(_("Choose one of the portal's languages."))
    Profile.objects.update_or_create(
        user=request.user, defaults={"language": code, "language_chosen_at": timezone.now()}
    )
    with translation.override(code):
        messages.success(
            request,
            _("The portal now speaks %(language)s to you, on its pages and in its mail.")
            % {"language": NATIVE_NAMES[code]},
        )
    response = HttpResponseRedirect(_back_to(request, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


def _back_to(request, code):
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or not back.startswith("/"):
        return reverse("admin:index") if request.user.is_staff else reverse("review:queue")
    # /id/review/… becomes /ja/review/…; addresses without a language prefix stay as they are.
    return translate_url(back, code)


@receiver(user_logged_in)
def start_liaison_in_browser_language(sender, request, user, **kwargs):
    """A liaison without a profile gets one in their browser's language. A profile that exists
    (set by staff, or by an earlier sign-in) is never changed by a browser."""
    if request is None or not hasattr(user, "liaison"):
        return
    Profile.objects.get_or_create(user=user, defaults={"language": browser_language(request)})
