"""What this app forgets: a follow request never confirmed, after PORTAL_UNCONFIRMED_FOLLOW_DAYS
(the address never agreed to anything; its row only stops a second confirmation mail)."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.retention import Held, Rule

from .models import Follower


def unconfirmed_follows(now):
    since = now - datetime.timedelta(days=settings.PORTAL_UNCONFIRMED_FOLLOW_DAYS)
    return Follower.objects.filter(confirmed_at__isnull=True, asked_at__lt=since)


def erase(due):
    erased, _by_model = due.delete()
    return erased


def kept_for():
    days = settings.PORTAL_UNCONFIRMED_FOLLOW_DAYS
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


UNCONFIRMED_FOLLOWS = Rule("unconfirmed_follows", _("Follow requests never confirmed"),
                           unconfirmed_follows, erase, kept_for)  # fmt: skip

FOLLOWERS_HELD = (
    Held("follows_active", _("Email followers (confirmed)"), lambda: Follower.objects.active(),
         "confirmed_at"),
    Held("follows_unconfirmed", _("Follow requests not yet confirmed"),
         lambda: Follower.objects.filter(confirmed_at__isnull=True), "asked_at"),
    Held("follows_left", _("Followers who left (their consent's record)"),
         lambda: Follower.objects.filter(left_at__isnull=False), "asked_at"),
)  # fmt: skip
