"""The admin site the portal runs: Django's, with the portal's sign-in form and a "view on site"
link that only reveals a record to someone allowed to see it in the admin."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from .accounts import AdminSignInForm


class PortalAdminSite(admin.AdminSite):
    login_form = AdminSignInForm

    def get_urls(self):
        # Django's "view on site" redirects any staff account to any record's public address,
        # which names drafts and unpublished visits; here it needs the permission to view.
        checked = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        return [checked if getattr(url, "name", None) == "view_on_site" else url
                for url in super().get_urls()]  # fmt: skip

    def view_on_site(self, request, content_type_id, object_id):
        try:
            content_type = ContentType.objects.get_for_id(int(content_type_id))
        except (ValueError, ContentType.DoesNotExist) as unknown:
            raise Http404 from unknown
        opts = f"{content_type.app_label}.%s_{content_type.model}"
        if not (request.user.has_perm(opts % "view") or request.user.has_perm(opts % "change")):
            raise PermissionDenied
        return shortcut(request, content_type_id, object_id)
