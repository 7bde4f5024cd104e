from django.urls import path

from .register import RegisterView
from .report_views import activity_file, report_page, report_pdf_download

app_name = "programmes"

urlpatterns = [
    path("", RegisterView.as_view(), name="register"),
    # Before the reports: "activity-files" would otherwise read as a partnership's slug.
    path("activity-files/<int:pk>/", activity_file, name="activity_file"),
    path("<slug:slug>/<int:year>/", report_page, name="report"),
    path("<slug:slug>/<int:year>/report.pdf", report_pdf_download, name="report_pdf"),
]
