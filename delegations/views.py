"""Public visit pages: only published visits exist here."""

from django.db.models import Prefetch
from django.views.generic import DetailView

from partnerships.models import Proposal

from .models import Visit


class VisitDetailView(DetailView):
    def get_queryset(self):
        return Visit.objects.published().prefetch_related(
            "delegates",
            "commitments",
            "sectors",
            Prefetch("proposals", queryset=Proposal.objects.public()),
        )
