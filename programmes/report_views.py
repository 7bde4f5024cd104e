"""Published annual reports in public, a printable page and a PDF in the reader's language; and
the public documents and photos of public activities."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from core.files import serve_file

from .models import ActivityFile, AnnualReport
from .report_document import report_document
from .report_pdf import report_pdf


@require_safe
def activity_file(request, pk):
    """A public activity's public document or photo; anything else is a 404."""
    return serve_file(get_object_or_404(ActivityFile.objects.public(), pk=pk).file)


def pdf_response(report, document):
    filename = f"{report.partnership.reference}-{report.year}-{document.language}.pdf"
    response = HttpResponse(report_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = document.language
    return response


def _published(slug, year):
    # Only published reports exist in public: a draft or a frozen, unpublished one is a 404.
    reports = AnnualReport.objects.published().select_related("partnership")
    return get_object_or_404(reports, partnership__slug=slug, year=year)


@require_safe
def report_page(request, slug, year):
    report = _published(slug, year)
    return TemplateResponse(request, "programmes/report.html", {
        "report": report,
        "document": report_document(report, report.contents, get_language()),
    })  # fmt: skip


@require_safe
def report_pdf_download(request, slug, year):
    report = _published(slug, year)
    return pdf_response(report, report_document(report, report.contents, get_language()))
