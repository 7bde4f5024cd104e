"""The portal's addresses and one more, which no check has a row for (test_checks_discover.py)."""

from django.http import HttpResponse
from django.urls import path

from kupang_portal.urls import handler400, handler404, handler500, urlpatterns  # noqa: F401

urlpatterns = [*urlpatterns, path("unlisted/", lambda request: HttpResponse("x"),
                                  name="unlisted_test_page")]  # fmt: skip
