"""File fields in the admin link to a view that checks who may see the file, never to the media
folder (which is not served at all)."""

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.urls import path, reverse

from core.files import serve_file

from .lookup import object_or_404


class _CheckedLink:
    """Stands in for the stored file in the widget's template: its link and its name."""

    def __init__(self, url, name):
        self.url, self.name = url, name

    def __str__(self):
        return self.name


class CheckedFileWidget(AdminFileWidget):
    def __init__(self, *args, url_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.url_name = url_name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        instance = getattr(value, "instance", None)
        if context["widget"]["is_initial"] and instance is not None and instance.pk:
            url = reverse(self.url_name, args=[instance.pk])
            context["widget"]["value"] = _CheckedLink(url, value.name.rsplit("/")[-1])
        return context


def file_url_name(model):
    return f"admin:{model._meta.app_label}_{model._meta.model_name}_file"


class CheckedFileLinks:
    """For admin pages and inlines that show a model's file fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.FileField):
            kwargs["widget"] = CheckedFileWidget(url_name=file_url_name(self.model))
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ServesItsFile(CheckedFileLinks):
    """A model admin that serves its record's file, to those who may view the record."""

    file_field = None

    def get_urls(self):
        opts = self.model._meta
        download = path(
            "<path:object_id>/file/",
            self.admin_site.admin_view(self.file_view),
            name=f"{opts.app_label}_{opts.model_name}_file",
        )
        return [download, *super().get_urls()]

    def file_view(self, request, object_id):
        obj = object_or_404(self.model, object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return serve_file(getattr(obj, self.file_field))
