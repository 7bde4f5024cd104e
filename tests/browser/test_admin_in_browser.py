"""A city staff member signs in to the admin in a real browser and finds Kupang's offer."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_staff_signs_in_and_opens_kupangs_offer(live_server, page, screenshot, demo_story):
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "demo-staff")
    page.fill("#id_password", "kupang-demo-staff")
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/partnerships/proposal/")
    page.click("text=KPG-2023-001")

    assert page.locator("#id_reference").input_value() == "KPG-2023-001"
    # The status is shown but cannot be edited here.
    assert page.locator("select[name=status]").count() == 0
    assert page.locator(".field-status .readonly").inner_text() == "Offered"
    assert screenshot("admin-proposal-kupang").stat().st_size > 0


def test_liaison_is_refused_at_the_admin_door(live_server, page, demo_story):
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "demo-liaison")
    page.fill("#id_password", "kupang-demo-liaison")
    page.click("input[type=submit]")

    # Wait for the answer to the sign-in: the login page was already open before it.
    expect(page.locator(".errornote")).to_be_visible()
    assert "/admin/login/" in page.url
