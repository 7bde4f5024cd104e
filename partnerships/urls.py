from django.urls import path
from django.views.decorators.http import require_safe

from . import follow_views, follower_data, open_package, opendata, views
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
    path("proposals/<slug:slug>/follow/", follow_views.follow, name="follow"),
    path("proposals/<slug:slug>/follow/sent/", follow_views.follow_sent, name="follow_sent"),
    path("follow/confirm/<str:token>/", follow_views.follow_confirm, name="follow_confirm"),
    path("follow/leave/<str:token>/", follow_views.follow_leave, name="follow_leave"),
    path("follow/data/<str:token>/", follower_data.follower_data, name="follower_data"),
    path(
        "follow/data/<str:token>/my-data.json",
        follower_data.follower_data_json,
        name="follower_data_json",
    ),
    path("follow/data/<str:token>/erase/", follower_data.follower_erase, name="follower_erase"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("sectors/", views.FocusSectorListView.as_view(), name="sector_list"),
    path("cities/", views.PartnerCityListView.as_view(), name="city_list"),
    path("sectors/<slug:slug>/", views.FocusSectorDetailView.as_view(), name="sector_detail"),
    path("cities/<slug:slug>/", views.PartnerCityDetailView.as_view(), name="city_detail"),
    path("open-data/", open_package.OpenDataView.as_view(), name="open_data"),
    path("open-data/datapackage.json", open_package.descriptor, name="open_data_package"),
    path("open-data/kupang-open-data.zip", open_package.as_zip, name="open_data_zip"),
    path("open-data/<str:dataset>.csv", opendata.as_csv, name="open_data_csv"),
    path("open-data/<str:dataset>.json", opendata.as_json, name="open_data_json"),
]
