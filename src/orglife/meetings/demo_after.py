"""Demo, part 2: a meeting completed through record, criticism, 民主评议, ledger and an
accepted report — all through the services, each step on its day, so the history is real.

``complete_meeting(meeting=…, held_on=…)`` is called by ``meetings/demo.py`` for the
archive year and for last year's meeting. Idempotent: a meeting whose report is already
submitted or accepted is left alone.
"""

from __future__ import annotations

from datetime import date, timedelta

from orglife.core import clock
from orglife.meetings import selectors_after as sel
from orglife.meetings.ledger_from_meeting import ledger_from_meeting, meeting_materials
from orglife.meetings.models import (
    BallotReceipt,
    Grade,
    LifeMeeting,
    MeetingReport,
    ReportStatus,
)
from orglife.meetings.services_evaluation import (
    ballot_cast,
    graded_members,
    results_save,
    self_evaluation_save,
)
from orglife.meetings.services_record import criticism_add, record_save
from orglife.meetings.services_report import report_transition
from orglife.orgs.models import Membership, User

SELF = "对照检查发言：理论学习的系统性不够，联系实际思考不深，今后要在学懂弄通做实上下功夫。"
CRITICISM = "建议在推动工作中多到一线听取意见，把调研成果转化为解决问题的具体举措。"


def _secretary(meeting: LifeMeeting) -> User | None:
    seat = (
        Membership.objects.filter(organization=meeting.org, role=Membership.Role.SECRETARY)
        .select_related("user")
        .first()
    )
    return seat.user if seat else None


def _reviewer(meeting: LifeMeeting) -> User | None:
    parent = meeting.org.parent
    seat = (
        Membership.objects.filter(organization=parent, role=Membership.Role.REVIEWER)
        .select_related("user")
        .first()
        if parent
        else None
    )
    return seat.user if seat else None


def complete_meeting(*, meeting: LifeMeeting, held_on: date | None = None) -> list[str]:
    """Take ``meeting`` from held to an accepted report; returns the demo's lines.

    Held on ``held_on`` (by default a few days ago, so the report is sent within its 15
    days and deadlines lie ahead); later steps follow on the days after, never after today.
    """
    if MeetingReport.objects.filter(
        meeting=meeting, status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    ).exists():
        return []
    secretary, reviewer = _secretary(meeting), _reviewer(meeting)
    if secretary is None or reviewer is None:
        return []
    people = list(sel.branch_people(meeting))
    today = clock.today()
    held_on = held_on or today - timedelta(days=5)

    def on(days: int, hour: int = 10):
        return clock.as_of(min(held_on + timedelta(days=days), today), hour)

    absent = people[-1] if len(people) > 3 else None
    with on(0, 9):
        meeting, _ = record_save(
            meeting=meeting,
            actor=secretary,
            held_on=held_on,
            place="机关三楼党员活动室",
            host=secretary.username,
            attendees=[p.username for p in people if p != absent],
            absent=[{"person": absent.username, "reason": "外出培训，会前已提交书面发言"}]
            if absent
            else [],
            minutes="支部书记代表支部班子报告对照检查情况。\n"
            "党员逐一进行自我批评，与会党员相互提出批评意见。\n"
            "会议明确了整改方向，开展了民主评议党员。",
        )
    present = [p for p in people if p != absent]
    with on(0, 11):
        for n, person in enumerate(present):
            criticism_add(
                meeting=meeting, actor=secretary, to=person.username, by=person.username, text=SELF
            )
            critic = present[(n + 1) % len(present)]
            if critic != person:
                criticism_add(
                    meeting=meeting,
                    actor=secretary,
                    to=person.username,
                    by=critic.username,
                    text=CRITICISM,
                )
    with on(0, 14):
        for person in present:
            if person.has_usable_password():
                self_evaluation_save(
                    meeting=meeting,
                    actor=person,
                    text="一年来认真参加组织生活，按时足额交纳党费，完成支部交办的各项任务。",
                )
    members = graded_members(meeting)
    best = secretary
    with on(0, 16):
        for voter in sel.voting_members(meeting):
            if BallotReceipt.objects.filter(meeting=meeting, voter=voter).exists():
                continue
            grades = {
                m.username: (Grade.EXCELLENT if m == best else Grade.QUALIFIED)
                for m in members
                if m != voter
            }
            ballot_cast(meeting=meeting, actor=voter, grades=grades)
    with on(1):
        results_save(
            meeting=meeting,
            actor=secretary,
            grades={
                m.username: (Grade.EXCELLENT if m == best else Grade.QUALIFIED) for m in members
            },
        )
    lines = []
    if meeting_materials(meeting):
        with on(2):
            out = ledger_from_meeting(meeting=meeting, actor=secretary)
        lines.append(f"整改台账：新生成 {out['created']} 项，关联已有 {out['linked']} 项")
    with on(5):
        report_transition(meeting=meeting, actor=secretary, action="submit")
    with on(8):
        report_transition(meeting=meeting, actor=reviewer, action="accept")
    return [
        f"演示会议：{meeting.org.name}{meeting.title}已召开（{held_on:%Y-%m-%d}），"
        "完成批评和自我批评、民主评议，情况报告已审核通过",
        *lines,
    ]
