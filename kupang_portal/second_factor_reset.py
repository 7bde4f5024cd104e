"""Resetting a lost second factor: another staff member does it in the admin, never the account's
owner; it is recorded in the account's admin history and mailed to the owner, who enrols a new
factor at the next sign-in."""

from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from core.admin.confirm import Confirmation
from core.mail import mail_in_language
from partnerships.models.places import preferred_language


def may_reset(actor, owner):
    if actor.pk == owner.pk or not actor.has_perm("auth.change_user"):
        return False
    return actor.is_superuser or not owner.is_superuser


def reset_second_factor(admin_site, request, user_id):
    owner = get_object_or_404(get_user_model(), pk=user_id)
    if not may_reset(request.user, owner):
        raise PermissionDenied
    back = reverse("admin:auth_user_change", args=[owner.pk])
    if request.method == "POST":
        with transaction.atomic():
            removed = [device.delete() for device in devices_for_user(owner, confirmed=None)]
            LogEntry.objects.log_actions(
                request.user.pk, [owner], CHANGE,
                change_message=_("Second factor reset by %(actor)s.")
                % {"actor": request.user.get_username()},
                single_object=True,
            )  # fmt: skip
        told = (
            _("The owner was told by mail.")
            if owner.email
            else _("The account has no email address: tell its owner yourself.")
        )
        if owner.email:
            context = {"owner": owner, "actor": request.user}
            mail_in_language("registration/mail/second_factor_reset", context, to=owner.email,
                             language=preferred_language(owner)).send()  # fmt: skip
        messages.success(request, _("The second factor is reset (%(n)s removed).")
                         % {"n": len(removed)} + " " + told)  # fmt: skip
        return redirect(back)
    name = owner.get_username()
    confirmation = Confirmation(
        title=_("Reset the second factor of %(name)s") % {"name": name},
        crumbs=[(reverse("admin:auth_user_changelist"), _("Users")), (back, name)],
        submit=_("Reset the second factor"),
        cancel_url=back,
        consequences=[
            _("The account's passkeys, authenticator app and backup codes stop working."),
            _("At the next sign-in, the owner sets up a new second factor."),
            _("The reset is recorded in the account's history and mailed to its owner."),
        ],
    )
    context = {**admin_site.each_context(request), "confirm": confirmation,
               "title": confirmation.title, "opts": ContentType.objects.get_for_model(owner)
               .model_class()._meta}  # fmt: skip
    return TemplateResponse(request, "admin/confirm_action.html", context)
