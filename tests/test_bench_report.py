"""The benchmark's own arithmetic: reading locust's results and writing the report."""

import json

from benchmarks.run import parse_locust_csv, report

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
             "queries_national": 8},
            {"page": "sitemap page", "path": "/sitemap-proposals.xml?p=5", "users": 50,
             "rps": 10.0, "bare_rps": 0, "p50": 1.0, "p95": 2.0, "failures": 3, "requests": 3,
             "build_ms": 240.0, "queries_small": None, "queries_national": 6}]  # fmt: skip
    machine = {"when": "2026-11-28 10:00", "machine": "x86_64, 2 cores", "workers": 3,
               "seconds": 8, "sizes": {"proposals": 10_000}}  # fmt: skip

    markdown, data = report(rows, machine)

    assert "| home | 10 | 40.0 | 0.10 | 80 | 150 | 0 | 61 | 8 | 8 |" in markdown
    assert "| sitemap page | 50 | 10.0 | 0.00 | 1 | 2 | 3 | 240 | – | 6 |" in markdown
    assert json.loads(data)["rows"][0]["bare_rps"] == 400.0
