"""The sign step's part of the step form: who signed for each side (name and office, in any of
the three languages) and for how long. What must be given is the lifecycle's requirement
(requirements.SIGNATORIES and TERM_SET); the form only collects it, filled in with what the
proposal already records."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.texts import LANGUAGE_NAMES

from .models import Proposal
from .models.proposals import SIGNATORY_FIELD_NAMES


def signatory_columns():
    """(column, label, lang) for each signatory field and language; the form's fields are
    named after the proposal's columns."""
    for field in SIGNATORY_FIELD_NAMES:
        label = capfirst(Proposal._meta.get_field(field).verbose_name)
        for code, _name in settings.LANGUAGES:
            column = build_localized_fieldname(field, code)
            yield column, format_lazy("{} — {}", label, LANGUAGE_NAMES[code]), code


def add_agreement_fields(form, proposal):
    for column, label, code in signatory_columns():
        form.fields[column] = forms.CharField(
            label=label, required=False, max_length=200, initial=getattr(proposal, column),
            widget=forms.TextInput(attrs={"lang": code}),
        )  # fmt: skip
    form.fields["term_years"] = forms.IntegerField(
        label=_("Term (years)"), required=False, min_value=1, max_value=100,
        initial=proposal.term_years,
        help_text=_("As the agreement says; leave empty if it has no end date."),
    )  # fmt: skip
    form.fields["term_indefinite"] = forms.BooleanField(
        label=_("The agreement has no end date"), required=False,
        initial=proposal.term_indefinite,
    )  # fmt: skip


def agreement_arguments(cleaned_data):
    """The proposal's fields the sign step sets, from the form's cleaned data."""
    given = {column: cleaned_data.get(column, "").strip()
             for column, _label, _code in signatory_columns()}  # fmt: skip
    given["term_years"] = cleaned_data.get("term_years")
    given["term_indefinite"] = bool(cleaned_data.get("term_indefinite"))
    return given
