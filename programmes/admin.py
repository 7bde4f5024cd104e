"""The city staff's admin for what a signed partnership produces."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.admin.confirm import Confirmation
from core.admin.files import CheckedFileLinks, ServesItsFile
from core.admin.history import PortalHistoryAdmin
from core.admin.lookup import object_or_404, valid_pk
from core.admin.named_inputs import NamedInputs
from core.numbers import percent
from core.refusals import report as report_refusal
from partnerships.admin.archive import ArchivableInline, ArchiveAdmin, change_url

from . import report_steps, reports
from .models import (
    Activity,
    ActivityFile,
    AnnualReport,
    Indicator,
    IndicatorValue,
)
from .report_document import report_document
from .report_views import pdf_response


class ActivityFileInline(ArchivableInline, CheckedFileLinks, TranslationStackedInline):
    model = ActivityFile
    extra = 0
    fields = ["kind", "title", "file", "is_public"]


@admin.register(ActivityFile)
class ActivityFileAdmin(ServesItsFile, ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    file_field = "file"
    list_display = ["title", "kind", "activity", "is_public", "uploaded_at"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "activity__title", "activity__partnership__reference"]
    autocomplete_fields = ["activity"]
    list_select_related = ["activity"]
    fields = ["activity", "kind", "title", "file", "is_public"]


@admin.register(Activity)
class ActivityAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["title", "partnership", "kind", "starts_on", "ends_on", "state", "is_public"]
    list_filter = ["state", "kind", "is_public", "sectors", "budget_source"]
    search_fields = ["title", "place", "lead_home", "lead_partner", "partnership__reference"]
    date_hierarchy = "starts_on"
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership", "visits", "commitments"]
    filter_horizontal = ["sectors"]
    inlines = [ActivityFileInline]
    fieldsets = [
        (None, {"fields": ["partnership", "title", "kind", "sectors", "state", "is_public"]}),
        (_("When and where"), {"fields": ["starts_on", "ends_on", "place"]}),
        (_("Who"), {"fields": ["lead_home", "lead_partner", ("home_women", "home_men"),
                               ("partner_women", "partner_men")]}),
        (_("Budget"), {"fields": [("budget_idr", "budget_source")]}),
        (_("Result"), {"fields": ["outcome"]}),
        (_("Related"), {"fields": ["visits", "commitments"]}),
    ]  # fmt: skip


class IndicatorValueInline(NamedInputs, TranslationTabularInline):
    model = IndicatorValue
    extra = 1
    fields = ["year", "value", "source", "progress_shown"]
    readonly_fields = ["progress_shown"]

    @admin.display(description=_("progress"))
    def progress_shown(self, measured):
        # Derived from the value, the baseline and the target: never typed in.
        if measured.pk is None:
            return "—"
        progress = measured.progress
        return percent(progress)


@admin.register(Indicator)
class IndicatorAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    list_display = ["name", "partnership", "sector", "unit", "baseline", "target", "is_public"]
    list_filter = ["sector", "is_public"]
    search_fields = ["name", "partnership__reference"]
    list_select_related = ["partnership", "sector"]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", "sector", "name", "unit", ("baseline", "baseline_year"), "target",
              "is_public"]  # fmt: skip
    inlines = [IndicatorValueInline]

    def get_readonly_fields(self, request, obj=None):
        # An indicator stays with the partnership it measures (its values are that one's).
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "partnership"] if obj is not None else fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None and "sector" in form.base_fields:
            # Only the partnership's own sectors (the model refuses others on any page).
            form.base_fields["sector"].queryset = obj.partnership.sectors.all()
        return form


def _who(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class AnnualReportForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        # A change page opened before someone froze the report sends what it was showing:
        # refuse, never overwrite. (A frozen report's own page sends none of these.)
        written = any(name.startswith(("assessment", "recommendation", "council_reference"))
                      for name in self.data)  # fmt: skip
        frozen = AnnualReport.objects.filter(pk=self.instance.pk, frozen_at__isnull=False)
        if written and self.instance.pk and frozen.exists():
            raise ValidationError(_("This report has been frozen meanwhile: it can no longer be "
                                    "edited. Your changes were not saved."))  # fmt: skip
        return cleaned


@admin.register(AnnualReport)
class AnnualReportAdmin(ArchiveAdmin, PortalHistoryAdmin, TranslationAdmin):
    """Staff write the assessment and recommendation; the rest of the report is compiled from
    the record. Freezing and publishing are steps with their own confirmation pages."""

    form = AnnualReportForm
    change_form_template = "admin/programmes/annualreport/change_form.html"
    # The name says the partnership and the year; the columns say how far the report has come.
    list_display = ["__str__", "recommendation", "frozen_at", "published_at"]
    list_filter = ["year", "recommendation"]
    search_fields = ["partnership__reference", "partnership__title"]
    list_select_related = ["partnership"]
    autocomplete_fields = ["partnership"]
    fields = ["partnership", "year", "assessment", "recommendation", "council_reference",
              "report_state"]  # fmt: skip
    readonly_fields = ["report_state"]
    kept_fields = ("archived_at", "archived_by", "archive_reason", "contents", "frozen_at",
                   "frozen_by", "published_at")  # fmt: skip

    def get_kept_fields(self, obj):
        # A frozen report's texts are read back from the database before any save, so that a
        # revert from the edit history (or a page opened before the freeze) cannot change them.
        stored = AnnualReport.objects.filter(pk=obj.pk, frozen_at__isnull=False).exists()
        if not stored:
            return self.kept_fields
        return (*self.kept_fields, "partnership", "year", "recommendation", "assessment",
                "council_reference", *reports.columns("assessment"))  # fmt: skip

    def view_on_site(self, report):
        # Only a published report has a public page; a draft's link would be a 404.
        return report.get_absolute_url() if report.is_published else None

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            # A signed-off report says what it said when it was frozen.
            return ["partnership", "year", *reports.columns("assessment"), "recommendation",
                    "council_reference", "report_state"]  # fmt: skip
        if obj is not None:
            return ["partnership", "year", "report_state"]
        return self.readonly_fields

    @admin.display(description=_("state"))
    def report_state(self, report):
        if report.pk is None:
            return "—"
        if report.is_frozen:
            said = _("Frozen on %(when)s by %(who)s.") % {
                "when": date_format(timezone.localtime(report.frozen_at), "DATETIME_FORMAT"),
                "who": _who(report.frozen_by),
            }
            if report.is_published:
                published = date_format(timezone.localtime(report.published_at), "DATETIME_FORMAT")
                said += " " + _("Published on %(when)s.") % {"when": published}
            return said
        return _("Draft: it follows the record as it changes until it is frozen.")

    def get_urls(self):
        name = "programmes_annualreport"
        view = self.admin_site.admin_view
        own = [
            path("<path:object_id>/preview/<str:language>/", view(self.preview_view),
                 name=f"{name}_preview"),
            path("<path:object_id>/pdf/<str:language>/", view(self.pdf_view), name=f"{name}_pdf"),
        ]  # fmt: skip
        # One address per step, so that none shadows the admin's own (change/, history/…).
        own += [path(f"<path:object_id>/{step}/", view(self.step_view), {"step": step},
                     name=f"{name}_{step}") for step in report_steps.STEPS]  # fmt: skip
        return [*own, *super().get_urls()]

    def _report(self, request, object_id, language=None):
        report = object_or_404(self.model.objects.select_related("partnership", "frozen_by"),
                               object_id)  # fmt: skip
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        if language is not None and language not in dict(settings.LANGUAGES):
            raise Http404
        return report

    def preview_view(self, request, object_id, language):
        report = self._report(request, object_id, language)
        document = report_document(report, reports.report_contents(report), language)
        return TemplateResponse(request, "admin/programmes/annualreport/preview.html", {
            **self.admin_site.each_context(request),
            "opts": self.model._meta, "original": report, "document": document,
            "title": document.title, "change_url": change_url(report),
        })  # fmt: skip

    def pdf_view(self, request, object_id, language):
        report = self._report(request, object_id, language)
        document = report_document(report, reports.report_contents(report), language)
        return pdf_response(report, document)

    def step_view(self, request, object_id, step):
        report = self._report(request, object_id)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        step = report_steps.STEPS[step]
        if request.method == "POST":
            try:
                step.take(report=report, by=request.user)
            except reports.ReportRefused as refusal:
                report_refusal(request, refusal)
            else:
                messages.success(request, _("%(step)s: done.") % {"step": step.title})
                return redirect(change_url(report))
        problems, warnings = report_steps.step_outlook(report, step.verb)
        opts = self.model._meta
        confirmation = Confirmation(
            title=step.title,
            crumbs=[
                (
                    reverse("admin:app_list", kwargs={"app_label": opts.app_label}),
                    opts.app_config.verbose_name,
                ),
                (
                    reverse("admin:programmes_annualreport_changelist"),
                    capfirst(opts.verbose_name_plural),
                ),
                (change_url(report), str(report)),
            ],  # fmt: skip
            submit=step.title,
            cancel_url=change_url(report),
            back_label=_("Back to the report"),
            consequences=list(step.consequences),
            warnings=warnings,
            problems=problems,
            form_id="report-step-form",
            css_class="report-step-confirm",
        )
        return self.confirmation_page(
            request, report, confirmation, "admin/programmes/annualreport/step_confirm.html"
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        context = {**(extra_context or {}), "languages": settings.LANGUAGES}
        report = AnnualReport.objects.filter(pk=valid_pk(AnnualReport, object_id)).first()
        if report is not None and report.is_frozen:
            # Nothing on a frozen report's page can change: no button pretends otherwise.
            context.update(show_save=False, show_save_and_continue=False,
                           show_save_and_add_another=False)  # fmt: skip
        return super().change_view(request, object_id, form_url, context)
