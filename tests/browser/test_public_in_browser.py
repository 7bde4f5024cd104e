"""A citizen on a phone finds Kupang's offer in Japanese, then reads it in Indonesian."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_citizen_follows_kupangs_offer_in_japanese_then_indonesian(
    live_server, phone, demo_story, artifacts
):
    phone.goto(f"{live_server.url}/")
    assert phone.url.endswith("/ja/")  # the browser's language decides
    assert phone.locator("html").get_attribute("lang") == "ja"
    phone.screenshot(path=str(artifacts / "public-home-ja.png"), full_page=True)

    phone.get_by_role("link", name="クパン市と日本の都市との姉妹都市提携").first.click()
    assert phone.url.endswith("/ja/proposals/kupang-japan-sister-city/")
    current = phone.locator(".stepper li[aria-current=step]")
    assert "提案済み" in current.inner_text() and "2023年3月7日" in current.inner_text()
    assert phone.locator(".timeline li").count() == 1
    assert "提案を実施" in phone.locator(".timeline").inner_text()
    phone.screenshot(path=str(artifacts / "public-proposal-ja.png"), full_page=True)

    phone.get_by_role("link", name="Bahasa Indonesia").click()
    assert phone.url.endswith("/id/proposals/kupang-japan-sister-city/")
    assert phone.locator("html").get_attribute("lang") == "id"
    assert "Ditawarkan" in phone.locator(".stepper li[aria-current=step]").inner_text()
    assert "7 Maret 2023" in phone.locator(".stepper").inner_text()
    assert "Penawaran disampaikan" in phone.locator(".timeline").inner_text()
    phone.screenshot(path=str(artifacts / "public-proposal-id.png"), full_page=True)


def test_the_public_pages_load_without_a_failed_request(live_server, phone, demo_story):
    # The favicon once was a 404 on every page, in every visitor's browser console.
    failed = []
    phone.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    for path in ("/ja/", "/ja/proposals/kupang-japan-sister-city/", "/en/visits/"):
        phone.goto(f"{live_server.url}{path}")
        phone.wait_for_load_state("networkidle")
    assert failed == []
    icon = phone.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert phone.request.get(f"{live_server.url}{icon}").ok
