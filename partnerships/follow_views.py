"""The public pages of following a proposal by email: ask, confirm, leave (see follows.py)."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from core.client_address import client_address

from . import follows
from .models import Proposal


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )  # fmt: skip
    language = forms.ChoiceField(label=_("Language of the mail"), choices=settings.LANGUAGES)


def _proposal(slug):
    return get_object_or_404(Proposal.objects.public(), slug=slug)


def _from_elsewhere(request):
    """A form sent from another site's page (its browser says so): refused like a CSRF failure."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and urlsplit(origin).netloc != request.get_host()  # "null" is elsewhere


# The form sits on the proposal page, which is one cached page for every visitor and so can
# carry no per-visitor CSRF token. What protects an address is the double opt-in (nothing is
# sent to it but the confirmation link), what limits abuse are the throttles, and a form sent
# from another site is still refused by its Origin.
@csrf_exempt
@sensitive_post_parameters("email")
@never_cache
@require_http_methods(["GET", "POST"])
def follow(request, slug):
    proposal = _proposal(slug)
    if request.method == "GET":
        form = FollowForm(initial={"language": get_language()})
        return render(
            request, "partnerships/follow_form.html", {"proposal": proposal, "form": form}
        )
    if _from_elsewhere(request):
        return render(request, "403.html", status=403)
    form = FollowForm(request.POST)
    if not form.is_valid():
        context = {"proposal": proposal, "form": form}
        return render(request, "partnerships/follow_form.html", context, status=400)
    try:
        follows.ask_to_follow(
            proposal=proposal, email=form.cleaned_data["email"],
            language=form.cleaned_data["language"], client=client_address(request),
        )  # fmt: skip
    except follows.Throttled:
        return render(request, "429.html", status=429)
    return redirect("partnerships:follow_sent", slug=proposal.slug)


@never_cache
@require_safe
def follow_sent(request, slug):
    context = {"proposal": _proposal(slug), "days": follows.CONFIRM_WITHIN.days}
    return render(request, "partnerships/follow_sent.html", context)


def _link_refused(request, expired=False, proposal=None):
    context = {"expired": expired, "proposal": proposal}
    return render(request, "partnerships/follow_link_refused.html", context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def follow_confirm(request, token):
    """A GET only asks (mail scanners open links); the button's POST confirms."""
    try:
        follower = follows.follower_to_confirm(token)
    except signing.SignatureExpired:
        return _link_refused(request, expired=True)
    except signing.BadSignature:
        return _link_refused(request)
    if request.method == "POST":
        follower = follows.confirm(follower)
        return render(request, "partnerships/follow_done.html",
                      {"proposal": follower.proposal, "confirmed": True})  # fmt: skip
    context = {"proposal": follower.proposal, "already": follower.is_active}
    return render(request, "partnerships/follow_confirm.html", context)


# Mail programs send the one-click leave (RFC 8058) as a POST without any token of ours; the
# signed link is the authority.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def follow_leave(request, token):
    try:
        follower = follows.follower_to_leave(token)
    except signing.BadSignature:
        return _link_refused(request)
    if request.method == "POST":
        follower = follows.leave(follower)
        return render(request, "partnerships/follow_done.html",
                      {"proposal": follower.proposal, "confirmed": False})  # fmt: skip
    return render(request, "partnerships/follow_leave.html",
                  {"proposal": follower.proposal, "active": follower.left_at is None})  # fmt: skip
