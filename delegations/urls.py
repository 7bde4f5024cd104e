from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.VisitListView.as_view(), name="visit_list"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("<slug:slug>/", views.VisitDetailView.as_view(), name="visit_detail"),
]
