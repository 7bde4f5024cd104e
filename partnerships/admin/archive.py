"""The admin never deletes what a person recorded: it archives and restores, each after a
confirmation page; places still in use refuse to be deleted; a revert from the edit history goes
through the same rules as the forms."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from core.admin.confirm import Confirmation, ConfirmationPage
from core.admin.lookup import ChecksAutocompleteValues, object_or_404
from core.admin.named_inputs import NamedInputs
from core.refusals import report

from ..archiving import ArchiveRefused, record_archive, record_restore


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _archive_consequences(obj, archiving):
    if not archiving:
        return [_("It is shown again wherever it was shown before it was archived.")]
    said = [_("It disappears from the public pages, feeds and open data, from the lists here "
              "and from the review workspace.")]  # fmt: skip
    if obj.archive_proposal() and obj._meta.model_name != "proposal":
        said += [_("The proposal's internal timeline, which the consulate's liaisons also read, "
                   "records that it was archived and why."),
                 _("If a lifecycle step needs it (a letter of intent, an approval, the "
                   "agreement…), that step's checklist counts it as missing again.")]  # fmt: skip
    said.append(_("Nothing is deleted: it is kept with its edit history, and can be restored "
                  "from the list's “Archived” filter."))  # fmt: skip
    if obj._meta.model_name == "proposal":
        said.append(_("Its timeline, candidates, approvals, documents and discussion are hidden "
                      "with it, and no step can be taken until it is restored."))  # fmt: skip
    return said


def _archive_confirmation(obj, archiving, form):
    opts = obj._meta
    app_list = reverse("admin:app_list", kwargs={"app_label": opts.app_label})
    return Confirmation(
        title=capfirst(_("archive") if archiving else _("restore")),
        crumbs=[
            (app_list, opts.app_config.verbose_name),
            (change_url(obj), Truncator(str(obj)).words(8)),
        ],  # fmt: skip
        submit=_("Archive it") if archiving else _("Restore it"),
        cancel_url=change_url(obj),
        consequences=_archive_consequences(obj, archiving),
        consequences_heading=_("What archiving does") if archiving else _("What restoring does"),
        problems=obj.archive_problems() if archiving else [],
        problems_heading=_("It cannot be archived:"),
        form=form,
        form_id="archive-form",
        css_class="archive-confirm",
    )


class ArchivedFilter(admin.SimpleListFilter):
    """Lists show current records unless asked for the archived ones."""

    title = _("archive")
    parameter_name = "archive"

    def lookups(self, request, model_admin):
        return [("archived", _("Archived")), ("all", _("All"))]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Current"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "archived":
            return queryset.archived()
        if self.value() == "all":
            return queryset
        return queryset.current()


class ArchiveForm(forms.Form):
    required_css_class = "required"
    reason = forms.CharField(
        label=_("Why it is archived"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Kept with the record and, for a proposal's records, on its timeline."),
    )


class KeepsStoredValues:
    """Fields no form may set — the status, decisions, archiving — are re-read from the database
    before a change is saved, so that neither a stale form nor a revert from the edit history
    can move them."""

    kept_fields = ("archived_at", "archived_by", "archive_reason")

    def get_kept_fields(self, obj):
        return self.kept_fields

    def get_form(self, request, obj=None, **kwargs):
        # The edit history's revert page builds its form on an old copy of the record: give
        # that copy today's protected values before the form validates or saves it.
        if obj is not None and obj.pk:
            keep_stored_values(obj, self.get_kept_fields(obj))
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            # Locked until the request's transaction ends, so that a decision or a closing
            # committed meanwhile is read here, not overwritten.
            keep_stored_values(obj, self.get_kept_fields(obj), lock=True)
        super().save_model(request, obj, form, change)


def keep_stored_values(obj, names, *, lock=False):
    fields = [obj._meta.get_field(name) for name in names]
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    if lock:
        rows = rows.select_for_update()
    values = rows.values(*[f.attname for f in fields]).first() or {}
    for field in fields:
        if field.attname not in values:
            continue
        if isinstance(field, FSMField):
            field.set_state(obj, values[field.attname])  # protected: assignment would raise
        else:
            setattr(obj, field.attname, values[field.attname])


class ArchiveAdmin(ConfirmationPage, KeepsStoredValues):
    """For a model admin of an archivable record: no delete, an archive and a restore page, and
    lists that show current records first."""

    change_form_template = "admin/archivable_change_form.html"

    def has_delete_permission(self, request, obj=None):
        return False

    def get_list_filter(self, request):
        return [ArchivedFilter, *super().get_list_filter(request)]

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}"
        own = [
            path("<path:object_id>/archive/", self.admin_site.admin_view(self.archive_view),
                 name=f"{name}_archive"),
            path("<path:object_id>/restore/", self.admin_site.admin_view(self.restore_view),
                 name=f"{name}_restore"),
        ]  # fmt: skip
        return [*own, *super().get_urls()]

    def archive_view(self, request, object_id):
        return self._confirm(request, object_id, archiving=True)

    def restore_view(self, request, object_id):
        return self._confirm(request, object_id, archiving=False)

    def _confirm(self, request, object_id, *, archiving):
        obj = object_or_404(self.model, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        form = ArchiveForm(request.POST or None) if archiving else None
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                if archiving:
                    record_archive(record=obj, by=request.user, reason=form.cleaned_data["reason"])
                else:
                    record_restore(record=obj, by=request.user)
            except ArchiveRefused as refusal:
                report(request, refusal)
            else:
                messages.success(request, _("Archived.") if archiving else _("Restored."))
                return redirect(change_url(obj))
        return self.confirmation_page(request, obj, _archive_confirmation(obj, archiving, form),
                                      "admin/archive_confirm.html")  # fmt: skip

    def change_view(self, request, object_id, form_url="", extra_context=None):
        opts = self.model._meta
        context = {
            **(extra_context or {}),
            "archive_url_name": f"admin:{opts.app_label}_{opts.model_name}_archive",
            "restore_url_name": f"admin:{opts.app_label}_{opts.model_name}_restore",
        }
        return super().change_view(request, object_id, form_url, context)


class ArchivableInline(NamedInputs, ChecksAutocompleteValues):
    """Inline rows of archivable records: current ones only, never deleted here; each row links
    to its own page, where it can be archived."""

    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).current()


class RefusesDeletionInUse:
    """Deleting a sector, a city, a consulate or a province that records use would silently
    unlink them (or delete a liaison's post): the admin names what uses it and deletes nothing."""

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, each checked
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        # Who may not delete learns nothing of what uses the record.
        if obj is not None and not self.has_delete_permission(request, obj):
            raise PermissionDenied
        uses = uses_of(obj) if obj is not None else []
        if uses:
            message = _("“%(name)s” cannot be deleted: it is used by %(uses)s. Change those first.")
            parts = {
                "name": conditional_escape(obj),
                "uses": format_html_join("; ", "{}", ((use,) for use in uses)),
            }
            messages.error(request, mark_safe(message % parts))  # noqa: S308 - parts escaped
            return redirect(change_url(obj))
        return super().delete_view(request, object_id, extra_context)


def uses_of(obj, examples=3):
    """What points at `obj`: “2 proposals (KPG-2023-001, KPG-2023-002)”, one entry a kind."""
    uses = []
    for relation in obj._meta.related_objects:
        rows = getattr(obj, relation.get_accessor_name()) if relation.multiple else None
        if rows is None:
            continue
        count = rows.count()
        if not count:
            continue
        opts = relation.related_model._meta
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((change_url(row), row) for row in rows.all()[:examples])
        )
        label = opts.verbose_name if count == 1 else opts.verbose_name_plural
        uses.append(
            format_html("{} {} ({}{})", count, label, links, "…" if count > examples else "")
        )
    return uses
