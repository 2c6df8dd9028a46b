"""Meetings API v1, part 2 (docs/contracts.md "Meetings"): record, criticisms, 民主评议, ledger,
report, pack, board. Thin handlers: ``selectors_after.meeting_get`` answers 404 for what the
caller may not see; services raise the domain errors ``orglife/api.py`` maps.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from ninja import Router, Schema, Status

from orglife.core import audit
from orglife.core.errors import Forbidden
from orglife.ledger.exports import xlsx_response
from orglife.meetings import board, docx_record, pack, services_evaluation, services_record
from orglife.meetings import selectors_after as sel
from orglife.meetings.carry_forward import carry_forward_for, previous_meeting
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from orglife.meetings.models import Attendance, Criticism, LifeMeeting
from orglife.meetings.services_report import report_state, report_transition
from orglife.orgs.http import AuthedRequest, seen_first

router = Router(tags=["meetings"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The id of a meeting the caller may see, checked before the body is read (orgs/http.py).
MeetingId = Annotated[int, seen_first(lambda user, pk: sel.meeting_get(user=user, pk=pk))]


def _stage(meeting: LifeMeeting) -> str:
    from orglife.meetings.stages import meeting_stage

    return meeting_stage(meeting)


def meeting_out(meeting: LifeMeeting) -> dict[str, Any]:
    quorum = sel.quorum_recorded(meeting)
    return {
        "id": meeting.pk,
        "org": meeting.org_id,
        "year": meeting.year,
        "title": meeting.title,
        "theme_profile": meeting.theme_profile,
        "format": meeting.format,
        "stage": _stage(meeting),
        "planned_on": meeting.planned_on.isoformat() if meeting.planned_on else None,
        "held_on": meeting.held_on.isoformat() if meeting.held_on else None,
        "report_due": meeting.report_due.isoformat() if meeting.report_due else None,
        "version": meeting.version,
        "quorum": quorum.as_dict() if quorum else None,
    }


def _get(request: AuthedRequest, meeting_id: int) -> LifeMeeting:
    return sel.meeting_get(user=request.user, pk=meeting_id)


def _file(
    request: AuthedRequest,
    meeting: LifeMeeting,
    data: bytes,
    filename: str,
    content_type: str = DOCX,
    action: str = audit.DOWNLOAD,
) -> HttpResponse:
    """A generated file of the meeting, handed out and put on the audit log."""
    audit.record_file(request, filename, action=action, meeting=meeting.pk)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# -- record ------------------------------------------------------------------------------


class AbsentIn(Schema):
    person: str
    reason: str = ""


class RecordIn(Schema):
    held_on: date
    place: str
    attendees: list[str]
    absent: list[AbsentIn] = []
    minutes: str = ""
    host: str | None = None


@router.put("/meetings/{meeting_id}/record")
def put_record(request: AuthedRequest, meeting_id: MeetingId, payload: RecordIn):
    """Record the meeting as held → the meeting with ``quorum``; 409 below quorum."""
    meeting, _ = services_record.record_save(
        meeting=_get(request, meeting_id),
        actor=request.user,
        held_on=payload.held_on,
        place=payload.place,
        attendees=payload.attendees,
        absent=[a.dict() for a in payload.absent],
        minutes=payload.minutes,
        host=payload.host,
    )
    return meeting_out(meeting)


@router.get("/meetings/{meeting_id}/record")
def get_record(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    record = sel.record_of(meeting)
    rows = Attendance.objects.filter(meeting=meeting).select_related("person")
    return {
        **meeting_out(meeting),
        "place": record.place if record else "",
        "host": record.host.username if record and record.host else None,
        "minutes": record.minutes if record else "",
        "attendees": [a.person.username for a in rows if a.present],
        "absent": [
            {"person": a.person.username, "reason": a.reason} for a in rows if not a.present
        ],
    }


@router.get("/meetings/{meeting_id}/record.docx")
def record_docx(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    return _file(
        request,
        meeting,
        docx_record.record_docx(meeting),
        f"{meeting.org.name}{meeting.year}年会议记录.docx",
    )


class CriticismIn(Schema):
    to: str
    by: str
    text: str


def criticism_out(c: Criticism) -> dict[str, Any]:
    return {
        "id": c.pk,
        "to": c.to.username,
        "by": c.by.username,
        "text": c.text,
        "self": c.is_self,
        "recorded_by": c.recorded_by.username if c.recorded_by else None,
    }


@router.post("/meetings/{meeting_id}/criticisms", response={201: dict})
def post_criticism(request: AuthedRequest, meeting_id: MeetingId, payload: CriticismIn):
    c = services_record.criticism_add(
        meeting=_get(request, meeting_id),
        actor=request.user,
        to=payload.to,
        by=payload.by,
        text=payload.text,
    )
    return Status(201, criticism_out(c))


CRITICISMS_PAGE = 100


@router.get("/meetings/{meeting_id}/criticisms")
def list_criticisms(request: AuthedRequest, meeting_id: int, to: str | None = None, page: int = 1):
    """Criticisms of a meeting (filter ``to``), 100 a page; ``count`` is the total."""
    meeting = _get(request, meeting_id)
    qs = Criticism.objects.filter(meeting=meeting).select_related("to", "by", "recorded_by")
    if to:
        qs = qs.filter(to__username=to)
    start = (max(page, 1) - 1) * CRITICISMS_PAGE
    items = [criticism_out(c) for c in qs.order_by("pk")[start : start + CRITICISMS_PAGE]]
    return {"items": items, "count": qs.count(), "page": max(page, 1)}


# -- 民主评议 ------------------------------------------------------------------------------


class TextIn(Schema):
    text: str


class BallotIn(Schema):
    grades: dict[str, str]


class ResultsIn(Schema):
    grades: dict[str, Any]
    reasons: dict[str, str] = {}
    reason: str = ""


@router.put("/meetings/{meeting_id}/evaluation/self")
def put_self_evaluation(request: AuthedRequest, meeting_id: MeetingId, payload: TextIn):
    obj = services_evaluation.self_evaluation_save(
        meeting=_get(request, meeting_id), actor=request.user, text=payload.text
    )
    return {"member": request.user.username, "text": obj.text}


@router.post("/meetings/{meeting_id}/evaluation/ballots", response={201: dict})
def post_ballot(request: AuthedRequest, meeting_id: MeetingId, payload: BallotIn):
    """One secret ballot; the answer says only that it was counted."""
    meeting = _get(request, meeting_id)
    services_evaluation.ballot_cast(meeting=meeting, actor=request.user, grades=payload.grades)
    return Status(201, {"voted": True})


@router.post("/meetings/{meeting_id}/evaluation/close")
def close_voting(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    services_evaluation.voting_close(meeting=meeting, actor=request.user)
    return services_evaluation.tally_for(meeting=meeting, user=request.user).as_dict()


@router.get("/meetings/{meeting_id}/evaluation/tally")
def get_tally(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    return services_evaluation.tally_for(meeting=meeting, user=request.user).as_dict()


@router.put("/meetings/{meeting_id}/evaluation/results")
def put_results(request: AuthedRequest, meeting_id: MeetingId, payload: ResultsIn):
    """The proposed grades; ``warnings`` when 优秀 exceeds one third; 不合格 needs a reason."""
    reasons = dict(payload.reasons)
    if payload.reason:
        # One "reason" for the body: it is the reason of every 不合格 without its own.
        for username, grade in payload.grades.items():
            if grade == "unqualified":
                reasons.setdefault(username, payload.reason)
    return services_evaluation.results_save(
        meeting=_get(request, meeting_id),
        actor=request.user,
        grades=payload.grades,
        reasons=reasons,
    )


@router.get("/meetings/{meeting_id}/evaluation/results")
def get_results(request: AuthedRequest, meeting_id: int):
    return services_evaluation.results_of(_get(request, meeting_id))


@router.get("/meetings/{meeting_id}/evaluation.xlsx")
def evaluation_xlsx(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    data = docx_record.evaluation_xlsx(meeting)
    name = f"{docx_record.evaluation_title(meeting)}.xlsx"
    # Every member's grade: an export of personal data.
    audit.record_file(request, name, action=audit.EXPORT, meeting=meeting.pk)
    return xlsx_response(data, name)


@router.get("/meetings/{meeting_id}/evaluation.docx")
def evaluation_docx(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    return _file(
        request,
        meeting,
        docx_record.evaluation_docx(meeting),
        f"{docx_record.evaluation_title(meeting)}.docx",
        action=audit.EXPORT,
    )


# -- ledger, report, pack, carry-forward ---------------------------------------------------


@router.post("/meetings/{meeting_id}/ledger")
def post_ledger(request: AuthedRequest, meeting_id: int):
    """Ledger items from every section of the meeting's materials; idempotent."""
    return ledger_from_meeting(meeting=_get(request, meeting_id), actor=request.user)


class TransitionIn(Schema):
    action: str
    note: str = ""


def report_out(meeting: LifeMeeting) -> dict[str, Any]:
    return {**report_state(meeting), "meeting": meeting_out(meeting)}


@router.get("/meetings/{meeting_id}/report")
def get_report(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    return {**report_out(meeting), "text": docx_record.report_text(meeting)}


@router.post("/meetings/{meeting_id}/report/transitions")
def post_report_transition(request: AuthedRequest, meeting_id: MeetingId, payload: TransitionIn):
    """submit (secretary), accept / return (reviewer above; return needs a note)."""
    meeting = _get(request, meeting_id)
    report_transition(meeting=meeting, actor=request.user, action=payload.action, note=payload.note)
    return report_out(sel.meeting_get(user=request.user, pk=meeting_id))


@router.get("/meetings/{meeting_id}/report.docx")
def get_report_docx(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    return _file(
        request,
        meeting,
        docx_record.report_docx(meeting),
        f"{meeting.org.name}{meeting.year}年情况报告.docx",
    )


@router.get("/meetings/{meeting_id}/pack")
def get_pack(request: AuthedRequest, meeting_id: int):
    meeting = _get(request, meeting_id)
    # The pack holds the 民主评议 results of every member: an export of personal data.
    return _file(
        request,
        meeting,
        pack.pack_zip(meeting),
        pack.pack_name(meeting),
        "application/zip",
        action=audit.EXPORT,
    )


@router.get("/meetings/{meeting_id}/carry-forward")
def get_carry_forward(request: AuthedRequest, meeting_id: int):
    """Section 一 of this meeting's material, written from the previous meeting's ledger."""
    meeting = _get(request, meeting_id)
    prev = previous_meeting(meeting)
    return {"previous": prev.pk if prev else None, "text": carry_forward_for(meeting)}


# -- the committee's board -----------------------------------------------------------------


def _require_board(request: AuthedRequest) -> None:
    from orglife.orgs.selectors import home_role

    if home_role(request.user) not in ("reviewer", "admin"):
        raise Forbidden("只有机关党委审核人可以查看看板", log=f"{request.user} board")


@router.get("/meetings-board")
def get_board(
    request: AuthedRequest,
    year: int | None = None,
    org: int | None = None,
    report: str | None = None,
    page: int = 1,
):
    _require_board(request)
    current, rows = board.board_page(request.user, page=page, year=year, org=org, report=report)
    items = [
        {
            "meeting": r.meeting.pk,
            "branch": r.branch,
            "year": r.meeting.year,
            "title": r.meeting.title,
            "held_on": r.held_on.isoformat() if r.held_on else None,
            "quorum": r.quorum,
            "quorum_met": r.quorum_met,
            "report": r.report,
            "report_flag": r.report_flag,
            "materials": r.materials,
            "items": r.items,
            "items_closed": r.items_closed,
            "completion": r.completion,
            "plan_approved": r.plan_approved,
            "studies": r.studies,
            "talk_coverage": r.talk_coverage,
            "materials_submitted": r.materials_submitted,
            "materials_approved": r.materials_approved,
        }
        for r in rows
    ]
    return {"items": items, "count": current.paginator.count, "page": current.number}


@router.get("/meetings-board.xlsx")
def get_board_xlsx(
    request: AuthedRequest,
    year: int | None = None,
    org: int | None = None,
    report: str | None = None,
):
    _require_board(request)
    name = f"组织生活会看板{year or ''}.xlsx"
    audit.record_file(request, name, year=year, org=org)
    return board.board_download(request.user, name, year=year, org=org, report=report)
