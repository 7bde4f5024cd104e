"""The partnership domain, in three modules: places and people, proposals and their lifecycle,
documents and discussion.

Text that citizens read (names, titles, summaries, bodies) is translated with modeltranslation;
see `partnerships/translation.py` for which fields get `_ind`, `_en` and `_ja` columns.
"""

from .agreement import AgreementRenewal, Approval
from .candidates import CandidateCity, publicly_named_cities
from .events import ProposalEvent
from .follows import Follower
from .places import (
    Consulate,
    FocusSector,
    Liaison,
    PartnerCity,
    Profile,
    Province,
    preferred_language,
)
from .proposals import Proposal
from .records import Comment, Document

__all__ = [
    "AgreementRenewal",
    "Approval",
    "CandidateCity",
    "Comment",
    "Consulate",
    "Document",
    "FocusSector",
    "Follower",
    "Liaison",
    "PartnerCity",
    "Profile",
    "Proposal",
    "ProposalEvent",
    "Province",
    "publicly_named_cities",
    "preferred_language",
]
