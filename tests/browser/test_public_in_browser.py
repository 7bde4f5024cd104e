"""A citizen on a phone finds Kupang's offer in Japanese, then reads it in Indonesian."""

import pytest
from playwright.sync_api import expect

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


def every_public_page(language):
    from delegations.models import Visit
    from partnerships.models import FocusSector, PartnerCity, Proposal
    from programmes.models import AnnualReport

    pages = ["/", "/proposals/", "/sectors/", "/cities/", "/visits/", "/open-data/", "/register/"]
    for rows in (Proposal.objects.public(), FocusSector.objects.all(),
                 PartnerCity.objects.all(), Visit.objects.published(),
                 AnnualReport.objects.published()):  # fmt: skip
        pages += [row.get_absolute_url()[3:] for row in rows]
    pages.append("/proposals/kupang-japan-sister-city/follow/")
    return [f"/{language}{path}" for path in pages]


def test_no_public_page_logs_a_console_error_or_a_failed_request(live_server, phone, demo_story):
    # The favicon once was a 404 on every page, in every visitor's browser console.
    failed, errors = [], []
    phone.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.on("pageerror", lambda e: errors.append(str(e)))
    visited = 0
    for language in ("id", "en", "ja"):
        for path in every_public_page(language):
            phone.goto(f"{live_server.url}{path}")
            phone.wait_for_load_state("networkidle")
            visited += 1
    assert visited > 40
    assert failed == [] and errors == []
    icon = phone.locator("link[rel=icon][type='image/svg+xml']").get_attribute("href")
    assert phone.request.get(f"{live_server.url}{icon}").ok


def test_citizen_follows_kupangs_offer_by_email_and_leaves_with_one_click(
    live_server, phone, demo_story, artifacts, mailoutbox
):
    import re

    from partnerships import services
    from partnerships.models import Proposal

    phone.goto(f"{live_server.url}/en/proposals/kupang-japan-sister-city/")
    phone.get_by_label("Your email address").fill("not an address")
    phone.get_by_role("button", name="Follow by email").click()
    expect(phone.locator("main")).to_contain_text("Enter a valid email address.")
    assert phone.get_by_label("Your email address").input_value() == "not an address"

    phone.get_by_label("Your email address").fill("reader@example.org")
    phone.get_by_label("Language of the mail").select_option("ja")
    phone.get_by_role("button", name="Follow by email").click()
    expect(phone.get_by_role("heading", name="Check your mailbox")).to_be_visible()
    (asking,) = mailoutbox
    confirm_link = re.search(r"https?://\S+/follow/confirm/\S+/", asking.body)[0]
    phone.goto(live_server.url + "/" + confirm_link.split("/", 3)[3])
    phone.get_by_role("button", name="確認する").click()
    expect(phone.get_by_role("heading", name="この提案を購読しています")).to_be_visible()
    phone.screenshot(path=str(artifacts / "follow-confirmed-ja.png"), full_page=True)

    proposal = Proposal.objects.get(reference="KPG-2023-001")
    services.proposal_explore(proposal=proposal, by=None, note={"id": "Tokyo menjawab.",
                              "en": "Tokyo answered.", "ja": "東京から回答があった。"})  # fmt: skip
    (news,) = [m for m in mailoutbox if m.to == ["reader@example.org"]][1:]
    assert "東京から回答があった。" in news.body
    leave_link = re.search(r"https?://\S+/follow/leave/\S+/", news.body)[0]
    phone.goto(live_server.url + "/" + leave_link.split("/", 3)[3])
    phone.get_by_role("button", name="送信を停止する").click()
    expect(phone.get_by_role("heading", name="この提案の購読を停止しました")).to_be_visible()


@pytest.mark.parametrize(
    ("language", "words", "marked"),
    [
        ("en", "mitigation", "mitigation"),
        ("id", "pendidikan", "pendidikan"),
        ("ja", "防災", "防災"),
    ],
)
def test_citizen_searches_the_proposals_in_each_language(
    live_server, phone, demo_story, artifacts, language, words, marked
):
    phone.goto(f"{live_server.url}/{language}/proposals/")
    phone.get_by_role("searchbox").fill(words)
    phone.locator("form[role=search] button[type=submit]").click()

    # (Kupang's offer, found by its summary; a sample may rank above it by its title.)
    offer = phone.locator(".card-list > li").filter(has_text="KPG-2023-001")
    expect(offer.locator(".search-passage mark").first).to_have_text(marked)
    phone.screenshot(path=str(artifacts / f"public-search-{language}.png"), full_page=True)
