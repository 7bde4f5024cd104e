"""The city staff's admin for what a signed partnership produces."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from partnerships.admin.archive import ArchiveAdmin
from partnerships.admin.history import PortalHistoryAdmin

from .models import AFTER_SIGNING, Activity, Indicator, IndicatorValue


@admin.register(Activity)
class ActivityAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["title", "partnership", "kind", "starts_on", "ends_on", "state", "is_public"]
    list_filter = ["state", "kind", "is_public", "sectors", "budget_source"]
    search_fields = ["title", "place", "lead_home", "lead_partner", "partnership__reference"]
    date_hierarchy = "starts_on"
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "visits", "commitments"]
    filter_horizontal = ["sectors"]
    fieldsets = [
        (None, {"fields": ["partnership", "title", "kind", "sectors", "state", "is_public"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "place"]}),
        (_("Who"), {"fields": ["lead_home", "lead_partner", ("home_women", "home_men"),
                               ("partner_women", "partner_men")]}),
        (_("Budget"), {"fields": [("budget_idr", "budget_source")]}),
        (_("Result"), {"fields": ["outcome"]}),
        (_("Related"), {"fields": ["visits", "commitments"]}),
    ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "partnership":
            # Only signed partnerships have activities; the autocomplete offers those.
            field.queryset = field.queryset.filter(status__in=AFTER_SIGNING)
        return field


class IndicatorValueInline(TranslationTabularInline):
    model = IndicatorValue
    extra = 1
    fields = ["year", "value", "source", "progress_shown"]
    readonly_fields = ["progress_shown"]

    @admin.display(description=_("progress"))
    def progress_shown(self, measured):
        # Derived from the value, the baseline and the target: never typed in.
        if measured.pk is None:
            return "—"
        progress = measured.progress
        return "—" if progress is None else f"{progress:g} %"


@admin.register(Indicator)
class IndicatorAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "partnership", "sector", "unit", "baseline", "target", "is_public"]
    list_filter = ["sector", "is_public"]
    search_fields = ["name", "partnership__reference"]
    list_select_related = ["partnership", "sector"]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", "sector", "name", "unit", ("baseline", "baseline_year"), "target",
              "is_public"]  # fmt: skip
    inlines = [IndicatorValueInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "partnership":
            field.queryset = field.queryset.filter(status__in=AFTER_SIGNING)
        return field
