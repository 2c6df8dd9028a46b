"""The meeting's pages: visible to the branch and the reviewer above, 404 to others; the
checklist says what is done and who acts next; forms write through the services."""

import pytest

from orglife.meetings.models import HeartTalk, LifeMeeting, StudySession
from orglife.meetings.services_plan import plan_save, plan_transition

pytestmark = pytest.mark.django_db
PAGES = ["", "plan/", "studies/", "talks/", "opinions/", "materials/"]


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_each_page_to_the_branch_and_the_reviewer(world, meeting_a, page):
    for who in (world.secretary_a, world.member_a, world.reviewer):
        r = world.client(who).get(f"/meetings/{meeting_a.pk}/{page}")
        assert r.status_code == 200, (who, page)
        assert "组织生活会" in r.content.decode()


@pytest.mark.parametrize("page", [*PAGES, "plan.docx", "drafting/"])
@pytest.mark.parametrize("who", ["secretary_b", "member_b"])
def test_it_hides_every_page_from_another_branch(world, meeting_a, page, who):
    c = world.client(getattr(world, who))
    assert c.get(f"/meetings/{meeting_a.pk}/{page}").status_code == 404
    assert c.post(f"/meetings/{meeting_a.pk}/{page}", {}).status_code == 404


def test_it_lists_meetings_and_lets_the_secretary_create_one(world):
    c = world.client(world.secretary_b)
    r = c.post(
        "/meetings/",
        {
            "org": world.branch_b.pk,
            "year": 2026,
            "title": "2026年度组织生活会",
            "format": "branch_congress",
        },
    )
    meeting = LifeMeeting.objects.get()
    assert r.status_code == 302 and r.url == f"/meetings/{meeting.pk}/"
    assert "2026年度组织生活会" in c.get("/meetings/").content.decode()
    assert (
        "2026年度组织生活会" not in world.client(world.member_a).get("/meetings/").content.decode()
    )


def test_it_refuses_a_member_creating_a_meeting_from_the_page(world):
    r = world.client(world.member_a).post(
        "/meetings/", {"org": world.branch_a.pk, "year": 2026, "title": "x"}, follow=True
    )
    assert "只有支部书记" in r.content.decode()
    assert not LifeMeeting.objects.exists()


def test_it_shows_the_checklist_with_who_acts_next(world, meeting_a):
    page = world.client(world.secretary_a).get(f"/meetings/{meeting_a.pk}/").content.decode()
    assert "会议方案" in page and "支部书记：填写并报送方案" in page
    assert "制定方案" in page  # the stage
    plan_save(
        meeting=meeting_a,
        actor=world.secretary_a,
        planned_on=None,
        place="",
        format="committee",
        participants=[],
        agenda="",
        requirements="",
    )
    from datetime import date

    plan_save(
        meeting=meeting_a,
        actor=world.secretary_a,
        planned_on=date(2026, 12, 20),
        place="",
        format="committee",
        participants=[],
        agenda="",
        requirements="",
    )
    plan_transition(meeting=meeting_a, actor=world.secretary_a, action="submit")
    page = world.client(world.reviewer).get(f"/meetings/{meeting_a.pk}/").content.decode()
    assert "机关党委审核人：审核方案" in page and "方案待审核" in page


def test_it_walks_the_plan_through_the_page(world, meeting_a):
    sec, rev = world.client(world.secretary_a), world.client(world.reviewer)
    url = f"/meetings/{meeting_a.pk}/plan/"
    r = sec.post(
        url,
        {
            "planned_on": "2026-12-20",
            "place": "会议室",
            "format": "branch_congress",
            "participants": ["member_a"],
            "agenda": "议程",
            "requirements": "",
        },
    )
    assert r.status_code == 302
    sec.post(url, {"action": "submit"})
    # a member sees no buttons and is refused the move
    assert "批准方案" not in world.client(world.member_a).get(url).content.decode()
    r = world.client(world.member_a).post(url, {"action": "approve"}, follow=True)
    assert "您无权" in r.content.decode()
    r = rev.post(url, {"action": "return", "note": ""}, follow=True)
    assert "请填写退回意见" in r.content.decode()
    rev.post(url, {"action": "return", "note": "请补充议程"})
    assert "请补充议程" in sec.get(url).content.decode()


def test_it_records_a_study_and_a_talk_through_the_pages(world, meeting_a):
    sec = world.client(world.secretary_a)
    sec.post(
        f"/meetings/{meeting_a.pk}/studies/",
        {
            "held_on": "2026-11-20",
            "topic": "专题学习",
            "texts": "党章",
            "attendees": ["secretary_a", "committee_a"],
            "absent": ["member_a"],
            "reason_member_a": "病假",
        },
    )
    s = StudySession.objects.get()
    assert s.attendance.get(person=world.member_a).reason == "病假"
    sec.post(
        f"/meetings/{meeting_a.pk}/talks/",
        {"a": "secretary_a", "b": "member_a", "held_on": "2026-11-21", "topics": "思想交流"},
    )
    assert HeartTalk.objects.count() == 1
    page = sec.get(f"/meetings/{meeting_a.pk}/talks/").content.decode()
    assert "已谈 1 / 2 对" in page


def test_it_flags_members_who_need_a_talk_for_the_secretary_only(world, meeting_a):
    world.member_a.away = True
    world.member_a.save()
    assert (
        "外出流动"
        in world.client(world.secretary_a).get(f"/meetings/{meeting_a.pk}/talks/").content.decode()
    )
    assert (
        "外出流动"
        not in world.client(world.member_a).get(f"/meetings/{meeting_a.pk}/talks/").content.decode()
    )


def test_it_uploads_a_material_and_reminds_the_missing(world, meeting_a, mailoutbox):
    world.member_a.email = "member_a@example.org"
    world.member_a.save()
    r = world.client(world.committee_a).post(
        f"/meetings/{meeting_a.pk}/materials/",
        {"kind": "individual", "text": "个人对照检查材料\n一、存在的问题\n学习不够深入。"},
    )
    assert r.status_code == 302
    page = (
        world.client(world.secretary_a).get(f"/meetings/{meeting_a.pk}/materials/").content.decode()
    )
    assert "未开始" in page and "未报送" in page
    world.client(world.secretary_a).post(f"/meetings/{meeting_a.pk}/materials/", {"remind": "1"})
    assert [m.to for m in mailoutbox] == [["member_a@example.org"]]
    r = world.client(world.member_a).post(
        f"/meetings/{meeting_a.pk}/materials/", {"remind": "1"}, follow=True
    )
    assert "只有支部书记" in r.content.decode()


def test_it_offers_the_drafted_sections_to_the_secretary_only(world, meeting_a):
    StudySession.objects.create(
        meeting=meeting_a,
        held_on="2026-11-20",
        topic="专题学习",
        texts="党章",
        created_by=world.secretary_a,
    )
    page = (
        world.client(world.secretary_a).get(f"/meetings/{meeting_a.pk}/drafting/").content.decode()
    )
    assert (
        "二、会前准备情况" in page
        and "专题学习" in page
        and "一、上一次组织生活会问题整改落实情况" in page
    )
    assert (
        world.client(world.member_a).get(f"/meetings/{meeting_a.pk}/drafting/").status_code == 403
    )
    r = world.client(world.secretary_a).post(
        f"/meetings/{meeting_a.pk}/drafting/", {"text": "标题\n一、上一次\n内容"}
    )
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxml")


def test_it_shows_the_meeting_in_the_nav_and_on_the_home_page(world, meeting_a):
    page = world.client(world.member_a).get("/").content.decode()
    assert 'href="/meetings/"' in page
    assert meeting_a.title in page
