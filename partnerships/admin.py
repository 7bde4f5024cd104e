"""The city staff's admin for partnerships. The status is read-only here: it only moves through
the lifecycle services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from . import discussion
from .admin_steps import ProposalStepsMixin
from .forms import AnswerForm
from .models import (
    Approval,
    CandidateCity,
    Comment,
    Consulate,
    Document,
    FocusSector,
    Liaison,
    PartnerCity,
    Profile,
    Proposal,
    ProposalEvent,
    Province,
)

admin.site.site_header = _("Kupang Sister-City Portal — staff")
admin.site.site_title = _("Kupang Sister-City Portal")
admin.site.index_title = _("Partnerships administration")


class StampsUserOnCreate:
    """Records the signed-in user as the one who created a row (author, actor, suggested by)."""

    user_field = None

    def save_model(self, request, obj, form, change):
        if not change and getattr(obj, f"{self.user_field}_id") is None:
            setattr(obj, self.user_field, request.user)
        super().save_model(request, obj, form, change)


class ActorRecordingMixin:
    """Stamps the signed-in user on new inline rows that record who did something."""

    actor_fields = {ProposalEvent: "actor", Comment: "author", CandidateCity: "suggested_by"}

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            field = self.actor_fields.get(type(obj))
            if field and obj._state.adding and getattr(obj, f"{field}_id") is None:
                setattr(obj, field, request.user)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(FocusSector)
class FocusSectorAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Province)
class ProvinceAdmin(TranslationAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(PartnerCity)
class PartnerCityAdmin(TranslationAdmin):
    list_display = ["name", "native_name", "country", "region", "population", "is_coastal"]
    list_filter = ["country", "is_coastal", "is_island", "strengths"]
    search_fields = ["name", "native_name", "region"]
    filter_horizontal = ["strengths"]
    prepopulated_fields = {"slug": ("name",)}


class LiaisonInline(admin.TabularInline):
    model = Liaison
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Consulate)
class ConsulateAdmin(TranslationAdmin):
    list_display = ["name", "seat", "country"]
    list_filter = ["country"]
    search_fields = ["name", "seat"]
    filter_horizontal = ["jurisdiction"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [LiaisonInline]


@admin.register(Liaison)
class LiaisonAdmin(admin.ModelAdmin):
    list_display = ["user", "consulate"]
    list_filter = ["consulate"]
    search_fields = ["user__username", "user__email", "consulate__name"]
    autocomplete_fields = ["user", "consulate"]


class ProposalEventInline(TranslationStackedInline):
    model = ProposalEvent
    extra = 0
    classes = ["collapse"]
    fields = ["occurred_at", "title", "note", "is_public", "from_status", "to_status", "actor"]
    readonly_fields = ["from_status", "to_status", "actor"]


class CandidateCityFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        selected = [
            form for form in self.forms
            if form.cleaned_data.get("state") == CandidateCity.State.SELECTED
            and not form.cleaned_data.get("DELETE")
        ]  # fmt: skip
        if len(selected) > 1:
            raise ValidationError(_("Select one partner city only."))


class CandidateCityInline(admin.TabularInline):
    model = CandidateCity
    formset = CandidateCityFormSet
    extra = 0
    fields = ["city", "state", "score", "rationale", "suggested_by"]
    readonly_fields = ["suggested_by"]
    autocomplete_fields = ["city"]


class ApprovalInline(admin.TabularInline):
    model = Approval
    extra = 0
    fields = ["kind", "reference_number", "issued_on", "document"]


class DocumentInline(TranslationTabularInline):
    model = Document
    extra = 0
    fields = ["kind", "title", "file", "dated", "is_public"]


class CommentInline(admin.StackedInline):
    model = Comment
    extra = 0
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


@admin.register(Proposal)
class ProposalAdmin(ProposalStepsMixin, ActorRecordingMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "reference",
        "title",
        "status",
        "partner_country",
        "consulate",
        "partner_city",
        "offered_on",
        "published",
    ]
    list_filter = ["status", "published", "partner_country", "consulate", "sectors"]
    search_fields = ["reference", "title", "summary"]
    date_hierarchy = "offered_on"
    readonly_fields = ["status", "closing_reason", "created_at", "updated_at"]
    autocomplete_fields = ["consulate", "partner_city", "followers"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ["consulate", "partner_city"]
    inlines = [
        ProposalEventInline,
        CandidateCityInline,
        ApprovalInline,
        DocumentInline,
        CommentInline,
    ]
    fieldsets = [
        # seen_version is hidden: it carries the version the page was opened on (stale edits).
        (None, {"fields": ["reference", "slug", "title", "summary", "body", "seen_version"]}),
        (_("Partner"), {"fields": ["partner_country", "consulate", "partner_city", "sectors"]}),
        (
            _("Status and dates"),
            {"fields": ["status", "closing_reason", "offered_on", "signed_on", "published"]},
        ),
        (_("Notifications"), {"fields": ["followers"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(ProposalEvent)
class ProposalEventAdmin(StampsUserOnCreate, TranslationAdmin):
    user_field = "actor"
    list_display = ["proposal", "title", "occurred_at", "from_status", "to_status", "is_public"]
    list_filter = ["is_public", "to_status"]
    search_fields = ["title", "note", "proposal__reference"]
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["proposal"]
    readonly_fields = ["from_status", "to_status", "actor"]
    list_select_related = ["proposal"]


@admin.register(CandidateCity)
class CandidateCityAdmin(StampsUserOnCreate, admin.ModelAdmin):
    user_field = "suggested_by"
    list_display = ["city", "proposal", "state", "score", "suggested_by", "suggested_at"]
    list_filter = ["state"]
    search_fields = ["city__name", "proposal__reference", "rationale"]
    autocomplete_fields = ["proposal", "city"]
    readonly_fields = ["suggested_by", "suggested_at"]
    list_select_related = ["city", "proposal", "suggested_by"]


@admin.register(Approval)
class ApprovalAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "kind", "reference_number", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["reference_number", "proposal__reference"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["proposal"]
    list_select_related = ["proposal"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "kind", "proposal", "visit", "dated", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "proposal__reference"]
    date_hierarchy = "dated"
    autocomplete_fields = ["proposal", "visit"]
    list_select_related = ["proposal", "visit"]


class OpenRequestFilter(admin.SimpleListFilter):
    title = _("requests for information")
    parameter_name = "open_request"

    def lookups(self, request, model_admin):
        return [("yes", _("Open requests"))]

    def queryset(self, request, queryset):
        return queryset.open_requests() if self.value() == "yes" else queryset


@admin.register(Comment)
class CommentAdmin(StampsUserOnCreate, admin.ModelAdmin):
    user_field = "author"
    list_display = ["proposal", "author", "created_at", "is_request", "answered_at"]
    list_filter = [OpenRequestFilter, "is_request"]
    search_fields = ["body", "proposal__reference"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["proposal"]
    readonly_fields = ["author", "answer_to", "answered_at"]
    list_select_related = ["proposal", "author"]

    def get_urls(self):
        answer = path(
            "<path:object_id>/answer/",
            self.admin_site.admin_view(self.answer_view),
            name="partnerships_comment_answer",
        )
        return [answer, *super().get_urls()]

    def answer_view(self, request, object_id):
        question = get_object_or_404(Comment, pk=object_id, is_request=True)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                discussion.request_answer(request=question, by=request.user, **form.cleaned_data)
            except discussion.ActionRefused as refusal:
                messages.error(request, refusal.problem)
            else:
                messages.success(request, _("Your answer was sent."))
                return redirect(reverse("admin:index"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "question": question,
            "form": form,
            "title": _("Answer a request for information"),
        }
        return TemplateResponse(request, "admin/partnerships/comment/answer.html", context)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_filter = ["language"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user"]
