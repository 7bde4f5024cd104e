"""An annual report's contents (see `reports`) as a reader of one language reads them: a title,
a few facts, and sections of paragraphs and tables. The printable page and the PDF both render
this one document, so they never say different things."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import report_sections
from .report_parts import (  # noqa: F401 - the document's pieces, read through this module
    Passage,
    ReportDocument,
    Section,
    Table,
    day,
    idr,
    in_language,
    plain,
)


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


def _sign_off(report):
    """Who froze the report and when, and the council's reference: what makes it official."""
    if not report.is_frozen:
        return []
    by = report.frozen_by
    who = (by.get_full_name() or by.get_username()) if by else "—"
    lines = [_("Frozen by %(name)s on %(date)s, for the City of Kupang.") % {
        "name": who,
        "date": formats.date_format(timezone.localtime(report.frozen_at).date(), "DATE_FORMAT"),
    }]  # fmt: skip
    if report.council_reference:
        lines.append(_("Council's reference: %(reference)s") % {
            "reference": report.council_reference})  # fmt: skip
    return lines


def _facts(contents, language):
    partnership = contents["partnership"]
    city = partnership["partner_city"]
    counted = [a for a in contents["activities"] if a["counted"]]
    listed = len(contents["activities"])
    people = {"women": sum(a["women"] for a in counted), "men": sum(a["men"] for a in counted)}
    return [
        (_("Partnership"), plain(partnership["reference"], language)),
        (_("Partner city"), in_language(city, language) if city else plain("—", language)),
        (_("Signed on"), plain(day(partnership["signed_on"]), language)),
        (_("Term ends"), plain(day(partnership["expires_on"]), language)),
        (_("Activities"), plain(ngettext(
            "%(count)s listed, %(counted)s counted", "%(count)s listed, %(counted)s counted",
            listed,
        ) % {"count": listed, "counted": len(counted)}, language)),
        (_("Participants"), plain(_("%(women)s women, %(men)s men") % people, language)),
        (_("Budget spent"), plain(idr(contents["budget_total"]), language)),
    ]  # fmt: skip


SECTIONS = (
    report_sections.activities, report_sections.visits, report_sections.commitments,
    report_sections.indicators, report_sections.budget, report_sections.assessment,
)  # fmt: skip


def report_document(report, contents, language):
    """The report in `language`; `contents` from `reports.report_contents`."""
    with translation.override(language):
        partnership = contents["partnership"]
        compiled = _("Compiled from the public record on %(date)s.") % {
            "date": day(contents["compiled_on"])}  # fmt: skip
        return ReportDocument(
            language=language,
            title=_("Annual evaluation report %(year)s") % {"year": contents["year"]},
            subtitle=in_language(partnership["title"], language),
            facts=_facts(contents, language),
            sections=[section(contents, language) for section in SECTIONS],
            # Japanese puts no space after "。".
            status=("" if language == "ja" else " ").join([_status(report), compiled]),
            reference=partnership["reference"],
            frozen=report.is_frozen,
            letterhead=_("City of Kupang · Sister-City Portal"),
            sign_off=_sign_off(report),
        )
