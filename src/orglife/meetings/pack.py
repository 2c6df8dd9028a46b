"""The document pack: one .zip of everything the committee inspects (最多报一次)."""

from __future__ import annotations

import io
import zipfile

from orglife.documents.render import render_docx
from orglife.ledger.exports import list_xlsx
from orglife.meetings import docx_record
from orglife.meetings.docx_plan import plan_docx
from orglife.meetings.ledger_from_meeting import items_of, meeting_materials
from orglife.meetings.models import LifeMeeting, MeetingPlan


def pack_name(meeting: LifeMeeting) -> str:
    return f"{meeting.org.name}{meeting.year}年{meeting.title}材料.zip"


def _plan(meeting: LifeMeeting) -> MeetingPlan:
    # Reading the pack writes nothing: without a plan yet, an unsaved one from the meeting.
    return MeetingPlan.objects.filter(meeting=meeting).first() or MeetingPlan(
        meeting=meeting, planned_on=meeting.planned_on, format=meeting.format
    )


def pack_files(meeting: LifeMeeting) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each document, names carrying branch and year."""
    prefix = f"{meeting.org.name}{meeting.year}年"
    files = [(f"1-{prefix}组织生活会实施方案.docx", plan_docx(_plan(meeting)))]
    branch = [m for m in meeting_materials(meeting) if m.kind == "branch"]
    if branch:
        files.append((f"2-{prefix}班子对照检查材料.docx", render_docx(branch[0].material())))
    files += [
        (f"3-{prefix}组织生活会会议记录.docx", docx_record.record_docx(meeting)),
        (
            f"4-{prefix}整改清单.xlsx",
            list_xlsx(
                org=meeting.org, items=items_of(meeting), kind="rectification", year=meeting.year
            ),
        ),
        (f"5-{prefix}民主评议党员结果.xlsx", docx_record.evaluation_xlsx(meeting)),
        (f"5-{prefix}民主评议党员结果.docx", docx_record.evaluation_docx(meeting)),
        (f"6-{prefix}组织生活会情况报告.docx", docx_record.report_docx(meeting)),
    ]
    return files


def pack_zip(meeting: LifeMeeting) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in pack_files(meeting):
            zf.writestr(name, data)  # zipfile marks non-ASCII names as UTF-8
    return buf.getvalue()
