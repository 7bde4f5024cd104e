from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.VisitListView.as_view(), name="visit_list"),
    path("<slug:slug>/", views.VisitDetailView.as_view(), name="visit_detail"),
]
