"""All the other apps see of this one: when an activity was last recorded (for the dormancy
watchdog), and the proposal page's section of activities and indicators."""

from django.db.models import Count, DateField, F, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear, Least

from partnerships.transitions import BEFORE_SIGNING

from .charts import chart
from .models import (
    SPENDING_STATES,
    Activity,
    ActivityFile,
    AnnualReport,
    Indicator,
    IndicatorValue,
)


def latest_activity(today):
    """The latest day an activity of the partnership (`OuterRef("pk")`) took place, by its dates
    (a running one counts as today), as a subquery the watchdog annotates proposals with.
    Planned and cancelled activities have not happened."""
    happened = Activity.objects.current().filter(
        partnership=OuterRef("pk"),
        starts_on__lte=today,
        state__in=SPENDING_STATES,
    )
    day = Least("ends_on", Value(today, output_field=DateField()))
    return Subquery(happened.annotate(day=day).order_by("-day").values("day")[:1])


def public_results(proposal):
    """The proposal page's section: its public activities, newest first, its public indicators
    with their charts and its published annual reports (five queries however many there are);
    nothing for a proposal without any. A proposal never signed has none (an activity, an
    indicator and a report belong to a signed partnership): its page asks nothing."""
    if proposal.status in BEFORE_SIGNING:
        return None
    activities = list(
        Activity.objects.public()
        .filter(partnership=proposal)
        .prefetch_related(
            "sectors", Prefetch("files", ActivityFile.objects.public(), to_attr="public_files")
        )
    )
    indicators = list(
        Indicator.objects.public()
        .filter(partnership=proposal)
        .select_related("sector")
        .prefetch_related(Prefetch("values", IndicatorValue.objects.order_by("year")))
    )
    annual_reports = list(
        AnnualReport.objects.published().filter(partnership=proposal).order_by("-year")
    )
    if not activities and not indicators and not annual_reports:
        return None
    measured = [(indicator, list(indicator.values.all())) for indicator in indicators]
    return {
        "last_update": max(
            [activity.updated_at for activity in activities]
            + [report.published_at for report in annual_reports],
            default=None,
        ),
        "reports": annual_reports,
        "activities": activities,
        "indicators": [
            {"indicator": indicator, "values": values, "chart": chart(indicator, values)}
            for indicator, values in measured
        ],
    }  # fmt: skip


def sector_totals(sector):
    """The sector page's section: per year, the public activities of public partnerships in the
    sector (cancelled ones left out), and the participants and budget of those running or done,
    counted in the year they start as in the annual reports. One query."""
    spending = Q(state__in=SPENDING_STATES)
    rows = list(
        Activity.objects.public()
        .filter(sectors=sector)
        .exclude(state=Activity.State.CANCELLED)
        .annotate(year=ExtractYear("starts_on"))
        .values("year")
        .annotate(
            activities=Count("pk"),
            women=Coalesce(Sum(F("home_women") + F("partner_women"), filter=spending), 0),
            men=Coalesce(Sum(F("home_men") + F("partner_men"), filter=spending), 0),
            budget=Coalesce(Sum("budget_idr", filter=spending), 0),
        )
        .order_by("-year")
    )
    return {"years": rows} if rows else None
