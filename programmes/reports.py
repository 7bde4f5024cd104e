"""The annual evaluation report: compiled from a partnership's public record for one year,
frozen when staff sign it off, then published (as a page and a PDF in each language, see
`report_document` and `report_pdf`).

The record is compiled as language-neutral data: codes for choices, ISO dates, numbers as
strings, and every text a person wrote as {language: text}. A frozen report keeps exactly that,
with the assessment, so no later edit of an activity, a visit or an indicator changes it.

Only the public record counts (public activities, published visits and their commitments,
public indicators), because a published report must not show what the public pages hide.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.refusals import Refused, permission_problems
from delegations.models import Commitment, Visit

from .models import SPENDING_STATES, Activity, AnnualReport, Indicator

CONTENTS_VERSION = 1


class ReportRefused(Refused):
    """A freeze or publication that may not happen; `problems` says why."""


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


def compile_record(partnership, year, today=None):
    """The partnership's public record for `year`, as the report shows it (see the module)."""
    today = today or timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    activities = [
        _activity(activity, year)
        for activity in Activity.objects.public()
        .filter(partnership=partnership, starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on", "pk")
    ]
    visits = (
        Visit.objects.published()
        .filter(proposals=partnership, starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on", "pk")
    )
    commitments = (
        Commitment.objects.public()
        # A visit's promise counts for the partnership it names, or, naming none, for each of
        # the visit's partnerships.
        .filter(Q(proposal=partnership) | Q(proposal__isnull=True, visit__proposals=partnership))
        .filter(due_on__year=year)
        .distinct()
        .order_by("due_on", "pk")
    )
    indicators = (
        Indicator.objects.public()
        .filter(partnership=partnership, baseline_year__lte=year)
        .select_related("sector")
        .prefetch_related("values")
    )
    budget = {}
    for activity in activities:
        if activity["counted"] and activity["budget_idr"] is not None:
            source = activity["budget_source"]
            budget[source] = budget.get(source, 0) + activity["budget_idr"]
    city = partnership.partner_city
    return {
        "version": CONTENTS_VERSION,
        "year": year,
        "compiled_on": today.isoformat(),
        "partnership": {
            "reference": partnership.reference,
            "title": texts(partnership, "title"),
            "partner_city": _city_names(city) if city else None,
            "signed_on": partnership.signed_on.isoformat() if partnership.signed_on else None,
            "expires_on": partnership.expires_on.isoformat() if partnership.expires_on else None,
        },
        "activities": activities,
        "visits": [
            {
                "title": texts(visit, "title"),
                "starts_on": visit.starts_on.isoformat(),
                "ends_on": visit.ends_on.isoformat(),
                "direction": visit.direction,
            }
            for visit in visits
        ],  # fmt: skip
        "commitments": [
            {
                "description": texts(commitment, "description"),
                "owner": texts(commitment, "owner"),
                "due_on": commitment.due_on.isoformat(),
                "state": commitment.state,
                "closed_on": commitment.closed_on.isoformat() if commitment.closed_on else None,
                "outcome": _commitment_outcome(commitment, today),
            }
            for commitment in commitments
        ],  # fmt: skip
        "indicators": [_indicator(indicator, year) for indicator in indicators],
        "budget": [
            {"source": source, "idr": budget[source]}
            for source in Activity.BudgetSource.values
            if source in budget
        ],
        "budget_total": sum(budget.values()),
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


def freeze_problems(report, today):
    problems = []
    if report.is_archived:
        problems.append(_("This report is archived: restore it first."))
    if report.is_frozen:
        frozen_on = timezone.localtime(report.frozen_at).date().isoformat()
        problems.append(_("This report was already frozen on %(date)s.") % {"date": frozen_on})
        return problems
    if report.year >= today.year:
        problems.append(
            _("The year %(year)s is not over: its report can be frozen from 1 January %(next)s.")
            % {"year": report.year, "next": report.year + 1}
        )
    if not report.recommendation:
        problems.append(_("Recommendation: missing (continue, revise or end)"))
    written = texts(report, "assessment")
    if not any(written.values()):
        problems.append(_("Staff assessment: missing"))
    elif not written[settings.LANGUAGE_CODE]:
        # Indonesian is the language every page falls back to, and the report's official one.
        problems.append(_("Staff assessment in Indonesian: missing (the other languages fall "
                          "back to it)"))  # fmt: skip
    return problems


def untranslated_assessment(report):
    """The languages the assessment is not written in: after freezing, their readers get it in
    Indonesian, and it can no longer be added."""
    written = texts(report, "assessment")
    return [name for code, name in settings.LANGUAGES if not written[code]]


def report_freeze(*, report, by, when=None):
    """Sign the report off: keep the record as compiled now, with the assessment. Refused when
    anything is missing or someone froze it first (the row lock makes the second one wait and
    then see the first)."""
    when = when or timezone.now()
    with transaction.atomic():
        # The report's row only: the partnership's stays free for its lifecycle and archiving.
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        problems = permission_problems(by, locked) + freeze_problems(
            locked, timezone.localdate(when)
        )
        if problems:
            raise ReportRefused(problems)
        locked.contents = report_contents(locked, today=timezone.localdate(when))
        locked.frozen_at, locked.frozen_by = when, by
        locked._history_user = by
        locked.save(update_fields=["contents", "frozen_at", "frozen_by", "updated_at"])
    report.refresh_from_db()
    return report


def report_publish(*, report, by, when=None):
    """Show a frozen report on the partnership's public page and the register."""
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        problems = permission_problems(by, locked)
        if locked.is_archived:
            problems.append(_("This report is archived: restore it first."))
        if not locked.is_frozen:
            problems.append(_("Only a frozen report can be published: freeze it first."))
        if locked.is_published:
            problems.append(_("This report is already published."))
        if problems:
            raise ReportRefused(problems)
        locked.published_at = when or timezone.now()
        locked._history_user = by
        locked.save(update_fields=["published_at", "updated_at"])
    report.refresh_from_db()
    return report


def report_unpublish(*, report, by):
    """Take a published report off the public pages (it stays frozen, and can be published
    again)."""
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        problems = permission_problems(by, locked)
        if not locked.is_published:
            problems.append(_("This report is not published."))
        if problems:
            raise ReportRefused(problems)
        locked.published_at = None
        locked._history_user = by
        locked.save(update_fields=["published_at", "updated_at"])
    report.refresh_from_db()
    return report
