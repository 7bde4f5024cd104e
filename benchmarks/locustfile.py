"""One run under load. The addresses are `BENCH_PATHS` (space-separated) or the lines of
`BENCH_PATHS_FILE`; `BENCH_ORDER` says how each simulated user picks them:

- "each": every address in turn (one page measured alone);
- "random": any address with the same chance (a crawler, or citizens spread over the record);
- "zipf": the address ranked k is asked for with a weight 1/k (a few popular, most rare).

Users are signed in with `BENCH_SESSION` when set. Each answer of the page cache says whether it
came from the cache (`X-Page-Cache`); the counts are written to `BENCH_HITS_FILE` at the end.
run.py starts one headless run per page or scenario."""

import itertools
import json
import os
import random

from locust import HttpUser, constant, events, task

if os.environ.get("BENCH_PATHS_FILE"):
    with open(os.environ["BENCH_PATHS_FILE"]) as listed:
        PATHS = listed.read().split()
else:
    PATHS = os.environ["BENCH_PATHS"].split()
ORDER = os.environ.get("BENCH_ORDER", "each")
SESSION = os.environ.get("BENCH_SESSION", "")
# Zipf's weights, cumulated once: random.choices then costs a bisection per request.
CUMULATED = list(itertools.accumulate(1 / rank for rank in range(1, len(PATHS) + 1)))
CACHE_ANSWERS = {"hit": 0, "miss": 0}


def next_paths():
    if ORDER == "random":
        return [random.choice(PATHS)]  # noqa: S311 (a load pattern, not a secret)
    if ORDER == "zipf":
        return random.choices(PATHS, cum_weights=CUMULATED)  # noqa: S311
    return PATHS


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if SESSION:
            self.client.cookies.set("sessionid", SESSION)

    @task
    def read(self):
        for path in next_paths():
            name = path if ORDER == "each" else f"{ORDER} over {len(PATHS)} addresses"
            with self.client.get(path, name=name, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                answer = response.headers.get("X-Page-Cache")
                if answer in CACHE_ANSWERS:
                    CACHE_ANSWERS[answer] += 1


@events.quitting.add_listener
def write_cache_answers(environment, **kwargs):
    if os.environ.get("BENCH_HITS_FILE"):
        with open(os.environ["BENCH_HITS_FILE"], "w") as counts:
            json.dump(CACHE_ANSWERS, counts)
