"""A national-scale data set, seeded in seconds with bulk inserts: the size the portal would reach
if every Indonesian region kept its partnerships abroad here.

Everything is clearly fictional (titles say so) and published, so that the public pages, feeds,
exports and sitemap all have their full weight. `seed()` is tested on a tiny set; `make bench`
calls it with the national sizes.
"""

import datetime
import itertools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from core.content_version import content_changed

BATCH = 2_000
STAGES = ["offered", "exploring", "loi_signed", "approving", "signed", "active"]
# Region prefixes for references: a prefix, a year and three digits allow 999 per prefix a year.
PREFIXES = ["KPG", "SBY", "MDN", "MKS", "DPS", "PLB", "BDG", "SMG", "PTK", "BPN", "MND", "AMB"]


@dataclass(frozen=True)
class Sizes:
    proposals: int = 10_000
    events_per_proposal: int = 10
    cities: int = 1_800
    visits: int = 2_000
    delegates_per_visit: int = 10
    comments_per_proposal: int = 1
    candidates_per_proposal: int = 2


def references():
    for prefix in PREFIXES:
        for year in range(2000, 2027):
            for number in range(1, 1000):
                yield f"{prefix}-{year}-{number:03d}"


def _in_batches(model, rows):
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH)
    return created


def seed(sizes=Sizes(), consulate=None):
    """Add the data set beside what is there; returns the number of rows written per model."""
    written = _write(sizes, consulate)
    # Bulk inserts send no signals: pages kept from before the seed must go.
    content_changed()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # A live database knows its tables' sizes; without these statistics PostgreSQL plans
        # the feed's query as if the tables were empty (16 s instead of 20 ms at this size).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return written


@transaction.atomic
def _write_cities(sizes):
    from partnerships.models import PartnerCity

    # Slugs continue after an earlier run's.
    first = PartnerCity.objects.filter(slug__startswith="bench-city-").count()
    return _in_batches(PartnerCity, [
        PartnerCity(slug=f"bench-city-{first + n}", name=f"Bench city {first + n}",
                    name_ind=f"Bench city {first + n}", country="JP",
                    population=50_000 + n * 97, is_coastal=n % 3 == 0, is_island=n % 7 == 0)
        for n in range(sizes.cities)
    ])  # fmt: skip


def _write_proposals(sizes, consulate, cities, today):
    from partnerships.models import FocusSector, Proposal

    taken = set(Proposal.objects.values_list("reference", flat=True))
    free = (r for r in references() if r not in taken)
    proposals = _in_batches(Proposal, [
        Proposal(reference=reference, slug=f"bench-{reference.lower()}",
                 title=f"[Fictional] Partnership {reference}",
                 title_ind=f"[Fiktif] Kemitraan {reference}",
                 title_en=f"[Fictional] Partnership {reference}",
                 summary_ind="Usulan fiktif untuk mengukur portal.",
                 summary="Usulan fiktif untuk mengukur portal.",
                 partner_country="JP", consulate=consulate, published=True,
                 status=STAGES[n % len(STAGES)],
                 offered_on=today - datetime.timedelta(days=n % 3650),
                 partner_city=cities[n % len(cities)] if n % len(STAGES) >= 2 else None)
        for n, reference in zip(range(sizes.proposals), free, strict=False)
    ])  # fmt: skip
    sectors = list(FocusSector.objects.all())
    through = Proposal.sectors.through
    _in_batches(through, [
        through(proposal_id=p.pk, focussector_id=sectors[(n + k) % len(sectors)].pk)
        for n, p in enumerate(proposals) for k in range(1 + n % 2)
    ])  # fmt: skip
    return proposals


def _write_deliberation(sizes, proposals, cities):
    """Each proposal's timeline, internal comments and candidate cities."""
    from partnerships.models import CandidateCity, Comment, ProposalEvent

    author = get_user_model().objects.get_or_create(username="bench-liaison")[0]
    now = timezone.now()
    events = _in_batches(ProposalEvent, [
        ProposalEvent(proposal=p, title=f"Step {k} of {p.reference}",
                      title_ind=f"Langkah {k} {p.reference}", note="Fictional note.",
                      note_ind="Catatan fiktif.", is_public=k % 3 != 0,
                      occurred_at=now - datetime.timedelta(hours=n * 7 + k))
        for n, p in enumerate(proposals) for k in range(sizes.events_per_proposal)
    ])  # fmt: skip
    comments = _in_batches(Comment, [
        Comment(proposal=p, author=author, body=f"Internal remark {k} on {p.reference}.",
                is_request=k == 0)
        for p in proposals for k in range(sizes.comments_per_proposal)
    ])  # fmt: skip
    candidates = _in_batches(CandidateCity, [
        CandidateCity(proposal=p, city=cities[(n * 7 + k) % len(cities)],
                      rationale="Fictional rationale.", state="shortlisted" if k else "suggested")
        for n, p in enumerate(proposals) for k in range(min(sizes.candidates_per_proposal,
                                                            len(cities)))
    ])  # fmt: skip
    return {"events": len(events), "comments": len(comments), "candidates": len(candidates)}


def _write_visits(sizes, proposals, today):
    from delegations.models import Delegate, Visit

    first = Visit.objects.filter(slug__startswith="bench-visit-").count()
    visits = _in_batches(Visit, [
        Visit(slug=f"bench-visit-{first + n}", title=f"[Fictional] Visit {n}",
              title_ind=f"[Fiktif] Kunjungan {n}", place="City hall", place_ind="Balai kota",
              host="City of Kupang", visiting_mission="Bench mission", published=True,
              starts_on=today - datetime.timedelta(days=n),
              ends_on=today - datetime.timedelta(days=n))
        for n in range(sizes.visits)
    ])  # fmt: skip
    links = Visit.proposals.through
    _in_batches(links, [links(visit_id=v.pk, proposal_id=proposals[n % len(proposals)].pk)
                        for n, v in enumerate(visits)] if proposals else [])  # fmt: skip
    delegates = _in_batches(Delegate, [
        Delegate(visit=v, name=f"Delegate {k}", side="host", order=k)
        for v, k in itertools.product(visits, range(sizes.delegates_per_visit))
    ])  # fmt: skip
    return {"visits": len(visits), "delegates": len(delegates)}


def _write(sizes, consulate):
    from partnerships.models import Consulate

    consulate = (
        consulate
        or Consulate.objects.get_or_create(
            slug="bench-denpasar", defaults={"name": "Bench consulate", "seat": "Denpasar"}
        )[0]
    )
    today = timezone.localdate()
    cities = _write_cities(sizes)
    proposals = _write_proposals(sizes, consulate, cities, today)
    return {
        "cities": len(cities), "proposals": len(proposals),
        **_write_deliberation(sizes, proposals, cities),
        **_write_visits(sizes, proposals, today),
    }  # fmt: skip
