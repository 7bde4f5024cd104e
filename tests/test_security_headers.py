"""Headers every response carries: the Content-Security-Policy, and cache rules that keep a
signed-in page out of every cache while public pages may be kept briefly."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as project_settings
from django.urls import reverse

from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
REQUIRED = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header):
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {name: (values[0] if values else "") for name, *values in parts}


def assert_strict_policy(response):
    policy = directives(response["Content-Security-Policy"])
    for name, value in REQUIRED.items():
        assert policy[name] == value, (name, policy)
    for name in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[name]
        assert "'unsafe-eval'" not in policy[name]


def test_public_page_sends_the_policy(client):
    response = client.get("/en/", **EN)
    assert response.status_code == 200
    assert_strict_policy(response)


def test_admin_sends_the_policy(staff_client):
    for url in ("/admin/", "/admin/partnerships/proposal/", "/admin/partnerships/proposal/add/"):
        response = staff_client.get(url, **EN)
        assert response.status_code == 200, url
        assert_strict_policy(response)


def test_review_page_sends_the_policy(liaison, client):
    proposal = ProposalFactory(offered=True, consulate=liaison.consulate)
    client.force_login(liaison.user)
    response = client.get(reverse("review:proposal", args=[proposal.reference]), **EN)
    assert response.status_code == 200
    assert_strict_policy(response)


def test_files_feeds_and_errors_send_the_policy_too(client):
    for url in (
        "/feeds/updates.atom",
        "/visits.ics",
        "/en/open-data/proposals.csv",
        "/en/nowhere/",
    ):
        assert "Content-Security-Policy" in client.get(url), url


def _settings_with(**environment):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([hasattr(settings, 'CONTENT_SECURITY_POLICY'), "
        "hasattr(settings, 'CONTENT_SECURITY_POLICY_REPORT_ONLY'), "
        "(getattr(settings, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None) or {})"
        ".get('DIRECTIVES', {}).get('report-uri')]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kupang_portal.settings", **environment}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(  # noqa: S603 - the test interpreter, with fixed arguments
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=project_settings.BASE_DIR,
    )
    return done.stdout.strip()


def test_report_only_mode_is_switched_from_the_environment():
    assert _settings_with() == "[true, false, null]"
    assert (
        _settings_with(PORTAL_CSP_REPORT_ONLY="1", PORTAL_CSP_REPORT_URI="/csp-reports/")
        == '[false, true, "/csp-reports/"]'
    )


def test_report_only_mode_sends_the_report_only_header(client, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    del settings.CONTENT_SECURITY_POLICY
    response = client.get("/en/", **EN)
    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


def no_store(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    return {"private", "no-store"} <= cache_control and "public" not in cache_control


def test_every_signed_in_page_is_private_and_never_stored(liaison, client, staff_client):
    proposal = ProposalFactory(offered=True, consulate=liaison.consulate)
    client.force_login(liaison.user)
    for url in ("/en/review/", reverse("review:proposal", args=[proposal.reference]), "/en/"):
        response = client.get(url, **EN)
        assert response.status_code == 200, url
        assert no_store(response), (url, response["Cache-Control"])
    assert no_store(staff_client.get("/admin/", **EN))


PUBLIC_URLS = ("/en/", "/ja/proposals/", "/id/proposals/waste/", "/feeds/updates.atom")


def test_public_pages_are_asked_for_again_each_time_per_language(client):
    # Kept outside the portal but never reused unchecked: an unpublished proposal must not
    # linger in a browser or a proxy.
    ProposalFactory(offered=True, slug="waste")
    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, no-cache", url
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"Accept-Language", "Cookie"} <= vary


def test_public_pages_may_be_kept_briefly_when_configured(client, settings):
    settings.PORTAL_PUBLIC_MAX_AGE = 60
    ProposalFactory(offered=True, slug="waste")
    for url in PUBLIC_URLS:
        assert client.get(url)["Cache-Control"] == "public, max-age=60", url


def test_sign_in_page_and_redirects_are_not_kept(client):
    assert "public" not in client.get("/accounts/login/", **EN).get("Cache-Control", "")
    assert (
        "Cache-Control" not in client.get("/en/review/", **EN)
        or "public" not in client.get("/en/review/", **EN)["Cache-Control"]
    )


def test_a_public_page_that_sets_a_cookie_is_not_kept_in_shared_caches(client):
    # A message left for this visitor is shown once, and its cookie is then cleared: the
    # response carries a Set-Cookie added by the message middleware, after the view.
    from django.contrib import messages
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    value = storage._encode([messages.storage.base.Message(messages.INFO, "Saved.")])
    client.cookies["messages"] = value

    response = client.get("/en/", **EN)

    assert response.status_code == 200
    assert "Saved." in response.content.decode()
    assert "messages" in response.cookies
    assert "public" not in response.get("Cache-Control", "")
