from django.urls import path

from .register import RegisterView
from .report_views import report_page, report_pdf_download

app_name = "programmes"

urlpatterns = [
    path("", RegisterView.as_view(), name="register"),
    path("<slug:slug>/<int:year>/", report_page, name="report"),
    path("<slug:slug>/<int:year>/report.pdf", report_pdf_download, name="report_pdf"),
]
