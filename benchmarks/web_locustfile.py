"""The load that ``bench_web.py`` puts on the served committee, run by locust in its own process.

Each simulated person is the committee's reviewer, signed in (a session cookie for pages, a
bearer token for the API), opening the main pages in random order with a think time between
clicks. ``bench_web.py`` passes everything through the environment:

- ``BENCH_URLS``: the pages, one per line;
- ``BENCH_COOKIE`` / ``BENCH_TOKEN``: the reviewer's session and API token;
- ``BENCH_THINK``: ``"min,max"`` seconds between two requests of one person (``"0,0"`` for a
  closed loop that measures capacity rather than a person's wait).

A redirect (to the sign-in page) or any status but 200 counts as a failure, so a run can never
quietly measure the wrong page.
"""

from __future__ import annotations

import itertools
import os

from locust import HttpUser, between, task

URLS = [u for u in os.environ.get("BENCH_URLS", "/healthz").splitlines() if u.strip()]
_turn = itertools.count()  # shared by every simulated person (greenlets of one process)
_low, _high = (float(x) for x in os.environ.get("BENCH_THINK", "1,3").split(","))


class Reviewer(HttpUser):
    wait_time = between(_low, _high)

    def on_start(self) -> None:
        self.page_headers = {"Cookie": os.environ.get("BENCH_COOKIE", "")}
        self.api_headers = {"Authorization": f"Bearer {os.environ.get('BENCH_TOKEN', '')}"}

    @task
    def open_a_page(self) -> None:
        url = URLS[next(_turn) % len(URLS)]  # strict turns: every page as often as the next
        headers = self.api_headers if url.startswith("/api/") else self.page_headers
        with self.client.get(
            url, name=url, headers=headers, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} {r.headers.get('Location', '')}")
