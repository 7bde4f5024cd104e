"""What this app forgets: a delegate's email and phone, PORTAL_DELEGATE_CONTACT_YEARS after their
visit ended. The name, title and organisation stay: the public record of the visit needs them.
The edit history loses the contact details too."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.retention import Held, Rule

from .models import Delegate, Visit

NO_CONTACT = {"email": "", "phone": ""}


def _ended_before(now):
    years = settings.PORTAL_DELEGATE_CONTACT_YEARS
    return now.date() - datetime.timedelta(days=round(365.25 * years))


def contacts_of_past_visits(now):
    return Delegate.objects.filter(visit__ends_on__lt=_ended_before(now)).exclude(**NO_CONTACT)


def contacts_in_history(now):
    """Every version in the edit history that still holds a contact of such a visit, whatever
    the record says now (a contact cleared since, a delegate no longer on record), and those
    whose visit is not on record any more."""
    past = Q(visit__ends_on__lt=_ended_before(now)) | ~Q(visit_id__in=Visit.objects.values("pk"))
    return Delegate.history.filter(past).exclude(**NO_CONTACT)


def erase(due):
    return due.update(**NO_CONTACT)


def kept_for():
    years = settings.PORTAL_DELEGATE_CONTACT_YEARS
    return ngettext("%(years)s year after the visit", "%(years)s years after the visit",
                    years) % {"years": years}  # fmt: skip


DELEGATE_CONTACTS = Rule("delegate_contacts", _("Email and phone of delegates of past visits"),
                         contacts_of_past_visits, erase, kept_for)  # fmt: skip
DELEGATE_CONTACT_HISTORY = Rule(
    "delegate_contact_history",
    _("The same, in the edit history"),
    contacts_in_history,
    erase,
    kept_for,
)

CONTACTS_HELD = Held("delegate_contacts", _("Delegates' email or phone"),
                     lambda: Delegate.objects.exclude(**NO_CONTACT), "visit__ends_on")  # fmt: skip
