"""The annual evaluation report: compiled from a partnership's public record for one year,
frozen when staff sign it off, then published (as a page and a PDF in each language, see
`report_document` and `report_pdf`).

The record is compiled as language-neutral data: codes for choices, ISO dates, numbers as
strings, and every text a person wrote as {language: text}. A frozen report keeps exactly that,
with the assessment, so no later edit of an activity, a visit or an indicator changes it.

Only the public record counts (public activities, published visits and their commitments,
public indicators), because a published report must not show what the public pages hide.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.refusals import Refused, permission_problems

from .models import AnnualReport
from .report_record import (  # noqa: F401 - read through this module too
    CONTENTS_VERSION,
    columns,
    compile_record,
    report_contents,
    texts,
)


class ReportRefused(Refused):
    """A freeze or publication that may not happen; `problems` says why."""


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
