"""What a proposal's admin page shows open, folded, or not at all, by the proposal's stage.

A new draft needs a reference, a title and what the offer's step asks for (the partner country,
a focus sector, the consulate); everything else comes later. A proposal in exploration needs
its candidates; one seeking approvals its approvals and documents; a signed one its agreement.
What the stage does not need is folded (Django draws a folded section as <details>, which opens
without JavaScript), never removed: a staff member can always reach every field.
"""

from django.utils.translation import gettext_lazy as _

from ..models import Proposal
from ..stages import CLOSED

S = Proposal.Status
EXPLORING = {S.DRAFT, S.OFFERED, S.EXPLORING}
AGREEING = {S.LOI_SIGNED, S.APPROVING}
AGREED = {S.SIGNED, S.ACTIVE, S.DORMANT, S.ENDED}
FOLDED = ["collapse"]

# seen_version is hidden: it carries the version the page was opened on (stale edits).
ADD_FIELDSETS = [
    (None, {"fields": ["reference", "slug", "title", "summary", "seen_version"]}),
    (
        _("Partner"),
        {
            "fields": ["partner_country", "consulate", "sectors"],
            "description": _("What making the offer needs; the rest is asked for later."),
        },
    ),
]

AGREEMENT_FIELDS = [
    "city_signatory_name", "city_signatory_office", "partner_signatory_name",
    "partner_signatory_office", "term_years", "term_indefinite", "signatories",
]  # fmt: skip


def fieldsets_for(proposal):
    """The change page's sections for a proposal at its present stage."""
    status = proposal.status
    dates = ["status", "offered_on", "published"]
    if status in AGREED:
        dates.insert(2, "signed_on")
    if status in CLOSED:
        dates.insert(1, "closing_reason")
    return [
        (None, {"fields": ["reference", "slug", "title", "summary", "seen_version"]}),
        (_("Partner"), {"fields": ["partner_country", "consulate", "partner_city", "sectors"]}),
        (_("Status and dates"), {"fields": dates}),
        (
            _("Agreement"),
            {"fields": AGREEMENT_FIELDS, "classes": [] if status in AGREED else FOLDED},
        ),
        # After the agreement: the sections linked by number ("fieldset-0-3-heading") keep it.
        (_("Full text"), {"fields": ["body"], "classes": FOLDED}),
        (_("Notifications"), {"fields": ["followers"], "classes": FOLDED}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": FOLDED}),
    ]


# Inline model name -> the stages in which its rows are open; elsewhere they are folded.
OPEN_ROWS = {
    "candidatecity": {S.OFFERED, S.EXPLORING},
    "approval": AGREEING,
    "document": EXPLORING | AGREEING | AGREED,
    "agreementrenewal": {S.ACTIVE, S.DORMANT},
}
# Shown only from these stages: before them there can be nothing to show or add.
SHOWN_FROM = {"agreementrenewal": AGREED}


def inlines_for(inlines, proposal):
    """The inline sections for the page: none while adding (a draft is saved first), then each
    open or folded by the proposal's stage."""
    if proposal is None:
        return []
    shown = []
    for inline in inlines:
        name = inline.model._meta.model_name
        if name in SHOWN_FROM and proposal.status not in SHOWN_FROM[name]:
            continue
        opened = proposal.status in OPEN_ROWS.get(name, ())
        inline.classes = [c for c in (inline.classes or []) if c != "collapse"]
        if not opened:
            inline.classes.append("collapse")
        shown.append(inline)
    return shown
