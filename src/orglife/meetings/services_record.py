"""Writes for the meeting as held: the record (with the quorum) and the criticisms.

``record_save`` is the only place that sets ``LifeMeeting.held_on``.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.meetings import selectors_after as sel
from orglife.meetings.models import (
    Attendance,
    Criticism,
    LifeMeeting,
    MeetingRecord,
    MeetingReport,
    ProceedingEvent,
    ReportStatus,
)
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.orgs.models import User

log = logging.getLogger(__name__)


def lock_meeting(meeting: LifeMeeting) -> LifeMeeting:
    """The meeting row under a lock: concurrent writers to one meeting go one at a time."""
    return (
        LifeMeeting.objects.select_for_update(of=("self",)).select_related("org").get(pk=meeting.pk)
    )


def event(
    meeting: LifeMeeting,
    *,
    actor: User | None,
    action: str,
    changes: dict | None = None,
    note: str = "",
) -> None:
    ProceedingEvent.objects.create(
        meeting=meeting, actor=actor, action=action, changes=changes or {}, note=note
    )


def refuse_when_reported(meeting: LifeMeeting) -> None:
    """Once the report is with the committee (or accepted), what it reports is fixed."""
    status = MeetingReport.objects.filter(meeting=meeting).values_list("status", flat=True).first()
    if status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise Conflict(
            "会议情况报告已报送，会议记录不能再修改；如需修改请由上级退回报告",
            log=f"meeting {meeting.pk} edit after report {status}",
        )


def require_secretary(user: User, meeting: LifeMeeting, what: str) -> None:
    if not meeting_seats(user, meeting) & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER}:
        raise Forbidden(f"只有支部书记或支委可以{what}", log=f"{user} may not {what}")


def _as_date(value: Any, label: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise Invalid(f"{label}应为 YYYY-MM-DD 格式的日期", log=f"bad date {value!r}") from None


def _people(meeting: LifeMeeting, usernames: list[str], label: str) -> dict[str, User]:
    wanted = [str(u).strip() for u in usernames if str(u).strip()]
    found = {u.username: u for u in sel.branch_people(meeting).filter(username__in=wanted)}
    missing = [u for u in wanted if u not in found]
    if missing:
        raise Invalid(
            f"{label}中有不属于{meeting.org.name}的人员：{'、'.join(missing)}",
            log=f"unknown people {missing}",
        )
    return found


@transaction.atomic
def record_save(
    *,
    meeting: LifeMeeting,
    actor: User,
    held_on: Any,
    place: str,
    attendees: list[str],
    absent: list[dict[str, str]],
    minutes: str = "",
    host: str | None = None,
) -> tuple[LifeMeeting, sel.Quorum]:
    """Record the meeting as held: 409 below quorum or without the collective study."""
    require_secretary(actor, meeting, "填写会议记录")
    meeting = lock_meeting(meeting)
    refuse_when_reported(meeting)
    day = _as_date(held_on, "召开日期")
    place = (place or "").strip()
    if not place:
        raise Invalid("请填写会议地点", log="record without place")
    present = _people(meeting, attendees, "出席人员")
    away_reasons: dict[str, str] = {}
    for row in absent:
        name = str(row.get("person", "")).strip()
        reason = str(row.get("reason", "")).strip()
        if not reason:
            raise Invalid(f"请填写{name or '缺席人员'}的缺席原因", log=f"absent {name} no reason")
        away_reasons[name] = reason
    away = _people(meeting, list(away_reasons), "缺席人员")
    both = set(present) & set(away)
    if both:
        raise Invalid(f"{'、'.join(sorted(both))}不能既出席又缺席", log=f"both {both}")
    host_user = None
    if host:
        host_user = _people(meeting, [host], "主持人")[host.strip()]
    if settings.ORGLIFE_REQUIRE_STUDY:
        refusal = sel._study_rule_refusal(meeting)
        if refusal is not None:
            raise Conflict(refusal, log=f"meeting {meeting.pk}: no collective study")
    quorum = sel.quorum_of(meeting, {u.pk for u in present.values()})
    if not quorum.met:
        rule = sel.quorum_rule(meeting)
        raise Conflict(
            f"到会人数不足，不能召开：应到{quorum.due}人，实到{quorum.present}人，"
            f"须超过半数（{rule.source}）",
            log=f"meeting {meeting.pk}: quorum {quorum}",
            extra={"quorum": quorum.as_dict()},
        )
    _, created = MeetingRecord.objects.update_or_create(
        meeting=meeting,
        defaults={
            "place": place[:200],
            "host": host_user,
            "minutes": (minutes or "").replace("\r\n", "\n").strip(),
            "quorum_due": quorum.due,
            "quorum_present": quorum.present,
            "recorded_by": actor,
        },
    )
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person=u, present=True) for u in present.values()]
        + [
            Attendance(meeting=meeting, person=u, present=False, reason=away_reasons[name][:200])
            for name, u in away.items()
        ]
    )
    old_day = meeting.held_on
    LifeMeeting.objects.filter(pk=meeting.pk).update(held_on=day, version=F("version") + 1)
    meeting.refresh_from_db()
    event(
        meeting,
        actor=actor,
        action="record_create" if created else "record_update",
        changes={
            "held_on": [old_day.isoformat() if old_day else None, day.isoformat()],
            "place": place,
            "present": sorted(present),
            "absent": away_reasons,
            "quorum": quorum.as_dict(),
        },
    )
    return meeting, quorum


@transaction.atomic
def criticism_add(*, meeting: LifeMeeting, actor: User, to: str, by: str, text: str) -> Criticism:
    """Record a criticism (self-criticism when ``by`` == ``to``).

    The secretary or a committee member records anyone's; a member records their own words.
    """
    seats = meeting_seats(actor, meeting)
    if not seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER} and not (
        Seat.MEMBER in seats and by == actor.username
    ):
        raise Forbidden("只能记录本人的发言；他人的发言由支部书记或支委记录", log=f"{actor}")
    meeting = lock_meeting(meeting)
    if sel.record_of(meeting) is None:
        raise Conflict("请先填写会议记录（召开日期和出席情况）", log="criticism before record")
    refuse_when_reported(meeting)
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise Invalid("请填写发言内容", log="empty criticism")
    people = _people(meeting, [to, by], "发言人员")
    c = Criticism.objects.create(
        meeting=meeting,
        to=people[to.strip()],
        by=people[by.strip()],
        text=text,
        recorded_by=actor,
    )
    event(meeting, actor=actor, action="criticism", changes={"to": to, "by": by, "id": c.pk})
    return c
