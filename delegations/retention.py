"""What this app forgets: a delegate's email and phone, PORTAL_DELEGATE_CONTACT_YEARS after their
visit ended. The name, title and organisation stay: the public record of the visit needs them.
The edit history loses the contact details too."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.retention import Held, Rule

from .models import Delegate

NO_CONTACT = {"email": "", "phone": ""}


def contacts_of_past_visits(now):
    years = settings.PORTAL_DELEGATE_CONTACT_YEARS
    ended_before = now.date() - datetime.timedelta(days=round(365.25 * years))
    return Delegate.objects.filter(visit__ends_on__lt=ended_before).exclude(**NO_CONTACT)


def erase(due):
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        Delegate.history.filter(id__in=ids).update(**NO_CONTACT)
        return Delegate.objects.filter(pk__in=ids).update(**NO_CONTACT)


def kept_for():
    years = settings.PORTAL_DELEGATE_CONTACT_YEARS
    return ngettext("%(years)s year after the visit", "%(years)s years after the visit",
                    years) % {"years": years}  # fmt: skip


DELEGATE_CONTACTS = Rule("delegate_contacts", _("Email and phone of delegates of past visits"),
                         contacts_of_past_visits, erase, kept_for)  # fmt: skip

CONTACTS_HELD = Held("delegate_contacts", _("Delegates' email or phone"),
                     lambda: Delegate.objects.exclude(**NO_CONTACT), "visit__ends_on")  # fmt: skip
