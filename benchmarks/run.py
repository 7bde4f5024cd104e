"""`make bench`: the portal at national scale, served as in production and measured under load.

1. A fresh PostgreSQL database (`BENCH_DATABASE_URL`) gets the national data set (national.py);
   a second one gets ten proposals, to compare query counts at both sizes.
2. gunicorn serves it with `DJANGO_DEBUG=0` and `BENCH_WORKERS` workers, with a bare view beside
   the portal's pages (benchmarks/urls.py).
3. For each page, locust drives `BENCH_USERS` users (10, then 50) for `BENCH_SECONDS`, then the
   bare view for as long, so that each page is compared with the bare view of the same moment.
   The pages are kept in the shared cache (Redis, `BENCH_CACHE_URL`, emptied first) as in
   production, so under load most requests are answered from it; each page is also timed once
   with the cache missed ("build ms": what the first visitor after a change waits).
4. The report (markdown and JSON) goes to bench/results/ (ignored by git): requests per second,
   the ratio to the bare view, p50 and p95, errors, build time, and queries per build at 10 and
   at national size. Nothing here asserts a time: the goals are read off the report.
"""

import contextlib
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script (`make bench`), it imports its sibling modules

from benchmarks import scenarios  # noqa: E402
from benchmarks.django_steps import COUNT, REPORT_TIMING, SEED  # noqa: E402
from benchmarks.report import parse_locust_csv, report  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
DATABASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kupang_bench")
USERS = [int(n) for n in os.environ.get("BENCH_USERS", "10 50").split()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CACHE = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11")
BARE = "/bench/bare"
# One key for the whole run: the reader's session is signed by the seeding process and read by
# gunicorn's workers.
SECRET_KEY = secrets.token_urlsafe(64)


def production_environment(database):
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_ROOT_URLCONF": "benchmarks.urls",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_CACHE_URL": CACHE,
        # Pages built in the background are kept under the address the load asks for.
        "PORTAL_BASE_URL": f"http://127.0.0.1:{PORT}",
        # Every simulated reader comes from one address: the API's per-client limit is off.
        "PORTAL_API_RATE_LIMIT": "0",
    }


def empty_cache():
    import redis

    redis.Redis.from_url(CACHE).flushdb()


def with_database_name(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(url):
    import psycopg2

    name = urlsplit(url).path.lstrip("/")
    admin = psycopg2.connect(with_database_name(url, "postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def django_process(database, code, argument=None):
    """A Django process running `code` on `database` with `argument` (JSON) as ARGUMENT."""
    script = (
        "import django, json, os, sys; sys.path.insert(0, '.'); django.setup()\n"
        "from django.core.management import call_command\n"
        "ARGUMENT = json.loads(os.environ['BENCH_ARGUMENT'])\n" + code
    )
    # Queries are counted for building the page: the page cache is left out.
    env = {**production_environment(database), "DJANGO_SETTINGS_MODULE": "kupang_portal.settings",
           "BENCH_ARGUMENT": json.dumps(argument), "PORTAL_PAGE_CACHE": "0"}  # fmt: skip
    return subprocess.Popen([PYTHON, "-c", script], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def finished(process):
    """The last printed line (JSON) of a django_process, once it has ended."""
    stdout, stderr = process.communicate()
    if process.returncode:
        raise SystemExit(stderr)
    return json.loads(stdout.strip().splitlines()[-1])


def django_step(database, code, argument=None):
    """Run `code` as a django_process and wait for its last printed line (JSON)."""
    return finished(django_process(database, code, argument))


def seed(database, sizes):
    recreate(database)
    return django_step(database, SEED, sizes)


def query_counts(database, pages):
    return django_step(database, COUNT, pages)


def collect_static():
    env = production_environment(DATABASE)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT,
                   env=env, check=True)  # fmt: skip


@contextlib.contextmanager
def served(database):
    """gunicorn serving the portal, and the task queue's worker (which builds hot pages again
    after a change) beside it, as in production."""
    server = serve(database)
    worker = subprocess.Popen([PYTHON, "manage.py", "db_worker", "--interval", "0.2"], cwd=ROOT,
                              env=production_environment(database))  # fmt: skip
    try:
        yield
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait()


def serve(database):
    env = production_environment(database)
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "kupang_portal.wsgi", "--workers", str(WORKERS),
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{BARE}", timeout=1)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def load(path, users, session, folder, order="each", paths_file=""):
    """locust's figures for `path` (or the addresses listed in `paths_file`, in `order`), with
    the page cache's hit rate."""
    prefix = Path(folder) / f"run-{secrets.token_hex(4)}"
    env = {**os.environ, "BENCH_PATHS": path, "BENCH_SESSION": session, "BENCH_ORDER": order,
           "BENCH_PATHS_FILE": paths_file, "BENCH_HITS_FILE": f"{prefix}-hits.json"}  # fmt: skip
    done = subprocess.run(
        [str(Path(PYTHON).parent / "locust"), "-f", str(ROOT / "benchmarks" / "locustfile.py"),
         "--headless", "-u", str(users), "-r", str(users), "-t", f"{SECONDS}s",
         "--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--only-summary",
         "--loglevel", "ERROR"],
        env=env, check=False, capture_output=True, text=True,
    )  # fmt: skip
    try:
        return {**parse_locust_csv(f"{prefix}_stats.csv"),
                "hit_rate": scenarios.hit_rate(f"{prefix}-hits.json")}  # fmt: skip
    except (OSError, ValueError, KeyError):
        # A run that could not be read is reported as such; the other pages still are.
        print(f"  locust's results for {path} could not be read:\n{done.stderr[-1500:]}")
        return {"rps": 0.0, "p50": float("nan"), "p95": float("nan"), "requests": 0,
                "failures": -1}  # fmt: skip


def build_time(path, session):
    """Milliseconds to answer `path` when the page cache has no copy (an address of its own),
    the median of three."""
    times = []
    for _ in range(3):
        fresh = f"{path}{'&' if '?' in path else '?'}fresh={secrets.token_hex(6)}"
        request = urllib.request.Request(f"http://127.0.0.1:{PORT}{fresh}")
        if session:
            request.add_header("Cookie", f"sessionid={session}")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                response.read()
        except OSError as failed:  # an error page is no measure of building the page
            print(f"  {path} could not be timed: {failed}")
            return float("nan")
        times.append((time.perf_counter() - started) * 1000)
    return sorted(times)[1]


def _measure_page(name, path, users, session, folder):
    measured = load(path, users, session, folder)
    bare = load(BARE, users, "", folder)
    print(f"  {users:3} users  {name:28} {measured['rps']:8.1f} req/s (bare {bare['rps']:.0f})  "
          f"p95 {measured['p95']:.0f} ms  errors {measured['failures']}", flush=True)  # fmt: skip
    return {"page": name, "path": path, "users": users, **measured, "bare_rps": bare["rps"]}


def measure_pages(pages, review_session, counts_small, counts_national):
    """Each page under each load, beside the bare view measured right after it."""
    rows = []
    with tempfile.TemporaryDirectory() as folder, served(DATABASE):
        sessions = {name: review_session if path.startswith("/en/review/") else ""
                    for name, path in pages}  # fmt: skip
        built = {name: build_time(path, sessions[name]) for name, path in pages}
        for users in USERS:
            for name, path in pages:
                row = _measure_page(name, path, users, sessions[name], folder)
                rows.append({**row, "build_ms": built[name],
                             "queries_small": counts_small[name],
                             "queries_national": counts_national[name]})  # fmt: skip
    return rows


def measure_scenarios(listed, proposal_path):
    """The runs of scenarios.py, at the first number of users, with the writer where asked."""
    rows = []
    with tempfile.TemporaryDirectory() as folder, served(DATABASE):
        for name, order, paths, writing in scenarios.scenarios(listed, proposal_path):
            listed_file = scenarios.write_paths(folder, name, paths)
            if order == "zipf":  # as after a while in service: the popular pages read once
                load("", USERS[0], "", folder, order, listed_file)
            writer = django_process(DATABASE, scenarios.WRITER, SECONDS) if writing else None
            measured = load("", USERS[0], "", folder, order, listed_file)
            writes = finished(writer)["writes"] if writer else 0
            bare = load(BARE, USERS[0], "", folder)
            rate = measured["hit_rate"]
            print(f"  {name:36} {measured['rps']:8.1f} req/s (bare {bare['rps']:.0f})  p95 "
                  f"{measured['p95']:.0f} ms  hits {rate if rate is None else f'{rate:.0%}'}"
                  f"  writes {writes}", flush=True)  # fmt: skip
            rows.append({"page": name, "path": f"{order} over {len(paths)}",
                         "users": USERS[0], **measured, "bare_rps": bare["rps"],
                         "queries_small": None, "queries_national": None})  # fmt: skip
    return rows


def main():
    small = with_database_name(DATABASE, urlsplit(DATABASE).path.lstrip("/") + "_small")
    sizes = json.loads(os.environ.get("BENCH_SIZES", "{}"))
    print("Seeding the national data set…", flush=True)
    started = time.perf_counter()
    national = seed(DATABASE, sizes)
    print(f"  {national['written']} in {time.perf_counter() - started:.0f} s", flush=True)
    tiny = seed(small, {"proposals": 10, "events_per_proposal": 10, "cities": 20, "visits": 10})
    collect_static()  # production settings read the static files' manifest
    pages = [(name, path.format(**national)) for name, path in scenarios.PAGES]
    small_pages = [(name, path.format(**tiny)) for name, path in scenarios.PAGES]
    counts_small = query_counts(small, small_pages)
    counts_national = query_counts(DATABASE, pages)
    annual_report = django_step(DATABASE, REPORT_TIMING, {"activities": 60})

    empty_cache()
    rows = measure_pages(pages, national["session"], counts_small, counts_national)
    empty_cache()
    listed = django_step(DATABASE, scenarios.ADDRESSES)
    rows += measure_scenarios(listed, dict(pages)["proposal page"])
    machine = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}",
        "sizes": national["written"], "workers": WORKERS, "seconds": SECONDS,
    }  # fmt: skip
    markdown, data = report(rows, machine, annual_report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(markdown)
    (RESULTS / "latest.json").write_text(data)
    print(markdown)
    print(f"Written to {RESULTS / 'latest.md'} and latest.json")


if __name__ == "__main__":
    if not shutil.which(str(Path(PYTHON).parent / "locust")):
        raise SystemExit("locust is not installed: run `make bench`, which installs it")
    main()
