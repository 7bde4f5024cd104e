"""Finding the record an admin address names. Anything can be typed into an address: an id that
is not a number names no record, so it is a 404 like an id that does not exist, never a crash."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
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
