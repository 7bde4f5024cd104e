"""The records around a proposal, each with its own list: timeline events, candidate cities,
approvals, documents and the internal discussion."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin.confirm import Confirmation
from core.admin.files import ServesItsFile
from core.admin.history import PortalHistoryAdmin
from core.admin.lookup import object_or_404
from core.admin.mixins import StampsUserOnCreate
from core.refusals import report

from .. import candidates, discussion, follows
from ..forms import AnswerForm
from ..models import Approval, CandidateCity, Comment, Document, ProposalEvent
from ..notifications import told_about
from ..steps import decision_page_form
from .archive import ArchiveAdmin
from .inlines import decision_links


@admin.register(ProposalEvent)
class ProposalEventAdmin(StampsUserOnCreate, ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    """A lifecycle step's event stays where and when the step put it; its words may be edited."""

    user_field = "actor"
    step_fields = ("proposal", "occurred_at", "from_status", "to_status", "actor")
    list_display = ["proposal", "title", "occurred_at", "from_status", "to_status", "is_public"]
    list_filter = ["is_public", "to_status"]
    search_fields = ["title", "note", "proposal__reference"]
    date_hierarchy = "occurred_at"
    autocomplete_fields = ["proposal"]
    readonly_fields = ["from_status", "to_status", "actor"]
    list_select_related = ["proposal"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, *self.step_fields] if obj is not None and obj.to_status else fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A step added here, or made public here (or by a revert), is news not yet told.
        follows.step_recorded(obj)

    def get_kept_fields(self, obj):
        stored = ProposalEvent.objects.filter(pk=obj.pk).exclude(to_status="").exists()
        return (*self.kept_fields, *self.step_fields) if stored else self.kept_fields


class CandidateCityAdminForm(forms.ModelForm):
    class Meta:
        model = CandidateCity
        fields = ["proposal", "city", "rationale", "score"]

    def clean(self):
        cleaned = super().clean()
        proposal, city = cleaned.get("proposal"), cleaned.get("city")
        if self.instance.pk is None and proposal and city:
            for problem in candidates.suggestion_problems(proposal, city):
                self.add_error("city", problem)
        return cleaned


@admin.register(CandidateCity)
class CandidateCityAdmin(ArchiveAdmin, PortalHistoryAdmin):
    """A new candidate is a suggestion; its state then moves only by the decisions' pages."""

    kept_fields = (*ArchiveAdmin.kept_fields, "state", "decided_at")

    form = CandidateCityAdminForm
    list_display = ["city", "proposal", "state", "score", "suggested_by", "suggested_at"]
    list_filter = ["state"]
    search_fields = ["city__name", "proposal__reference", "rationale"]
    autocomplete_fields = ["proposal", "city"]
    list_select_related = ["city", "proposal", "suggested_by"]
    fields = ["proposal", "city", "state", "rationale", "score", "assistant_reasons",
              "suggested_by", "suggested_at", "decisions"]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        always = ["state", "assistant_reasons", "suggested_by", "suggested_at", "decisions"]
        return ["proposal", "city", *always] if obj else always

    @admin.display(description=_("decide"))
    def decisions(self, candidate):
        return decision_links(candidate)

    @admin.display(description=_("The matching assistant's reasons"))
    def assistant_reasons(self, candidate):
        return render_to_string("partnerships/_match_reasons.html", {"candidate": candidate})

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        suggested, _created = candidates.candidate_suggest(
            proposal=obj.proposal, by=request.user, city=obj.city, rationale=obj.rationale,
            score=obj.score,
        )  # fmt: skip
        obj.pk = suggested.pk
        obj._state.adding = False

    def get_urls(self):
        decide = path(
            "<path:object_id>/decide/<slug:verb>/",
            self.admin_site.admin_view(self.decide_view),
            name="partnerships_candidatecity_decide",
        )
        return [decide, *super().get_urls()]

    def decide_view(self, request, object_id, verb):
        candidate = object_or_404(
            CandidateCity.objects.select_related("city", "proposal"), object_id
        )
        decision = candidates.DECISIONS.get(verb)
        if decision is None or not self.has_change_permission(request, candidate):
            raise PermissionDenied
        proposal_url = reverse("admin:partnerships_proposal_change", args=[candidate.proposal_id])
        form, taken = decision_page_form(request, candidate, verb)
        if taken:
            # To the top of the page, where the message saying what happened is.
            return redirect(proposal_url)
        confirmation = Confirmation(
            title=f"{decision.label}: {candidate.city.name}",
            crumbs=[
                (reverse("admin:partnerships_proposal_changelist"), _("Proposals")),
                (proposal_url, candidate.proposal.reference),
            ],  # fmt: skip
            submit=_("Confirm: %(decision)s") % {"decision": decision.label},
            cancel_url=f"{proposal_url}#candidates-group",
            consequences=candidates.consequences(decision, candidate, request.user),
            consequences_heading=_("What taking it does"),
            form=form,
            form_id="decision-form",
            css_class="candidate-decision",
        )
        return self.confirmation_page(
            request, candidate, confirmation, "admin/partnerships/candidatecity/decide.html"
        )


@admin.register(Approval)
class ApprovalAdmin(ServesItsFile, ArchiveAdmin, PortalHistoryAdmin):
    file_field = "document"
    list_display = ["proposal", "kind", "reference_number", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["reference_number", "proposal__reference"]
    date_hierarchy = "issued_on"
    autocomplete_fields = ["proposal"]
    list_select_related = ["proposal"]


@admin.register(Document)
class DocumentAdmin(ServesItsFile, ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    file_field = "file"
    list_display = ["title", "kind", "proposal", "dated", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "proposal__reference"]
    date_hierarchy = "dated"
    autocomplete_fields = ["proposal"]
    list_select_related = ["proposal"]


class OpenRequestFilter(admin.SimpleListFilter):
    title = _("requests for information")
    parameter_name = "open_request"

    def lookups(self, request, model_admin):
        return [("yes", _("Open requests"))]

    def queryset(self, request, queryset):
        return queryset.open_requests() if self.value() == "yes" else queryset


@admin.register(Comment)
class CommentAdmin(StampsUserOnCreate, ArchiveAdmin, PortalHistoryAdmin):
    kept_fields = (*ArchiveAdmin.kept_fields, "answered_at", "answer_to")
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
        question = object_or_404(Comment.objects.current(), object_id, is_request=True)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = AnswerForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                answer, created = discussion.request_answer(
                    request=question, by=request.user, **form.cleaned_data
                )
            except discussion.DiscussionRefused as refusal:
                report(request, refusal)
            else:
                # A second copy of the form sent nothing: it says only that the answer is sent.
                sent = _("Your answer was sent.")
                told = told_about("comment", answer) if created else ""
                messages.success(request, f"{sent} {told}".strip())
                return redirect(reverse("admin:index"))
        confirmation = Confirmation(
            title=_("Answer a request for information"),
            crumbs=[
                (
                    reverse("admin:partnerships_comment_changelist"),
                    capfirst(self.model._meta.verbose_name_plural),
                )
            ],  # fmt: skip
            submit=_("Send the answer"),
            cancel_url=reverse("review:proposal", args=[question.proposal.reference]),
            cancel_label=_("Open the review page"),
            form=form,
            form_id="answer-form",
        )
        return self.confirmation_page(
            request, question, confirmation, "admin/partnerships/comment/answer.html"
        )
