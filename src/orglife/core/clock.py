"""Today and now for every app, in one place so tests can fix it (no sleeping, no timing)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """The local date (settings.TIME_ZONE) that deadlines are compared with."""
    return timezone.localdate()


def now() -> datetime:
    """The current moment, for the dates an item records (closed_at)."""
    return timezone.now()
