"""What the pages of partnerships show of visits: registered as their sections (see apps.py),
so that partnerships never imports this app."""

from django.db.models import OuterRef, Subquery

from .models import Commitment, Visit

SHOWN_ON_HOME = 3
SHOWN_ON_SECTOR = 20


def home_visits(_page):
    visits = Visit.objects.published()
    return {
        "upcoming_visits": visits.upcoming()[:SHOWN_ON_HOME],
        "recent_visits": visits.past()[:SHOWN_ON_HOME],
    }


def proposal_visits(proposal):
    # Always shown, with its empty state: "no visit recorded" is news too.
    return {"visits": list(Visit.objects.published().filter(proposals=proposal))}


def sector_visits(sector):
    visits = Visit.objects.published().filter(sectors=sector)
    return {
        "visits": visits.order_by("-starts_on")[:SHOWN_ON_SECTOR],
        "visit_total": visits.count(),
    }


def _latest(queryset, field):
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def last_visit_day(today):
    """The last day of the latest visit of the partnership (`OuterRef("pk")`) that has begun:
    for the dormancy watchdog, which counts dated activity only."""
    begun = Visit.objects.current().filter(proposals=OuterRef("pk"), starts_on__lte=today)
    return _latest(begun, "ends_on")


def last_commitment_closed(today):
    """The day the partnership's latest commitment was kept or dropped."""
    closed = Commitment.objects.current().filter(
        proposal=OuterRef("pk"), closed_on__isnull=False, closed_on__lte=today
    )
    return _latest(closed, "closed_on")
