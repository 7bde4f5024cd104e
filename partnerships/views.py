"""Public pages. Every queryset here goes through `.public()`: drafts and unpublished rows 404."""

from django.views.generic import DetailView, TemplateView

from delegations.models import Visit

from .models import FocusSector, PartnerCity, Proposal


class HomeView(TemplateView):
    template_name = "partnerships/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            proposals=Proposal.objects.public().select_related("partner_city"),
            visits=Visit.objects.published()[:5],
            sectors=FocusSector.objects.all(),
            **kwargs,
        )


class ProposalDetailView(DetailView):
    def get_queryset(self):
        return (
            Proposal.objects.public()
            .select_related("consulate", "partner_city")
            .prefetch_related("sectors")
        )


class FocusSectorDetailView(DetailView):
    model = FocusSector

    def get_context_data(self, **kwargs):
        proposals = Proposal.objects.public().filter(sectors=self.object)
        return super().get_context_data(proposals=proposals, **kwargs)


class PartnerCityDetailView(DetailView):
    def get_queryset(self):
        return PartnerCity.objects.prefetch_related("strengths")
