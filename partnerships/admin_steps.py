"""The lifecycle in the admin: the next steps of a proposal with their checklists, a page to take
one (which asks for a note, or the public reason), and protection against overwriting an edit
someone else saved meanwhile."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import StepForm
from .models import Proposal


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


def take_step_and_report(request, proposal, transition, data):
    """Take a step for the signed-in user and tell them how it went; True when it was taken."""
    try:
        services.proposal_take_step(
            verb=transition.verb, proposal=proposal, by=request.user, **data
        )
    except services.TransitionRefused as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
        return False
    messages.success(
        request,
        _("%(step)s: the proposal is now “%(status)s”.")
        % {"step": transition.label, "status": proposal.get_status_display()},
    )
    return True


def step_overview(proposal, user):
    """For each step possible from the current status: may it be taken now, and if not, why."""
    overview = []
    for transition in services.available_transitions(proposal):
        checklist = [(r.label, r.check(proposal)) for r in transition.requirements]
        overview.append({
            "transition": transition,
            "checklist": checklist,
            "missing": [f"{label}: {gap}" for label, gap in checklist if gap is not None],
            "permitted": services.may_take(transition, proposal, user),
        })  # fmt: skip
    return overview


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
        proposal = get_object_or_404(Proposal, pk=object_id)
        transition = services.TRANSITIONS.get(verb)
        if transition is None:
            raise PermissionDenied
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        form = StepForm(request.POST or None, transition=transition)
        taken = (
            request.method == "POST"
            and form.is_valid()
            and take_step_and_report(request, proposal, transition, form.cleaned_data)
        )
        if taken:
            return redirect(reverse("admin:partnerships_proposal_change", args=[proposal.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": proposal,
            "transition": transition,
            "form": form,
            "missing": services.missing_requirements(transition, proposal),
            "title": transition.label,
        }
        return TemplateResponse(request, "admin/partnerships/proposal/step.html", context)
