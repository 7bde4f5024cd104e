"""Every input the admin shows has a name a screen reader can say.

Django leaves three kinds of inputs without one: the cells of a tabular inline (the label is the
column's heading, which is not tied to the input), the row's "delete" box there, and the second
half of a date-and-time field (its <label> names only the date). Each gets an `aria-label` here,
from the field's own label, so the words are the ones the page shows and follow the language.
"""

from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.forms import MultiWidget, SplitDateTimeWidget
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

PART_NAMES = {SplitDateTimeWidget: (_("date"), _("time"))}


def name_input(field, every_input):
    """Name one field's input: always the parts of a date-and-time field, whose own <label>
    names the first part only; any other input when asked (a table's cell)."""
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if widget.is_hidden:
        return
    name = capfirst(field.label or "")
    if isinstance(widget, MultiWidget):
        for part, sub in zip(_parts_of(widget), widget.widgets, strict=False):
            sub.attrs.setdefault("aria-label", format_lazy("{} – {}", name, part))
    elif every_input:
        widget.attrs.setdefault("aria-label", name)


def _parts_of(widget):
    for kind, names in PART_NAMES.items():
        if isinstance(widget, kind):
            return names
    return [str(index + 1) for index in range(len(widget.widgets))]


class NamedInputs:
    """For model admins and inlines: in a table (a tabular inline) every input is named after
    its column, the row's delete box included; elsewhere the date-and-time fields' parts."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            name_input(field, self._is_table())
        return field

    def _is_table(self):
        return getattr(self, "template", None) == "admin/edit_inline/tabular.html"

    def get_changelist_formset(self, request, **kwargs):
        # A list's editable column is a table's cell too. (The formset's form class is made
        # anew for each request, so naming its fields changes no other form.)
        formset = super().get_changelist_formset(request, **kwargs)
        for field in formset.form.base_fields.values():
            name_input(field, every_input=True)
        return formset

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not self._is_table():
            return formset

        class NamedRows(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete this row")

        NamedRows.__name__ = formset.__name__
        return NamedRows
