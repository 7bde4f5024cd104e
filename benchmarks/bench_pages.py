"""`make bench`: time the public and review pages on a seeded database.

Builds a throw-away SQLite database beside the system temp files, seeds it with the demo story
plus PROPOSALS extra proposals (with events, candidates, documents and visits), then requests
each page REPEAT times through Django's test client and prints the median and 95th-percentile
time and the query count. Nothing here asserts a time: compare runs, not thresholds.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", "200"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def setup_django(database):
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kupang_portal.settings")
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DJANGO_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()


def seed():
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    from partnerships.models import FocusSector
    from tests import factories

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())
    sectors = list(FocusSector.objects.all())
    with translation.override("id"):
        for index in range(PROPOSALS):
            proposal = factories.ProposalFactory(offered=True, sectors=sectors[: 1 + index % 4])
            factories.ProposalEventFactory(proposal=proposal)
            factories.CandidateCityFactory(proposal=proposal, state="shortlisted")
            factories.DocumentFactory(proposal=proposal, is_public=True)
            factories.VisitFactory(sectors=sectors[:1]).proposals.add(proposal)


def measure(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings = []
    for _ in range(REPEAT):
        # The log keeps 9,000 queries at most: start each request with an empty one to count.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main():
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["testserver"]
        seed()
        from django.contrib.auth import get_user_model
        from django.test import Client

        public, reviewer = Client(), Client()
        reviewer.force_login(get_user_model().objects.get(username="demo-liaison"))
        pages = [
            (public, "/id/"),
            (public, "/en/proposals/"),
            (public, "/en/proposals/?q=Proposal&sector=education"),
            (public, "/ja/proposals/kupang-japan-sister-city/"),
            (public, "/en/visits/"),
            (public, "/en/visits/consul-general-courtesy-visit-2023-03-07/"),
            (public, "/en/sectors/education/"),
            (public, "/en/open-data/proposals.json"),
            (public, "/feeds/updates.atom"),
            (public, "/visits.ics"),
            (reviewer, "/en/review/"),
            (reviewer, "/en/review/KPG-2023-001/"),
        ]
        print(f"{PROPOSALS} extra proposals, {REPEAT} requests a page, SQLite")
        print(f"{'page':55} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
        for client, path in pages:
            median, p95, count = measure(client, path)
            print(f"{path:55} {median:10.1f} {p95:8.1f} {count:8d}")


if __name__ == "__main__":
    main()
