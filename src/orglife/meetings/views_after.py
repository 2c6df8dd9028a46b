"""Pages for the meeting and after (part 2): record, criticisms one person a screen,
民主评议, report, the committee's board. Thin views over selectors and services; domain
errors become the error page (middleware) or, on a form, the form again with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orglife.core import audit
from orglife.core.errors import ApplicationError, Forbidden
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.core.pages import flash_back, on_refusal
from orglife.meetings import board, services_evaluation, services_record
from orglife.meetings import selectors_after as sel
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from orglife.meetings.models import (
    Attendance,
    BallotReceipt,
    Criticism,
    EvaluationResult,
    Grade,
    LifeMeeting,
    SelfEvaluation,
)
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.meetings.services_report import REPORT_FLOW, report_state, report_transition
from orglife.orgs.http import AuthedRequest
from orglife.orgs.selectors import home_role


def _meeting(request: AuthedRequest, pk: int) -> LifeMeeting:
    return sel.meeting_get(user=request.user, pk=pk)  # NotFound: the 404 page


def after_context(meeting: LifeMeeting, user) -> dict[str, Any]:
    """What ``meetings/_after_stages.html`` shows (part 1's meeting page includes it)."""
    record = sel.record_of(meeting)
    quorum = sel.quorum_recorded(meeting)
    return {
        "meeting": meeting,
        "seats": meeting_seats(user, meeting),
        "record": record,
        "quorum": quorum,
        "criticisms": Criticism.objects.filter(meeting=meeting).count(),
        "results": EvaluationResult.objects.filter(meeting=meeting).count(),
        "ledger_items": meeting.ledger_items.count(),
        "report": report_state(meeting),
    }


@login_required
def after_hub(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return render(request, "meetings/after.html", after_context(meeting, request.user))


# -- record --------------------------------------------------------------------------------


def _record_form(
    request: AuthedRequest, meeting: LifeMeeting, *, error: str = "", status: int = 200
) -> HttpResponse:
    people = list(sel.branch_people(meeting))
    record = sel.record_of(meeting)
    rows = {a.person_id: a for a in Attendance.objects.filter(meeting=meeting)}
    post = request.POST if request.method == "POST" else None
    roster = []
    for p in people:
        a = rows.get(p.pk)
        if post is not None:
            state = post.get(f"att_{p.username}", "present")
            reason = post.get(f"reason_{p.username}", "")
        else:
            state = "absent" if a and not a.present else "present"
            reason = a.reason if a else ""
        roster.append({"person": p, "state": state, "reason": reason})
    values = {
        "held_on": (post.get("held_on") if post else None)
        or (
            meeting.held_on.isoformat()
            if meeting.held_on
            else (meeting.planned_on.isoformat() if meeting.planned_on else "")
        ),
        "place": (post.get("place") if post else None) or (record.place if record else ""),
        "host": (post.get("host") if post else None)
        or (record.host.username if record and record.host else request.user.username),
        "minutes": (post.get("minutes") if post else None) or (record.minutes if record else ""),
    }
    return render(
        request,
        "meetings/record_form.html",
        {
            "meeting": meeting,
            "roster": roster,
            "values": values,
            "people": people,
            "error": error,
            "quorum": sel.quorum_recorded(meeting),
        },
        status=status,
    )


def _record_refused(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    return _record_form(request, _meeting(request, pk), error=exc.message, status=exc.status)


@login_required
@on_refusal(_record_refused)
def record_page(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    if request.method != "POST":
        if not meeting_seats(request.user, meeting) & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER}:
            raise Forbidden("只有支部书记或支委可以填写会议记录", log="record page")
        return _record_form(request, meeting)
    p = request.POST
    attendees, absent = [], []
    for person in sel.branch_people(meeting):
        if p.get(f"att_{person.username}", "present") == "present":
            attendees.append(person.username)
        else:
            absent.append(
                {"person": person.username, "reason": p.get(f"reason_{person.username}", "")}
            )
    services_record.record_save(
        meeting=meeting,
        actor=request.user,
        held_on=p.get("held_on", ""),
        place=p.get("place", ""),
        attendees=attendees,
        absent=absent,
        minutes=p.get("minutes", ""),
        host=p.get("host") or None,
    )
    messages.success(request, "会议记录已保存")
    return redirect("meetings:criticisms", pk=meeting.pk)


# -- criticisms: one person a screen -------------------------------------------------------


@login_required
def criticisms_page(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    people = list(sel.branch_people(meeting))
    try:
        n = max(0, min(int(request.GET.get("n", 0)), len(people) - 1))
    except ValueError:
        n = 0
    person = people[n] if people else None
    said = (
        Criticism.objects.filter(meeting=meeting, to=person).select_related("by")
        if person
        else Criticism.objects.none()
    )
    seats = meeting_seats(request.user, meeting)
    return render(
        request,
        "meetings/criticisms.html",
        {
            "meeting": meeting,
            "person": person,
            "n": n,
            "total": len(people),
            "prev": n - 1 if n > 0 else None,
            "next": n + 1 if n + 1 < len(people) else None,
            "said": said,
            "people": people,
            "may_record": bool(seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER}),
            "held": sel.record_of(meeting) is not None,
        },
    )


@login_required
@require_POST
@on_refusal(flash_back("meetings:criticisms", pk="pk"))
def criticism_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    p = request.POST
    to = p.get("to", "")
    services_record.criticism_add(
        meeting=meeting, actor=request.user, to=to, by=p.get("by") or to, text=p.get("text", "")
    )
    messages.success(request, "已记录")
    n = p.get("n", "0")
    if p.get("then") == "next":
        shown = query_int_or(n, None, minimum=0, maximum=10_000)
        n = str(shown + 1) if shown is not None else "0"
    return redirect(reverse("meetings:criticisms", args=[meeting.pk]) + f"?n={n}")


# -- 民主评议 --------------------------------------------------------------------------------


@login_required
def evaluation_page(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    user = request.user
    seats = meeting_seats(user, meeting)
    voting = sel.voting_members(meeting).filter(pk=user.pk).exists()
    others = [u for u in services_evaluation.graded_members(meeting) if u.pk != user.pk]
    mine = SelfEvaluation.objects.filter(meeting=meeting, member=user).first()
    return render(
        request,
        "meetings/evaluation.html",
        {
            "meeting": meeting,
            "held": sel.record_of(meeting) is not None,
            "is_member": Seat.MEMBER in seats,
            "is_secretary": Seat.SECRETARY in seats,
            "may_vote": voting
            and not BallotReceipt.objects.filter(meeting=meeting, voter=user).exists(),
            "voted": BallotReceipt.objects.filter(meeting=meeting, voter=user).exists(),
            "others": others,
            "grades": Grade.choices,
            "self_text": mine.text if mine else "",
            "tally": services_evaluation.tally_for(meeting=meeting, user=user),
            "results": services_evaluation.results_of(meeting),
        },
    )


def _back_to_evaluation(pk: int) -> HttpResponse:
    return redirect("meetings:evaluation", pk=pk)


@login_required
@require_POST
@on_refusal(flash_back("meetings:evaluation", pk="pk"))
def evaluation_self(request: AuthedRequest, pk: int) -> HttpResponse:
    services_evaluation.self_evaluation_save(
        meeting=_meeting(request, pk), actor=request.user, text=request.POST.get("text", "")
    )
    messages.success(request, "个人自评已保存")
    return _back_to_evaluation(pk)


@login_required
@require_POST
@on_refusal(flash_back("meetings:evaluation", pk="pk"))
def evaluation_ballot(request: AuthedRequest, pk: int) -> HttpResponse:
    grades: dict[str, str] = {
        key.removeprefix("g_"): str(value)
        for key, value in request.POST.items()
        if key.startswith("g_") and value
    }
    services_evaluation.ballot_cast(
        meeting=_meeting(request, pk), actor=request.user, grades=grades
    )
    messages.success(request, "投票已提交（无记名，不可更改）")
    return _back_to_evaluation(pk)


@login_required
@require_POST
@on_refusal(flash_back("meetings:evaluation", pk="pk"))
def evaluation_close(request: AuthedRequest, pk: int) -> HttpResponse:
    services_evaluation.voting_close(meeting=_meeting(request, pk), actor=request.user)
    messages.success(request, "民主测评已截止")
    return _back_to_evaluation(pk)


@login_required
@require_POST
@on_refusal(flash_back("meetings:evaluation", pk="pk"))
def evaluation_results(request: AuthedRequest, pk: int) -> HttpResponse:
    p = request.POST
    grades = {k.removeprefix("r_"): str(v) for k, v in p.items() if k.startswith("r_") and v}
    reasons = {k.removeprefix("why_"): str(v) for k, v in p.items() if k.startswith("why_") and v}
    out = services_evaluation.results_save(
        meeting=_meeting(request, pk), actor=request.user, grades=grades, reasons=reasons
    )
    messages.success(request, "评议结果已保存")
    for warning in out["warnings"]:
        messages.warning(request, warning)
    return _back_to_evaluation(pk)


# -- ledger and report ---------------------------------------------------------------------


@login_required
@require_POST
@on_refusal(flash_back("meetings:after", pk="pk"))
def ledger_make(request: AuthedRequest, pk: int) -> HttpResponse:
    out = ledger_from_meeting(meeting=_meeting(request, pk), actor=request.user)
    messages.success(request, f"新生成整改事项{out['created']}项，本次会议共{out['count']}项")
    return redirect("meetings:after", pk=pk)


@login_required
def report_page(request: AuthedRequest, pk: int) -> HttpResponse:
    from orglife.meetings.docx_record import report_text

    meeting = _meeting(request, pk)
    state = report_state(meeting)
    seats = meeting_seats(request.user, meeting)
    return render(
        request,
        "meetings/report.html",
        {
            "meeting": meeting,
            "state": state,
            "text": report_text(meeting),
            "moves": REPORT_FLOW.available(status=state["status"], seats=seats),
            "held": sel.record_of(meeting) is not None,
        },
    )


@login_required
@require_POST
@on_refusal(flash_back("meetings:report", pk="pk"))
def report_move(request: AuthedRequest, pk: int) -> HttpResponse:
    report_transition(
        meeting=_meeting(request, pk),
        actor=request.user,
        action=request.POST.get("action", ""),
        note=request.POST.get("note", ""),
    )
    messages.success(request, "已办理")
    return redirect("meetings:report", pk=pk)


# -- the committee's board -----------------------------------------------------------------


@login_required
def board_page(request: AuthedRequest) -> HttpResponseBase:
    if home_role(request.user) not in ("reviewer", "admin"):
        raise Forbidden("只有机关党委审核人可以查看看板", log=f"{request.user} board page")
    g = request.GET
    year = query_int_or(g.get("year"), None, minimum=1, maximum=9999)
    org = query_int_or(g.get("org"), None, minimum=1, maximum=MAX_ID)
    report = g.get("report") or None
    filters: dict[str, int | str | None] = {"year": year, "org": org, "report": report}
    if g.get("format") == "xlsx":
        name = "组织生活会看板.xlsx"
        audit.record_file(request, name, year=year, org=org)
        return board.board_download(request.user, name, year=year, org=org, report=report)
    current, rows = board.board_page(
        request.user,
        page=query_int_or(g.get("page"), 1, minimum=1) or 1,
        year=year,
        org=org,
        report=report,
    )
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(
        request,
        "meetings/board.html",
        {
            "page": current,
            "rows": rows,
            "filters": filters,
            "query": query,
            "report_filters": board.REPORT_FILTERS,
            "chart": board.chart_data(rows),
            "flag_labels": board.FLAG_LABELS,
        },
    )
