"""The annual evaluation report: compiled per year from the public record, frozen by staff so
that later edits do not change it, published as a page and a PDF in each language."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from delegations.models import Commitment
from partnerships.models import FocusSector
from programmes import reports
from programmes.models import Activity, AnnualReport, Indicator, IndicatorValue
from tests.factories import (
    CommitmentFactory,
    ProposalFactory,
    StaffUserFactory,
    VisitFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
D = datetime.date


def activity(partnership, title, starts_on, ends_on, **fields):
    values = {"kind": Activity.Kind.EXCHANGE, "state": Activity.State.DONE, "is_public": True,
              "title_ind": title, "title_en": title}  # fmt: skip
    values.update(fields)
    return Activity.objects.create(partnership=partnership, title=title, starts_on=starts_on,
                                   ends_on=ends_on, **values)  # fmt: skip


@pytest.fixture
def record(partnership):
    """Two years of a partnership's record, with the cases a report must tell apart."""
    activity(
        partnership,
        "Teacher exchange",
        D(2024, 11, 20),
        D(2025, 1, 15),
        budget_idr=100_000_000,
        budget_source="partner",
        home_women=3,
        home_men=1,
    )
    activity(
        partnership,
        "Drill",
        D(2025, 3, 1),
        D(2025, 3, 2),
        budget_idr=40_000_000,
        budget_source="city",
        home_women=20,
        partner_men=2,
    )
    activity(
        partnership,
        "Cancelled fair",
        D(2025, 5, 1),
        D(2025, 5, 3),
        state=Activity.State.CANCELLED,
        budget_idr=900_000_000,
        budget_source="city",
    )
    activity(
        partnership,
        "Planned training",
        D(2025, 10, 1),
        D(2025, 10, 2),
        state=Activity.State.PLANNED,
        budget_idr=7_000_000,
        budget_source="national",
    )
    activity(partnership, "Internal workshop", D(2025, 6, 1), D(2025, 6, 1), is_public=False,
             budget_idr=5_000_000, budget_source="city")  # fmt: skip
    schools = Indicator.objects.create(
        partnership=partnership, sector=FocusSector.objects.get(slug="disaster-mitigation"),
        name="Schools with routes", unit="schools", baseline=2, baseline_year=2023, target=12,
    )  # fmt: skip
    IndicatorValue.objects.create(indicator=schools, year=2024, value=5, source="BPBD")
    visit = VisitFactory(starts_on=D(2025, 3, 1), title="Mayor's visit")
    visit.proposals.add(partnership)
    for due_on, fields in [
        (D(2025, 2, 1), {"done": True, "closed_on": D(2025, 1, 30)}),
        (D(2025, 2, 1), {"done": True, "closed_on": D(2025, 4, 1)}),
        (D(2025, 3, 1), {"dropped": True, "closed_on": D(2025, 3, 5)}),
        (D(2025, 4, 1), {}),
    ]:
        CommitmentFactory(visit=visit, due_on=due_on, **fields)
    return partnership


def titles(contents):
    return [a["title"]["en"] for a in contents["activities"]]


def test_an_activity_spanning_two_years_is_listed_in_both_and_counted_in_its_first(record):
    first = reports.compile_record(record, 2024, today=D(2026, 1, 10))
    second = reports.compile_record(record, 2025, today=D(2026, 1, 10))
    assert titles(first) == ["Teacher exchange"]
    assert "Teacher exchange" in titles(second)
    spanning = second["activities"][0]
    assert spanning["from_earlier_year"] and not spanning["counted"]
    assert first["activities"][0]["into_later_year"] and first["activities"][0]["counted"]
    assert first["budget"] == [{"source": "partner", "idr": 100_000_000}]
    assert first["budget_total"] == 100_000_000


def test_cancelled_and_planned_activities_are_listed_but_not_counted(record):
    contents = reports.compile_record(record, 2025, today=D(2026, 1, 10))
    assert titles(contents) == ["Teacher exchange", "Drill", "Cancelled fair", "Planned training"]
    # Only the drill (running or done, started in 2025) spends: not the cancelled fair's 900
    # million, not the planned training, not the internal workshop nobody may see.
    assert contents["budget"] == [{"source": "city", "idr": 40_000_000}]
    assert contents["budget_total"] == 40_000_000


def test_a_missing_indicator_value_is_said_not_guessed(record):
    measured = reports.compile_record(record, 2024)["indicators"][0]
    assert (measured["value"], measured["progress"]) == ("5", 30.0)
    missing = reports.compile_record(record, 2025)["indicators"][0]
    assert missing["value"] is None and missing["progress"] is None
    page = reports_page_text(record, 2025, "en")
    assert "no value recorded" in page


def test_commitments_due_in_the_year_are_kept_late_missed_or_open(record):
    on_time = reports.compile_record(record, 2025, today=D(2025, 3, 15))
    assert [c["outcome"] for c in on_time["commitments"]] == ["kept", "late", "missed", "open"]
    later = reports.compile_record(record, 2025, today=D(2026, 1, 10))
    assert [c["outcome"] for c in later["commitments"]] == ["kept", "late", "missed", "missed"]
    assert reports.compile_record(record, 2024)["commitments"] == []


def test_a_shared_visits_promise_counts_for_the_partnership_it_names(record):
    other = ProposalFactory(active=True)
    visit = VisitFactory(starts_on=D(2025, 5, 1))
    visit.proposals.add(record, other)
    CommitmentFactory(visit=visit, proposal=other, due_on=D(2025, 6, 1), description="Theirs")
    CommitmentFactory(visit=visit, due_on=D(2025, 6, 1), description="Everyone's")
    mine = {c["description"]["en"] for c in reports.compile_record(record, 2025)["commitments"]}
    assert "Everyone's" in mine and "Theirs" not in mine


def test_only_published_visits_count(record):
    VisitFactory(starts_on=D(2025, 8, 1), published=False).proposals.add(record)
    contents = reports.compile_record(record, 2025)
    assert [v["title"]["en"] for v in contents["visits"]] == ["Mayor's visit"]


def reports_page_text(partnership, year, language):
    report = AnnualReport.objects.get_or_create(partnership=partnership, year=year)[0]
    from programmes.report_document import report_document

    document = report_document(report, reports.report_contents(report), language)
    cells = [str(cell) for s in document.sections if s.table for row in s.table.rows
             for cell in row]  # fmt: skip
    return " ".join(cells + [s.empty for s in document.sections])


def frozen_report(partnership, year=2025, **fields):
    report = AnnualReport.objects.create(
        partnership=partnership, year=year, assessment_ind="Baik.", assessment_en="Good.",
        recommendation="continue", **fields,
    )  # fmt: skip
    return reports.report_freeze(report=report, by=StaffUserFactory())


def test_a_frozen_report_does_not_change_when_the_record_does(record):
    report = frozen_report(record)
    before = AnnualReport.objects.get(pk=report.pk).contents
    drill = Activity.objects.get(title="Drill")
    drill.title_en = "Renamed drill"
    drill.budget_idr = 1
    drill.save()
    activity(
        record, "Added later", D(2025, 7, 1), D(2025, 7, 1), budget_idr=3, budget_source="city"
    )
    IndicatorValue.objects.create(indicator=Indicator.objects.get(), year=2025, value=9, source="x")
    AnnualReport.objects.filter(pk=report.pk).update(assessment_en="Rewritten afterwards.")
    report.refresh_from_db()
    assert report.contents == before
    assert report.contents["assessment"]["en"] == "Good."
    assert "Drill" in titles(report.contents) and "Added later" not in titles(report.contents)
    # The live record has moved on; the report has not.
    assert "Renamed drill" in titles(reports.compile_record(record, 2025))
    assert report.frozen_by is not None and report.frozen_at is not None


def test_freezing_is_refused_with_every_reason(partnership):
    this_year = timezone.localdate().year
    report = AnnualReport.objects.create(partnership=partnership, year=this_year)
    with pytest.raises(reports.ReportRefused) as refused:
        reports.report_freeze(report=report, by=StaffUserFactory())
    said = " ".join(refused.value.problems)
    assert f"The year {this_year} is not over" in said
    assert "Recommendation: missing" in said and "Staff assessment: missing" in said
    assert AnnualReport.objects.get(pk=report.pk).frozen_at is None


def test_a_report_is_frozen_once_and_published_only_when_frozen(partnership):
    draft = AnnualReport.objects.create(partnership=partnership, year=2024)
    with pytest.raises(reports.ReportRefused, match="freeze it first"):
        reports.report_publish(report=draft, by=StaffUserFactory())
    report = frozen_report(partnership)
    with pytest.raises(reports.ReportRefused, match="already frozen"):
        reports.report_freeze(report=report, by=StaffUserFactory())
    reports.report_publish(report=report, by=StaffUserFactory())
    assert report.is_published


@pytest.mark.parametrize(
    "language, title",
    [("id", "Laporan evaluasi tahunan 2025"), ("en", "Annual evaluation report 2025"),
     ("ja", "2025年 年次評価報告書")],
)  # fmt: skip
def test_the_pdf_is_made_in_each_language_with_its_title_extractable(
    client, partnership, language, title
):
    report = frozen_report(partnership)
    reports.report_publish(report=report, by=StaffUserFactory())
    response = client.get(f"/{language}/register/kupang-yamabe/2025/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == language
    pdf = PdfReader(io.BytesIO(response.content))
    assert pdf.metadata.title == title
    assert title in pdf.pages[0].extract_text()


def test_japanese_text_in_the_pdf_is_real_text(partnership):
    activity(partnership, "Drill", D(2025, 3, 1), D(2025, 3, 2), title_ja="津波避難合同訓練")
    report = frozen_report(partnership)
    from programmes.report_document import report_document
    from programmes.report_pdf import report_pdf

    text = PdfReader(io.BytesIO(report_pdf(report_document(report, report.contents, "ja"))))
    extracted = "".join(page.extract_text() for page in text.pages).replace("\n", "")
    assert "津波避難合同訓練" in extracted
    assert "活動" in extracted


def test_public_pages_show_only_published_reports(client, partnership):
    published = frozen_report(partnership, year=2024)
    reports.report_publish(report=published, by=StaffUserFactory())
    frozen_report(partnership, year=2025)  # frozen, never published
    AnnualReport.objects.create(partnership=partnership, year=2026)  # a draft
    page = client.get("/en/proposals/kupang-yamabe/").content.decode()
    assert "/en/register/kupang-yamabe/2024/" in page
    assert "/register/kupang-yamabe/2025/" not in page
    assert "/register/kupang-yamabe/2026/" not in page
    for year in (2025, 2026):
        assert client.get(f"/en/register/kupang-yamabe/{year}/").status_code == 404
        assert client.get(f"/en/register/kupang-yamabe/{year}/report.pdf").status_code == 404
    register = client.get("/en/register/").content.decode()
    assert 'href="/en/register/kupang-yamabe/2024/">2024</a>' in register


def test_a_published_report_reads_in_each_language(client, partnership):
    activity(partnership, "Drill", D(2025, 3, 1), D(2025, 3, 2), title_ja="訓練",
             title_ind="Latihan")  # fmt: skip
    report = frozen_report(partnership)
    reports.report_publish(report=report, by=StaffUserFactory())
    for language, expected in [("id", "Latihan"), ("en", "Drill"), ("ja", "訓練")]:
        page = client.get(f"/{language}/register/kupang-yamabe/2025/").content.decode()
        assert expected in page
    japanese = client.get("/ja/register/kupang-yamabe/2025/").content.decode()
    # The assessment was written in Indonesian and English only: Japanese readers get the
    # English, marked as such, with a note in Japanese.
    assert '<p lang="en">Good.</p>' in japanese
    assert '<p lang="ja">未翻訳：英語で表示しています。</p>' in japanese


def test_a_report_taken_off_the_public_pages_is_gone_from_them(client, partnership):
    report = frozen_report(partnership)
    reports.report_publish(report=report, by=StaffUserFactory())
    assert client.get("/en/register/kupang-yamabe/2025/").status_code == 200
    reports.report_unpublish(report=report, by=StaffUserFactory())
    assert client.get("/en/register/kupang-yamabe/2025/").status_code == 404
    assert AnnualReport.objects.get(pk=report.pk).is_frozen


def test_a_report_of_an_unpublished_partnership_is_not_public(client):
    hidden = ProposalFactory(active=True, slug="hidden", published=False)
    report = frozen_report(hidden)
    reports.report_publish(report=report, by=StaffUserFactory())
    assert client.get("/en/register/hidden/2025/").status_code == 404


def test_commitment_states_in_the_report_use_their_labels(record, client):
    report = frozen_report(record)
    reports.report_publish(report=report, by=StaffUserFactory())
    page = client.get("/en/register/kupang-yamabe/2025/").content.decode()
    assert "Kept late" in page and "Missed" in page
    assert Commitment.objects.count() == 4


def test_the_register_and_sector_pages_ask_no_more_queries_as_the_record_grows(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    education = FocusSector.objects.get(slug="education")

    def grow(count):
        for _n in range(count):
            partnership = ProposalFactory(active=True, term_years=5)
            made = activity(partnership, "Exchange", D(2025, 3, 1), D(2025, 3, 2),
                            budget_idr=10, budget_source="city")  # fmt: skip
            made.sectors.add(education)
            reports.report_publish(report=frozen_report(partnership), by=StaffUserFactory())

    def counted(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    grow(2)
    few = [counted("/en/register/"), counted("/en/sectors/education/")]
    grow(12)
    assert [counted("/en/register/"), counted("/en/sectors/education/")] == few
    assert "Rp 140" in client.get("/en/sectors/education/").content.decode()


def test_an_assessment_needs_its_indonesian_and_other_languages_fall_back_to_any_written(
    partnership,
):
    report = AnnualReport.objects.create(partnership=partnership, year=2025, assessment_en="Good.",
                                         recommendation="continue")  # fmt: skip
    with pytest.raises(reports.ReportRefused, match="Staff assessment in Indonesian: missing"):
        reports.report_freeze(report=report, by=StaffUserFactory())
    from programmes.report_document import report_document

    # Before it is frozen, a Japanese reader gets the English that was written, marked as such.
    said = report_document(report, reports.report_contents(report), "ja").sections[-1].paragraphs
    assert (said[0].text, said[0].lang) == ("Good.", "en")
    # …with a note in the reader's language, on the page and so in the PDF too.
    assert (said[1].text, said[1].lang) == ("未翻訳：英語で表示しています。", "ja")
    assert reports.untranslated_assessment(report) == ["Indonesian", "Japanese"]


def test_the_day_a_report_was_frozen_is_kupangs_day(partnership):
    report = AnnualReport.objects.create(partnership=partnership, year=2024, assessment_ind="Baik",
                                         recommendation="continue")  # fmt: skip
    # 18:30 UTC on 20 January is 02:30 on 21 January in Kupang.
    moment = datetime.datetime(2025, 1, 20, 18, 30, tzinfo=datetime.UTC)
    reports.report_freeze(report=report, by=StaffUserFactory(), when=moment)
    from programmes.report_document import report_document

    document = report_document(report, report.contents, "en")
    assert "Frozen on Jan. 21, 2025" in document.status
    assert "Compiled from the public record on Jan. 21, 2025" in document.status


def pdf_of(report, language):
    from programmes.report_document import report_document
    from programmes.report_pdf import report_pdf

    return PdfReader(io.BytesIO(report_pdf(report_document(
        report, reports.report_contents(report), language))))  # fmt: skip


def fonts_of(pdf):
    """{font name: embedded?} over every page; a Type0 font's file is in its descendant."""
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


@pytest.mark.parametrize("language", ["id", "en", "ja"])
def test_every_font_of_a_pdf_is_embedded_so_it_reads_anywhere(partnership, language):
    activity(partnership, "Drill", D(2025, 3, 1), D(2025, 3, 2), title_ja="津波避難合同訓練")
    fonts = fonts_of(pdf_of(frozen_report(partnership), language))
    assert fonts and all(fonts.values()), fonts
    if language == "ja":
        assert all("IPAexGothic" in name for name in fonts), fonts
    else:  # Latin text in Vera, its headings in Vera Bold
        assert sorted(name.split("+")[1] for name in fonts) == [
            "BitstreamVeraSans-Bold", "BitstreamVeraSans-Roman",
        ]  # fmt: skip


def test_japanese_headings_are_drawn_bold_by_stroking(partnership):
    pdf = pdf_of(frozen_report(partnership), "ja")
    content = pdf.pages[0].get_contents().get_data()
    assert b"2 Tr" in content  # fill and stroke: IPAexGothic has no bold face


def test_a_pdf_has_a_letterhead_and_a_sign_off_and_marks_a_draft(partnership):
    draft = AnnualReport.objects.create(partnership=partnership, year=2025)
    text = pdf_of(draft, "en").pages[0].extract_text()
    assert "DRAFT: not frozen" in text and "Page 1" in text
    assert "City of Kupang · Sister-City Portal\nAnnual evaluation report 2025" in text
    assert "Frozen by" not in text

    staff = StaffUserFactory(first_name="Yohana", last_name="Fanggidae")
    report = AnnualReport.objects.create(partnership=partnership, year=2024,
                                         assessment_ind="Baik.", recommendation="continue",
                                         council_reference="DPRD 12/2025")  # fmt: skip
    reports.report_freeze(report=report, by=staff)
    pdf = pdf_of(report, "en")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "DRAFT" not in text
    assert "Frozen by Yohana Fanggidae on" in text and "Council's reference: DPRD 12/2025" in text


def test_a_report_of_a_partnership_not_yet_published_still_counts_its_public_activities():
    """Staff may write and freeze the report before the partnership page is published: it
    counts what is public within the partnership, and is shown only once both are public."""
    import datetime

    quiet = ProposalFactory(active=True, published=False)
    activity(quiet, "Teacher exchange", datetime.date(2025, 3, 1), datetime.date(2025, 3, 5),
             budget_idr=40_000_000, budget_source="city")  # fmt: skip
    activity(quiet, "Internal rehearsal", datetime.date(2025, 4, 1), datetime.date(2025, 4, 1),
             is_public=False)  # fmt: skip

    record = reports.compile_record(quiet, 2025)

    assert [a["title"]["en"] for a in record["activities"]] == ["Teacher exchange"]
    assert record["budget_total"] == 40_000_000
