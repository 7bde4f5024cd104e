"""What the dormancy watchdog asks this app: when something was last recorded."""

from django.db.models import OuterRef, Subquery

from .models import Activity


def latest_activity():
    """The latest moment an activity of the partnership (`OuterRef("pk")`) was recorded or
    changed, as a subquery the watchdog annotates proposals with."""
    rows = Activity.objects.current().filter(partnership=OuterRef("pk"))
    return Subquery(rows.order_by("-updated_at").values("updated_at")[:1])


def public_activities(proposal):
    """The proposal page's section: its public activities, newest first (two queries however
    many there are); nothing for a proposal without any."""
    activities = list(
        Activity.objects.public().filter(partnership=proposal).prefetch_related("sectors")
    )
    return {"activities": activities} if activities else None
