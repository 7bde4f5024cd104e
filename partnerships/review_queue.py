"""The liaison workspace's queue, `/<lang>/review/`: what awaits the mission first, then every
proposal routed to it, a page at a time, by stage and by search.

A mission may have thousands of proposals: the page reads the few it shows, and counts the rest
in the database (one grouped count for the stages, subqueries for each row's open questions).
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from core import fragments
from core.text_search import contains_any

from .models import CandidateCity, Comment, Proposal
from .permissions import is_city_staff, liaison_consulate
from .review import reviewable, reviewer_required

AWAITING_SHOWN = 10
PER_PAGE = 25
AWAITING = "awaiting"


def _count_of(queryset):
    counted = queryset.order_by().values("proposal").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _open_requests():
    return Comment.objects.current().filter(
        proposal=OuterRef("pk"), is_request=True, answered_at=None
    )


def _pending_candidates():
    return CandidateCity.objects.awaiting_decision().filter(proposal=OuterRef("pk"))


def with_open_questions(proposals):
    """Each proposal with its unanswered requests and undecided suggestions, counted apart (a
    join of both would multiply the rows)."""
    return proposals.annotate(
        open_requests=_count_of(_open_requests()),
        pending_candidates=_count_of(_pending_candidates()),
    )


def awaiting_attention(proposals):
    # EXISTS rather than the counts above: PostgreSQL reads each subquery once into a hash
    # instead of counting per proposal (at 10,000 proposals 30-45 ms per query before).
    return proposals.filter(
        Q(status=Proposal.Status.OFFERED)
        | Q(Exists(_open_requests()))
        | Q(Exists(_pending_candidates()))
    )


def _search(proposals, text):
    text = text.strip()
    if not text:
        return proposals
    return proposals.filter(contains_any(["reference", "title_ind", "title_en", "title_ja"], text))


def stage_choices(counts, awaiting_count):
    choices = [("", _("All stages"), sum(counts.values())), (AWAITING, _("Awaiting attention"),
               awaiting_count)]  # fmt: skip
    choices += [(s.value, s.label, counts[s.value]) for s in Proposal.Status if counts.get(s.value)]
    return choices


@require_GET
@reviewer_required
def queue(request):
    is_staff = is_city_staff(request.user)
    consulate = None if is_staff else liaison_consulate(request.user)
    wanted = {name: request.GET.get(name, "") for name in ("stage", "q", "page")}
    # The same for every liaison of the mission (or every staff member): kept for them all until
    # a proposal, a candidacy or the discussion changes.
    body = fragments.kept(
        "review-queue",
        ["staff" if is_staff else consulate.pk, *wanted.values()],
        lambda: render_to_string(
            "partnerships/review/_queue.html", _queue_context(request, is_staff, consulate)
        ),
        internal=True,
    )
    return render(request, "partnerships/review/queue.html", {"queue": body})


def _queue_context(request, is_staff, consulate):
    mine = with_open_questions(
        reviewable(request.user).select_related("consulate").order_by("-offered_on", "reference")
    )
    awaiting = awaiting_attention(mine)
    counts = dict(mine.order_by().values_list("status").annotate(n=Count("pk")))
    awaiting_count = awaiting.count()

    stage = request.GET.get("stage", "")
    search = request.GET.get("q", "")
    chosen = {"": mine, AWAITING: awaiting}[stage] if stage in ("", AWAITING) else None
    if chosen is None:
        chosen = mine.filter(status=stage)
    page = Paginator(_search(chosen, search), PER_PAGE).get_page(request.GET.get("page"))
    # Only what the part is kept under goes into its links.
    query = {name: request.GET[name] for name in ("stage", "q") if request.GET.get(name)}
    return {
        "awaiting": awaiting[:AWAITING_SHOWN],
        "awaiting_count": awaiting_count,
        "stages": stage_choices(counts, awaiting_count),
        "stage": stage,
        "search": search,
        "page_obj": page,
        "query_without_page": urlencode(query),
        "is_staff": is_staff,
        "consulate": consulate,
    }
