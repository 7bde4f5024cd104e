"""The parts of a review page that are the same for everyone who may review the proposal, kept
in the shared cache (core/fragments.py) instead of built on every reading: the proposal's own
record (its stepper, full timeline, approvals and documents) and the matching assistant."""

from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import render_to_string

from core import fragments
from core.content_version import record_tag

from . import candidates
from .matching import rank_cities
from .models import Approval, Document, Proposal, ProposalEvent
from .requirements import approval_checklist
from .stages import stepper

ASSISTANT_SHOWS = 10  # the best fits; the rest of the ranking helps nobody decide


def _with_own_rows(proposal):
    """Its steps, documents and approvals, as the kept parts show them."""
    prefetch_related_objects(
        [proposal],
        Prefetch("events", ProposalEvent.objects.current(), to_attr="all_events"),
        Prefetch("documents", Document.objects.current().order_by("kind", "-dated")),
        Prefetch("approvals", Approval.objects.current()),
    )
    return proposal


def assistant(request, proposal):
    """The matching assistant's best fits with their factors, the same for every reviewer of
    the proposal: kept until anything public changes (the ranking is, core/fragments.py)."""

    def build():
        # Ranking every city costs; past exploration nobody can act on it.
        context = {
            "proposal": proposal,
            "matches": rank_cities(proposal, best=ASSISTANT_SHOWS),
            "candidate_cities": {c.city_id for c in proposal.candidates.all()},
            "csrf_token": fragments.TOKEN,
        }
        return render_to_string("partnerships/review/_assistant.html", context)

    if proposal.status not in candidates.OPEN_FOR_CANDIDATES:
        return ""
    return fragments.with_token(fragments.kept("review-assistant", [proposal.pk], build), request)


def own_record(proposal):
    """The parts showing only the proposal's own rows (its steps, approvals and documents), the
    same for every reviewer: kept until one of them changes."""

    def build():
        shown = _with_own_rows(proposal)
        context = {
            "proposal": shown,
            "stages": stepper(shown, [e for e in shown.all_events if e.is_public]),
            "approvals": approval_checklist(shown),
        }
        return {part: render_to_string(template, context) for part, template in RECORD.items()}

    tag = record_tag(Proposal, proposal.pk)
    return fragments.kept("review-record", [proposal.pk], build, records=[tag])


RECORD = {
    "stepper": "partnerships/_stepper.html",
    "timeline": "partnerships/review/_timeline.html",
    "approvals": "partnerships/review/_approvals.html",
    "documents": "partnerships/review/_documents.html",
}
