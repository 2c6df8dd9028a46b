"""The committee's board: every branch's meeting, aggregates in the database."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from orglife.ledger.models import RectificationItem
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from tests.factories import OrganizationFactory
from tests.meetings.after_helpers import held, meeting_of
from tests.meetings.factories import LifeMeetingFactory
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db
J = "application/json"


def test_it_shows_every_branch_to_the_reviewer(world, api):
    a = held(world)
    with_materials(world, a)
    ledger_from_meeting(meeting=a, actor=world.secretary_a)
    item = RectificationItem.objects.filter(meeting=a).first()
    RectificationItem.objects.filter(pk=item.pk).update(
        status="closed", closed_at="2024-01-20T00:00Z", verified_by=world.reviewer
    )
    meeting_of(world, "b")
    data = api(world.reviewer).get("/api/meetings-board?year=2023").json()
    assert data["count"] == 2
    rows = {r["branch"]: r for r in data["items"]}
    assert rows["第一党支部"]["quorum"] == "3/3" and rows["第一党支部"]["quorum_met"] is True
    assert rows["第一党支部"]["items"] == 12 and rows["第一党支部"]["items_closed"] == 1
    assert rows["第一党支部"]["materials"] == 2 and rows["第一党支部"]["completion"] == 8
    assert rows["第二党支部"]["held_on"] is None and rows["第二党支部"]["plan_approved"] is None


def test_it_refuses_the_board_to_a_secretary_and_a_member(world, api):
    assert api(world.secretary_a).get("/api/meetings-board").status_code == 403
    assert api(world.member_b).get("/api/meetings-board.xlsx").status_code == 403


def test_it_filters_by_report_timeliness(world, api):
    held(world)
    meeting_of(world, "b")
    data = api(world.reviewer).get("/api/meetings-board?report=overdue").json()
    assert [r["branch"] for r in data["items"]] == ["第一党支部"]  # held 2024-01-12, not sent


def test_it_exports_the_board_with_a_branch_column(world, api):
    held(world)
    meeting_of(world, "b")
    r = api(world.reviewer).get("/api/meetings-board.xlsx")
    assert r.status_code == 200
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "党支部"
    assert {row[0] for row in rows[1:]} == {"第一党支部", "第二党支部"}
    assert "待合并" in rows[1]


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
