"""会议情况报告: generated from the records, submitted up, accepted or returned above.

The workflow is a declared table (``core.workflow``); ``report_transition`` applies it:
it locks, checks, sets the status, writes the ``ReportEvent`` and runs the move's effect.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from orglife.core import clock
from orglife.core.errors import Conflict
from orglife.core.workflow import Move, Workflow
from orglife.meetings import selectors_after as sel
from orglife.meetings.models import LifeMeeting, MeetingReport, ReportEvent, ReportStatus
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.meetings.services_record import lock_meeting
from orglife.orgs.models import User

S = ReportStatus

REPORT_FLOW = Workflow(
    name="report",
    status_labels=dict(ReportStatus.choices),
    moves=(
        Move(
            action="submit",
            label="报送上级",
            source=frozenset({S.DRAFT, S.RETURNED}),
            target=S.SUBMITTED,
            allowed=frozenset({Seat.SECRETARY}),
            effect="snapshot",
        ),
        Move(
            action="accept",
            label="审核通过",
            source=frozenset({S.SUBMITTED}),
            target=S.ACCEPTED,
            allowed=frozenset({Seat.REVIEWER}),
            effect="decided",
            button="success",
        ),
        Move(
            action="return",
            label="退回修改",
            source=frozenset({S.SUBMITTED}),
            target=S.RETURNED,
            allowed=frozenset({Seat.REVIEWER}),
            needs_note=True,
            note_label="退回意见",
            effect="decided",
            button="outline-danger",
        ),
    ),
)


def report_of(meeting: LifeMeeting) -> MeetingReport | None:
    return MeetingReport.objects.filter(meeting=meeting).first()


def _snapshot(report: MeetingReport, meeting: LifeMeeting) -> None:
    from orglife.meetings.docx_record import report_text

    report.text = report_text(meeting)
    report.submitted_at = clock.now()


def _decided(report: MeetingReport, meeting: LifeMeeting) -> None:
    report.decided_at = clock.now()


EFFECTS = {"snapshot": _snapshot, "decided": _decided}


@transaction.atomic
def report_transition(
    *, meeting: LifeMeeting, actor: User, action: str, note: str = ""
) -> MeetingReport:
    seats = meeting_seats(actor, meeting)
    REPORT_FLOW.move(action)  # 422 for an unknown action before anything else
    meeting = lock_meeting(meeting)
    if sel.record_of(meeting) is None:
        raise Conflict("会议尚未召开（没有会议记录），不能报送情况报告", log="report before held")
    report, _ = MeetingReport.objects.get_or_create(meeting=meeting)
    report = MeetingReport.objects.select_for_update().get(pk=report.pk)
    move = REPORT_FLOW.check(action=action, status=report.status, seats=seats, note=note)
    before = report.status
    report.status = move.target
    if move.effect:
        EFFECTS[move.effect](report, meeting)
    report.version += 1
    report.save()
    ReportEvent.objects.create(
        report=report,
        actor=actor,
        action=action,
        from_status=before,
        to_status=report.status,
        note=note.strip(),
    )
    return report


def report_state(meeting: LifeMeeting, today: date | None = None) -> dict:
    """Due date, status, and the derived overdue / on-time flags."""
    today = today or clock.today()
    report = report_of(meeting)
    due = meeting.report_due
    status = report.status if report else S.DRAFT
    submitted_on = (
        timezone.localdate(report.submitted_at) if report and report.submitted_at else None
    )
    sent = status in (S.SUBMITTED, S.ACCEPTED)
    return {
        "status": status,
        "status_label": dict(ReportStatus.choices)[status],
        "due": due.isoformat() if due else None,
        "submitted_on": submitted_on.isoformat() if submitted_on else None,
        "overdue": bool(due and not sent and today > due),
        "late": bool(due and submitted_on and submitted_on > due),
        "note": _last_note(report),
    }


def _last_note(report: MeetingReport | None) -> str:
    if report is None:
        return ""
    last = report.events.filter(action="return").order_by("-pk").first()
    return last.note if last and report.status == S.RETURNED else ""
