"""The sign step's part of the step form: who signed for each side (name and office, in any of
the three languages) and for how long. What must be given is the lifecycle's requirement
(requirements.SIGNATORIES and TERM_SET); the form only collects it, filled in with what the
proposal already records."""

from django import forms
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .requirements import SIGNATORY_FIELDS

LANGUAGES = {
    "id": ("ind", _("Indonesian")),
    "en": ("en", _("English")),
    "ja": ("ja", _("Japanese")),
}


def signatory_columns():
    """(form field name, model column, label, lang) for each signatory field and language."""
    from .models import Proposal

    for field in SIGNATORY_FIELDS:
        label = capfirst(Proposal._meta.get_field(field).verbose_name)
        for code, (suffix, language) in LANGUAGES.items():
            column = build_localized_fieldname(field, code)
            yield f"{field}_{suffix}", column, format_lazy("{} — {}", label, language), code


def add_agreement_fields(form, proposal):
    for name, column, label, code in signatory_columns():
        form.fields[name] = forms.CharField(
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
    given = {column: cleaned_data.get(name, "").strip()
             for name, column, _label, _code in signatory_columns()}  # fmt: skip
    given["term_years"] = cleaned_data.get("term_years")
    given["term_indefinite"] = bool(cleaned_data.get("term_indefinite"))
    return given
