"""The open data as one Data Package: its descriptor (datapackage.json), the whole package as one
streamed zip, and the open-data page, which documents every column from the same declarations
and tells search engines about each file (schema.org Dataset)."""

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core import data_package

from .opendata import DATASETS, csv_lines

TITLE = _("Sister-city partnerships of the City of Kupang")
DESCRIPTION = _(
    "The City of Kupang's published sister-city proposals with their public timelines, the "
    "partner cities they name, the visits between them and the commitments made there, the "
    "signed agreements, their activities and measured indicators."
)
PUBLISHER = _("City Government of Kupang")
ZIP_NAME = "kupang-open-data.zip"


def _package(request):
    return data_package.descriptor(
        DATASETS.values(),
        title=TITLE,
        description=DESCRIPTION,
        publisher=PUBLISHER,
        homepage=request.build_absolute_uri(reverse("partnerships:home")),
        created=timezone.now(),  # when this copy was made (the page cache keeps it until a change)
    )


@require_safe
def descriptor(request):
    return HttpResponse(
        data_package.as_json(_package(request)), content_type="application/json; charset=utf-8"
    )


@require_safe
def as_zip(request):
    package = _package(request)
    files = [
        (data_package.DESCRIPTOR, [data_package.as_json(package)]),
        *((data_package.csv_file(d), csv_lines(request, d.name)) for d in DATASETS.values()),
    ]
    response = StreamingHttpResponse(
        data_package.zipped(files, dated=timezone.localtime()), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="{ZIP_NAME}"'
    return response


def _files(request):
    """Every file of the open data, by name, at its absolute address."""

    def at(url_name, *args):
        return request.build_absolute_uri(reverse(url_name, args=args))

    files = {data_package.DESCRIPTOR: at("partnerships:open_data_package"),
             ZIP_NAME: at("partnerships:open_data_zip")}  # fmt: skip
    for name in DATASETS:
        files[f"{name}.csv"] = at("partnerships:open_data_csv", name)
        files[f"{name}.json"] = at("partnerships:open_data_json", name)
    return files


class OpenDataView(TemplateView):
    template_name = "partnerships/open_data.html"

    def get_context_data(self, **kwargs):
        request = self.request
        described = data_package.json_ld(
            _package(request),
            page=request.build_absolute_uri(request.path),
            files=_files(request),
            languages=[code for code, _name in settings.LANGUAGES],
        )
        return super().get_context_data(
            **kwargs,
            datasets=DATASETS.values(),
            json_ld=data_package.json_ld_script(described),
            zip_name=ZIP_NAME,
        )
