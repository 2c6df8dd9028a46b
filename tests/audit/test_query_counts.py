"""The audit log's list answers in a number of queries that does not grow with the log."""

from __future__ import annotations

import pytest

from orglife.audit.models import AuditEntry
from tests.query_counts import assert_constant_queries

pytestmark = pytest.mark.django_db


def _entries(n_before: int):
    def grow(n: int) -> None:
        have = AuditEntry.objects.count() - n_before
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(actor=f"p{i}", action="login", target=f"p{i}", address="10.0.0.1")
                for i in range(max(0, have), n)
            ]
        )

    return grow


@pytest.mark.parametrize("query", ["", "?action=login", "?actor=p1&since=2020-01-01"])
def test_it_keeps_the_audit_log_at_constant_queries(world, seats, query):
    c = world.client(seats.audit)
    assert_constant_queries(c, f"/audit/{query}", _entries(AuditEntry.objects.count()))
