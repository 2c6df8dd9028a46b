"""Query counts that do not grow with a list: the same request at 10 rows and at 200."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def assert_constant_queries(client, url: str, grow: Callable[[int], None]) -> None:
    """``grow(n)`` brings the list to ``n`` rows; the page shows all of them (per_page=200)."""
    sep = "&" if "?" in url else "?"
    url = f"{url}{sep}per_page=200"
    grow(10)
    queries_for(client, url)  # warm caches (sessions, content types) before counting
    small = queries_for(client, url)
    grow(200)
    large = queries_for(client, url)
    assert small == large, f"{url}: {small} queries at 10 rows, {large} at 200"
