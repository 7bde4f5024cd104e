"""The city staff's admin for delegation visits: one page records a whole visit."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from partnerships.admin import DocumentInline

from .models import Commitment, Delegate, Visit
from .services import CLOSING_STATES, CommitmentRefused, commitment_close


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
class VisitAdmin(SimpleHistoryAdmin, TranslationAdmin):
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


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


class CloseCommitmentForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in CLOSING_STATES],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["description", "owner", "due_on", "state", "visit", "proposal"]
    list_filter = [OverdueFilter, "state"]
    search_fields = ["description", "owner"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["visit", "proposal"]
    readonly_fields = ["closed_on", "closing_note"]
    list_select_related = ["visit", "proposal"]

    def get_urls(self):
        close = path(
            "<path:object_id>/close/",
            self.admin_site.admin_view(self.close_view),
            name="delegations_commitment_close",
        )
        return [close, *super().get_urls()]

    def close_view(self, request, object_id):
        commitment = get_object_or_404(Commitment, pk=object_id)
        if not self.has_change_permission(request, commitment):
            raise PermissionDenied
        form = CloseCommitmentForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                commitment_close(commitment=commitment, by=request.user, **form.cleaned_data)
            except CommitmentRefused as refusal:
                for problem in refusal.problems:
                    messages.error(request, problem)
            else:
                messages.success(request, _("The commitment is closed."))
                return redirect(reverse("admin:index"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": commitment,
            "form": form,
            "title": _("Close a commitment"),
            "overdue": commitment.due_on and commitment.due_on < timezone.localdate(),
        }
        return TemplateResponse(request, "admin/delegations/commitment/close.html", context)
