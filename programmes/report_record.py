"""What an annual report compiles: a partnership's public record for one year, as
language-neutral data (codes for choices, ISO dates, numbers as strings, every text a person
wrote as {language: text}). Only the public record counts (public activities, published visits
and their commitments, public indicators): a published report must not show what the public
pages hide."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from delegations.models import Commitment, Visit

from .models import SPENDING_STATES, Activity, Indicator

CONTENTS_VERSION = 1


def columns(field):
    """The language columns of a translated field: assessment_ind, assessment_en, …"""
    return [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]


def texts(record, field):
    """A person's text in every language: {language code: text} (empty where not written)."""
    return {
        code: getattr(record, build_localized_fieldname(field, code)) or ""
        for code, _name in settings.LANGUAGES
    }


def _city_names(city):
    """The name a reader of each language knows the city by (`PartnerCity.shown_name`)."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = city.shown_name
    return names


def _number(value):
    return None if value is None else format(Decimal(value).normalize(), "f")


def _activity(activity, year):
    counted = activity.starts_on.year == year and activity.state in SPENDING_STATES
    return {
        "title": texts(activity, "title"),
        "kind": activity.kind,
        "state": activity.state,
        "starts_on": activity.starts_on.isoformat(),
        "ends_on": activity.ends_on.isoformat(),
        "place": texts(activity, "place"),
        "outcome": texts(activity, "outcome"),
        "women": activity.home_women + activity.partner_women,
        "men": activity.home_men + activity.partner_men,
        "budget_idr": activity.budget_idr,
        "budget_source": activity.budget_source,
        "from_earlier_year": activity.starts_on.year < year,
        "into_later_year": activity.ends_on.year > year,
        "counted": counted,
    }


def _commitment_outcome(commitment, today):
    if commitment.state == Commitment.State.DONE:
        return "kept" if commitment.closed_on <= commitment.due_on else "late"
    if commitment.state == Commitment.State.DROPPED or commitment.due_on < today:
        return "missed"
    return "open"


def _indicator(indicator, year):
    measured = next((v for v in indicator.values.all() if v.year == year), None)
    return {
        "name": texts(indicator, "name"),
        "unit": texts(indicator, "unit"),
        "sector": texts(indicator.sector, "name"),
        "baseline": _number(indicator.baseline),
        "baseline_year": indicator.baseline_year,
        "target": _number(indicator.target),
        "value": None if measured is None else _number(measured.value),
        "progress": None if measured is None else measured.progress,
        "source": texts(measured, "source") if measured else None,
    }


def _year_activities(partnership, first, last):
    return (
        Activity.objects.on_public_record()
        .filter(partnership=partnership, starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on", "pk")
    )


def _year_visits(partnership, first, last):
    return (
        Visit.objects.published()
        .filter(proposals=partnership, starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on", "pk")
    )


def _year_commitments(partnership, year):
    # A visit's promise counts for the partnership it names, or, naming none, for each of the
    # visit's partnerships.
    named = Q(proposal=partnership) | Q(proposal__isnull=True, visit__proposals=partnership)
    due = Commitment.objects.public().filter(named, due_on__year=year)
    return due.distinct().order_by("due_on", "pk")


def _year_indicators(partnership, year):
    measured = Indicator.objects.on_public_record().filter(
        partnership=partnership, baseline_year__lte=year
    )
    return measured.select_related("sector").prefetch_related("values")


def _visit(visit):
    return {"title": texts(visit, "title"), "starts_on": visit.starts_on.isoformat(),
            "ends_on": visit.ends_on.isoformat(), "direction": visit.direction}  # fmt: skip


def _iso(day):
    return day.isoformat() if day else None


def _commitment(commitment, today):
    return {
        "description": texts(commitment, "description"),
        "owner": texts(commitment, "owner"),
        "due_on": commitment.due_on.isoformat(),
        "state": commitment.state,
        "closed_on": _iso(commitment.closed_on),
        "outcome": _commitment_outcome(commitment, today),
    }


def _partnership(partnership):
    city = partnership.partner_city
    return {
        "reference": partnership.reference,
        "title": texts(partnership, "title"),
        "partner_city": _city_names(city) if city else None,
        "signed_on": _iso(partnership.signed_on),
        "expires_on": _iso(partnership.expires_on),
    }


def _budget(activities):
    """Spent per source, in the order of the sources: counted activities only."""
    spent = {}
    for activity in activities:
        if activity["counted"] and activity["budget_idr"] is not None:
            source = activity["budget_source"]
            spent[source] = spent.get(source, 0) + activity["budget_idr"]
    return [{"source": source, "idr": spent[source]}
            for source in Activity.BudgetSource.values if source in spent]  # fmt: skip


def compile_record(partnership, year, today=None):
    """The partnership's public record for `year`, as the report shows it (see reports.py)."""
    today = today or timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    activities = [_activity(a, year) for a in _year_activities(partnership, first, last)]
    budget = _budget(activities)
    return {
        "version": CONTENTS_VERSION,
        "year": year,
        "compiled_on": today.isoformat(),
        "partnership": _partnership(partnership),
        "activities": activities,
        "visits": [_visit(v) for v in _year_visits(partnership, first, last)],
        "commitments": [_commitment(c, today) for c in _year_commitments(partnership, year)],
        "indicators": [_indicator(i, year) for i in _year_indicators(partnership, year)],
        "budget": budget,
        "budget_total": sum(row["idr"] for row in budget),
    }


def report_contents(report, today=None):
    """What the report says: the frozen contents, or (before it is frozen) the record as it is
    now with the assessment as written so far."""
    if report.is_frozen:
        return report.contents
    contents = compile_record(report.partnership, report.year, today=today)
    contents["assessment"] = texts(report, "assessment")
    contents["recommendation"] = report.recommendation
    return contents
