"""The annual report's steps as a table: each verb, the function that takes it, its title and
what it will do, and what the confirmation page must say before it (what stops it, what to
know). The admin only shows this; the functions in reports.py decide."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.models import Proposal

from . import reports


@dataclass(frozen=True)
class ReportStep:
    verb: str
    take: object  # reports.report_<verb>(*, report, by)
    title: str
    consequences: tuple


STEPS = {
    step.verb: step
    for step in (
        ReportStep("freeze", reports.report_freeze, _("Freeze the report"), (
            _("The record of the year is kept as it is now, with the assessment and the "
              "recommendation: later edits of activities, visits or indicators do not change "
              "it."),
            _("The assessment and the recommendation can no longer be edited."),
            _("You are recorded as the person who froze it, with the date and time."),
        )),
        ReportStep("publish", reports.report_publish, _("Publish the report"), (
            _("It appears on the partnership's public page and in the agreement register, as a "
              "page and a PDF in Indonesian, English and Japanese."),
            _("It is public as frozen; it can be taken off the public pages again."),
        )),
        ReportStep("unpublish", reports.report_unpublish,
                   _("Take the report off the public pages"), (
            _("It disappears from the partnership's public page and the register; it stays "
              "frozen and can be published again."),
        )),
    )
}  # fmt: skip


def _unpublished_partnership(report):
    if Proposal.objects.public().filter(pk=report.partnership_id).exists():
        return []
    return [_("The partnership itself is not published: the report will show nowhere until it "
              "is.")]  # fmt: skip


def _untranslated(report):
    missing = reports.untranslated_assessment(report)
    if not missing:
        return []
    return [_("The assessment is not written in %(languages)s: readers of those languages will "
              "get it in Indonesian, and it cannot be added after freezing.")
            % {"languages": _(", ").join(str(name) for name in missing)}]  # fmt: skip


def step_outlook(report, verb):
    """(problems, warnings) to show before `verb` is confirmed."""
    if verb == "publish":
        return [], _unpublished_partnership(report)
    if verb == "freeze":
        problems = reports.freeze_problems(report, timezone.localdate())
        return problems, [] if problems else _untranslated(report)
    return [], []
