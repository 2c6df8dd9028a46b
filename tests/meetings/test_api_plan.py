"""The meeting and its plan through the API (docs/contracts.md "Meetings (API v1)")."""

import io
from datetime import date

import docx
import pytest

from orglife.meetings.models import LifeMeeting, PlanEvent
from tests.meetings.conftest import PLAN, jpost, jput

pytestmark = pytest.mark.django_db


def test_it_lets_the_branch_secretary_create_a_meeting(world, api):
    r = jpost(
        api(world.secretary_a),
        "/api/meetings",
        {"org": world.branch_a.pk, "year": 2026, "title": "2026年度组织生活会"},
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["stage"] == "planning" and body["org"] == world.branch_a.pk
    assert set(body) == {
        "id",
        "org",
        "year",
        "title",
        "theme_profile",
        "format",
        "stage",
        "planned_on",
        "held_on",
        "report_due",
        "version",
    }


@pytest.mark.parametrize(
    "who,status",
    [
        ("member_a", 403),
        ("committee_a", 403),
        ("reviewer", 403),
        ("secretary_b", 404),
        ("member_b", 404),
    ],
)
def test_it_refuses_a_meeting_from_anyone_but_the_secretary(world, api, who, status):
    r = jpost(
        api(getattr(world, who)),
        "/api/meetings",
        {"org": world.branch_a.pk, "year": 2026, "title": "x"},
    )
    assert r.status_code == status
    assert not LifeMeeting.objects.exists()


def test_it_refuses_a_second_meeting_with_the_same_title(world, api, meeting_a):
    r = jpost(
        api(world.secretary_a),
        "/api/meetings",
        {"org": world.branch_a.pk, "year": 2026, "title": meeting_a.title},
    )
    assert r.status_code == 409


def test_it_lists_only_the_meetings_a_person_may_see(world, api, meeting_a, meeting_b):
    ids = [m["id"] for m in api(world.member_b).get("/api/meetings").json()["items"]]
    assert ids == [meeting_b.pk]
    body = api(world.reviewer).get(f"/api/meetings?org={world.branch_a.pk}").json()
    assert body["count"] == 1 and body["items"][0]["id"] == meeting_a.pk


@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_it_hides_a_meeting_and_its_plan_from_another_branch(world, api, meeting_a, who):
    c = api(getattr(world, who))
    base = f"/api/meetings/{meeting_a.pk}"
    assert c.get(base).status_code == 404
    assert c.get(f"{base}/plan").status_code == 404
    assert c.get(f"{base}/plan.docx").status_code == 404
    assert jput(c, f"{base}/plan", PLAN).status_code == 404
    assert jpost(c, f"{base}/plan/transitions", {"action": "submit"}).status_code == 404


def test_it_walks_the_plan_from_draft_to_approved_keeping_every_version(world, api, meeting_a):
    sec, rev = api(world.secretary_a), api(world.reviewer)
    base = f"/api/meetings/{meeting_a.pk}"
    r = jput(sec, f"{base}/plan", PLAN)
    assert r.status_code == 200, r.content
    assert r.json()["participants"] == ["committee_a", "member_a", "secretary_a"]
    meeting_a.refresh_from_db()
    assert meeting_a.planned_on == date(2026, 12, 20)  # the plan's date is the meeting's
    assert (
        jpost(sec, f"{base}/plan/transitions", {"action": "submit"}).json()["status"] == "submitted"
    )
    assert sec.get(base).json()["stage"] == "plan_submitted"
    r = jpost(rev, f"{base}/plan/transitions", {"action": "return", "note": "请补充学习安排"})
    assert r.status_code == 200 and r.json()["status"] == "returned"
    jput(sec, f"{base}/plan", PLAN | {"place": "党员活动室"})
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    r = jpost(rev, f"{base}/plan/transitions", {"action": "approve"})
    assert r.json()["status"] == "approved"
    assert sec.get(base).json()["stage"] == "preparing"
    events = r.json()["events"]
    assert [e["action"] for e in events] == [
        "edit",
        "submit",
        "return",
        "edit",
        "submit",
        "approve",
    ]
    assert events[2]["note"] == "请补充学习安排"
    assert events[0]["snapshot"]["place"] == "三楼会议室"
    assert events[3]["snapshot"]["place"] == "党员活动室"
    assert PlanEvent.objects.count() == 6


@pytest.mark.parametrize("who", ["secretary_a", "committee_a", "member_a"])
def test_it_lets_only_a_reviewer_above_approve_or_return(world, api, meeting_a, who):
    base = f"/api/meetings/{meeting_a.pk}"
    sec = api(world.secretary_a)
    jput(sec, f"{base}/plan", PLAN)
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    c = api(getattr(world, who))
    assert jpost(c, f"{base}/plan/transitions", {"action": "approve"}).status_code == 403
    assert (
        jpost(c, f"{base}/plan/transitions", {"action": "return", "note": "x"}).status_code == 403
    )


def test_it_needs_a_note_to_return_a_plan(world, api, meeting_a):
    base = f"/api/meetings/{meeting_a.pk}"
    sec = api(world.secretary_a)
    jput(sec, f"{base}/plan", PLAN)
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    r = jpost(api(world.reviewer), f"{base}/plan/transitions", {"action": "return", "note": " "})
    assert r.status_code == 422 and "退回意见" in r.json()["detail"]


def test_it_refuses_plan_edits_by_a_member_and_after_submission(world, api, meeting_a):
    base = f"/api/meetings/{meeting_a.pk}"
    assert jput(api(world.member_a), f"{base}/plan", PLAN).status_code == 403
    sec = api(world.secretary_a)
    jput(sec, f"{base}/plan", PLAN)
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    assert jput(sec, f"{base}/plan", PLAN).status_code == 409
    # approving twice is a move the table forbids
    rev = api(world.reviewer)
    jpost(rev, f"{base}/plan/transitions", {"action": "approve"})
    assert jpost(rev, f"{base}/plan/transitions", {"action": "approve"}).status_code == 409


def test_it_refuses_participants_outside_the_roster(world, api, meeting_a):
    r = jput(
        api(world.secretary_a),
        f"/api/meetings/{meeting_a.pk}/plan",
        PLAN | {"participants": ["member_b"]},
    )
    assert r.status_code == 422 and "member_b" in r.json()["detail"]


def test_it_generates_the_plan_docx_from_its_fields(world, api, meeting_a):
    base = f"/api/meetings/{meeting_a.pk}"
    jput(api(world.secretary_a), f"{base}/plan", PLAN)
    r = api(world.member_a).get(f"{base}/plan.docx")
    assert r.status_code == 200
    d = docx.Document(io.BytesIO(r.content))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "2026年12月20日" in text and "三楼会议室" in text and "书记代表班子作对照检查" in text
    title = d.paragraphs[0]
    assert "会议方案" in title.text or "方案" in title.text
    section = d.sections[0]
    assert round(section.top_margin.mm) == 37 and round(section.left_margin.mm) == 28


def test_it_answers_the_roster_with_voting_rights(world, api):
    world.member_a.probationary = True
    world.member_a.save()
    r = api(world.secretary_a).get(f"/api/orgs/{world.branch_a.pk}/people")
    people = {p["username"]: p for p in r.json()}
    assert set(people) == {"secretary_a", "committee_a", "member_a"}  # no reviewer
    assert people["member_a"]["voting"] is False and people["secretary_a"]["voting"] is True
    assert people["secretary_a"]["role"] == "secretary"
    assert api(world.member_b).get(f"/api/orgs/{world.branch_a.pk}/people").status_code == 404
