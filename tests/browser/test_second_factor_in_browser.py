"""A staff member's first sign-in with the second factor on, in Chromium, from the rendered pages
only: the admin sends them to set up an authenticator app, they type the code the app would
show, keep their backup codes and reach the admin; the pages raise no CSP violation and need
no script."""

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from .admin_pages import settled, sign_in_to_site
from .conftest import violations_on

pytestmark = pytest.mark.browser


def test_a_first_sign_in_sets_up_the_app_and_reaches_the_admin(
    live_server, page, reference_data, settings, artifacts
):
    from tests.factories import StaffUserFactory

    settings.PORTAL_REQUIRE_2FA = True
    settings.PORTAL_2FA_EXEMPT = ()
    staff = StaffUserFactory(username="new-staff")
    violations = violations_on(page)
    page.context.set_extra_http_headers({"Accept-Language": "en"})
    page.context.add_cookies([{"name": "django_language", "value": "en",
                               "url": live_server.url}])  # fmt: skip
    sign_in_to_site(page, live_server, staff.username, "a-long-test-password")
    settled(page)
    page.goto(f"{live_server.url}/admin/")
    settled(page)
    assert "/accounts/two-factor/setup/" in page.url
    assert page.locator("main svg").count() == 1  # the QR code, drawn on the server
    page.screenshot(path=str(artifacts / "second-factor-setup.png"), full_page=True)

    key = b32decode(page.locator("main code").inner_text().replace(" ", ""))
    page.get_by_label("Code").fill(f"{totp(key, step=30, t0=0, digits=6, drift=0):06d}")
    page.locator("main").get_by_role("button", name="Confirm").click()
    settled(page)
    codes = page.locator(".backup-codes li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Continue").click()
    settled(page)
    assert page.url.endswith("/admin/")
    assert page.locator("#site-name, h1").first.is_visible()
    assert violations == [], "\n".join(violations)


def test_a_passkey_is_saved_then_signs_in_with_chromiums_virtual_authenticator(
    live_server, page, reference_data, settings
):
    from django_otp_webauthn.models import WebAuthnCredential

    from tests.factories import StaffUserFactory

    settings.PORTAL_REQUIRE_2FA = True
    settings.PORTAL_2FA_EXEMPT = ()
    staff = StaffUserFactory(username="passkey-staff")
    violations = violations_on(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
    }})  # fmt: skip
    page.context.add_cookies([{"name": "django_language", "value": "en",
                               "url": live_server.url}])  # fmt: skip

    sign_in_to_site(page, live_server, staff.username, "a-long-test-password")
    settled(page)
    page.goto(f"{live_server.url}/admin/")
    settled(page)
    page.get_by_role("button", name="Save a passkey").click()
    expect(page.locator("#passkey-register-status-message")).not_to_have_text("")
    settled(page)
    assert WebAuthnCredential.objects.filter(user=staff).count() == 1
    page.get_by_role("button", name="The passkey is saved: continue").click()
    settled(page)
    assert len(page.locator(".backup-codes li").all_inner_texts()) == 10

    page.context.clear_cookies()  # signed out
    sign_in_to_site(page, live_server, staff.username, "a-long-test-password")
    settled(page)
    page.goto(f"{live_server.url}/admin/")
    settled(page)
    assert "/accounts/two-factor/" in page.url
    page.get_by_role("button", name="Use your passkey").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    settled(page)
    assert violations == [], "\n".join(violations)
