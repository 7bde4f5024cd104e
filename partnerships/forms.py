"""Forms of the review workspace and the lifecycle steps. Discussion forms carry a one-time token
so that sending one twice (a refreshed POST, a double click) adds nothing twice."""

import uuid

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.text_search import contains_any
from core.texts import LANGUAGE_NAMES

from .agreement_form import add_agreement_fields, agreement_arguments
from .models import PartnerCity
from .services import MAX_RENEWAL_YEARS
from .timeline import date_problems, event_date_problems, event_moment, step_moment

HAPPENED_ON = _("Date it happened")


def day_field(help_text, label=HAPPENED_ON, required=True):
    """The day an event happened: today unless it happened earlier (the rule is the caller's)."""
    return forms.DateField(
        label=label,
        required=required,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


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
    required_css_class = "required"

    body = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    # Optional: left empty, the answer is dated today.
    answered_on = day_field(
        _("The day it was answered: today, unless it was earlier (by letter, by phone)."),
        label=_("Date"), required=False,
    )  # fmt: skip


class SuggestForm(forms.Form):
    """A city of the proposal's country that is not yet a candidate. With a national list of
    cities the menu would be thousands long: beyond CITIES_LISTED it offers the cities whose name
    holds `find` (the search box in the same form, so that a search keeps what was typed), or
    else the assistant's best fits; any eligible city is still accepted."""

    CITIES_LISTED = 100

    find_city = forms.CharField(label=_("Find a city by name"), required=False, max_length=150)
    city = forms.ModelChoiceField(label=_("City"), queryset=PartnerCity.objects.none())
    rationale = forms.CharField(
        label=_("Why this city fits"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = PartnerCity.objects.eligible_for(proposal).exclude(
            pk__in=proposal.candidates.current().values("city")
        )
        self.fields["find_city"].widget.attrs["type"] = "search"
        source = self.data if self.is_bound else self.initial
        self.find = str(source.get("find_city") or "").strip()[:150]
        self.found = None
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def searching(cls, data, *, proposal):
        """The form after "Find": what was typed is kept, nothing is judged yet."""
        return cls(
            proposal=proposal,
            initial={name: data.get(name, "") for name in ("find_city", "city", "rationale")},
        )

    def offer(self, best_fits):
        """Limit the menu (not what is accepted) when the country has many cities."""
        listed = self._listed(self.fields["city"].queryset, best_fits)
        if listed is not None:
            self.fields["city"].widget.choices = [("", "---------")] + [
                (city.pk, str(city)) for city in listed
            ]
        # The page opens where the person was: on the menu after a search, on the first field
        # to correct after a refusal (autofocus scrolls to it).
        if self.is_bound and self.errors:
            self.fields[next(iter(self.errors))].widget.attrs["autofocus"] = True
        elif self.find:
            self.fields["city"].widget.attrs["autofocus"] = True
            if len(listed) == 1 and not self._chosen():
                self.initial["city"] = listed[0].pk  # the one city found is the likely choice
        return self

    def _chosen(self):
        chosen = str((self.data if self.is_bound else self.initial).get("city") or "")
        return chosen if chosen.isdigit() else None

    def _listed(self, eligible, best_fits):
        """The cities the menu offers, or None when it can offer every eligible city."""
        if not self.find and eligible.count() <= self.CITIES_LISTED:
            return None
        if self.find:
            matching = eligible.filter(
                contains_any(("name_ind", "name_en", "name_ja", "native_name"), self.find)
            )
            listed = list(matching.order_by("name")[: self.CITIES_LISTED])
            self.found = len(listed) if len(listed) < self.CITIES_LISTED else matching.count()
        else:
            eligible_pks = set(
                eligible.filter(pk__in=[city.pk for city in best_fits]).values_list("pk", flat=True)
            )
            listed = [city for city in best_fits if city.pk in eligible_pks]
        chosen = self._chosen()
        if chosen and all(str(city.pk) != chosen for city in listed):
            listed += list(eligible.filter(pk=chosen))  # a re-shown form keeps its choice
        return listed


class DecisionForm(forms.Form):
    """A candidate decision: the day it was taken, which the timeline is ordered by."""

    required_css_class = "required"

    occurred_on = day_field(_("Today, unless it was decided earlier; not before the offer."))

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        problems = event_date_problems(self.proposal, event_moment(day))
        if problems:
            raise ValidationError(problems)
        return day

    def moment(self):
        return event_moment(self.cleaned_data["occurred_on"])


class StepForm(forms.Form):
    """Taking a lifecycle step: the day it happened, a note (or, for the closing steps, a public
    reason) in any of the three languages, and whether it shows on the public timeline."""

    required_css_class = "required"

    occurred_on = day_field(
        _("Today, unless the step happened earlier; not before the last recorded step.")
    )
    public = forms.BooleanField(
        label=_("Show this step on the public timeline"), required=False, initial=True
    )

    def __init__(self, *args, transition, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.transition, self.proposal = transition, proposal
        self.text_name = "reason" if transition.needs_reason else "note"
        label = _("Reason (shown publicly)") if transition.needs_reason else _("Note")
        public = self.fields.pop("public")
        for code, language in LANGUAGE_NAMES.items():
            self.fields[self._text_field(code)] = forms.CharField(
                label=format_lazy("{} — {}", label, language),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2, "lang": code}),
            )
        if transition.needs_agreement:
            # The step is dated by the signed agreement (one signing date everywhere).
            del self.fields["occurred_on"]
            add_agreement_fields(self, proposal)
        if transition.offers_publishing and not proposal.published:
            self.fields["publish"] = forms.BooleanField(
                label=_("Publish the partnership now"), required=False, initial=True,
                help_text=_("Its page, the agreement register, the feeds and the open data show "
                            "it. Left unticked, the public sees nothing of it."),
            )  # fmt: skip
        if transition.needs_years:
            self.fields["years"] = forms.IntegerField(
                label=_("Years added to the term"), min_value=1, max_value=MAX_RENEWAL_YEARS,
                help_text=_("As the renewal agreement says; the new end of the term follows."),
                # Most agreements are renewed for the term they were first signed for.
                initial=self._first_term(proposal),
            )  # fmt: skip
        self.fields["public"] = public
        self.helper = FormHelper()
        self.helper.form_tag = False

    @staticmethod
    def _first_term(proposal):
        added = sum(renewal.years for renewal in proposal.renewals.all())
        return (proposal.term_years - added) if proposal.term_years else None

    def _text_field(self, code):
        """note_ind, note_en, …: named like the event's columns."""
        return build_localized_fieldname(self.text_name, code)

    def text_fields(self):
        return [self[self._text_field(code)] for code in LANGUAGE_NAMES]

    def clean_occurred_on(self):
        day = self.cleaned_data["occurred_on"]
        problems = date_problems(self.proposal, step_moment(self.proposal, day))
        if problems:
            raise ValidationError(problems)
        return day

    def clean(self):
        cleaned = super().clean()
        required = self.transition.needs_reason or self.transition.needs_note
        if required and not any(cleaned.get(f.name, "").strip() for f in self.text_fields()):
            self.add_error(
                self._text_field(settings.LANGUAGE_CODE),
                _("Write it in at least one language: Indonesian, English or Japanese."),
            )
        return cleaned

    def step_arguments(self):
        """The keyword arguments of `services.proposal_take_step` this form collected."""
        texts = {code: self.cleaned_data.get(self._text_field(code), "") for code in LANGUAGE_NAMES}
        arguments = {
            self.text_name: texts,
            "public": self.cleaned_data["public"],
            "on": self.cleaned_data.get("occurred_on"),
        }
        if self.transition.needs_agreement:
            arguments["agreement"] = agreement_arguments(self.cleaned_data)
        if self.transition.needs_years:
            arguments["years"] = self.cleaned_data["years"]
        if "publish" in self.fields:
            arguments["publish"] = self.cleaned_data["publish"]
        return arguments
