"""The sections of an annual report's document, one function each, in the reader's language
(see report_document)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.numbers import percent
from core.texts import fallback_note
from delegations.models import Commitment, Visit

from .models import Activity, AnnualReport
from .report_parts import (
    Passage,
    Section,
    Table,
    aside,
    day,
    idr,
    in_language,
    number,
    plain,
    span,
)


def _activity_row(activity, lang):
    notes = []
    if activity["from_earlier_year"]:
        notes.append(_("continued from an earlier year"))
    if activity["into_later_year"]:
        notes.append(_("continues into the next year"))
    title = in_language(activity["title"], lang)
    outcome = in_language(activity["outcome"], lang)
    lines = [title.text] + ([outcome.text] if outcome.text else [])
    if notes:
        lines.append(aside(_(", ").join(notes)))
    if activity["budget_idr"] is None:
        budget = "—"
    else:
        source = Activity.BudgetSource(activity["budget_source"]).label
        budget = f"{idr(activity['budget_idr'])}\n{source}"
        if not activity["counted"]:
            budget += "\n" + _("(not counted this year)")
    return [
        Passage("\n".join(lines), title.lang),
        plain(str(Activity.Kind(activity["kind"]).label), lang),
        plain(span(activity["starts_on"], activity["ends_on"]), lang),
        plain(str(Activity.State(activity["state"]).label), lang),
        plain(_("%(women)s women, %(men)s men") % activity, lang),
        plain(budget, lang),
    ]


def activities(contents, lang):
    rows = [_activity_row(activity, lang) for activity in contents["activities"]]
    return Section(
        _("Activities"),
        paragraphs=[
            plain(
                _(
                    "Budget and participants count in the year an activity starts, when it is "
                    "running or done; planned and cancelled activities are listed but not counted."
                ),
                lang,
            )
        ],  # fmt: skip
        table=Table(
            [
                _("Activity and outcome"),
                _("Kind"),
                _("Dates"),
                _("State"),
                _("Participants"),
                _("Budget"),
            ],
            rows,
            widths=(3.2, 1.3, 1.6, 1, 1.3, 1.9),
        ),  # fmt: skip
        empty=_("No public activity took place this year."),
    )


def visits(contents, lang):
    rows = [
        [in_language(visit["title"], lang), plain(span(visit["starts_on"], visit["ends_on"]), lang),
         plain(str(Visit.Direction(visit["direction"]).label), lang)]
        for visit in contents["visits"]
    ]  # fmt: skip
    return Section(
        _("Delegation visits"),
        table=Table([_("Visit"), _("Dates"), _("Direction")], rows, widths=(3, 2, 1.5)),
        empty=_("No published visit this year."),
    )


OUTCOMES = {
    "kept": lambda: _("Kept"),
    "late": lambda: _("Kept late"),
    "missed": lambda: _("Missed"),
    "open": lambda: _("Open, not yet due"),
}


def commitments(contents, lang):
    commitments = contents["commitments"]
    counts = {name: sum(1 for c in commitments if c["outcome"] == name) for name in OUTCOMES}
    rows = []
    for commitment in commitments:
        outcome = OUTCOMES[commitment["outcome"]]()
        if commitment["closed_on"]:
            outcome += "\n" + _("%(state)s on %(date)s") % {
                "state": Commitment.State(commitment["state"]).label,
                "date": day(commitment["closed_on"]),
            }
        rows.append([
            in_language(commitment["description"], lang), in_language(commitment["owner"], lang),
            plain(day(commitment["due_on"]), lang), plain(outcome, lang),
        ])  # fmt: skip
    summary = _(
        "Due this year: %(due)s. Kept: %(kept)s, kept late: %(late)s, missed: %(missed)s, "
        "still open: %(open)s."
    ) % {"due": len(commitments), **counts}
    return Section(
        _("Commitments due this year"),
        paragraphs=[plain(summary, lang)] if commitments else [],
        table=Table(
            [_("Commitment"), _("Owner"), _("Due"), _("Outcome")], rows, widths=(3.5, 1.8, 1.3, 1.8)
        ),
        empty=_("No commitment was due this year."),
    )


def _indicator_row(indicator, lang):
    name = in_language(indicator["name"], lang)
    unit = in_language(indicator["unit"], lang).text
    if indicator["value"] is None:
        value, progress, source = _("no value recorded"), "—", ""
    else:
        value = number(indicator["value"])
        progress = percent(indicator["progress"])
        source = in_language(indicator["source"], lang).text
    return [
        Passage(f"{name.text}{pgettext('bracket', ' (')}{unit}{pgettext('bracket', ')')}\n"
                f"{in_language(indicator['sector'], lang).text}", name.lang),
        plain(f"{number(indicator['baseline'])}{pgettext('bracket', ' (')}"
              f"{indicator['baseline_year']}{pgettext('bracket', ')')}", lang),
        plain(number(indicator["target"]), lang),
        plain(value, lang), plain(progress, lang), plain(source, lang),
    ]  # fmt: skip


def indicators(contents, lang):
    rows = [_indicator_row(indicator, lang) for indicator in contents["indicators"]]
    return Section(
        _("Indicators against their targets"),
        paragraphs=[
            plain(
                _(
                    "Progress is how far the measured value has come from the baseline "
                    "towards the yearly target."
                ),
                lang,
            )
        ],  # fmt: skip
        table=Table(
            [
                _("Indicator"),
                _("Baseline"),
                _("Yearly target"),
                _("Value in %(year)s") % {"year": contents["year"]},
                _("Progress"),
                _("Source"),
            ],
            rows,
            widths=(3, 1.3, 1.1, 1.3, 1.1, 2.2),
        ),  # fmt: skip
        empty=_("The partnership has no public indicator."),
    )


def budget(contents, lang):
    rows = [
        [plain(str(Activity.BudgetSource(line["source"]).label), lang),
         plain(idr(line["idr"]), lang)]
        for line in contents["budget"]
    ]  # fmt: skip
    return Section(
        _("Budget spent by source"),
        table=Table(
            [_("Source"), _("Amount")],
            rows,
            widths=(2, 1),
            total=[plain(_("Total"), lang), plain(idr(contents["budget_total"]), lang)],
        ),  # fmt: skip
        empty=_("No budget was spent on this year's activities."),
    )


def assessment(contents, lang):
    paragraphs = []
    assessment = in_language(contents.get("assessment"), lang)
    if assessment.text:
        paragraphs += [Passage(part, assessment.lang) for part in assessment.text.split("\n\n")]
        if assessment.lang != lang:
            paragraphs.append(plain(fallback_note(assessment.lang), lang))
    recommendation = contents.get("recommendation")
    label = (AnnualReport.Recommendation(recommendation).label if recommendation
             else _("not yet given"))  # fmt: skip
    paragraphs.append(plain(_("Recommendation: %(recommendation)s") % {
        "recommendation": label}, lang))  # fmt: skip
    return Section(_("Staff assessment and recommendation"), paragraphs=paragraphs,
                   empty="" if assessment.text else _("Not yet written."))  # fmt: skip
