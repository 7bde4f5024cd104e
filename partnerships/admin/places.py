"""Places and people: sectors, provinces, partner cities, consulates, liaisons, profiles."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from core.admin.history import PortalHistoryAdmin
from core.admin.named_inputs import NamedInputs

from ..models import Consulate, FocusSector, Liaison, PartnerCity, Profile, Province
from .archive import RefusesDeletionInUse


@admin.register(FocusSector)
class FocusSectorAdmin(RefusesDeletionInUse, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Province)
class ProvinceAdmin(RefusesDeletionInUse, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(PartnerCity)
class PartnerCityAdmin(RefusesDeletionInUse, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "native_name", "country", "region", "population", "is_coastal"]
    list_filter = ["country", "is_coastal", "is_island", "strengths"]
    search_fields = ["name", "native_name", "region"]
    filter_horizontal = ["strengths"]
    prepopulated_fields = {"slug": ("name",)}


class LiaisonInline(NamedInputs, admin.TabularInline):
    model = Liaison
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Consulate)
class ConsulateAdmin(RefusesDeletionInUse, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "seat", "country"]
    list_filter = ["country"]
    search_fields = ["name", "seat"]
    filter_horizontal = ["jurisdiction"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [LiaisonInline]


@admin.register(Liaison)
class LiaisonAdmin(PortalHistoryAdmin):
    list_display = ["user", "consulate"]
    list_filter = ["consulate"]
    search_fields = ["user__username", "user__email", "consulate__name"]
    autocomplete_fields = ["user", "consulate"]


@admin.register(Profile)
class ProfileAdmin(PortalHistoryAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
