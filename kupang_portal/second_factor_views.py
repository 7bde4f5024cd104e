"""The second-factor pages: check a code (an authenticator app's, or a backup code), and enrol an
authenticator app at the first sign-in, with ten single-use backup codes shown once. Plain forms:
they work without JavaScript and under the strict CSP."""

from base64 import b32encode

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .second_factor import checks_per_account, has_a_factor

BACKUP_CODES = 10


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "autofocus": True}),
    )  # fmt: skip


def _next(request):
    wanted = request.POST.get("next") or request.GET.get("next") or "/admin/"
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure())
    return wanted if safe else "/admin/"


def _checked(request, form, check):
    """The device a code matches (the form says why not), throttled per account: each try is
    counted before it is checked, so parallel tries cannot overrun the limit."""
    if not form.is_valid():
        return None
    throttle = checks_per_account()
    if throttle.record(request.user.pk) > throttle.limit:
        form.add_error("code", _("Too many wrong codes. Wait a few minutes, then try again."))
        return None
    device = check(form.cleaned_data["code"].replace(" ", ""))
    if device is None:
        form.add_error("code", _("That code is not right, or it was already used."))
    else:
        throttle.clear(request.user.pk)
    return device


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor(request):
    if not has_a_factor(request.user):
        return redirect(f"{reverse('second_factor_setup')}?{_next_query(request)}")
    if request.user.is_verified():
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        device = _checked(request, form, lambda code: match_token(request.user, code))
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    status = 400 if form.errors else 200
    return render(request, "registration/second_factor.html", context, status=status)


def _next_query(request):
    return urlencode({"next": _next(request)})


def _qr_code(device):
    """The key as a QR code for the app to scan, drawn as SVG on the server."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno draws it from the key and the account name


@never_cache
@login_required
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """Enrol an authenticator app: scan or type the key, confirm with one code, and take the
    backup codes. Someone who already has a factor checks it instead."""
    if has_a_factor(request.user):
        return redirect(f"{reverse('second_factor')}?{_next_query(request)}")
    device = _pending_app(request)
    if device is None:  # the key this session was shown is gone: show a new one
        return redirect(f"{reverse('second_factor_setup')}?{_next_query(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        matched = _checked(request, form,
                           lambda code: device if device.verify_token(code) else None)  # fmt: skip
        if matched is not None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            codes = _new_backup_codes(request.user)
            otp_login(request, device)
            return render(request, "registration/second_factor_codes.html",
                          {"codes": codes, "next": _next(request)})  # fmt: skip
    context = {"form": form, "next": _next(request), "qr_code": _qr_code(device),
               "key": " ".join(_groups(device.bin_key))}  # fmt: skip
    return render(request, "registration/second_factor_setup.html", context,
                  status=400 if form.errors else 200)  # fmt: skip


PENDING = "second_factor_pending_app"


def _pending_app(request):
    """The unconfirmed app key this session was shown. A GET makes a new one and forgets every
    other: a key seen by someone else who signed in with the password is never the one the
    owner confirms. A POST confirms only the key of its own session."""
    user = request.user
    if request.method == "GET":
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, confirmed=False,
                                           name=str(_("Authenticator app")))  # fmt: skip
        request.session[PENDING] = device.pk
        return device
    return TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(PENDING, 0)
    ).first()


def _groups(key):
    text = b32encode(key).decode()
    return [text[i : i + 4] for i in range(0, len(text), 4)]


def _new_backup_codes(user):
    static, _created = StaticDevice.objects.get_or_create(
        user=user, name=str(_("Backup codes")), defaults={"confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODES)]
    static.token_set.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


@never_cache
@login_required
@require_http_methods(["POST"])
def backup_codes(request):
    """After a passkey is saved (its script verifies the session), the backup codes, shown
    once; a session not yet verified goes back to setting up."""
    if not request.user.is_verified():
        return redirect(f"{reverse('second_factor_setup')}?{_next_query(request)}")
    codes = _new_backup_codes(request.user)
    return render(request, "registration/second_factor_codes.html",
                  {"codes": codes, "next": _next(request)})  # fmt: skip
