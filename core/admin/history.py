"""Edit history as staff read it: what a person changed, without the columns the portal keeps
for itself, and a revert page that says what reverting does and does not touch."""

from dataclasses import replace

from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin

from .lookup import ChecksAutocompleteValues, RefusesBadLookups, valid_pk

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
class PortalHistoryAdmin(RefusesBadLookups, ChecksAutocompleteValues, SimpleHistoryAdmin):
    object_history_form_template = "admin/portal_history_form.html"

    # The library looks its ids up as typed; a non-number there is a 404, not a crash.
    def history_view(self, request, object_id, extra_context=None):
        valid_pk(self.model, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        valid_pk(self.model, object_id)
        history = getattr(self.model, self.model._meta.simple_history_manager_attribute)
        valid_pk(history.model, version_id)
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
