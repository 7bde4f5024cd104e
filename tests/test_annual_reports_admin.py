"""Staff produce an annual report in the admin from the rendered pages: write the assessment,
read the printable page and the PDF in each language, freeze it and publish it, each after a
confirmation page."""

import datetime
import io

import pytest
from pypdf import PdfReader

from programmes.models import Activity, AnnualReport
from tests.factories import ProposalFactory, StaffUserFactory
from tests.html_forms import admin_form_data, form_on_page

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ADD = "/admin/programmes/annualreport/add/"


@pytest.fixture
def partnership(partnership):
    """The shared partnership, with one activity of last year."""
    Activity.objects.create(
        partnership=partnership,
        title="Drill",
        title_ind="Latihan",
        title_ja="訓練",
        kind="training",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 2),
        state="done",
        is_public=True,
        budget_idr=40_000_000,
        budget_source="city",
    )
    return partnership


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def add_report(client, partnership, **filled):
    data = admin_form_data(client, ADD, **EN)
    data.update({"partnership": partnership.pk, "year": "2025", **filled})
    response = client.post(ADD, data, **EN)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return AnnualReport.objects.get(partnership=partnership, year=2025)


def test_staff_write_freeze_and_publish_a_report_from_the_rendered_pages(
    client, staff, partnership
):
    report = add_report(
        client,
        partnership,
        assessment_ind="Baik.",
        assessment_en="Good.",
        assessment_ja="良好。",
        recommendation="continue",
    )
    change = f"/admin/programmes/annualreport/{report.pk}/change/"
    page = client.get(change, **EN).content.decode()
    for language in ("id", "en", "ja"):
        assert f"/admin/programmes/annualreport/{report.pk}/pdf/{language}/" in page
    assert f"/admin/programmes/annualreport/{report.pk}/freeze/" in page

    confirm = client.get(f"/admin/programmes/annualreport/{report.pk}/freeze/", **EN)
    assert "later edits of activities, visits or indicators do not change it" in (
        confirm.content.decode()
    )
    assert AnnualReport.objects.get(pk=report.pk).frozen_at is None  # asking changes nothing
    data = form_on_page(
        client, f"/admin/programmes/annualreport/{report.pk}/freeze/", "report-step-form", **EN
    )
    response = client.post(f"/admin/programmes/annualreport/{report.pk}/freeze/", data, **EN)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.frozen_by == staff and report.contents["assessment"]["ja"] == "良好。"

    data = form_on_page(
        client, f"/admin/programmes/annualreport/{report.pk}/publish/", "report-step-form", **EN
    )
    client.post(f"/admin/programmes/annualreport/{report.pk}/publish/", data, **EN)
    assert AnnualReport.objects.get(pk=report.pk).is_published
    client.logout()
    assert "訓練" in client.get("/ja/register/kupang-yamabe/2025/").content.decode()


def test_staff_get_a_draft_report_as_a_japanese_pdf(client, staff, partnership):
    report = AnnualReport.objects.create(partnership=partnership, year=2025)
    response = client.get(f"/admin/programmes/annualreport/{report.pk}/pdf/ja/")
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "年次評価報告書" in text and "訓練" in text
    preview = client.get(f"/admin/programmes/annualreport/{report.pk}/preview/en/", **EN)
    assert "Draft, not frozen" in preview.content.decode()
    assert client.get(f"/admin/programmes/annualreport/{report.pk}/pdf/xx/").status_code == 404


def test_freezing_a_report_with_gaps_says_what_is_missing_and_changes_nothing(
    client, staff, partnership
):
    report = AnnualReport.objects.create(partnership=partnership, year=2025)
    page = client.get(f"/admin/programmes/annualreport/{report.pk}/freeze/", **EN).content.decode()
    assert "Recommendation: missing" in page and "Staff assessment: missing" in page
    assert 'id="report-step-form"' not in page  # nothing to confirm
    response = client.post(
        f"/admin/programmes/annualreport/{report.pk}/freeze/", {}, **EN, follow=True
    )
    assert "Recommendation: missing" in response.content.decode()
    assert AnnualReport.objects.get(pk=report.pk).frozen_at is None


def test_a_frozen_report_cannot_be_edited_even_from_a_page_opened_before(
    client, staff, partnership
):
    report = add_report(client, partnership, assessment_ind="Baik.", recommendation="revise")
    change = f"/admin/programmes/annualreport/{report.pk}/change/"
    stale = admin_form_data(client, change, **EN)
    from programmes.reports import report_freeze

    report_freeze(report=report, by=staff)
    stale["assessment_ind"] = "Diubah setelah dibekukan."
    response = client.post(change, stale, **EN)
    assert "frozen meanwhile" in response.content.decode()
    report.refresh_from_db()
    assert report.assessment_ind == "Baik."
    # Opened now, the page shows the report read-only: no field to change, no Save button, and
    # who froze it, when.
    page = client.get(change, **EN).content.decode()
    assert 'name="assessment_ind"' not in page and 'name="_save"' not in page
    assert f"by {staff.get_full_name() or staff.get_username()}" in page


def test_a_report_is_only_written_for_a_signed_partnership(client, staff):
    offered = ProposalFactory(offered=True)
    data = admin_form_data(client, ADD, **EN)
    data.update({"partnership": offered.pk, "year": "2025"})
    response = client.post(ADD, data, **EN)
    assert response.status_code == 200
    assert not AnnualReport.objects.exists()


def test_one_report_per_partnership_and_year(client, staff, partnership):
    AnnualReport.objects.create(partnership=partnership, year=2025)
    data = admin_form_data(client, ADD, **EN)
    data.update({"partnership": partnership.pk, "year": "2025"})
    response = client.post(ADD, data, **EN)
    assert "already has a report for that year" in response.content.decode()


def test_freezing_warns_of_languages_the_assessment_lacks_and_a_draft_has_no_public_link(
    client, staff, partnership
):
    report = add_report(client, partnership, assessment_ind="Baik.", recommendation="continue")
    page = client.get(f"/admin/programmes/annualreport/{report.pk}/freeze/", **EN)
    assert "not written in English, Japanese" in page.content.decode()
    change = client.get(f"/admin/programmes/annualreport/{report.pk}/change/", **EN)
    assert "/register/kupang-yamabe/2025/" not in change.content.decode()  # no "View on site"


def test_reverting_a_frozen_report_from_its_history_keeps_what_was_frozen(client, staff,
                                                                          partnership):  # fmt: skip
    report = add_report(client, partnership, assessment_ind="Draf pertama", recommendation="end")
    change = f"/admin/programmes/annualreport/{report.pk}/change/"
    data = admin_form_data(client, change, **EN)
    data.update({"assessment_ind": "Final", "recommendation": "continue"})
    assert client.post(change, data, **EN).status_code == 302
    from programmes.reports import report_freeze

    report_freeze(report=AnnualReport.objects.get(pk=report.pk), by=staff)
    first = report.history.order_by("history_id").first()
    revert = f"/admin/programmes/annualreport/{report.pk}/history/{first.history_id}/"
    client.post(revert, form_on_page(client, revert, "historicalannualreport_form", **EN), **EN)
    report.refresh_from_db()
    assert (report.assessment_ind, report.recommendation) == ("Final", "continue")
    assert report.contents["assessment"]["id"] == "Final"
