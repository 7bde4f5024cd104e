"""The benchmark's report: locust's figures read, and the table of every run written as Markdown
and JSON."""

import csv
import json


def parse_locust_csv(path):
    """The "Aggregated" row of locust's stats file: req/s, p50, p95 (ms), requests, failures."""
    with open(path, newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                return {
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                }
    raise ValueError(f"no aggregated row in {path}")


def _percent(rate):
    return "–" if rate is None else f"{rate:.0%}"


def report(rows, machine, annual_report=None):
    """Markdown and JSON of the measured rows (dicts with page, users, rps, bare_rps, p50, p95,
    failures, requests, queries_small, queries_national), and of the annual report's timing
    (benchmarks/annual_report.py) when given."""
    lines = [
        f"Measured {machine['when']} on {machine['machine']}: {machine['sizes']}; gunicorn with "
        f"{machine['workers']} workers, `DJANGO_DEBUG=0`, PostgreSQL; {machine['seconds']} s of "
        "load per page, each followed by the bare view for as long.",
        "",
        "| page | users | req/s | ratio to bare | p50 ms | p95 ms | errors | cache hits | "
        "build ms | queries @10 | queries @national |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = row["rps"] / row["bare_rps"] if row["bare_rps"] else 0
        lines.append(
            f"| {row['page']} | {row['users']} | {row['rps']:.1f} | {ratio:.2f} | "
            f"{row['p50']:.0f} | {row['p95']:.0f} | {row['failures']} | "
            f"{_percent(row.get('hit_rate'))} | "
            f"{row.get('build_ms', float('nan')):.0f} | "
            f"{row['queries_small'] if row['queries_small'] is not None else '–'} | "
            f"{row['queries_national'] if row['queries_national'] is not None else '–'} |"
        )
    if annual_report:
        pdfs = ", ".join(
            f"{language} {ms:.0f} ms ({annual_report['pdf_pages'][language]} pages, "
            f"{annual_report['pdf_kb'][language]} kB)"
            for language, ms in annual_report["pdf_ms"].items()
        )
        lines += ["", f"Annual report of a year with {annual_report['activities']} activities: "
                      f"compiled in {annual_report['compile_ms']:.0f} ms; PDF {pdfs}."]  # fmt: skip
    measured = {"machine": machine, "rows": rows, "annual_report": annual_report}
    return "\n".join(lines) + "\n", json.dumps(measured, indent=1)
