"""The default deadline of a rectification item found at a meeting (local rule: 15 days)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from orglife.core import clock


def default_deadline(*, held_on: date | None, planned_on: date | None) -> date:
    """The meeting's date (held, else planned, else today) plus ORGLIFE_DEFAULT_DEADLINE_DAYS."""
    start = held_on or planned_on or clock.today()
    return start + timedelta(days=settings.ORGLIFE_DEFAULT_DEADLINE_DAYS)
