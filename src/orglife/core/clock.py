"""Today and now for every app, in one place so tests can fix it (no sleeping, no timing)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time

from django.utils import timezone


def today() -> date:
    """The local date (settings.TIME_ZONE) that deadlines are compared with."""
    return timezone.localdate()


def now() -> datetime:
    """The current moment, for the dates an item records (closed_at)."""
    return timezone.now()


@contextmanager
def as_of(day: date, hour: int = 10) -> Iterator[datetime]:
    """Run a block as if it were ``day`` at ``hour`` o'clock, local time.

    Only for ``orglife demo``, which records a year of a branch's history in one run, each
    step on the day it happened. Every stamp goes through this module or through
    ``django.utils.timezone.now`` (``auto_now_add``, ``localdate``), so both point at that
    moment for the block and are put back after it. The switch is process-wide: use it in
    a single-threaded command, never while requests are served.
    """
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    module = sys.modules[__name__]
    saved = (module.today, module.now, timezone.now)
    setattr(module, "today", lambda: day)  # noqa: B010 - the attribute is what callers read
    setattr(module, "now", lambda: moment)  # noqa: B010
    setattr(timezone, "now", lambda: moment)  # noqa: B010
    try:
        yield moment
    finally:
        setattr(module, "today", saved[0])  # noqa: B010
        setattr(module, "now", saved[1])  # noqa: B010
        setattr(timezone, "now", saved[2])  # noqa: B010
