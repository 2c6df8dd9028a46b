"""Documents generated from what was recorded (减负: nothing is retyped): the record, the
report, the 民主评议 result table, and (until part 1's) the plan.

The record and the report are built as a ``documents.model.Material`` and rendered by
``documents.render`` — the same official format (GB/T 9704) as the materials.
"""

from __future__ import annotations

import io
from collections import Counter

from docx import Document
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from orglife.documents.model import Item, Material, Section
from orglife.documents.parse import parse_text
from orglife.documents.render import render_docx, render_text
from orglife.meetings import selectors_after as sel
from orglife.meetings.models import (
    Attendance,
    Criticism,
    EvaluationResult,
    Grade,
    LifeMeeting,
)
from orglife.meetings.services_evaluation import results_of

GRADE_LABELS = dict(Grade.choices)


def _day(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else "（未填写）"


def _names(people) -> str:
    return "、".join(p.display_name for p in people) or "无"


def attendance_lines(meeting: LifeMeeting) -> list[str]:
    rows = list(Attendance.objects.filter(meeting=meeting).select_related("person"))
    present = [a.person for a in rows if a.present]
    absent = [a for a in rows if not a.present]
    quorum = sel.quorum_recorded(meeting)
    lines = []
    if quorum:
        lines.append(
            f"应到有表决权的党员{quorum.due}名，实到{quorum.present}名，"
            f"{'符合' if quorum.met else '不符合'}规定的到会人数。"
        )
    lines.append(f"出席人员：{_names(present)}。")
    if absent:
        lines.append(
            "缺席人员："
            + "；".join(f"{a.person.display_name}（{a.reason}）" for a in absent)
            + "。"
        )
    return lines


def record_material(meeting: LifeMeeting) -> Material:
    record = sel.record_of(meeting)
    org = meeting.org
    preamble = [
        f"会议时间：{_day(meeting.held_on)}",
        f"会议地点：{record.place if record else ''}",
        f"主持人：{record.host.display_name if record and record.host else ''}",
        f"会议形式：{meeting.get_format_display()}",
        *attendance_lines(meeting),
    ]
    minutes = [p.strip() for p in (record.minutes if record else "").splitlines() if p.strip()]
    items = []
    by_person: dict[int, list[Criticism]] = {}
    people = {}
    for c in Criticism.objects.filter(meeting=meeting).select_related("to", "by"):
        by_person.setdefault(c.to_id, []).append(c)
        people[c.to_id] = c.to
    for pk, rows in by_person.items():
        paragraphs = [
            ("自我批评：" if c.is_self else f"{c.by.display_name}提出批评：") + c.text
            for c in sorted(rows, key=lambda c: (not c.is_self, c.pk))
        ]
        items.append(Item(heading=people[pk].display_name, paragraphs=paragraphs))
    return Material(
        title=f"{org.name}{meeting.title}会议记录",
        kind="unknown",
        preamble=preamble,
        sections=[
            Section(number="一", heading="会议内容", paragraphs=minutes or ["（无）"]),
            Section(
                number="二",
                heading="批评和自我批评",
                items=items,
                paragraphs=[] if items else ["（未记录）"],
            ),
        ],
    )


def record_docx(meeting: LifeMeeting) -> bytes:
    return render_docx(record_material(meeting))


def report_material(meeting: LifeMeeting) -> Material:
    """会议情况报告 from the record, the criticisms, the ledger and the evaluation."""
    from orglife.meetings.ledger_from_meeting import items_of

    record = sel.record_of(meeting)
    org = meeting.org
    criticisms = list(Criticism.objects.filter(meeting=meeting))
    selfs = sum(1 for c in criticisms if c.is_self)
    items = list(items_of(meeting))
    results = list(EvaluationResult.objects.filter(meeting=meeting))
    counts = Counter(r.grade for r in results)
    done = [
        f"{_day(meeting.held_on)}，{org.name}在{record.place if record else ''}召开{meeting.title}"
        f"（{meeting.get_format_display()}）"
        + (f"，由{record.host.display_name}主持。" if record and record.host else "。"),
        *attendance_lines(meeting),
    ]
    process = [
        "会上，支部书记代表支部班子报告对照检查情况，"
        f"{selfs}名党员逐一进行自我批评，与会党员相互提出批评意见{len(criticisms) - selfs}条。"
    ]
    if record and record.minutes.strip():
        process += [p.strip() for p in record.minutes.splitlines() if p.strip()][:5]
    problems = [f"{n}.{i.title}" for n, i in enumerate(items, start=1)] or ["（尚未登记）"]
    rect = [
        f"{n}.{i.title}。整改措施：{(i.measures or '待定').strip()}"
        f"责任人：{i.owner.display_name if i.owner else '待定'}；"
        f"完成时限：{i.deadline.isoformat() if i.deadline else '长期坚持'}。"
        for n, i in enumerate(items, start=1)
    ] or ["（尚未登记）"]
    if results:
        evaluation = [
            f"参加民主评议党员{len(results)}名，其中评定为"
            + "、".join(f"{GRADE_LABELS[g]}{counts[g]}名" for g in Grade.values if counts[g])
            + "。"
        ]
    else:
        evaluation = ["本次会议未开展民主评议党员，或评议结果尚未确定。"]
    return Material(
        title=f"{org.name}关于召开{meeting.year}年度{meeting.title}情况的报告",
        kind="unknown",
        preamble=[f"{org.parent.name if org.parent else '上级党组织'}："],
        sections=[
            Section(number="一", heading="会议基本情况", paragraphs=done),
            Section(number="二", heading="会议开展情况", paragraphs=process),
            Section(number="三", heading="查摆的主要问题", paragraphs=problems),
            Section(number="四", heading="整改清单", paragraphs=rect),
            Section(number="五", heading="民主评议党员情况", paragraphs=evaluation),
        ],
    )


def report_text(meeting: LifeMeeting) -> str:
    return render_text(report_material(meeting))


def report_docx(meeting: LifeMeeting) -> bytes:
    """The report as submitted once it is with the committee (what was accepted stays)."""
    from orglife.meetings.models import MeetingReport, ReportStatus

    sent = (
        MeetingReport.objects.filter(
            meeting=meeting, status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        )
        .values_list("text", flat=True)
        .first()
    )
    if sent:
        return render_docx(parse_text(sent))
    return render_docx(report_material(meeting))


# -- the 民主评议 result table ---------------------------------------------------------------

HEADERS = ["序号", "姓名", *[GRADE_LABELS[g] + "（票）" for g in Grade.values], "评定等次", "理由"]


def evaluation_rows(meeting: LifeMeeting) -> list[list]:
    from orglife.meetings.models import GradeTally

    tallies: dict[str, dict[str, int]] = {}
    for username, grade, count in GradeTally.objects.filter(meeting=meeting).values_list(
        "member__username", "grade", "count"
    ):
        tallies.setdefault(username, {})[grade] = count
    rows = []
    for n, item in enumerate(results_of(meeting)["items"], start=1):
        votes = tallies.get(item["username"], {})
        rows.append(
            [
                n,
                item["name"],
                *[votes.get(g, 0) for g in Grade.values],
                item["grade_label"],
                item["reason"],
            ]
        )
    return rows


def evaluation_title(meeting: LifeMeeting) -> str:
    return f"{meeting.org.name}{meeting.year}年度民主评议党员结果"


def evaluation_xlsx(meeting: LifeMeeting) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "民主评议"
    ws.append([evaluation_title(meeting)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADERS)
    thin = Side(style="thin")
    for row in evaluation_rows(meeting):
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for letter, width in zip("ABCDEFGH", (6, 12, 9, 9, 11, 9, 11, 30), strict=True):
        ws.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def evaluation_docx(meeting: LifeMeeting) -> bytes:
    doc = Document()
    heading = doc.add_paragraph()
    run = heading.add_run(evaluation_title(meeting))
    run.bold = True
    run.font.size = Pt(16)
    rows = evaluation_rows(meeting)
    table = doc.add_table(rows=1 + len(rows), cols=len(HEADERS))
    table.style = "Table Grid"
    for i, h in enumerate(HEADERS):
        table.cell(0, i).text = h
    for r, row in enumerate(rows, start=1):
        for i, value in enumerate(row):
            table.cell(r, i).text = str(value)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
