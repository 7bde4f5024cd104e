"""The demo liaison reviews Kupang's offer; the city's staff then find the open question."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from partnerships.models import CandidateCity

pytestmark = pytest.mark.browser


def test_liaison_asks_suggests_and_staff_see_the_request(live_server, page, demo_story, artifacts):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "demo-liaison")
    page.fill("#id_password", "kupang-demo-liaison")
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/en/review/$"))
    expect(page.locator("main")).to_contain_text("DEMO-")  # the samples share the same mission

    page.get_by_role("link", name="KPG-2023-001 — Sister-city partnership between Kupang and a "
                     "Japanese city").first.click()  # fmt: skip
    page.fill("#id_body", "Has Tokyo named any cities yet?")
    page.check("#id_is_request")
    page.get_by_role("button", name="Post").click()
    sent = "Your request for information was sent to the city."
    expect(page.locator("body")).to_contain_text(sent)

    top = page.locator("#assistant li").first
    assert "Kitakyushu" in top.inner_text()
    top.get_by_role("button").click()
    expect(page.locator("body")).to_contain_text("Kitakyushu is suggested")
    page.screenshot(path=str(artifacts / "review-liaison.png"), full_page=True)
    page.wait_for_load_state("networkidle")  # see admin_pages.settled

    candidate = CandidateCity.objects.get(proposal__reference="KPG-2023-001")
    assert candidate.city.slug == "kitakyushu" and candidate.suggested_by.username == "demo-liaison"
    assert any("Kitakyushu" in m.subject for m in mail.outbox)

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "demo-staff")
    page.fill("#id_password", "kupang-demo-staff")
    page.click("input[type=submit]")
    expect(page.locator(".waiting")).to_contain_text("Has Tokyo named any cities yet?")
    page.screenshot(path=str(artifacts / "admin-open-request.png"))
