from django.urls import path
from django.views.decorators.http import require_safe

from . import opendata, views
from .feeds import ProposalUpdatesFeed

app_name = "partnerships"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/<slug:slug>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path(
        "proposals/<slug:slug>/updates.atom",
        require_safe(ProposalUpdatesFeed()),
        name="proposal_feed",
    ),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("sectors/<slug:slug>/", views.FocusSectorDetailView.as_view(), name="sector_detail"),
    path("cities/<slug:slug>/", views.PartnerCityDetailView.as_view(), name="city_detail"),
    path("open-data/", opendata.OpenDataView.as_view(), name="open_data"),
    path("open-data/<str:dataset>.csv", opendata.as_csv, name="open_data_csv"),
    path("open-data/<str:dataset>.json", opendata.as_json, name="open_data_json"),
]
