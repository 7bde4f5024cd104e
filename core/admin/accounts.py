"""Django's own page for user accounts, with every input named (named_inputs): its sign-in and
joining dates are date-and-time fields whose time half had no name."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .named_inputs import NamedInputs


class AccountAdmin(NamedInputs, UserAdmin):
    pass


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
