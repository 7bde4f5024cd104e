"""Sign-in and password-reset forms with the checks the portal adds to Django's own.

- A username longer than any account's is refused as a form error, before the lockout library
  tries to store it (its column is shorter than what a browser can send).
- Too many failed sign-ins from one address, whatever the usernames, pause sign-ins from there
  (password spraying); the lockout library already limits one username from one address.
- Password-reset mail is limited per address and per account, so the form cannot be used to
  flood someone's mailbox.
"""

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from core.client_address import client_address
from core.throttle import Throttle

HOUR = 60 * 60


def sign_in_failures():
    return Throttle(
        "sign-in-failures",
        settings.PORTAL_SIGN_IN_FAILURES_PER_ADDRESS,
        int(settings.AXES_COOLOFF_TIME.total_seconds()),
    )


def resets_per_address():
    return Throttle("password-reset-address", settings.PORTAL_PASSWORD_RESETS_PER_ADDRESS, HOUR)


def resets_per_account():
    return Throttle("password-reset-account", settings.PORTAL_PASSWORD_RESETS_PER_ACCOUNT, HOUR)


@receiver(user_login_failed)
def count_failure_from_address(sender, credentials, request=None, **kwargs):
    if request is not None:
        sign_in_failures().record(client_address(request))


class SignInChecks:
    def clean_username(self):
        username = self.cleaned_data["username"]
        limit = self.username_field.max_length
        if len(username) > limit:
            raise ValidationError(
                _("A username has at most %(limit)d characters."),
                code="username_too_long",
                params={"limit": limit},
            )
        return username

    def clean(self):
        if self.request is not None and sign_in_failures().exceeded(client_address(self.request)):
            # The lockout middleware answers with its 429 page, as for one locked username.
            self.request.axes_locked_out = True
            raise ValidationError(_("Too many failed sign-ins from your network."), code="paused")
        return super().clean()


class SignInForm(SignInChecks, AuthenticationForm):
    pass


class AdminSignInForm(SignInChecks, AdminAuthenticationForm):
    pass


class SignInView(auth_views.LoginView):
    form_class = SignInForm


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Over either limit, nothing is sent. Over the account's limit the visitor still sees the
    usual "check your mail" page, which says nothing about whether the account exists; over the
    address's limit they are told to wait."""

    def form_valid(self, form):
        address = client_address(self.request)
        if resets_per_address().exceeded(address):
            return render(self.request, "registration/password_reset_paused.html", status=429)
        resets_per_address().record(address)
        # Counted per account the address reaches (as the database matches it, which may be
        # looser than lower-casing), so that no spelling of an address gets a fresh count.
        accounts = [user.pk for user in form.get_users(form.cleaned_data["email"])]
        counts = [resets_per_account().record(pk) for pk in accounts]
        if any(count > resets_per_account().limit for count in counts):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
