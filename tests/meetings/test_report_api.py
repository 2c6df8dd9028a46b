"""会议情况报告: generated, submitted within the due days, accepted or returned above."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from docx import Document

from orglife.core import clock
from orglife.meetings.models import MeetingReport, ReportEvent
from tests.meetings.after_helpers import HELD_ON, held, meeting_of

pytestmark = pytest.mark.django_db
J = "application/json"


def move(client, meeting, action, note=""):
    return client.post(
        f"/api/meetings/{meeting.pk}/report/transitions",
        {"action": action, "note": note},
        content_type=J,
    )


def on_day(monkeypatch, day: date):
    monkeypatch.setattr(clock, "today", lambda: day)
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    monkeypatch.setattr(clock, "now", lambda: moment)


def test_it_walks_submit_then_accept(world, api):
    meeting = held(world)
    r = move(api(world.secretary_a), meeting, "submit")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted" and r.json()["meeting"]["stage"] == "reported"
    r = move(api(world.reviewer), meeting, "accept")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    actions = list(ReportEvent.objects.values_list("action", flat=True).order_by("pk"))
    assert actions == ["submit", "accept"]
    report = MeetingReport.objects.get(meeting=meeting)
    assert "三楼会议室" in report.text and report.decided_at is not None


def test_it_lets_only_the_reviewer_above_accept_or_return(world, api):
    meeting = held(world)
    move(api(world.secretary_a), meeting, "submit")
    assert move(api(world.secretary_a), meeting, "accept").status_code == 403
    assert move(api(world.member_a), meeting, "return", "x").status_code == 403
    assert move(api(world.secretary_b), meeting, "accept").status_code == 404
    assert move(api(world.member_a), meeting, "submit").status_code == 409


def test_it_needs_a_note_to_return(world, api):
    meeting = held(world)
    move(api(world.secretary_a), meeting, "submit")
    assert move(api(world.reviewer), meeting, "return").status_code == 422
    r = move(api(world.reviewer), meeting, "return", "请补充整改清单的责任人")
    assert r.json()["status"] == "returned" and r.json()["note"] == "请补充整改清单的责任人"
    assert move(api(world.secretary_a), meeting, "submit").json()["status"] == "submitted"


def test_it_refuses_a_member_the_submit_and_an_unknown_action(world, api):
    meeting = held(world)
    assert move(api(world.member_a), meeting, "submit").status_code == 403
    assert move(api(world.secretary_a), meeting, "publish").status_code == 422


def test_it_refuses_a_report_before_the_meeting(world, api):
    meeting = meeting_of(world)
    assert move(api(world.secretary_a), meeting, "submit").status_code == 409


def test_it_flags_overdue_after_fifteen_days_and_never_stores_it(world, api, monkeypatch):
    meeting = held(world)
    url = f"/api/meetings/{meeting.pk}/report"
    on_day(monkeypatch, HELD_ON + timedelta(days=15))
    data = api(world.secretary_a).get(url).json()
    assert data["due"] == "2024-01-27" and data["overdue"] is False
    on_day(monkeypatch, HELD_ON + timedelta(days=16))
    assert api(world.secretary_a).get(url).json()["overdue"] is True
    assert not MeetingReport.objects.filter(meeting=meeting).exists()
    r = move(api(world.secretary_a), meeting, "submit")
    assert r.json()["overdue"] is False and r.json()["late"] is True


def test_it_is_on_time_within_the_due_days(world, api, monkeypatch):
    meeting = held(world)
    on_day(monkeypatch, HELD_ON + timedelta(days=15))
    r = move(api(world.secretary_a), meeting, "submit")
    assert r.json()["late"] is False and r.json()["submitted_on"] == "2024-01-27"


def test_it_follows_the_due_days_setting(world, api, settings):
    settings.ORGLIFE_REPORT_DUE_DAYS = 10
    meeting = held(world)
    assert api(world.member_a).get(f"/api/meetings/{meeting.pk}/report").json()["due"] == (
        "2024-01-22"
    )


def test_it_freezes_the_record_once_the_report_is_submitted(world, api):
    meeting = held(world)
    move(api(world.secretary_a), meeting, "submit")
    r = api(world.secretary_a).post(
        f"/api/meetings/{meeting.pk}/criticisms",
        {"to": "member_a", "by": "member_a", "text": "补记"},
        content_type=J,
    )
    assert r.status_code == 409


def test_it_writes_the_report_from_the_records(world, api):
    meeting = held(world)
    api(world.secretary_a).post(
        f"/api/meetings/{meeting.pk}/criticisms",
        {"to": "member_a", "by": "member_a", "text": "学习不深入"},
        content_type=J,
    )
    api(world.secretary_a).put(
        f"/api/meetings/{meeting.pk}/evaluation/results",
        {
            "grades": {
                "secretary_a": "excellent",
                "committee_a": "qualified",
                "member_a": "qualified",
            }
        },
        content_type=J,
    )
    r = api(world.reviewer).get(f"/api/meetings/{meeting.pk}/report.docx")
    assert r.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "2024年1月12日" in text and "第一党支部" in text
    assert "实到3名" in text and "1名党员逐一进行自我批评" in text
    assert "优秀1名、合格2名" in text
    assert api(world.member_b).get(f"/api/meetings/{meeting.pk}/report.docx").status_code == 404


def test_it_keeps_the_submitted_report_as_it_was_sent(world, api):
    from orglife.ledger.models import RectificationItem
    from orglife.meetings.ledger_from_meeting import ledger_from_meeting
    from tests.meetings.materials_helpers import with_materials

    meeting = held(world)
    with_materials(world, meeting)
    ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    move(api(world.secretary_a), meeting, "submit")
    move(api(world.reviewer), meeting, "accept")
    RectificationItem.objects.filter(meeting=meeting).update(title="后来改过的标题")
    r = api(world.reviewer).get(f"/api/meetings/{meeting.pk}/report.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "理论学习不够全面透彻" in text and "后来改过的标题" not in text
