"""The benchmark's own arithmetic: reading locust's results and writing the report."""

import json

from benchmarks.report import parse_locust_csv, report

LOCUST_STATS = """Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%
GET,/en/,120,2,80,85.5,10,300,20000,40.0,0.6,80,90,95,100,120,150,200,250,300,300,300
,Aggregated,120,2,80,85.5,10,300,20000,40.0,0.6,80,90,95,100,120,150,200,250,300,300,300
"""  # noqa: E501 - locust's own header line


def test_the_aggregated_row_of_locusts_stats_is_read(tmp_path):
    stats = tmp_path / "run_stats.csv"
    stats.write_text(LOCUST_STATS)

    assert parse_locust_csv(stats) == {
        "rps": 40.0, "p50": 80.0, "p95": 150.0, "requests": 120, "failures": 2,
    }  # fmt: skip


def test_the_report_gives_each_page_its_ratio_to_the_bare_view():
    rows = [{"page": "home", "path": "/en/", "users": 10, "rps": 40.0, "bare_rps": 400.0,
             "p50": 80.0, "p95": 150.0, "failures": 0, "requests": 120, "build_ms": 61.4,
             "queries_small": 8,
             "queries_national": 8, "hit_rate": 0.934},
            {"page": "sitemap page", "path": "/sitemap-proposals.xml?p=5", "users": 50,
             "rps": 10.0, "bare_rps": 0, "p50": 1.0, "p95": 2.0, "failures": 3, "requests": 3,
             "build_ms": 240.0, "queries_small": None, "queries_national": 6}]  # fmt: skip
    machine = {"when": "2026-11-28 10:00", "machine": "x86_64, 2 cores", "workers": 3,
               "seconds": 8, "sizes": {"proposals": 10_000}}  # fmt: skip

    markdown, data = report(rows, machine)

    assert "| home | 10 | 40.0 | 0.10 | 80 | 150 | 0 | 93% | 61 | 8 | 8 |" in markdown
    assert "| sitemap page | 50 | 10.0 | 0.00 | 1 | 2 | 3 | – | 240 | – | 6 |" in markdown
    assert json.loads(data)["rows"][0]["bare_rps"] == 400.0


def test_the_report_says_how_long_an_annual_report_took():
    timing = {"activities": 60, "compile_ms": 41.6, "pdf_ms": {"id": 120.2, "ja": 150.7},
              "pdf_kb": {"id": 9, "ja": 11}, "pdf_pages": {"id": 4, "ja": 5}}  # fmt: skip
    machine = {"when": "2026-11-28 10:00", "machine": "x86_64, 2 cores", "workers": 3,
               "seconds": 8, "sizes": {"proposals": 10_000}}  # fmt: skip
    markdown, data = report([], machine, timing)
    assert ("a year with 60 activities: compiled in 42 ms; PDF id 120 ms (4 pages, 9 kB), "
            "ja 151 ms (5 pages, 11 kB).") in markdown  # fmt: skip
    assert json.loads(data)["annual_report"]["compile_ms"] == 41.6


def test_an_annual_report_is_timed_on_a_busy_year(db):
    from benchmarks.annual_report import measure
    from programmes.models import Activity
    from tests.factories import ProposalFactory

    ProposalFactory(active=True)
    timing = measure(activities=12, indicators=2, runs=1)
    assert timing["activities"] == 12 and set(timing["pdf_ms"]) == {"id", "en", "ja"}
    assert min(timing["pdf_pages"].values()) >= 1
    assert not Activity.objects.exists()  # everything it wrote was rolled back


def test_the_spread_runs_ask_for_every_record_page_in_three_languages():
    from benchmarks import scenarios

    listed = {"proposals": [["bench-a", "KPG-2020-001"], ["bench-b", "KPG-2020-002"]],
              "cities": ["bench-city-0"], "visits": ["bench-visit-0"]}  # fmt: skip

    addresses = scenarios.addresses(listed)

    assert len(addresses) == len(set(addresses)) == 4 * 3
    assert {"/id/proposals/bench-a/", "/ja/cities/bench-city-0/", "/en/visits/bench-visit-0/"} <= (
        set(addresses)
    )
    assert addresses == scenarios.addresses(listed)  # the same order in every run
    common, rare = scenarios.searches(listed)
    assert "/en/proposals/?q=Kemitraan" in common
    assert sorted(rare) == ["/en/proposals/?q=KPG-2020-001", "/en/proposals/?q=KPG-2020-002"]


def test_a_runs_hit_rate_is_read_from_the_counts_locust_wrote(tmp_path):
    from benchmarks import scenarios

    counts = tmp_path / "hits.json"
    counts.write_text('{"hit": 45, "miss": 5}')
    assert scenarios.hit_rate(counts) == 0.9
    assert scenarios.hit_rate(tmp_path / "never-written.json") is None
