"""Run calls at the same instant, each in its own thread and database connection."""

import threading

from django.db import connection
from django.utils import translation


def race(*calls):
    """Each call's result, or the exception it raised (refusals are the interesting ones)."""
    start = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        with translation.override("en"):
            try:
                start.wait()
                outcomes[index] = call()
            except Exception as refusal:  # noqa: BLE001 - handed back to the test to inspect
                outcomes[index] = refusal
            finally:
                connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
