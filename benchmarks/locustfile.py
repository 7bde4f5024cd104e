"""One page under load: `BENCH_PATHS` (space-separated) requested in turn by every simulated user,
signed in with `BENCH_SESSION` when set. run.py starts one headless run per page."""

import os

from locust import HttpUser, constant, task

PATHS = os.environ["BENCH_PATHS"].split()
SESSION = os.environ.get("BENCH_SESSION", "")


class Visitor(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        if SESSION:
            self.client.cookies.set("sessionid", SESSION)

    @task
    def read(self):
        for path in PATHS:
            with self.client.get(path, name=path, catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
