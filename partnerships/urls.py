from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("proposals/<slug:slug>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("sectors/<slug:slug>/", views.FocusSectorDetailView.as_view(), name="sector_detail"),
    path("cities/<slug:slug>/", views.PartnerCityDetailView.as_view(), name="city_detail"),
]
