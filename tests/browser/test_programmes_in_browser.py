"""After the signature, in Chromium from the rendered pages: a staff member records an exchange
activity of the sample partnership, writes last year's evaluation, freezes and publishes it;
citizens then read the report in Japanese, with the activity in it, and get its PDF."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from programmes.models import Activity, AnnualReport
from tests.browser.admin_pages import (
    choose,
    choose_in_selector,
    main_fields,
    save,
    settled,
    sign_in_to_admin,
)

pytestmark = pytest.mark.browser
SAMPLE = "sample-disaster-mitigation"


def test_staff_record_an_activity_then_freeze_and_publish_the_years_report(live_server, page,
                                                                          demo_story):  # fmt: skip
    sign_in_to_admin(page, live_server, "demo-staff", "kupang-demo-staff")
    page.goto(f"{live_server.url}/admin/programmes/activity/")
    page.locator(".object-tools").get_by_role("link", name="Add activity").click()
    form = main_fields(page)
    choose(page, page.locator(".field-partnership"), "Partnership", "DEMO-2023-003")
    form.get_by_label("Title (Indonesian)").fill("Pelatihan bank sampah")
    form.get_by_label("Title (Japanese)").fill("ごみバンク研修")
    form.get_by_label("Kind").select_option(label="Training")
    choose_in_selector(page, "sectors", "Cleanliness and waste management")
    form.get_by_label("State").select_option(label="Done")
    form.get_by_label("Public").check()
    form.get_by_label("Starts on").fill("2025-09-01")
    form.get_by_label("Ends on").fill("2025-09-03")
    form.get_by_label("Women from Kupang:", exact=True).fill("14")
    form.get_by_label("Men from Kupang:", exact=True).fill("6")
    form.get_by_label("Budget (IDR)").fill("30000000")
    form.get_by_label("Budget source").select_option(label="City budget (APBD)")
    save(page)
    assert Activity.objects.filter(title_ja="ごみバンク研修", budget_idr=30_000_000).exists()

    # Last year's report is a draft in the demo: write it, then freeze and publish it.
    page.goto(f"{live_server.url}/admin/programmes/annualreport/")
    page.get_by_role("link", name="Annual report 2025 — DEMO-2023-003").click()
    form = main_fields(page)
    form.get_by_label("Staff assessment (Indonesian)").fill("Pelatihan bank sampah berjalan baik.")
    form.get_by_label("Staff assessment (Japanese)").fill("ごみバンク研修は順調に実施された。")
    form.get_by_label("Recommendation").select_option(label="Continue")
    save(page, "Save and continue editing")

    page.get_by_role("link", name="Freeze…").click()
    expect(page.locator(".consequences")).to_contain_text("do not change it")
    page.get_by_role("button", name="Freeze the report").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Freeze the report")
    page.get_by_role("link", name="Publish…").click()
    page.get_by_role("button", name="Publish the report").click()
    settled(page)
    report = AnnualReport.objects.get(partnership__reference="DEMO-2023-003", year=2025)
    assert report.is_frozen and report.is_published

    # A citizen reads it in Japanese, from the partnership's page.
    page.goto(f"{live_server.url}/ja/proposals/{SAMPLE}/")
    page.get_by_role("link", name="2025年 年次評価報告書").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("2025年 年次評価報告書")
    expect(page.locator(".annual-report")).to_contain_text("ごみバンク研修")
    expect(page.locator(".annual-report")).to_contain_text("ごみバンク研修は順調に実施された。")
    pdf_link = page.get_by_role("link", name="PDFでダウンロード")
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    text = PdfReader(io.BytesIO(response.body())).pages[0].extract_text()
    assert "2025年 年次評価報告書" in text
