"""Forms of the review workspace. Each carries a one-time token so that sending it twice (a
refreshed POST, a double click) adds nothing twice."""

import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PartnerCity


class TokenForm(forms.Form):
    form_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class CommentForm(TokenForm):
    body = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    is_request = forms.BooleanField(
        label=_("This is a request for information: the city's staff must answer it"),
        required=False,
    )

    def __init__(self, *args, allow_request=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_request:
            del self.fields["is_request"]


class AnswerForm(TokenForm):
    body = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class SuggestForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=PartnerCity.objects.none())
    rationale = forms.CharField(
        label=_("Why this city fits"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = PartnerCity.objects.filter(
            country=proposal.partner_country
        ).exclude(candidacies__proposal=proposal)
        self.helper = FormHelper()
        self.helper.form_tag = False


class StepForm(forms.Form):
    """Taking a lifecycle step: a note, or for the closing steps a public reason."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(
        label=_("Reason (shown publicly)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    public = forms.BooleanField(
        label=_("Show this step on the public timeline"), required=False, initial=True
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition = transition
        if transition.needs_reason:
            del self.fields["note"]
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]
            self.fields["note"].required = transition.needs_note
