"""The records around a proposal, each with its own list: timeline events, candidate cities,
approvals, documents and the internal discussion."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .. import discussion
from ..forms import AnswerForm
from ..models import Approval, CandidateCity, Comment, Document, ProposalEvent
from .mixins import StampsUserOnCreate


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
