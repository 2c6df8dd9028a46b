"""GET /api/meetings/{id}/pack: every document, generated from what was recorded."""

import io
import zipfile
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from orglife.meetings.models import MeetingPlan
from orglife.meetings.services_plan import plan_save
from tests.meetings.after_helpers import held
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db
J = "application/json"


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _xlsx_values(data: bytes) -> list:
    ws = load_workbook(io.BytesIO(data)).active
    return [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]


def test_it_packs_every_document_with_the_recorded_facts(world, api):
    meeting = held(world)
    plan_save(
        meeting=meeting,
        actor=world.secretary_a,
        planned_on=date(2024, 1, 11),
        place="党员活动室",
        format=meeting.format,
        participants=["secretary_a", "member_a"],
        agenda="书记代表班子作对照检查",
        requirements="",
    )
    with_materials(world, meeting)
    ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    sec = api(world.secretary_a)
    sec.post(
        f"/api/meetings/{meeting.pk}/criticisms",
        {"to": "member_a", "by": "committee_a", "text": "联系实际不够"},
        content_type=J,
    )
    sec.put(
        f"/api/meetings/{meeting.pk}/evaluation/results",
        {"grades": {"secretary_a": "excellent", "committee_a": "qualified", "member_a": "basic"}},
        content_type=J,
    )
    r = api(world.reviewer).get(f"/api/meetings/{meeting.pk}/pack")
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert "第一党支部" in r["Content-Disposition"] or "filename*" in r["Content-Disposition"]
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    names = zf.namelist()
    assert all(n.split("-", 1)[1].startswith("第一党支部2023年") for n in names)
    by_kind = {n.split("-", 1)[1].removeprefix("第一党支部2023年"): n for n in names}
    assert set(by_kind) == {
        "组织生活会实施方案.docx",
        "班子对照检查材料.docx",
        "组织生活会会议记录.docx",
        "整改清单.xlsx",
        "民主评议党员结果.xlsx",
        "民主评议党员结果.docx",
        "组织生活会情况报告.docx",
    }
    plan = _docx_text(zf.read(by_kind["组织生活会实施方案.docx"]))
    assert "2024年1月11日" in plan and "党员活动室" in plan and "书记代表班子作对照检查" in plan
    material = _docx_text(zf.read(by_kind["班子对照检查材料.docx"]))
    assert "典型案例剖析" in material
    record = _docx_text(zf.read(by_kind["组织生活会会议记录.docx"]))
    assert "三楼会议室" in record and "联系实际不够" in record and "实到3名" in record
    ledger = _xlsx_values(zf.read(by_kind["整改清单.xlsx"]))
    assert any("理论学习不够全面透彻" in v for v in ledger)
    assert any("2024-01-27" in v for v in ledger)
    table = _xlsx_values(zf.read(by_kind["民主评议党员结果.xlsx"]))
    assert "基本合格" in table and "member_a" in table
    assert "优秀" in _docx_text(zf.read(by_kind["民主评议党员结果.docx"]))
    report = _docx_text(zf.read(by_kind["组织生活会情况报告.docx"]))
    assert "理论学习不够全面透彻" in report and "基本合格1名" in report


def test_it_refuses_the_pack_to_another_branch(world, api):
    meeting = held(world)
    assert api(world.member_b).get(f"/api/meetings/{meeting.pk}/pack").status_code == 404
    assert api(world.member_a).get(f"/api/meetings/{meeting.pk}/pack").status_code == 200


def test_it_packs_the_plan_from_the_meeting_before_a_plan_is_written(world, api):
    meeting = held(world)
    r = api(world.reviewer).get(f"/api/meetings/{meeting.pk}/pack")
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    name = next(n for n in zf.namelist() if n.endswith("组织生活会实施方案.docx"))
    assert "2024年1月10日" in _docx_text(zf.read(name))
    assert not MeetingPlan.objects.filter(meeting=meeting).exists()  # reading wrote nothing
