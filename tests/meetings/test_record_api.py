"""PUT /api/meetings/{id}/record and POST …/criticisms (docs/contracts.md "Meetings")."""

import pytest

from orglife.meetings import selectors_after
from orglife.meetings.models import Attendance, LifeMeeting, ProceedingEvent
from tests.meetings.after_helpers import held, meeting_of, record_body

pytestmark = pytest.mark.django_db
J = "application/json"


def put(client, meeting, body):
    return client.put(f"/api/meetings/{meeting.pk}/record", body, content_type=J)


def test_it_records_the_meeting_with_its_quorum(world, api):
    meeting = meeting_of(world)
    body = record_body(
        attendees=["secretary_a", "committee_a"],
        absent=[{"person": "member_a", "reason": "外出学习"}],
    )
    r = put(api(world.secretary_a), meeting, body)
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["held_on"] == "2024-01-12"
    assert data["quorum"] == {"due": 3, "present": 2, "met": True}
    assert data["report_due"] == "2024-01-27"
    assert data["stage"] == "held"
    meeting.refresh_from_db()
    assert meeting.held_on.isoformat() == "2024-01-12" and meeting.version == 2
    absent = Attendance.objects.get(meeting=meeting, present=False)
    assert absent.person == world.member_a and absent.reason == "外出学习"
    assert ProceedingEvent.objects.filter(meeting=meeting, action="record_create").exists()


def test_it_refuses_a_meeting_below_quorum_with_the_reason(world, api):
    meeting = meeting_of(world)
    body = record_body(
        attendees=["secretary_a"],
        absent=[
            {"person": "member_a", "reason": "病假"},
            {"person": "committee_a", "reason": "出差"},
        ],
    )
    r = put(api(world.secretary_a), meeting, body)
    assert r.status_code == 409
    assert "到会人数不足" in r.json()["detail"] and "应到3人，实到1人" in r.json()["detail"]
    meeting.refresh_from_db()
    assert meeting.held_on is None


def test_it_counts_only_voting_members_for_the_quorum(world, api):
    world.committee_a.probationary = True
    world.committee_a.save()
    meeting = meeting_of(world)
    # Two voting members (secretary_a, member_a); a 预备党员 present does not count.
    r = put(api(world.secretary_a), meeting, record_body(attendees=["secretary_a", "committee_a"]))
    assert r.status_code == 409
    r = put(api(world.secretary_a), meeting, record_body(attendees=["secretary_a", "member_a"]))
    assert r.json()["quorum"] == {"due": 2, "present": 2, "met": True}


def test_it_reads_the_quorum_rule_from_data():
    rule = selectors_after.quorum_rules()["branch_congress"]
    assert rule.met(due=4, present=3) and not rule.met(due=4, present=2)
    assert "条例" in rule.source


def test_it_refuses_the_record_without_the_collective_study(world, api, monkeypatch, settings):
    monkeypatch.setattr(
        selectors_after, "_study_rule_refusal", lambda m: "没有组织集中学习的，不得召开组织生活会"
    )
    meeting = meeting_of(world)
    r = put(api(world.secretary_a), meeting, record_body())
    assert r.status_code == 409 and "集中学习" in r.json()["detail"]
    settings.ORGLIFE_REQUIRE_STUDY = False
    assert put(api(world.secretary_a), meeting, record_body()).status_code == 200


def test_it_needs_a_reason_for_each_absence(world, api):
    meeting = meeting_of(world)
    body = record_body(attendees=["secretary_a", "committee_a"], absent=[{"person": "member_a"}])
    r = put(api(world.secretary_a), meeting, body)
    assert r.status_code == 422 and "缺席原因" in r.json()["detail"]


def test_it_refuses_people_from_another_branch(world, api):
    meeting = meeting_of(world)
    r = put(api(world.secretary_a), meeting, record_body(attendees=["secretary_a", "member_b"]))
    assert r.status_code == 422 and "member_b" in r.json()["detail"]


def test_it_refuses_a_bad_date_in_chinese_or_422(world, api):
    meeting = meeting_of(world)
    r = put(api(world.secretary_a), meeting, record_body(held_on="2024-13-40"))
    assert r.status_code == 422


def test_it_hides_the_meeting_from_another_branch(world, api):
    meeting = meeting_of(world)
    assert put(api(world.secretary_b), meeting, record_body()).status_code == 404
    assert api(world.member_b).get(f"/api/meetings/{meeting.pk}/record").status_code == 404


def test_it_refuses_a_member_the_record(world, api):
    meeting = meeting_of(world)
    assert put(api(world.member_a), meeting, record_body()).status_code == 403
    assert LifeMeeting.objects.get(pk=meeting.pk).held_on is None


def test_it_records_self_criticism_and_criticism_received(world, api):
    meeting = held(world)
    sec = api(world.secretary_a)
    url = f"/api/meetings/{meeting.pk}/criticisms"
    r = sec.post(url, {"to": "member_a", "by": "member_a", "text": "学习不够深入"}, content_type=J)
    assert r.status_code == 201 and r.json()["self"] is True
    r = sec.post(
        url, {"to": "member_a", "by": "committee_a", "text": "要多联系实际"}, content_type=J
    )
    assert r.status_code == 201 and r.json()["self"] is False
    listed = sec.get(url + "?to=member_a").json()
    assert listed["count"] == 2
    assert [c["by"] for c in listed["items"]] == ["member_a", "committee_a"]


def test_it_lets_a_member_record_only_their_own_words(world, api):
    meeting = held(world)
    url = f"/api/meetings/{meeting.pk}/criticisms"
    own = {"to": "member_a", "by": "member_a", "text": "本人自我批评"}
    other = {"to": "committee_a", "by": "secretary_a", "text": "代他人记录"}
    assert api(world.member_a).post(url, own, content_type=J).status_code == 201
    assert api(world.member_a).post(url, other, content_type=J).status_code == 403
    assert api(world.member_b).post(url, own, content_type=J).status_code == 404


def test_it_refuses_criticism_before_the_record(world, api):
    meeting = meeting_of(world)
    r = api(world.secretary_a).post(
        f"/api/meetings/{meeting.pk}/criticisms",
        {"to": "member_a", "by": "member_a", "text": "x"},
        content_type=J,
    )
    assert r.status_code == 409


def test_it_gives_the_record_as_an_official_docx(world, api):
    import io

    from docx import Document

    meeting = held(world)
    api(world.secretary_a).post(
        f"/api/meetings/{meeting.pk}/criticisms",
        {"to": "member_a", "by": "committee_a", "text": "要多联系实际"},
        content_type=J,
    )
    r = api(world.member_a).get(f"/api/meetings/{meeting.pk}/record.docx")
    assert r.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(r.content)).paragraphs)
    assert "2024年1月12日" in text and "三楼会议室" in text and "要多联系实际" in text
    assert api(world.member_b).get(f"/api/meetings/{meeting.pk}/record.docx").status_code == 404
