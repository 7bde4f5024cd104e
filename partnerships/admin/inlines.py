"""The rows a proposal or a visit page edits in place."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from ..models import Approval, CandidateCity, Comment, Document, ProposalEvent


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
