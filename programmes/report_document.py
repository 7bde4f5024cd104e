"""An annual report's contents (see `reports`) as a reader of one language reads them: a title,
a few facts, and sections of paragraphs and tables. The printable page and the PDF both render
this one document, so they never say different things."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from delegations.models import Commitment, Visit

from .models import Activity, AnnualReport


@dataclass(frozen=True)
class Passage:
    """A piece of text and the language it is really in (Indonesian where a translation is
    missing), so that pages can mark it and screen readers read it right."""

    text: str
    lang: str

    def __str__(self):
        return self.text


@dataclass
class Table:
    headers: list
    rows: list  # each row a list of cells (Passage); a cell may hold lines separated by "\n"
    total: list | None = None
    widths: tuple = ()  # relative column widths on paper; equal when not given


@dataclass
class Section:
    heading: str
    paragraphs: list = field(default_factory=list)
    table: Table | None = None
    empty: str = ""  # said instead of the table when it has no rows


@dataclass
class ReportDocument:
    language: str
    title: str
    subtitle: Passage
    facts: list  # (label, Passage)
    sections: list
    status: str  # draft, frozen or published, said in words
    reference: str = ""
    frozen: bool = False


def _in(texts, language):
    """The text in `language`, or else the Indonesian every language falls back to, or else
    whichever language it was written in; a passage says which language it really is in."""
    if not texts:
        return Passage("", language)
    for code in (language, settings.LANGUAGE_CODE, *texts):
        if texts.get(code):
            return Passage(texts[code], code)
    return Passage("", language)


def _aside(text):
    """(text), with the brackets and the space before them that the language writes."""
    return f"{pgettext('bracket', ' (').lstrip()}{text}{pgettext('bracket', ')')}"


def _plain(text, language):
    return Passage(str(text), language)


def _date(iso):
    return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT") if iso else "—"


def _span(starts_on, ends_on):
    if starts_on == ends_on:
        return _date(starts_on)
    return f"{_date(starts_on)} – {_date(ends_on)}"


def _idr(amount):
    return "Rp " + formats.number_format(amount, force_grouping=True)


def _number(value):
    return formats.number_format(value, force_grouping=True) if value is not None else "—"


def _activities(contents, lang):
    rows = []
    for activity in contents["activities"]:
        notes = []
        if activity["from_earlier_year"]:
            notes.append(_("continued from an earlier year"))
        if activity["into_later_year"]:
            notes.append(_("continues into the next year"))
        title = _in(activity["title"], lang)
        outcome = _in(activity["outcome"], lang)
        lines = [title.text] + ([outcome.text] if outcome.text else [])
        if notes:
            lines.append(_aside(_(", ").join(notes)))
        described = "\n".join(lines)
        if activity["budget_idr"] is None:
            budget = "—"
        else:
            source = Activity.BudgetSource(activity["budget_source"]).label
            budget = f"{_idr(activity['budget_idr'])}\n{source}"
            if not activity["counted"]:
                budget += "\n" + _("(not counted this year)")
        rows.append([
            Passage(described, title.lang),
            _plain(str(Activity.Kind(activity["kind"]).label), lang),
            _plain(_span(activity["starts_on"], activity["ends_on"]), lang),
            _plain(str(Activity.State(activity["state"]).label), lang),
            _plain(_("%(women)s women, %(men)s men") % activity, lang),
            _plain(budget, lang),
        ])  # fmt: skip
    return Section(
        _("Activities"),
        paragraphs=[
            _plain(
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


def _visits(contents, lang):
    rows = [
        [_in(visit["title"], lang), _plain(_span(visit["starts_on"], visit["ends_on"]), lang),
         _plain(str(Visit.Direction(visit["direction"]).label), lang)]
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


def _commitments(contents, lang):
    commitments = contents["commitments"]
    counts = {name: sum(1 for c in commitments if c["outcome"] == name) for name in OUTCOMES}
    rows = []
    for commitment in commitments:
        outcome = OUTCOMES[commitment["outcome"]]()
        if commitment["closed_on"]:
            outcome += "\n" + _("%(state)s on %(date)s") % {
                "state": Commitment.State(commitment["state"]).label,
                "date": _date(commitment["closed_on"]),
            }
        rows.append([
            _in(commitment["description"], lang), _in(commitment["owner"], lang),
            _plain(_date(commitment["due_on"]), lang), _plain(outcome, lang),
        ])  # fmt: skip
    summary = _(
        "Due this year: %(due)s. Kept: %(kept)s, kept late: %(late)s, missed: %(missed)s, "
        "still open: %(open)s."
    ) % {"due": len(commitments), **counts}
    return Section(
        _("Commitments due this year"),
        paragraphs=[_plain(summary, lang)] if commitments else [],
        table=Table(
            [_("Commitment"), _("Owner"), _("Due"), _("Outcome")], rows, widths=(3.5, 1.8, 1.3, 1.8)
        ),
        empty=_("No commitment was due this year."),
    )


def _indicators(contents, lang):
    rows = []
    for indicator in contents["indicators"]:
        name = _in(indicator["name"], lang)
        unit = _in(indicator["unit"], lang).text
        if indicator["value"] is None:
            value, progress, source = _("no value recorded"), "—", ""
        else:
            value = _number(indicator["value"])
            progress = (
                "—" if indicator["progress"] is None else f"{_number(indicator['progress'])} %"
            )
            source = _in(indicator["source"], lang).text
        rows.append([
            Passage(f"{name.text}{pgettext('bracket', ' (')}{unit}{pgettext('bracket', ')')}\n"
                    f"{_in(indicator['sector'], lang).text}", name.lang),
            _plain(f"{_number(indicator['baseline'])}{pgettext('bracket', ' (')}"
               f"{indicator['baseline_year']}{pgettext('bracket', ')')}", lang),
            _plain(_number(indicator["target"]), lang),
            _plain(value, lang), _plain(progress, lang), _plain(source, lang),
        ])  # fmt: skip
    return Section(
        _("Indicators against their targets"),
        paragraphs=[
            _plain(
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


def _budget(contents, lang):
    rows = [
        [_plain(str(Activity.BudgetSource(line["source"]).label), lang),
         _plain(_idr(line["idr"]), lang)]
        for line in contents["budget"]
    ]  # fmt: skip
    return Section(
        _("Budget spent by source"),
        table=Table(
            [_("Source"), _("Amount")],
            rows,
            widths=(2, 1),
            total=[_plain(_("Total"), lang), _plain(_idr(contents["budget_total"]), lang)],
        ),  # fmt: skip
        empty=_("No budget was spent on this year's activities."),
    )


def _assessment(contents, lang):
    paragraphs = []
    assessment = _in(contents.get("assessment"), lang)
    if assessment.text:
        paragraphs += [Passage(part, assessment.lang) for part in assessment.text.split("\n\n")]
    recommendation = contents.get("recommendation")
    label = (AnnualReport.Recommendation(recommendation).label if recommendation
             else _("not yet given"))  # fmt: skip
    paragraphs.append(_plain(_("Recommendation: %(recommendation)s") % {
        "recommendation": label}, lang))  # fmt: skip
    return Section(_("Staff assessment and recommendation"), paragraphs=paragraphs,
                   empty="" if assessment.text else _("Not yet written."))  # fmt: skip


def _status(report):
    if report.is_frozen:
        # The day in Kupang, as every other date of the report.
        frozen_on = formats.date_format(timezone.localtime(report.frozen_at).date(), "DATE_FORMAT")
    if report.is_published:
        return _("Published. Frozen on %(date)s: later edits of the record do not change it.") % {
            "date": frozen_on}  # fmt: skip
    if report.is_frozen:
        return _("Frozen on %(date)s, not published.") % {"date": frozen_on}
    return _("Draft, not frozen: it follows the record as it changes.")


def report_document(report, contents, language):
    """The report in `language`; `contents` from `reports.report_contents`."""
    with translation.override(language):
        partnership = contents["partnership"]
        city = _in(partnership["partner_city"], language) if partnership["partner_city"] else None
        compiled = _("Compiled from the public record on %(date)s.") % {
            "date": _date(contents["compiled_on"])}  # fmt: skip
        activities = [a for a in contents["activities"] if a["counted"]]
        women = sum(a["women"] for a in activities)
        men = sum(a["men"] for a in activities)
        facts = [
            (_("Partnership"), _plain(partnership["reference"], language)),
            (_("Partner city"), city or _plain("—", language)),
            (_("Signed on"), _plain(_date(partnership["signed_on"]), language)),
            (_("Term ends"), _plain(_date(partnership["expires_on"]), language)),
            (_("Activities"), _plain(ngettext(
                "%(count)s listed, %(counted)s counted", "%(count)s listed, %(counted)s counted",
                len(contents["activities"]),
            ) % {"count": len(contents["activities"]), "counted": len(activities)}, language)),
            (_("Participants"), _plain(_("%(women)s women, %(men)s men") % {
                "women": women, "men": men}, language)),
            (_("Budget spent"), _plain(_idr(contents["budget_total"]), language)),
        ]  # fmt: skip
        return ReportDocument(
            language=language,
            title=_("Annual evaluation report %(year)s") % {"year": contents["year"]},
            subtitle=_in(partnership["title"], language),
            facts=facts,
            sections=[
                _activities(contents, language),
                _visits(contents, language),
                _commitments(contents, language),
                _indicators(contents, language),
                _budget(contents, language),
                _assessment(contents, language),
            ],  # fmt: skip
            # Japanese puts no space after "。".
            status=("" if language == "ja" else " ").join([_status(report), compiled]),
            reference=partnership["reference"],
            frozen=report.is_frozen,
        )
