"""The city staff's admin for delegation visits: one page records a whole visit."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from partnerships.admin import DocumentInline

from .models import Commitment, Delegate, Visit


class DelegateInline(TranslationTabularInline):
    model = Delegate
    extra = 0
    fields = ["side", "order", "name", "title", "organisation", "email", "phone"]


class CommitmentInline(TranslationTabularInline):
    model = Commitment
    extra = 0
    fields = ["description", "owner", "due_on", "state", "proposal"]
    autocomplete_fields = ["proposal"]


@admin.register(Visit)
class VisitAdmin(TranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "direction", "place", "published"]
    list_filter = ["direction", "published", "sectors"]
    search_fields = ["title", "place", "host", "visiting_mission"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["proposals"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ("title",)}
    inlines = [DelegateInline, CommitmentInline, DocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "direction", "starts_on", "ends_on", "published"]}),
        (_("Who and where"), {"fields": ["place", "host", "visiting_mission"]}),
        (_("What happened"), {"fields": ["purpose", "highlights", "report"]}),
        (_("Related"), {"fields": ["proposals", "sectors"]}),
    ]


@admin.register(Delegate)
class DelegateAdmin(TranslationAdmin):
    list_display = ["name", "title", "organisation", "side", "visit"]
    list_filter = ["side"]
    search_fields = ["name", "title", "organisation"]
    autocomplete_fields = ["visit"]
    list_select_related = ["visit"]


@admin.register(Commitment)
class CommitmentAdmin(TranslationAdmin):
    list_display = ["description", "owner", "due_on", "state", "visit", "proposal"]
    list_filter = ["state"]
    search_fields = ["description", "owner"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["visit", "proposal"]
    list_select_related = ["visit", "proposal"]
