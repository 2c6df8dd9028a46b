"""The calendar of ``orglife demo``: every date of its story is derived from today.

The story, told the same on any day it is loaded:

- Branch A held **last year's** meeting (year = today's year - 1) about a year ago, and its
  rectification ledger has been worked on since: some items closed, some in progress, one
  overdue, long-term ones reporting progress.
- **This year's** meeting (year = today's year) is being prepared: plan approved, studies
  held, talks and materials partly done in the last weeks, to be held shortly after today.
- The seed material is branch A's material of **2023** (docs/contracts.md); that meeting is
  kept as an older, closed year. Its dates follow its year, not today.

One rule for when last year's meeting was held: 15 January of this year (meetings for year
N are usually held December N to February N+1), or six months before today if that is
earlier, so that its ledger has had half a year to work in, whatever the month. Weekends
move to the Friday before (or, for a planned date, the Monday after).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from orglife.core import clock

ARCHIVE_YEAR = 2023  # the seed's year (docs/contracts.md, "Demo organization")
LEDGER_HALF_YEAR = timedelta(days=183)
PLANNED_AHEAD = timedelta(days=12)


def weekday(day: date, step: int = -1) -> date:
    """``day``, or the nearest working day before it (step -1) or after it (step 1)."""
    while day.weekday() >= 5:
        day += timedelta(days=step)
    return day


@dataclass(frozen=True)
class Story:
    today: date
    last_held: date  # last year's meeting
    this_planned: date  # this year's meeting, planned
    archive_held: date  # the seed's 2023 meeting

    @property
    def this_year(self) -> int:
        return self.today.year

    @property
    def last_year(self) -> int:
        return self.today.year - 1

    def before_today(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def after_held(self, days: int) -> date:
        """A day after last year's meeting, never later than today."""
        return min(self.last_held + timedelta(days=days), self.today)

    def before_held(self, days: int) -> date:
        return self.last_held - timedelta(days=days)


def story(today: date | None = None) -> Story:
    today = today or clock.today()
    held = min(date(today.year, 1, 15), today - LEDGER_HALF_YEAR)
    return Story(
        today=today,
        last_held=weekday(held),
        this_planned=weekday(today + PLANNED_AHEAD, 1),
        archive_held=weekday(date(ARCHIVE_YEAR + 1, 1, 16)),
    )
