"""The proposal's admin page: its fields and records, its next lifecycle steps with their
checklists, a page to take one, and protection against overwriting an edit someone else saved
meanwhile."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from core.admin.confirm import Confirmation
from core.admin.history import PortalHistoryAdmin
from core.admin.lookup import object_or_404

from .. import candidates, follows, services
from ..models import CandidateCity, Comment, Proposal, ProposalEvent
from ..steps import checklist, consequences, step_overview, step_page_form
from . import stage_layout
from .archive import ArchiveAdmin
from .inlines import (
    ApprovalInline,
    CandidateCityInline,
    CommentInline,
    DocumentInline,
    ProposalEventInline,
    RenewalInline,
)


class ProposalAdminForm(forms.ModelForm):
    """Refuses to save over a version of the proposal newer than the one the form was opened on."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Proposal
        fields = "__all__"  # noqa: DJ007 - the admin narrows it to its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored version, not the instance's: a revert page's instance is an old copy.
        stored = Proposal.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
        self.fields["seen_version"].initial = stored.first() or self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # Lock the row until this request's transaction ends, so the check and the save are one.
        current = (
            Proposal.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if cleaned.get("seen_version") != current:
            raise ValidationError(
                _(
                    "Someone else changed this proposal after you opened it. Your input is kept "
                    "below: open the proposal again in a new tab to see their change, then save "
                    "what is still needed."
                ),
                code="stale",
            )
        # The form must not move the version back to the one it was opened on.
        self.instance.version = current
        return cleaned


class ActorRecordingMixin:
    """Stamps the signed-in user on new inline rows that record who did something; a new
    candidate city is suggested through the same service as on the review page."""

    actor_fields = {ProposalEvent: "actor", Comment: "author"}

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            if isinstance(obj, CandidateCity) and obj._state.adding:
                candidates.candidate_suggest(
                    proposal=obj.proposal, by=request.user, city=obj.city,
                    rationale=obj.rationale, score=obj.score,
                )  # fmt: skip
                continue
            field = self.actor_fields.get(type(obj))
            adding = obj._state.adding
            if field and adding and getattr(obj, f"{field}_id") is None:
                setattr(obj, field, request.user)
            obj.save()
            if isinstance(obj, ProposalEvent):
                follows.step_recorded(obj)  # added, or made public: news not yet told
        formset.save_m2m()  # no row is deleted here: the inlines offer archiving instead


class ProposalStepsMixin:
    form = ProposalAdminForm
    change_form_template = "admin/partnerships/proposal/change_form.html"

    def get_urls(self):
        step = path(
            "<path:object_id>/step/<slug:verb>/",
            self.admin_site.admin_view(self.step_view),
            name="partnerships_proposal_step",
        )
        return [step, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, object_id)
        if proposal is not None:
            extra_context = {
                **(extra_context or {}),
                "steps": step_overview(proposal, request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def step_view(self, request, object_id, verb):
        proposal = object_or_404(Proposal, object_id)
        transition = services.TRANSITIONS.get(verb)
        if transition is None:
            raise PermissionDenied
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        form, taken = step_page_form(request, proposal, transition)
        if taken:
            return redirect(reverse("admin:partnerships_proposal_change", args=[proposal.pk]))
        change = reverse("admin:partnerships_proposal_change", args=[proposal.pk])
        confirmation = Confirmation(
            title=transition.action,
            crumbs=[
                (
                    reverse("admin:partnerships_proposal_changelist"),
                    capfirst(self.model._meta.verbose_name_plural),
                ),
                (change, proposal.reference),
            ],  # fmt: skip
            submit=transition.action,
            cancel_url=change,
            consequences=consequences(transition, proposal, request.user),
            consequences_heading=_("What taking it does"),
            # A step that cannot follow the present status offers no form (an old link).
            problems=services.status_problems(transition, proposal),
            back_label=_("Back to the proposal"),
            form=form,
            form_id="step-form",
            css_class="lifecycle-step",
        )
        return self.confirmation_page(
            request,
            proposal,
            confirmation,
            "admin/partnerships/proposal/step.html",
            checklist=checklist(transition, proposal, request.user),
        )


@admin.register(Proposal)
class ProposalAdmin(
    ProposalStepsMixin, ActorRecordingMixin, ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin
):
    # Only the lifecycle services set these (see KeepsStoredValues): the status, the reason for
    # closing, the partner city (when the letter of intent is signed), the signing date, and the
    # offer date once the offer is made.
    kept_fields = (
        *ArchiveAdmin.kept_fields, "status", "closing_reason", "closing_reason_ind",
        "closing_reason_en", "closing_reason_ja", "partner_city", "signed_on",
    )  # fmt: skip
    # Country and consulate are filters beside the list: as columns they pushed it past a
    # laptop's screen.
    list_display = ["reference", "title", "status", "partner_city", "offered_on", "published"]
    list_filter = ["status", "published", "partner_country", "consulate", "sectors"]
    search_fields = ["reference", "title", "summary"]
    date_hierarchy = "offered_on"
    readonly_fields = [
        "status", "closing_reason", "partner_city", "signed_on", "created_at", "updated_at",
    ]  # fmt: skip
    autocomplete_fields = ["consulate", "followers"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ["consulate", "partner_city"]
    inlines = [
        ProposalEventInline,
        CandidateCityInline,
        ApprovalInline,
        DocumentInline,
        RenewalInline,
        CommentInline,
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        made = obj is not None and obj.status != Proposal.Status.DRAFT
        fields = [*fields, "offered_on"] if made else fields
        # Once renewed, the term counts the renewals in: only the *renew* step changes it.
        return [*fields, "term_years"] if obj is not None and obj.renewals.exists() else fields

    def get_kept_fields(self, obj):
        stored = Proposal.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
        made = stored not in (None, Proposal.Status.DRAFT)
        kept = (*self.kept_fields, "offered_on") if made else self.kept_fields
        return (*kept, "term_years") if obj.renewals.exists() else kept

    def get_fieldsets(self, request, obj=None):
        # By the stage: what it needs open, the rest folded (stage_layout).
        fieldsets = stage_layout.fieldsets_for(obj) if obj else stage_layout.ADD_FIELDSETS
        # "title" becomes title_ind, title_en, title_ja, as modeltranslation does for the
        # fieldsets it is given as a class attribute.
        return self._patch_fieldsets(fieldsets)

    def get_inline_instances(self, request, obj=None):
        return stage_layout.inlines_for(super().get_inline_instances(request, obj), obj)

    def response_add(self, request, obj, post_url_continue=None):
        # A new draft goes on to its own page, which names the next step and what it needs,
        # unless the person asked for another blank form.
        if "_addanother" in request.POST or IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        request.POST = request.POST.copy()
        request.POST["_continue"] = "1"
        return super().response_add(request, obj, post_url_continue)
