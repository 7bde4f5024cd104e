"""The dormancy watchdog: active partnerships with no dated activity for too long are marked
dormant.

Activity is what happened on a day the record names, never when a row was last saved (saving an
old record unchanged must not reset the clock): a public timeline event, and what other apps
register — a visit that has begun (to its last day), a commitment kept or dropped, an activity
by its dates.
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext

from .models import Proposal, ProposalEvent
from .services import proposal_mark_dormant

# Other apps' dated activity: functions of `today` giving a subquery of the latest day or moment
# for the proposal `OuterRef("pk")`. The watchdog asks through them and never imports those apps.
_activity_sources = []


def register_activity_source(source):
    if source not in _activity_sources:
        _activity_sources.append(source)


def with_last_activity(queryset, today):
    events = ProposalEvent.objects.on_public_timeline().filter(proposal=OuterRef("pk"))
    return queryset.annotate(
        last_event=Subquery(events.order_by("-occurred_at").values("occurred_at")[:1]),
        **{
            f"last_other_{number}": source(today) for number, source in enumerate(_activity_sources)
        },
    )


def _as_moment(value):
    """A day counts until its end; a moment as it is."""
    if isinstance(value, datetime.datetime):
        return value
    return timezone.make_aware(datetime.datetime.combine(value, datetime.time.max))


def last_activity(proposal):
    """The latest moment anything happened, from a proposal annotated by with_last_activity."""
    moments = [proposal.last_event]
    moments += [getattr(proposal, f"last_other_{n}", None) for n in range(len(_activity_sources))]
    return max((_as_moment(m) for m in moments if m), default=None)


def _dormancy_note(since, days):
    return gettext("No visit, event or commitment activity since %(since)s (%(days)s days).") % {
        "since": date_format(timezone.localdate(since), "DATE_FORMAT"),
        "days": days,
    }


dormancy_note = lazy(_dormancy_note, str)


def flag_dormant(now=None, after_days=None):
    """Mark every idle active partnership dormant; return the proposals marked."""
    now = now or timezone.now()
    after_days = settings.PORTAL_DORMANT_AFTER_DAYS if after_days is None else after_days
    cutoff = now - datetime.timedelta(days=after_days)
    marked = []
    active = Proposal.objects.current().filter(status=Proposal.Status.ACTIVE)
    for proposal in with_last_activity(active, timezone.localdate(now)):
        since = last_activity(proposal)
        if since is not None and since >= cutoff:
            continue
        since = since or proposal.created_at
        note = dormancy_note(since, (now - since).days)
        proposal_mark_dormant(proposal=proposal, by=None, note=note, when=now)
        marked.append(proposal)
    return marked
