"""Branch B's meeting in a browser: a new meeting to an approved plan, a study, a talk, and an
individual material returned once and then approved; every meeting page fits a phone."""

import pytest

from orglife.materials.models import InspectionMaterial
from orglife.meetings.models import LifeMeeting
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MATERIAL = """2026年度组织生活会个人对照检查材料
一、存在的问题
（一）理论学习方面。学习不够系统，联系实际不够紧密。
二、原因分析
学习的自觉性不够强。
三、整改措施
制定个人学习计划，每月至少精读一篇重要文章。
"""


def as_user(browser, live_server, username, **context):
    ctx = browser.new_context(locale="zh-CN", **context)
    page = ctx.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_it_walks_branch_b_from_a_new_meeting_to_an_approved_material(browser, live_server, world):
    url = live_server.url
    sec = as_user(browser, live_server, "secretary_b")
    sec.click("#mainnav >> text=组织生活会")
    sec.fill("#title", "2026年度组织生活会")
    sec.click("button:has-text('创建')")
    sec.wait_for_selector("#meeting-stage")
    assert sec.inner_text("#meeting-stage") == "制定方案"
    meeting = LifeMeeting.objects.get(org=world.branch_b)
    base = f"{url}/meetings/{meeting.pk}"

    sec.goto(f"{base}/plan/")
    sec.fill("#planned_on", "2026-12-20")
    sec.fill("#place", "二楼会议室")
    sec.fill("#agenda", "一、通报整改情况\n二、对照检查")
    sec.click("#plan-save")
    sec.click("button:has-text('报送审核')")
    sec.wait_for_selector("#plan-status:has-text('已报送审核')")

    rev = as_user(browser, live_server, "reviewer")
    rev.goto(f"{base}/plan/")
    rev.click("button:has-text('批准方案')")
    rev.wait_for_selector("#plan-status:has-text('已批准')")
    rev.goto(f"{base}/")
    assert rev.inner_text("#meeting-stage") == "会前准备"

    sec.goto(f"{base}/studies/")
    sec.fill("#held_on", "2026-11-20")
    sec.fill("#topic", "学习党章")
    sec.click("#study-save")
    sec.wait_for_selector("text=学习党章")
    sec.goto(f"{base}/talks/")
    sec.select_option("#a", "secretary_b")
    sec.select_option("#b", "member_b")
    sec.fill("#held_on", "2026-11-21")
    sec.fill("#topics", "思想交流")
    sec.click("#talk-save")
    sec.wait_for_selector("#talk-coverage:has-text('已谈 1 / 1 对')")

    mem = as_user(browser, live_server, "member_b")
    mem.goto(f"{base}/materials/")
    mem.fill("#text", MATERIAL)
    mem.click("#material-upload")
    mem.wait_for_selector("#material-status")
    mem.click("button:has-text('报送审核')")
    mem.wait_for_selector("#material-status:has-text('已报送审核')")
    record = InspectionMaterial.objects.get(meeting=meeting)

    sec.goto(f"{url}/review/materials/{record.pk}/")
    sec.fill("#move-note", "请结合本职工作举例。")
    sec.click("button:has-text('退回修改')")
    sec.wait_for_selector("#material-status:has-text('已退回修改')")

    mem.goto(f"{base}/materials/")
    mem.fill(
        "#text",
        MATERIAL.replace(
            "联系实际不够紧密。", "联系实际不够紧密，如党费收缴工作中仍按老办法处理。"
        ),
    )
    mem.click("#material-upload")
    mem.wait_for_selector("text=第2版")
    assert "请结合本职工作举例" in mem.content()
    mem.click("button:has-text('报送审核')")
    mem.wait_for_selector("#material-status:has-text('已报送审核')")

    sec.goto(f"{url}/review/materials/{record.pk}/")
    sec.click("button:has-text('审核通过')")
    sec.wait_for_selector("#material-status:has-text('审核通过')")
    record.refresh_from_db()
    assert record.status == "approved" and record.version == 2
    sec.click("text=与上一版对比")
    sec.wait_for_selector("text=党费收缴")


@pytest.mark.parametrize(
    "path", ["", "plan/", "studies/", "talks/", "opinions/", "materials/", "drafting/"]
)
def test_it_fits_every_meeting_page_on_a_phone(browser, live_server, world, path):
    from orglife.meetings.services_plan import meeting_create

    meeting = meeting_create(
        actor=world.secretary_b, org=world.branch_b, year=2026, title="2026年度组织生活会"
    )
    phone = as_user(
        browser,
        live_server,
        "secretary_b",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    phone.goto(f"{live_server.url}/meetings/{meeting.pk}/{path}")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path or 'meeting'} is {width}px wide on a 390px phone"
