"""The gates of the lifecycle: what must already be true before a proposal may move on.

Each requirement has a label, a check that returns None when it is met or a short account of
what is missing, and the place on the proposal's admin page where staff fix it. Refusals and the
checklists are all built from these, so what staff are told is missing is exactly what the
services test.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.archive import current

from .models import Approval, CandidateCity, Document
from .timeline import last_step


@dataclass(frozen=True, eq=False)  # compared by identity: labels change with the language
class Requirement:
    label: str
    check: Callable
    fix: str = ""  # the id of the field or inline on the proposal's admin page that meets it
    # Asked for on the page of a step that records the agreement (Transition.needs_agreement):
    # missing before that page, it does not keep the page from being opened.
    asked_with_agreement: bool = False

    def problem(self, proposal):
        missing = self.check(proposal)
        return None if missing is None else f"{self.label}: {missing}"


MISSING = _("missing")


def _present(value):
    return None if value else MISSING


def _dated_document(kind):
    def check(proposal):
        documents = [d for d in current(proposal.documents.all()) if d.kind == kind]
        if not documents:
            return MISSING
        if not any(d.dated for d in documents):
            return _("uploaded, but its date is not recorded")
        return None

    return check


def _signed_agreement(proposal):
    """Its date is the signing's: after the offer, not in the future, and (while it is still to
    be signed) not before the step recorded last, or the timeline would go back in time."""
    missing = _dated_document(Document.Kind.AGREEMENT)(proposal)
    if missing:
        return missing
    latest = max(d.dated for d in current(proposal.documents.all())
                 if d.kind == Document.Kind.AGREEMENT and d.dated)  # fmt: skip
    dated = {"date": date_format(latest, "DATE_FORMAT")}
    if proposal.offered_on and latest < proposal.offered_on:
        return _("dated %(date)s, before the offer") % dated
    if latest > timezone.localdate():
        return _("dated %(date)s, in the future") % dated
    previous = last_step(proposal)
    if (
        proposal.signed_on is None
        and previous
        and latest < timezone.localdate(previous.occurred_at)
    ):
        return _("dated %(date)s, before the last recorded step (%(step)s): check its date") % {
            **dated,
            "step": date_format(timezone.localdate(previous.occurred_at), "DATE_FORMAT"),
        }
    return None


def _approval(kind):
    def check(proposal):
        approval = next((a for a in current(proposal.approvals.all()) if a.kind == kind), None)
        if approval is None:
            return MISSING
        gaps = [
            str(label)
            for label, value in [
                (_("no reference number"), approval.reference_number),
                (_("no date"), approval.issued_on),
                (_("no document"), approval.document),
            ]
            if not value
        ]
        return ", ".join(gaps) or None

    return check


def _selected_candidate(proposal):
    selected = [c for c in current(proposal.candidates.all())
                if c.state == CandidateCity.State.SELECTED]  # fmt: skip
    return None if selected else _("no candidate city is selected")


PARTNER_COUNTRY = Requirement(
    _("Partner country"), lambda p: _present(p.partner_country), "id_partner_country"
)
# The sector picker's script renames the field's own element; its fieldset's heading stays.
FOCUS_SECTOR = Requirement(
    _("Focus sector"), lambda p: _present(p.sectors.exists()), "fieldset-0-1-heading"
)
CONSULATE = Requirement(_("Handling consulate"), lambda p: _present(p.consulate_id), "id_consulate")
SELECTED_CITY = Requirement(_("Selected partner city"), _selected_candidate, "candidates-group")
LETTER_OF_INTENT = Requirement(
    _("Letter of intent"), _dated_document(Document.Kind.LETTER_OF_INTENT), "documents-group"
)
PLAN_OF_ACTION = Requirement(
    _("Plan of action"), _dated_document(Document.Kind.PLAN_OF_ACTION), "documents-group"
)
SIGNED_AGREEMENT = Requirement(_("Signed agreement"), _signed_agreement, "documents-group")
# The four gates of PP 28/2018 and Permendagri 25/2020 before a mayor may sign abroad.
APPROVALS = tuple(
    Requirement(kind.label, _approval(kind), "approvals-group") for kind in Approval.Kind
)


def _term_recorded(proposal):
    if proposal.term_indefinite:
        return _("the agreement has no end date: there is no term to renew")
    if proposal.signed_on and proposal.term_years:
        return None
    return _("the signing date or the term in years is not recorded")


SIGNATORY_LABELS = {
    "city_signatory_name": _("the name of Kupang's signatory"),
    "city_signatory_office": _("the office of Kupang's signatory"),
    "partner_signatory_name": _("the name of the partner city's signatory"),
    "partner_signatory_office": _("the office of the partner city's signatory"),
}


def _signatories(proposal):
    missing = [str(SIGNATORY_LABELS[field]) for field in proposal.missing_signatories()]
    # ", " in the reader's language (Japanese writes "、").
    return (
        (_("not recorded: %(what)s") % {"what": gettext(", ").join(missing)}) if missing else None
    )


def _term_set(proposal):
    if proposal.term_indefinite and proposal.term_years:
        return _("give either the term in years or no end date, not both")
    if proposal.term_indefinite or proposal.term_years:
        return None
    return _("give the term in years, or say the agreement has no end date")


SIGNATORIES = Requirement(
    _("Signatories of both sides"), _signatories, "id_city_signatory_name_ind",
    asked_with_agreement=True,
)  # fmt: skip
TERM_SET = Requirement(
    _("Term of the agreement"), _term_set, "id_term_years", asked_with_agreement=True
)


def unused_renewal_document(proposal):
    """The newest dated renewal agreement that no renewal has been recorded with yet."""
    return (
        Document.objects.current()
        .filter(proposal=proposal, kind=Document.Kind.RENEWAL, dated__isnull=False,
                renewal__isnull=True)
        .order_by("-dated", "-pk")
        .first()
    )  # fmt: skip


def _renewal_agreement(proposal):
    missing = _dated_document(Document.Kind.RENEWAL)(proposal)
    if missing:
        return missing
    document = unused_renewal_document(proposal)
    if document is None:
        return _("each one on record was used by an earlier renewal: upload the new one")
    if proposal.signed_on and document.dated < proposal.signed_on:
        return _("dated %(date)s, before the signing") % {
            "date": date_format(document.dated, "DATE_FORMAT")
        }
    return None


AGREEMENT_TERM = Requirement(_("Agreement term"), _term_recorded, "id_term_years")
RENEWAL_AGREEMENT = Requirement(_("Renewal agreement"), _renewal_agreement, "documents-group")


def approval_checklist(proposal):
    """Each required approval: its label, what is missing, and the record (for its scan)."""
    recorded = {a.kind: a for a in proposal.approvals.all()}
    return [
        (requirement.label, requirement.check(proposal), recorded.get(kind))
        for requirement, kind in zip(APPROVALS, Approval.Kind, strict=True)
    ]
