"""The dormancy watchdog: active partnerships with no activity for too long are marked dormant.

Activity is anything the portal records about a partnership: a timeline event, a related visit,
or a change to one of its commitments.
"""

import datetime

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext

from delegations.models import Commitment, Visit

from .models import Proposal, ProposalEvent
from .services import proposal_mark_dormant

# Records of other apps that count as activity: functions returning a subquery of the latest
# such moment for the proposal `OuterRef("pk")` (the programmes app registers its activities).
# The watchdog asks through them and never imports those apps.
_activity_sources = []


def register_activity_source(source):
    if source not in _activity_sources:
        _activity_sources.append(source)


def _latest(queryset, field):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def with_last_activity(queryset):
    return queryset.annotate(
        last_event=_latest(
            ProposalEvent.objects.current().filter(proposal=OuterRef("pk")), "occurred_at"
        ),
        last_visit=_latest(Visit.objects.current().filter(proposals=OuterRef("pk")), "ends_on"),
        last_commitment=_latest(
            Commitment.objects.current().filter(proposal=OuterRef("pk")), "updated_at"
        ),
        **{f"last_other_{number}": source() for number, source in enumerate(_activity_sources)},
    )


def last_activity(proposal):
    """The latest moment anything happened, from an annotated proposal."""
    moments = [proposal.last_event, proposal.last_commitment]
    moments += [getattr(proposal, f"last_other_{n}", None) for n in range(len(_activity_sources))]
    if proposal.last_visit:
        # A visit counts until the end of its last day.
        end_of_day = datetime.datetime.combine(proposal.last_visit, datetime.time.max)
        moments.append(timezone.make_aware(end_of_day))
    return max((m for m in moments if m), default=None)


def _dormancy_note(since, days):
    return gettext("No visit, event or commitment activity since %(since)s (%(days)s days).") % {
        "since": since.date().isoformat(),
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
    for proposal in with_last_activity(active):
        since = last_activity(proposal)
        if since is not None and since >= cutoff:
            continue
        since = since or proposal.created_at
        note = dormancy_note(since, (now - since).days)
        proposal_mark_dormant(proposal=proposal, by=None, note=note, when=now)
        marked.append(proposal)
    return marked
