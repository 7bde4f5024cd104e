from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("<slug:slug>/", views.VisitDetailView.as_view(), name="visit_detail"),
]
