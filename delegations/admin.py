"""The city staff's admin for delegation visits: one page records a whole visit."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from core.admin.confirm import Confirmation
from core.admin.files import ServesItsFile
from core.admin.history import PortalHistoryAdmin
from core.admin.lookup import object_or_404
from core.refusals import report
from partnerships.admin import DocumentInline
from partnerships.admin.archive import ArchivableInline, ArchiveAdmin
from partnerships.admin.inlines import COMPACT

from .models import Commitment, Delegate, Visit, VisitDocument
from .retention import DELEGATE_CONTACTS
from .services import CLOSING_STATES, CommitmentRefused, closing_date_problems, commitment_close


class DelegateInline(ArchivableInline, admin.TabularInline):
    """A short row: who, in which office (in Indonesian, the language every record has), on
    which side. The office in other languages, the organisation, the internal contact details
    and the order are on the delegate's own page, which each row links to."""

    model = Delegate
    extra = 0
    fields = ["name", "title_ind", "side"]


def close_link(commitment):
    """A link to the close page for an open commitment; how and when, for a closed one."""
    if not commitment.pk:
        return ""
    if commitment.state == Commitment.State.OPEN:
        url = reverse("admin:delegations_commitment_close", args=[commitment.pk])
        back = reverse("admin:delegations_visit_change", args=[commitment.visit_id])
        query = urlencode({"next": back})  # the top of the page, where the message is
        return format_html('<a class="button" href="{}?{}">{}</a>', url, query, _("Close or drop…"))
    return format_html(
        "{} {}: {}",
        commitment.get_state_display(),
        date_format(commitment.closed_on),
        commitment.closing_note,
    )


class CommitmentInline(ArchivableInline, TranslationStackedInline):
    """The state is read-only here: a commitment closes only on its close page."""

    model = Commitment
    extra = 0
    fields = [("description",), ("owner", "due_on", "proposal"), ("state", "closing")]
    formfield_overrides = COMPACT
    readonly_fields = ["state", "closing"]
    autocomplete_fields = ["proposal"]

    @admin.display(description=_("closing"))
    def closing(self, commitment):
        return close_link(commitment)


class VisitDocumentInline(DocumentInline):
    model = VisitDocument


@admin.register(VisitDocument)
class VisitDocumentAdmin(ServesItsFile, ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    file_field = "file"
    list_display = ["title", "kind", "visit", "dated", "is_public"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "visit__title"]
    date_hierarchy = "dated"
    autocomplete_fields = ["visit"]
    list_select_related = ["visit"]


@admin.register(Visit)
class VisitAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "direction", "place", "published"]
    list_filter = ["direction", "published", "sectors"]
    search_fields = ["title", "place", "host", "visiting_mission"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["proposals"]
    filter_horizontal = ["sectors"]
    prepopulated_fields = {"slug": ("title",)}
    inlines = [DelegateInline, CommitmentInline, VisitDocumentInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "direction", "starts_on", "ends_on", "published"]}),
        (_("Who and where"), {"fields": ["place", "host", "visiting_mission"]}),
        (_("What happened"), {"fields": ["purpose", "highlights", "report"]}),
        (_("Related"), {"fields": ["proposals", "sectors"]}),
    ]


@admin.register(Delegate)
class DelegateAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "title", "organisation", "side", "visit"]
    list_filter = ["side"]
    search_fields = ["name", "title", "organisation"]
    autocomplete_fields = ["visit"]
    list_select_related = ["visit"]

    def get_form(self, request, obj=None, **kwargs):
        """The contact fields say how long they are kept, and link the privacy notice."""
        form = super().get_form(request, obj, **kwargs)
        note = format_html(
            '{} <a href="{}">{}</a>',
            _("Internal: shown on no public page, and erased %(kept)s ends.")
            % {"kept": DELEGATE_CONTACTS.kept_for()},
            reverse("privacy"),
            _("Privacy notice"),
        )
        for name in ("email", "phone"):
            if name in form.base_fields:
                form.base_fields[name].help_text = note
        return form


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "yes" else queryset


class CloseCommitmentForm(forms.Form):
    required_css_class = "required"
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(s.value, s.label) for s in CLOSING_STATES],
        widget=forms.RadioSelect,
    )
    closed_on = forms.DateField(
        label=_("Closed on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day it was kept or dropped; not in the future."),
    )
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean_closed_on(self):
        closed_on = self.cleaned_data["closed_on"]
        problems = closing_date_problems(self.commitment, closed_on)
        if problems:
            raise forms.ValidationError(problems)
        return closed_on


@admin.register(Commitment)
class CommitmentAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    kept_fields = (*ArchiveAdmin.kept_fields, "state", "closed_on", "closing_note")
    list_display = ["short_description", "owner", "due_on", "state", "visit", "proposal"]
    list_filter = [OverdueFilter, "state"]
    search_fields = ["description", "owner"]
    date_hierarchy = "due_on"
    autocomplete_fields = ["visit", "proposal"]
    readonly_fields = ["state", "closed_on", "closing_note", "closing"]
    list_select_related = ["visit", "proposal"]

    @admin.display(description=_("closing"))
    def closing(self, commitment):
        return close_link(commitment)

    @admin.display(description=_("commitment"), ordering="description")
    def short_description(self, commitment):
        return Truncator(commitment.description).chars(70)

    def get_urls(self):
        close = path(
            "<path:object_id>/close/",
            self.admin_site.admin_view(self.close_view),
            name="delegations_commitment_close",
        )
        return [close, *super().get_urls()]

    def next_url(self, request):
        wanted = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
            return wanted
        return reverse("admin:index")

    def close_view(self, request, object_id):
        commitment = object_or_404(Commitment, object_id)
        if not self.has_change_permission(request, commitment):
            raise PermissionDenied
        form = CloseCommitmentForm(request.POST or None, commitment=commitment)
        if request.method == "POST" and form.is_valid():
            try:
                commitment_close(commitment=commitment, by=request.user, **form.cleaned_data)
            except CommitmentRefused as refusal:
                report(request, refusal)
            else:
                messages.success(request, _("The commitment is closed."))
                return redirect(self.next_url(request))
        confirmation = Confirmation(
            title=_("Close a commitment"),
            crumbs=[
                (
                    reverse("admin:delegations_commitment_changelist"),
                    capfirst(self.model._meta.verbose_name_plural),
                )
            ],  # fmt: skip
            submit=_("Close the commitment"),
            cancel_url=self.next_url(request),
            consequences=[
                _(
                    "The commitment is marked done or dropped on the day given, with the note; it "
                    "stays closed."
                ),
                _(
                    "It leaves the list of overdue commitments, and the public page of its visit "
                    "shows the outcome."
                ),
            ],  # fmt: skip
            consequences_heading=_("What closing does"),
            form=form,
            form_id="close-form",
        )
        overdue = commitment.due_on and commitment.due_on < timezone.localdate()
        template = "admin/delegations/commitment/close.html"
        return self.confirmation_page(request, commitment, confirmation, template, overdue=overdue)
