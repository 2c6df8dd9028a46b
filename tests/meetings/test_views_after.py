"""Pages of the meeting and after: each works for its people and refuses the others."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orglife.meetings.models import BallotReceipt, Criticism, EvaluationResult, MeetingReport
from tests.downloads import streamed
from tests.factories import OrganizationFactory
from tests.meetings.after_helpers import held, meeting_of
from tests.meetings.factories import LifeMeetingFactory
from tests.meetings.materials_helpers import with_materials

pytestmark = pytest.mark.django_db

PAGES = ["after", "record", "criticisms", "evaluation", "report"]


@pytest.mark.parametrize("name", PAGES)
def test_it_hides_every_page_from_another_branch(world, name):
    meeting = held(world)
    r = world.client(world.secretary_b).get(f"/meetings/{meeting.pk}/{name}/")
    assert r.status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "criticisms/add",
        "evaluation/self",
        "evaluation/ballot",
        "evaluation/close",
        "evaluation/results",
        "ledger",
        "report/move",
        "record",
    ],
)
def test_it_refuses_every_post_from_another_branch(world, name):
    meeting = held(world)
    r = world.client(world.member_b).post(f"/meetings/{meeting.pk}/{name}/", {"action": "submit"})
    assert r.status_code == 404


def test_it_records_the_meeting_from_the_form(world):
    meeting = meeting_of(world)
    c = world.client(world.secretary_a)
    assert c.get(f"/meetings/{meeting.pk}/record/").status_code == 200
    r = c.post(
        f"/meetings/{meeting.pk}/record/",
        {
            "held_on": "2024-01-12",
            "place": "会议室",
            "host": "secretary_a",
            "att_secretary_a": "present",
            "att_committee_a": "present",
            "att_member_a": "absent",
            "reason_member_a": "病假",
            "minutes": "会议内容",
        },
    )
    assert r.status_code == 302 and r["Location"].endswith(f"/meetings/{meeting.pk}/criticisms/")
    meeting.refresh_from_db()
    assert meeting.held_on.isoformat() == "2024-01-12"


def test_it_keeps_the_form_and_says_why_below_quorum(world):
    meeting = meeting_of(world)
    r = world.client(world.secretary_a).post(
        f"/meetings/{meeting.pk}/record/",
        {
            "held_on": "2024-01-12",
            "place": "会议室甲",
            "att_secretary_a": "present",
            "att_committee_a": "absent",
            "reason_committee_a": "出差",
            "att_member_a": "absent",
            "reason_member_a": "病假",
        },
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "到会人数不足" in body and "会议室甲" in body and "出差" in body


def test_it_refuses_the_record_form_to_a_member(world):
    meeting = meeting_of(world)
    assert world.client(world.member_a).get(f"/meetings/{meeting.pk}/record/").status_code == 403


def test_it_takes_criticisms_one_person_a_screen(world):
    meeting = held(world)
    c = world.client(world.secretary_a)
    page = c.get(f"/meetings/{meeting.pk}/criticisms/?n=1").content.decode()
    assert "第 2 / 3 人" in page
    r = c.post(
        f"/meetings/{meeting.pk}/criticisms/add/",
        {"to": "member_a", "by": "member_a", "text": "自我批评内容", "n": "1", "then": "next"},
    )
    assert r.status_code == 302 and r["Location"].endswith("?n=2")
    assert Criticism.objects.get(meeting=meeting).is_self


def test_it_refuses_a_member_recording_others_words_on_the_page(world):
    meeting = held(world)
    r = world.client(world.member_a).post(
        f"/meetings/{meeting.pk}/criticisms/add/",
        {"to": "committee_a", "by": "secretary_a", "text": "x", "n": "0"},
    )
    # A move the page never offered this member: the 403 page, not a flash back to the form.
    assert r.status_code == 403 and not Criticism.objects.exists()


def test_it_takes_a_ballot_and_results_on_the_evaluation_page(world):
    meeting = held(world)
    c = world.client(world.member_a)
    assert 'id="ballot"' in c.get(f"/meetings/{meeting.pk}/evaluation/").content.decode()
    c.post(
        f"/meetings/{meeting.pk}/evaluation/ballot/",
        {"g_secretary_a": "excellent", "g_committee_a": "qualified"},
    )
    assert BallotReceipt.objects.filter(meeting=meeting, voter=world.member_a).exists()
    assert 'id="voted"' in c.get(f"/meetings/{meeting.pk}/evaluation/").content.decode()
    s = world.client(world.secretary_a)
    r = s.post(
        f"/meetings/{meeting.pk}/evaluation/results/",
        {"r_secretary_a": "excellent", "r_committee_a": "excellent", "r_member_a": "qualified"},
        follow=True,
    )
    assert "三分之一" in r.content.decode()
    assert EvaluationResult.objects.filter(meeting=meeting).count() == 3


def test_it_refuses_a_member_the_results_and_closing(world):
    meeting = held(world)
    c = world.client(world.member_a)
    c.post(f"/meetings/{meeting.pk}/evaluation/results/", {"r_member_a": "excellent"})
    c.post(f"/meetings/{meeting.pk}/evaluation/close/")
    assert not EvaluationResult.objects.exists()
    assert not meeting.__class__.objects.get(pk=meeting.pk).evaluation_results.exists()


def test_it_makes_the_ledger_and_walks_the_report_on_pages(world):
    meeting = held(world)
    with_materials(world, meeting)
    s = world.client(world.secretary_a)
    r = s.post(f"/meetings/{meeting.pk}/ledger/", follow=True)
    assert "新生成整改事项12项" in r.content.decode()
    page = s.get(f"/meetings/{meeting.pk}/report/").content.decode()
    assert "报送上级" in page and "理论学习不够全面透彻" in page
    s.post(f"/meetings/{meeting.pk}/report/move/", {"action": "submit"})
    rv = world.client(world.reviewer)
    assert "审核通过" in rv.get(f"/meetings/{meeting.pk}/report/").content.decode()
    world.client(world.member_a).post(f"/meetings/{meeting.pk}/report/move/", {"action": "accept"})
    assert MeetingReport.objects.get(meeting=meeting).status == "submitted"
    rv.post(f"/meetings/{meeting.pk}/report/move/", {"action": "accept"})
    assert MeetingReport.objects.get(meeting=meeting).status == "accepted"


def test_it_shows_the_board_to_the_reviewer_only(world):
    held(world)
    meeting_of(world, "b")
    page = world.client(world.reviewer).get("/meetings/board/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "第一党支部" in body and "第二党支部" in body and "echarts.min.js" in body
    assert "看板" in body
    assert world.client(world.secretary_a).get("/meetings/board/").status_code == 403
    xlsx = world.client(world.reviewer).get("/meetings/board/?format=xlsx")
    assert streamed(xlsx)[:2] == b"PK"


def test_it_reads_the_board_page_in_constant_queries(world):
    c = world.client(world.reviewer)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/meetings/board/").status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        LifeMeetingFactory(org=OrganizationFactory(parent=world.committee))
    queries()  # the first request also renews the new session: not the list's queries
    few = queries()
    for _ in range(27):
        LifeMeetingFactory(org=OrganizationFactory(parent=world.committee))
    assert queries() == few
