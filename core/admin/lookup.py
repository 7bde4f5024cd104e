"""Finding the record an admin address names. Anything can be typed into an address: an id that
is not a number names no record, so it is a 404 like an id that does not exist, never a crash."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms import ModelMultipleChoiceField
from django.http import Http404
from django.shortcuts import get_object_or_404


def valid_pk(model, object_id):
    """The primary key `object_id` spells for `model`; 404 when it spells none."""
    try:
        return model._meta.pk.to_python(unquote(str(object_id)))
    except (ValidationError, ValueError, TypeError) as wrong:
        raise Http404 from wrong


def object_or_404(queryset, object_id, **filters):
    """`get_object_or_404` for an id taken from an admin address (a model or a queryset)."""
    model = getattr(queryset, "model", queryset)
    return get_object_or_404(queryset, pk=valid_pk(model, object_id), **filters)


class BadLookupsRefused(ChangeList):
    """Django's list page turns a malformed filter into its "wrong parameters" notice, except a
    date-hierarchy year too large for a date, which would crash it."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as too_large:
            raise IncorrectLookupParameters(too_large) from too_large


class RefusesBadLookups:
    def get_changelist(self, request, **kwargs):
        return BadLookupsRefused


class OnlyValidSelected:
    """An autocomplete box shows its selected records by looking them up; a value sent back that
    no key can hold (a form posted with "abc" for a proposal) is simply not shown, instead of
    crashing the page that should explain the error."""

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        key_name = getattr(remote, "field_name", None) or remote.model._meta.pk.name
        key = remote.model._meta.get_field(key_name)
        valid = []
        for one in value:
            try:
                key.run_validators(key.to_python(one))  # a number, and one the column holds
            except (ValidationError, ValueError, TypeError):
                continue
            valid.append(one)
        return super().optgroups(name, valid, attr)


class CheckedAutocompleteSelect(OnlyValidSelected, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(OnlyValidSelected, AutocompleteSelectMultiple):
    pass


class CheckedModelMultipleChoiceField(ModelMultipleChoiceField):
    """SQLite cannot even compare a number larger than its integers (PostgreSQL answers "no such
    row"): such a value is not a record, and the form says so."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError as too_large:
            raise ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from too_large


class ChecksAutocompleteValues:
    """For model admins and inlines: their autocomplete boxes ignore values no key can hold, and
    their many-to-many fields refuse, as a form error, numbers no key can hold."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
