"""How long one annual evaluation report takes: compiling a busy year of a partnership from the
record, then its PDF in each language. `make bench` runs it on the national data set; nothing
here asserts a time. Everything it writes is rolled back."""

import datetime
import statistics
import time

from django.db import transaction
from pypdf import PdfReader

from partnerships.models import FocusSector, Proposal
from programmes import reports
from programmes.models import Activity, AnnualReport, Indicator, IndicatorValue
from programmes.report_document import report_document
from programmes.report_pdf import report_pdf

# A year no real report covers (all of this is rolled back anyway).
YEAR = 2035


class _RolledBack(Exception):
    pass


def _busy_year(partnership, activities, indicators):
    sectors = list(FocusSector.objects.all())
    for n in range(activities):
        start = datetime.date(YEAR, 1 + n % 12, 1 + n % 27)
        made = Activity.objects.create(
            partnership=partnership, title=f"Activity {n}", title_ind=f"Kegiatan {n}",
            title_ja=f"活動{n}", kind=Activity.Kind.values[n % 6],
            state=Activity.State.values[n % 4], is_public=True, starts_on=start,
            ends_on=start + datetime.timedelta(days=n % 40), home_women=n % 9, home_men=n % 7,
            budget_idr=1_000_000 * (n + 1), budget_source=Activity.BudgetSource.values[n % 4],
            outcome=f"Outcome of activity {n}, written in a sentence or two.",
        )  # fmt: skip
        made.sectors.add(sectors[n % len(sectors)])
    for n in range(indicators):
        indicator = Indicator.objects.create(
            partnership=partnership, sector=sectors[n % len(sectors)], name=f"Indicator {n}",
            unit="units", baseline=n, baseline_year=YEAR - 2, target=n + 10,
        )  # fmt: skip
        IndicatorValue.objects.create(indicator=indicator, year=YEAR, value=n + 4, source="Bench")


def _median_ms(work, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(activities=60, indicators=8, runs=5):
    """{"activities", "compile_ms", "pdf_ms": {language: ms}, "pdf_kb", "pdf_pages"}."""
    measured = {}
    try:
        with transaction.atomic():
            partnership = Proposal.objects.filter(status=Proposal.Status.ACTIVE).order_by("pk")[0]
            _busy_year(partnership, activities, indicators)
            report = AnnualReport.objects.create(
                partnership=partnership, year=YEAR, assessment="Assessment.",
                recommendation=AnnualReport.Recommendation.CONTINUE,
            )  # fmt: skip
            compile_ms, contents = _median_ms(lambda: reports.report_contents(report), runs)
            measured = {"activities": len(contents["activities"]), "compile_ms": compile_ms,
                        "pdf_ms": {}, "pdf_kb": {}, "pdf_pages": {}}  # fmt: skip
            for language in ("id", "en", "ja"):
                ms, pdf = _median_ms(
                    lambda language=language: report_pdf(
                        report_document(report, contents, language)
                    ),
                    runs,
                )
                measured["pdf_ms"][language] = ms
                measured["pdf_kb"][language] = round(len(pdf) / 1024)
                measured["pdf_pages"][language] = len(
                    PdfReader(__import__("io").BytesIO(pdf)).pages
                )
            raise _RolledBack
    except _RolledBack:
        pass
    return measured
