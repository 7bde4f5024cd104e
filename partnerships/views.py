"""Public pages. Every queryset here starts from `.public()` / `.published()`: drafts, unpublished
rows, internal events and private documents answer 404 and appear in no list."""

from django.db.models import CharField, Count, F, Prefetch, Q, Value, Window
from django.db.models.functions import Coalesce, NullIf, RowNumber
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from core import change_dates
from core.content_version import record_tag
from core.files import serve_file
from core.page_cache import last_modified, shows_records
from core.texts import source_language

from . import search
from .filters import ProposalFilter
from .follow_views import FollowForm
from .models import (
    AgreementRenewal,
    CandidateCity,
    Document,
    FocusSector,
    PartnerCity,
    Proposal,
    ProposalEvent,
)
from .models.proposals import LISTING_ORDER
from .sections import public_sections
from .stages import MEANING, PATH, standing, stepper

STAGES_ON_HOME = 4


class HomeView(TemplateView):
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        public = Proposal.objects.public()
        totals = dict(public.order_by().values_list("status").annotate(n=Count("pk")))
        # The newest few of each stage in one query, however many proposals there are. The
        # stages are ranked over ids, dates and references only, then the few whole rows read:
        # ranking whole rows sorted every column of every public proposal.
        newest_of_each_stage = (
            public.order_by()
            .annotate(
                place=Window(
                    RowNumber(),
                    partition_by=F("status"),
                    order_by=[F("is_sample").asc(), F("offered_on").desc(), F("reference").asc()],
                )
            )
            .filter(place__lte=STAGES_ON_HOME)
            .values_list("pk", flat=True)
        )
        # The few ids first: as a subquery, PostgreSQL joined every whole row to its city and
        # consulate before keeping the few (10 ms of the page at 10,000 proposals).
        newest = list(
            public.for_listing().filter(pk__in=list(newest_of_each_stage)).order_by(*LISTING_ORDER)
        )
        stages = [
            (status, [p for p in newest if p.status == status], totals[status])
            for status in Proposal.Status
            if totals.get(status)
        ]
        return super().get_context_data(
            stages=stages,
            proposal_count=sum(totals.values()),
            sections=public_sections(None, page="home"),
            sectors=FocusSector.objects.annotate(
                public_count=Count("proposals", filter=Q(proposals__in=Proposal.objects.public()))
            ),
            **kwargs,
        )


class ProposalListView(ListView):
    paginate_by = 20

    def get_queryset(self):
        self.filterset = ProposalFilter(
            self.request.GET,
            queryset=Proposal.objects.public().for_listing().order_by(*LISTING_ORDER),
        )
        return self.filterset.qs

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # A list for a filter value that does not exist, or a search that finds nothing, is not
        # worth a copy in the page cache (nor an open door to filling it with made-up words).
        response.may_be_kept = self.filterset.is_valid() and (
            not self.searched_text() or context["paginator"].count > 0
        )
        return response

    def paginate_queryset(self, queryset, page_size):
        if not self.searched_text():
            return super().paginate_queryset(queryset, page_size)
        # A ranked search sorts every proposal it finds (all of them, for a common word): the
        # ranking reads ids alone, then the page's whole rows are read.
        ids = queryset.prefetch_related(None).values_list("pk", flat=True)
        paginator, page, ids, more = super().paginate_queryset(ids, page_size)
        rows = Proposal.objects.public().for_listing().in_bulk(list(ids))
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        return paginator, page, page.object_list, more

    def searched_text(self):
        if not self.filterset.is_valid():
            return ""
        return (self.filterset.form.cleaned_data.get("q") or "").strip()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        # A value no filter knows (an old link, a typo) is said plainly above the list, which
        # is then not filtered by it.
        form = self.filterset.form
        unknown = [(form[name].label, self.request.GET.get(name, "")) for name in form.errors]
        context = super().get_context_data(
            filterset=self.filterset, query_without_page=query.urlencode(),
            unknown_filters=unknown, **kwargs,
        )  # fmt: skip
        if text := self.searched_text():
            # Each result shows where the words were found.
            passages = search.passages(context["object_list"], text)
            for proposal in context["object_list"]:
                proposal.search_passage = passages.get(proposal.pk)
                # Read in the fallback order, as the page reads the summary: say its language.
                proposal.search_passage_language = source_language(proposal, "summary")
        return context


class ProposalDetailView(DetailView):
    def get_object(self, queryset=None):
        # The page's date is read before what it shows (core/change_dates.py).
        self.shared_changed_at = change_dates.shared_changed_at()
        return super().get_object(queryset)

    def get_queryset(self):
        return change_dates.with_own_change_dates(
            Proposal.objects.public()
            .select_related("consulate", "partner_city")
            .prefetch_related(
                "sectors",
                Prefetch(
                    "events",
                    ProposalEvent.objects.on_public_timeline(),
                    to_attr="public_events",
                ),
                Prefetch(
                    "candidates",
                    CandidateCity.objects.public().select_related("city"),
                    to_attr="public_candidates",
                ),
                Prefetch("documents", Document.objects.public(), to_attr="public_documents"),
                Prefetch(
                    "renewals",
                    AgreementRenewal.objects.public(),
                    to_attr="public_renewals",
                ),
            )
        )

    def get_context_data(self, **kwargs):
        proposal = self.object
        # Its own rows are filed under it (PartnershipsConfig); cities, sectors, visits and
        # activities are shared: a change elsewhere leaves this page kept.
        shows_records(self.request, record_tag(Proposal, proposal.pk))
        sections = public_sections(proposal)
        # A section may say when it last had public news (an activity recorded): a working
        # partnership is not called quiet for lack of timeline steps.
        news = [context.get("last_update") for _template, context in sections]
        return super().get_context_data(
            stages=stepper(proposal, proposal.public_events),
            standing=standing(proposal, proposal.public_events, other_moments=news),
            meanings=[(status.label, MEANING[status]) for status in PATH],
            follow_form=FollowForm(initial={"language": get_language()}),
            sections=sections,
            aside_sections=public_sections(proposal, page="proposal_aside"),
            path=PATH,
            **kwargs,
        )

    def render_to_response(self, context, **kwargs):
        changed_at = change_dates.page_date(self.object.own_changed_at, self.shared_changed_at)
        return last_modified(super().render_to_response(context, **kwargs), changed_at)


def _public_count(relation):
    return Count(relation, filter=Q(**{f"{relation}__in": Proposal.objects.public()}))


class FocusSectorListView(ListView):
    """Every focus sector, what it covers and how many published proposals are in it."""

    template_name = "partnerships/focussector_list.html"

    def get_queryset(self):
        return FocusSector.objects.annotate(public_count=_public_count("proposals"))


class PartnerCityListView(ListView):
    """The register of partner cities on record, by the name the reader knows, a page at a
    time, each with how many published proposals it is the partner of. It shows no candidacy:
    a city only suggested is the missions' deliberation (city pages list the public ones)."""

    template_name = "partnerships/partnercity_list.html"
    paginate_by = 50

    def get_queryset(self):
        # Real cities first: the demo's made-up partners come after them; by the name shown.
        cities = PartnerCity.objects.annotate(public_count=_public_count("proposals"))
        shown = F("name_ind")
        if get_language() == "ja":
            shown = Coalesce(
                NullIf("name_ja", Value("")), NullIf("native_name", Value("")), "name_ind",
                output_field=CharField(),
            )  # fmt: skip
        return cities.order_by("is_sample", shown, "pk")


class FocusSectorDetailView(DetailView):
    model = FocusSector
    shown = 20

    def get_context_data(self, **kwargs):
        proposals = Proposal.objects.public().filter(sectors=self.object)
        return super().get_context_data(
            proposals=proposals.for_listing().order_by(*LISTING_ORDER)[: self.shown],
            proposal_total=proposals.count(),
            sections=public_sections(self.object, page="sector"),
            **kwargs,
        )


class PartnerCityDetailView(DetailView):
    # A city may partner or be candidate in many proposals across the country: the newest few
    # of each, and how many there are.
    shown = 20

    def get_queryset(self):
        return PartnerCity.objects.prefetch_related("strengths")

    def get_context_data(self, **kwargs):
        partner_of = Proposal.objects.public().filter(partner_city=self.object)
        candidate_for = (
            CandidateCity.objects.public()
            .filter(city=self.object)
            .exclude(proposal__partner_city=self.object)
        )
        return super().get_context_data(
            partner_of=partner_of.for_listing().order_by(*LISTING_ORDER)[: self.shown],
            partner_total=partner_of.count(),
            candidate_for=candidate_for.select_related("proposal").order_by(
                "-proposal__offered_on", "proposal__reference"
            )[: self.shown],
            candidate_total=candidate_for.count(),
            sections=public_sections(self.object, page="city"),
            **kwargs,
        )


@require_safe
def document_download(request, pk):
    """Public documents are served here, never straight from the media folder."""
    return serve_file(get_object_or_404(Document.objects.public(), pk=pk).file)
