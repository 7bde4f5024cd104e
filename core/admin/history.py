"""Edit history as staff read it: what a person changed, without the columns the portal keeps
for itself, and a revert page that says what reverting does and does not touch."""

from dataclasses import replace

from django.utils.translation import gettext as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

from .lookup import ChecksAutocompleteValues, RefusesBadLookups, valid_pk
from .named_inputs import NamedInputs

# Bumped by every save; they say nothing of what a person changed.
BOOKKEEPING = ("version", "updated_at")


def unshown_in_history(model):
    """The plain column of each translated field (modeltranslation fills it from the language
    of whoever saved last, so it would show a change on every save) and the bookkeeping."""
    try:
        translated = list(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = []
    names = {field.name for field in model._meta.concrete_fields}
    return [name for name in (*translated, *BOOKKEEPING) if name in names]


def _nothing_to_blank(change):
    # A language column first saved by a form goes from NULL to "": the same nothing.
    return change.old in (None, "") and change.new in (None, "")


# Every admin page of the portal derives from this one, so it also carries the refusal of
# malformed list filters and of values no key can hold in autocomplete boxes.
class PortalHistoryAdmin(
    NamedInputs, RefusesBadLookups, ChecksAutocompleteValues, SimpleHistoryAdmin
):
    object_history_form_template = "admin/portal_history_form.html"

    # A revert may put back texts, never whether the public sees the record: a version that
    # would publish or unpublish it (a proposal, a visit; a step, a document, an activity) is
    # refused, with the reason, until the box says as now.
    revert_must_not_change = ("published", "is_public")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        guarded = [name for name in self.revert_must_not_change if name in form.base_fields]
        if getattr(request, "reverting_history", False) and obj is not None and guarded:
            return refusing_changes_to(form, guarded)
        return form

    # The library looks its ids up as typed; a non-number there is a 404, not a crash.
    def history_view(self, request, object_id, extra_context=None):
        valid_pk(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        valid_pk(self.model, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        valid_pk(history.model, version_id)
        request.reverting_history = True
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        unshown = unshown_in_history(self.model)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=unshown, foreign_keys_are_objs=foreign_keys_are_objs
                )
                changes = [c for c in delta.changes if not _nothing_to_blank(c)]
                delta = replace(delta, changes=changes, changed_fields=[c.field for c in changes])
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


def refusing_changes_to(form_class, names):
    """`form_class` refusing, field by field, a value of `names` that differs from the stored
    one (the revert form is built on an old copy of the record)."""

    class RevertForm(form_class):
        def clean(self):
            cleaned = super().clean()
            stored = type(self.instance)._default_manager.filter(pk=self.instance.pk)
            now = stored.values(*names).first() or {}
            for name in names:
                if name in cleaned and name in now and cleaned[name] != now[name]:
                    self.add_error(name, _(
                        "Reverting cannot change this: it is “%(now)s” now and would become "
                        "“%(then)s”. Set it as it is now to revert the rest, and change it on "
                        "the record's own page if that is what you want."
                    ) % {"now": _yes_no(now[name]), "then": _yes_no(cleaned[name])})  # fmt: skip
            return cleaned

    RevertForm.__name__ = form_class.__name__
    return RevertForm


def _yes_no(value):
    return _("yes") if value is True else _("no") if value is False else value
