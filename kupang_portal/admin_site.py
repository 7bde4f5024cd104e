"""The admin site the portal runs: Django's, with the portal's sign-in form and a "view on site"
link that only reveals a record to someone allowed to see it in the admin."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from core import retention
from core import translation_desk as desk
from programmes.my_work import my_work

from .accounts import AdminSignInForm


class PortalAdminSite(admin.AdminSite):
    login_form = AdminSignInForm

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def without_empty_to_field(request, *args, **kwargs):
            # Django checks `_to_field` only when it says something: an empty one reaches the
            # record look-up as a field named "" and crashes it (a 500). Nothing sends it.
            if request.GET.get(TO_FIELD_VAR) == "" or request.POST.get(TO_FIELD_VAR) == "":
                return HttpResponseBadRequest(_("This address asks for no field."))
            return checked(request, *args, **kwargs)

        return update_wrapper(without_empty_to_field, checked)

    def index(self, request, extra_context=None):
        return super().index(request, {**(extra_context or {}), "my_work": my_work(request)})

    def get_urls(self):
        # Django's "view on site" redirects any staff account to any record's public address,
        # which names drafts and unpublished visits; here it needs the permission to view.
        checked = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        desk = path(
            "translations/",
            self.admin_view(require_safe(self.translation_desk)),
            name="translation_desk",
        )
        personal = path(
            "personal-data/",
            self.admin_view(require_safe(self.personal_data)),
            name="personal_data",
        )
        reset = path(
            "accounts/<int:user_id>/reset-second-factor/",
            self.admin_view(require_http_methods(["GET", "POST"])(self.reset_second_factor)),
            name="reset_second_factor",
        )
        own = [desk, personal, reset]
        return own + [checked if getattr(url, "name", None) == "view_on_site" else url
                      for url in super().get_urls()]  # fmt: skip

    def translation_desk(self, request):
        """Every published text still missing in English or Japanese, with a link to fill it."""
        if not request.user.has_perm("partnerships.change_proposal"):
            raise PermissionDenied
        language = request.GET.get("language")
        languages = (language,) if language in desk.TARGET_LANGUAGES else desk.TARGET_LANGUAGES
        kind = desk.BY_KEY.get(request.GET.get("kind", ""))
        overall, per_kind = desk.totals()
        sections = []
        for checked, counts in per_kind:
            if kind and checked is not kind:
                continue
            total = sum(counts[code] for code in languages)
            if not total:
                continue
            if kind:
                pages = Paginator(desk.gap_rows(checked, languages), 100)
                page = pages.get_page(request.GET.get("page"))
                rows = desk.gaps(checked, languages, rows=page.object_list)
                sections.append((checked, counts, rows, page))
            else:
                sections.append((checked, counts, desk.gaps(checked, languages, limit=25), None))
        context = {
            **self.each_context(request),
            "title": _("Translation desk"),
            "overall": overall,
            "sections": sections,
            "languages": languages,
            "language": language if language in desk.TARGET_LANGUAGES else "",
            "language_names": desk.LANGUAGE_NAMES,
            "kind": kind,
            "shown_per_kind": 25,
        }
        return TemplateResponse(request, "admin/translation_desk.html", context)

    def personal_data(self, request):
        """The register of personal data held: how many of each kind and since when, never the
        data itself; and how long each kind is kept (core/retention.py). For the staff who
        run the partnerships, as the translation desk is."""
        if not request.user.has_perm("partnerships.change_proposal"):
            raise PermissionDenied
        context = {
            **self.each_context(request),
            "title": _("Personal data held"),
            "held": retention.held(),
            "rules": [(rule, rule.kept_for()) for rule in retention.RULES],
        }
        return TemplateResponse(request, "admin/personal_data.html", context)

    def reset_second_factor(self, request, user_id):
        from . import second_factor_reset  # it reads models, which this module comes before

        return second_factor_reset.reset_second_factor(self, request, user_id)

    def view_on_site(self, request, content_type_id, object_id):
        try:
            content_type = ContentType.objects.get_for_id(int(content_type_id))
        except (ValueError, ContentType.DoesNotExist) as unknown:
            raise Http404 from unknown
        opts = f"{content_type.app_label}.%s_{content_type.model}"
        if not (request.user.has_perm(opts % "view") or request.user.has_perm(opts % "change")):
            raise PermissionDenied
        return shortcut(request, content_type_id, object_id)
