"""The texts of this app's public records that the translation desk checks."""

from core.translation_desk import Checked, register_checked

from .models import Consulate, Document, FocusSector, PartnerCity, Proposal, ProposalEvent
from .models.proposals import SIGNATORY_FIELD_NAMES


def register():
    register_checked(
        Checked("proposal", Proposal,
                ("title", "summary", "body", "closing_reason", "signatories",
                 *SIGNATORY_FIELD_NAMES),
                lambda: Proposal.objects.public()),
        Checked("event", ProposalEvent, ("title", "note"), lambda: ProposalEvent.objects.public(),
                related=("proposal",)),
        Checked("document", Document, ("title",), lambda: Document.objects.public()),
        Checked("sector", FocusSector, ("name", "description"),
                lambda: FocusSector.objects.public()),
        Checked("city", PartnerCity,
                ("name", "region", "summary", "existing_ties", "facts_source"),
                lambda: PartnerCity.objects.public()),
        Checked("consulate", Consulate, ("name",), lambda: Consulate.objects.public()),
    )  # fmt: skip
