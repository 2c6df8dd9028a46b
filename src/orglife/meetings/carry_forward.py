"""Section 一 of a meeting's material, written from the previous meeting's own ledger.

The previous meeting is the branch's latest meeting of an earlier year; its items are
those linked to it (``RectificationItem.meeting``), or, for items registered before the
link existed, those of its year.
"""

from __future__ import annotations

from orglife.ledger.carry_forward import carry_forward_from_items, carry_forward_text
from orglife.ledger.models import RectificationItem
from orglife.meetings.models import LifeMeeting


def previous_meeting(meeting: LifeMeeting) -> LifeMeeting | None:
    return (
        LifeMeeting.objects.filter(org=meeting.org, year__lt=meeting.year)
        .order_by("-year", "-held_on", "-pk")
        .first()
    )


def carry_forward_for(meeting: LifeMeeting) -> str:
    """The text of 上一次组织生活会问题整改落实情况 for ``meeting``."""
    prev = previous_meeting(meeting)
    if prev is not None:
        linked = RectificationItem.objects.filter(meeting=prev)
        if linked.exists():
            return carry_forward_from_items(year=prev.year, items=linked)
    return carry_forward_text(org=meeting.org, year=meeting.year)
