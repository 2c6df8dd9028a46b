"""Shared steps for part 2's tests: a meeting of branch A, recorded as held."""

from __future__ import annotations

from datetime import date

from orglife.meetings.models import LifeMeeting
from orglife.meetings.services_record import record_save
from tests.meetings.factories import LifeMeetingFactory

HELD_ON = date(2024, 1, 12)


def meeting_of(world, branch: str = "a", **kw) -> LifeMeeting:
    org = world.branch_a if branch == "a" else world.branch_b
    return LifeMeetingFactory(org=org, **kw)


def record_body(**over):
    body = {
        "held_on": "2024-01-12",
        "place": "三楼会议室",
        "host": "secretary_a",
        "attendees": ["secretary_a", "committee_a", "member_a"],
        "absent": [],
        "minutes": "支部书记代表班子作对照检查。\n党员逐一开展批评和自我批评。",
    }
    body.update(over)
    return body


def held(world, meeting: LifeMeeting | None = None) -> LifeMeeting:
    meeting = meeting or meeting_of(world)
    secretary = world.secretary_a if meeting.org == world.branch_a else world.secretary_b
    people = (
        ["secretary_a", "committee_a", "member_a"]
        if meeting.org == world.branch_a
        else ["secretary_b", "member_b"]
    )
    meeting, _ = record_save(
        meeting=meeting,
        actor=secretary,
        held_on=HELD_ON,
        place="三楼会议室",
        attendees=people,
        absent=[],
        minutes="支部书记代表班子作对照检查。",
        host=secretary.username,
    )
    return meeting
