"""A meeting's stage, derived from what was recorded (never stored, never typed)."""

from __future__ import annotations

from django.apps import apps

from orglife.meetings.models import LifeMeeting, MeetingPlan, PlanStatus

# Part 2's model, looked up by name so this module works before it exists.
REPORT_MODEL: str = "MeetingReport"

STAGES = {
    "planning": "制定方案",
    "plan_submitted": "方案待审核",
    "preparing": "会前准备",
    "held": "已召开",
    "reported": "已报告",
}


def _reported(meeting: LifeMeeting) -> bool:
    # MeetingReport belongs to part 2 of the lifecycle; until it exists nothing is reported.
    try:
        report_model = apps.get_model("meetings", REPORT_MODEL)
    except LookupError:
        return False
    return report_model.objects.filter(
        meeting=meeting, status__in=["submitted", "accepted"]
    ).exists()


def _plan_status(meeting: LifeMeeting) -> str | None:
    # Read fresh: a plan cached on the meeting instance may predate its last move.
    return MeetingPlan.objects.filter(meeting=meeting).values_list("status", flat=True).first()


def meeting_stage(meeting: LifeMeeting) -> str:
    """reported → held → preparing (plan approved) → plan_submitted → planning."""
    if _reported(meeting):
        return "reported"
    if meeting.held_on is not None:
        return "held"
    return _stage_of_plan(_plan_status(meeting))


def meeting_stages(meetings: list[LifeMeeting]) -> dict[int, str]:
    """``meeting_stage`` of each meeting of a list page, in two queries whatever its length."""
    ids = [m.pk for m in meetings]
    try:
        report_model = apps.get_model("meetings", REPORT_MODEL)
    except LookupError:
        reported: set[int] = set()
    else:
        reported = set(
            report_model.objects.filter(
                meeting__in=ids, status__in=["submitted", "accepted"]
            ).values_list("meeting_id", flat=True)
        )
    plans = dict(MeetingPlan.objects.filter(meeting__in=ids).values_list("meeting_id", "status"))
    out = {}
    for m in meetings:
        if m.pk in reported:
            out[m.pk] = "reported"
        elif m.held_on is not None:
            out[m.pk] = "held"
        else:
            out[m.pk] = _stage_of_plan(plans.get(m.pk))
    return out


def _stage_of_plan(status: str | None) -> str:
    if status == PlanStatus.APPROVED:
        return "preparing"
    if status == PlanStatus.SUBMITTED:
        return "plan_submitted"
    return "planning"
