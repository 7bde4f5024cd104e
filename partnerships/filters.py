"""The filters of the public proposals list: ?sector=, ?status=, ?country=, ?q=."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .countries import COUNTRY_CHOICES
from .models import FocusSector, Proposal

PUBLIC_STATUSES = [(s.value, s.label) for s in Proposal.Status if s != Proposal.Status.DRAFT]
SEARCHED_FIELDS = ["reference", "title_ind", "title_en", "title_ja", "summary_ind", "summary_en",
                   "summary_ja", "partner_city__name_ind", "partner_city__native_name"]  # fmt: skip


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
        # icontains works for Japanese text too, on SQLite and PostgreSQL alike.
        condition = Q()
        for field in SEARCHED_FIELDS:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)
