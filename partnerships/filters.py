"""The filters of the public proposals list: ?sector=, ?status=, ?country=, ?q=."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from . import search
from .countries import COUNTRY_CHOICES
from .models import FocusSector, Proposal

PUBLIC_STATUSES = [(s.value, s.label) for s in Proposal.Status if s != Proposal.Status.DRAFT]


class ProposalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        to_field_name="slug",
        queryset=FocusSector.objects.all(),
        empty_label=_("All sectors"),
        method="in_sector",
    )
    status = django_filters.ChoiceFilter(
        label=_("Stage"), choices=PUBLIC_STATUSES, empty_label=_("All stages")
    )
    country = django_filters.ChoiceFilter(
        label=_("Partner country"),
        field_name="partner_country",
        choices=COUNTRY_CHOICES,
        empty_label=_("All countries"),
    )

    class Meta:
        model = Proposal
        fields = ["q", "sector", "status", "country"]

    def in_sector(self, queryset, name, sector):
        # A subquery, not a join: each proposal once, so the list needs no DISTINCT (which made
        # the database sort every column of every row, long texts included).
        tagged = Proposal.sectors.through.objects.filter(
            proposal=OuterRef("pk"), focussector=sector
        )
        return queryset.filter(Exists(tagged))

    def search(self, queryset, name, value):
        return search.matching(queryset, value.strip())
