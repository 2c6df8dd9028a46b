"""The committee's board: every branch's meeting, aggregates in the database."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from orglife.ledger.models import RectificationItem
from orglife.materials.models import InspectionMaterial
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from orglife.meetings.models import HeartTalk, MeetingPlan, PlanStatus, StudySession
from orglife.meetings.selectors import talk_coverage
from tests.downloads import streamed
from tests.factories import OrganizationFactory
from tests.meetings.after_helpers import HELD_ON, held, meeting_of
from tests.meetings.factories import LifeMeetingFactory
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db
J = "application/json"


def test_it_shows_every_branch_to_the_reviewer(world, api):
    a = held(world)
    branch, individual = with_materials(world, a)
    InspectionMaterial.objects.filter(pk=branch.pk).update(status="approved")
    InspectionMaterial.objects.filter(pk=individual.pk).update(status="submitted")
    MeetingPlan.objects.create(meeting=a, status=PlanStatus.APPROVED)
    StudySession.objects.create(
        meeting=a, held_on=HELD_ON, topic="党的二十大精神", created_by=world.secretary_a
    )
    HeartTalk.objects.create(
        meeting=a,
        a=world.secretary_a,
        b=world.member_a,
        held_on=HELD_ON,
        topics="工作",
        created_by=world.secretary_a,
    )
    required = talk_coverage(a).required
    studies = StudySession.objects.filter(meeting=a).count()
    assert studies >= 1
    assert required >= 2  # 书记—委员 and 书记—党员 at least
    ledger_from_meeting(meeting=a, actor=world.secretary_a)
    item = RectificationItem.objects.filter(meeting=a).first()
    RectificationItem.objects.filter(pk=item.pk).update(
        status="closed", closed_at="2024-01-20T00:00Z", verified_by=world.reviewer
    )
    meeting_b = meeting_of(world, "b")
    data = api(world.reviewer).get("/api/meetings-board?year=2023").json()
    assert data["count"] == 2
    rows = {r["branch"]: r for r in data["items"]}
    assert rows["第一党支部"]["quorum"] == "3/3" and rows["第一党支部"]["quorum_met"] is True
    assert rows["第一党支部"]["items"] == 12 and rows["第一党支部"]["items_closed"] == 1
    assert rows["第一党支部"]["materials"] == 2 and rows["第一党支部"]["completion"] == 8
    first, second = rows["第一党支部"], rows["第二党支部"]
    assert first["plan_approved"] is True and first["studies"] == studies
    assert first["talk_coverage"] == f"1/{required}"
    assert first["materials_submitted"] == 2 and first["materials_approved"] == 1
    assert second["held_on"] is None and second["plan_approved"] is False
    assert (
        second["studies"] == StudySession.objects.filter(meeting=meeting_b).count()
        and second["materials_submitted"] == 0
    )
    assert second["talk_coverage"] == f"0/{talk_coverage(meeting_b).required}"


def test_it_refuses_the_board_to_a_secretary_and_a_member(world, api):
    assert api(world.secretary_a).get("/api/meetings-board").status_code == 403
    assert api(world.member_b).get("/api/meetings-board.xlsx").status_code == 403


def test_it_filters_by_report_timeliness(world, api):
    held(world)
    meeting_of(world, "b")
    data = api(world.reviewer).get("/api/meetings-board?report=overdue").json()
    assert [r["branch"] for r in data["items"]] == ["第一党支部"]  # held 2024-01-12, not sent


def test_it_exports_the_board_with_a_branch_column(world, api):
    a = held(world)
    with_materials(world, a)
    MeetingPlan.objects.create(meeting=a, status=PlanStatus.APPROVED)
    meeting_of(world, "b")
    r = api(world.reviewer).get("/api/meetings-board.xlsx")
    rows = list(load_workbook(io.BytesIO(streamed(r))).active.iter_rows(values_only=True))
    assert rows[0][0] == "党支部"
    assert {row[0] for row in rows[1:]} == {"第一党支部", "第二党支部"}
    by_branch = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first, second = by_branch["第一党支部"], by_branch["第二党支部"]
    assert first["方案审批"] == "已批准" and second["方案审批"] == "未批准"
    assert first["集中学习"] == StudySession.objects.filter(meeting=a).count()
    assert first["材料提交"] == 0 and first["材料审核"] == 0
    assert first["谈心谈话覆盖"] == f"0/{talk_coverage(a).required}"


def _board_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/meetings-board").status_code == 200
    return len(ctx.captured_queries)


def test_it_reads_the_board_in_the_same_number_of_queries_for_3_or_30_branches(world, api):
    client = api(world.reviewer)

    def add(n):
        for _ in range(n):
            LifeMeetingFactory(org=OrganizationFactory(parent=world.committee))

    add(3)
    few = _board_queries(client)
    add(27)
    many = _board_queries(client)
    assert few == many


def test_it_streams_the_board_xlsx_in_the_same_queries_for_3_or_30_branches(world, api):
    client = api(world.reviewer)

    def add(n):
        for _ in range(n):
            LifeMeetingFactory(org=OrganizationFactory(parent=world.committee))

    def export() -> tuple[int, list]:
        with CaptureQueriesContext(connection) as ctx:
            data = streamed(client.get("/api/meetings-board.xlsx"))
        return len(ctx.captured_queries), list(
            load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
        )

    add(3)
    few, rows = export()
    assert len(rows) == 1 + 3
    add(27)
    many, rows = export()
    assert (few, len(rows)) == (many, 1 + 30)


def test_it_writes_a_meeting_title_in_the_board_xlsx_as_text(world, api):
    meeting = meeting_of(world, "a")
    type(meeting).objects.filter(pk=meeting.pk).update(title='=HYPERLINK("http://x","y")')
    data = streamed(api(world.reviewer).get("/api/meetings-board.xlsx"))
    cells = [c for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert '\'=HYPERLINK("http://x","y")' in [c.value for c in cells]


def test_it_filters_late_and_on_time_reports_in_the_database(world, api, monkeypatch):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from orglife.core import clock
    from tests.meetings.after_helpers import HELD_ON

    def submit(meeting, days):
        moment = timezone.make_aware(
            datetime.combine(HELD_ON + timedelta(days=days), datetime.min.time())
        )
        monkeypatch.setattr(clock, "now", lambda: moment)
        assert (
            api(world.secretary_a)
            .post(
                f"/api/meetings/{meeting.pk}/report/transitions",
                {"action": "submit"},
                content_type=J,
            )
            .status_code
            == 200
        )

    on_time = held(world)
    late = held(world, meeting_of(world))
    submit(on_time, 15)
    submit(late, 16)
    rows = api(world.reviewer).get("/api/meetings-board?report=late").json()
    assert [r["meeting"] for r in rows["items"]] == [late.pk] and rows["count"] == 1
    assert rows["items"][0]["report_flag"] == "late"
    rows = api(world.reviewer).get("/api/meetings-board?report=on_time").json()
    assert [r["meeting"] for r in rows["items"]] == [on_time.pk]
