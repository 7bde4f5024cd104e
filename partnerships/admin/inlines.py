"""The rows a proposal or a visit page edits in place."""

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from core.admin.files import CheckedFileLinks
from core.admin.named_inputs import NamedInputs

from ..candidates import available_decisions, suggestion_problems
from ..models import AgreementRenewal, Approval, CandidateCity, Comment, Document, ProposalEvent
from .archive import ArchivableInline

# Narrower inputs, so that a table of rows fits a 1366-pixel screen beside the admin's menu.
COMPACT = {
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 28})},
    models.DecimalField: {"widget": forms.NumberInput(attrs={"class": "compact-number"})},
}


def decision_links(candidate):
    """Links to the confirmation page of each decision open on a candidate."""
    if not candidate.pk:
        return ""
    decisions = available_decisions(candidate, candidate.proposal, None, staff=True)
    if not decisions:
        return "—"
    urls = (
        (reverse("admin:partnerships_candidatecity_decide", args=[candidate.pk, d.verb]), d.label)
        for d in decisions
    )
    return format_html_join(" ", '<a class="button" href="{}">{}…</a>', urls)


class ProposalEventInlineForm(forms.ModelForm):
    """A lifecycle step keeps the moment the step recorded; other events may be re-dated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.to_status and "occurred_at" in self.fields:
            self.fields["occurred_at"].disabled = True


class ProposalEventInline(ArchivableInline, TranslationStackedInline):
    model = ProposalEvent
    form = ProposalEventInlineForm
    extra = 0
    classes = ["collapse"]
    fields = ["occurred_at", "title", "note", "is_public", "from_status", "to_status", "actor"]
    readonly_fields = ["from_status", "to_status", "actor"]


class CandidateCityInlineForm(forms.ModelForm):
    """A candidate already on record keeps its city; its state moves only by decisions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["city"].disabled = True


class CandidateCityFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.extra_forms:
            city = form.cleaned_data.get("city") if form.has_changed() else None
            for problem in suggestion_problems(self.instance, city) if city else []:
                form.add_error("city", problem)


class CandidateCityInline(ArchivableInline, admin.TabularInline):
    model = CandidateCity
    form = CandidateCityInlineForm
    formset = CandidateCityFormSet
    extra = 0
    formfield_overrides = COMPACT
    fields = ["city", "state", "score", "rationale", "suggested_by", "decisions"]
    readonly_fields = ["state", "suggested_by", "decisions"]
    autocomplete_fields = ["city"]

    def get_queryset(self, request):
        # Each row's decisions look at the proposal's other candidates: fetch them once.
        rows = super().get_queryset(request).select_related("proposal", "city")
        return rows.prefetch_related("proposal__candidates__city")

    @admin.display(description=_("decide"))
    def decisions(self, candidate):
        return decision_links(candidate)


class ApprovalInline(ArchivableInline, CheckedFileLinks, admin.TabularInline):
    model = Approval
    extra = 0
    fields = ["kind", "reference_number", "issued_on", "document"]


class DocumentInline(ArchivableInline, CheckedFileLinks, TranslationStackedInline):
    # Stacked, a few fields a line: a table of seven columns would not fit a laptop's screen.
    model = Document
    extra = 0
    fields = [("kind", "dated", "is_public"), ("title",), "file"]


class CommentInline(ArchivableInline, admin.StackedInline):
    model = Comment
    extra = 0
    fields = ["body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


class RenewalInline(NamedInputs, admin.TabularInline):
    """The agreement's renewals, as the *renew* step recorded them: read only here."""

    model = AgreementRenewal
    extra = 0
    can_delete = False
    fields = ["renewed_on", "years", "previous_end", "new_end", "document"]
    readonly_fields = fields
    verbose_name_plural = _("renewals of the agreement")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
