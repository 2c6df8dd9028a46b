"""Dates of the ledger: the default deadline of a meeting item (local rule: 15 days), and
overdue as a database condition.

Overdue is derived, never stored (docs/domain.md). ``RectificationItem.overdue_on`` judges one
item in Python; ``overdue_q`` is the same rule in SQL, so filters, counts and orderings over
a whole ledger run in the database.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.lookups import LessThan

from orglife.core import clock
from orglife.core.sqldates import AddDays
from orglife.ledger.models import DEFAULT_PROGRESS_INTERVAL_DAYS, Kind, Status


def default_deadline(*, held_on: date | None, planned_on: date | None) -> date:
    """The meeting's date (held, else planned, else today) plus ORGLIFE_DEFAULT_DEADLINE_DAYS."""
    start = held_on or planned_on or clock.today()
    return start + timedelta(days=settings.ORGLIFE_DEFAULT_DEADLINE_DAYS)


def progress_due(prefix: str = "") -> AddDays:
    """A 长期坚持 item's next progress date: the last entry (else the day it was registered,
    in local time) plus its interval (default 30 days). ``progress_due_on`` in SQL.

    ``prefix`` reaches the item through a relation (``"item__"`` from a hazard)."""
    since = Coalesce(F(f"{prefix}last_progress_on"), TruncDate(f"{prefix}created_at"))
    days = Coalesce(F(f"{prefix}progress_interval_days"), Value(DEFAULT_PROGRESS_INTERVAL_DAYS))
    return AddDays(since, days)


def open_q(prefix: str = "") -> Q:
    return ~Q(**{f"{prefix}status": Status.CLOSED})


def past_deadline_q(today: date, *, prefix: str = "") -> Q:
    """Open items (not 长期坚持) past their deadline: the partial index on open items'
    deadlines answers it (ordered by deadline, as the home page lists them)."""
    long_term = Q(**{f"{prefix}kind": Kind.LONG_TERM})
    return open_q(prefix) & ~long_term & Q(**{f"{prefix}deadline__lt": today})


def progress_late_q(today: date, *, prefix: str = "") -> Q:
    """Open 长期坚持 items past their next progress date (partial index on them)."""
    long_term = Q(**{f"{prefix}kind": Kind.LONG_TERM})
    return open_q(prefix) & long_term & Q(LessThan(progress_due(prefix), Value(today)))


def overdue_q(today: date, *, prefix: str = "") -> Q:
    """Open, and past its deadline; a 长期坚持 item: past its next progress date."""
    return past_deadline_q(today, prefix=prefix) | progress_late_q(today, prefix=prefix)
