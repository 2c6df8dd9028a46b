"""Branch B's meeting from record to the report pack, in a browser: the secretary on a
phone, then the reviewer at a desk (prerequisites created through the services)."""

import io
import zipfile
from pathlib import Path

import pytest

from orglife.documents.parse import parse_text
from orglife.materials.services import material_create
from orglife.meetings.models import MeetingReport
from tests.e2e.test_browser import sign_in
from tests.meetings.factories import LifeMeetingFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SEED = Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"


def test_it_walks_branch_b_from_record_to_the_report_pack(phone, page, live_server, world, shots):
    meeting = LifeMeetingFactory(org=world.branch_b, year=2023, title="2023年专题组织生活会")
    material_create(
        actor=world.secretary_b,
        org=world.branch_b,
        material=parse_text(SEED.read_text(encoding="utf-8")),
        kind="branch",
        meeting=meeting,
    )
    base = f"{live_server.url}/meetings/{meeting.pk}"

    # The secretary, on a phone.
    sign_in(phone, live_server, "secretary_b")
    phone.goto(f"{base}/record/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.fill("#held_on", "2024-01-12")
    phone.fill("#place", "二楼会议室")
    phone.fill("#minutes", "支部书记报告班子对照检查情况。")
    phone.click("button:has-text('保存会议记录')")
    phone.wait_for_url(f"{base}/criticisms/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    first = phone.inner_text("#person-name")
    phone.fill("textarea[name=text]", "理论学习不够深入，今后加强。")
    phone.click("button:has-text('保存并下一位')")
    phone.wait_for_selector("text=第 2 / 2 人")
    assert phone.inner_text("#person-name") != first
    phone.screenshot(path=str(shots / "phone-criticisms.png"), full_page=True)

    phone.goto(f"{base}/evaluation/")
    phone.select_option("#g_member_b", "qualified")
    phone.click("#ballot button[type=submit]")
    phone.wait_for_selector("#voted")
    phone.select_option("select[name=r_secretary_b]", "qualified")
    phone.select_option("select[name=r_member_b]", "qualified")
    phone.click("#results button[type=submit]")
    phone.wait_for_selector("text=评议结果已保存")

    phone.goto(f"{base}/after/")
    phone.click("button:has-text('生成整改台账')")
    phone.wait_for_selector("text=新生成整改事项9项")
    phone.goto(f"{base}/report/")
    phone.click("button:has-text('报送上级')")
    phone.wait_for_selector("#report-status >> text=已报送")

    # The reviewer, at a desk.
    sign_in(page, live_server, "reviewer")
    page.goto(f"{base}/report/")
    assert "二楼会议室" in page.content()
    page.click("button:has-text('审核通过')")
    page.wait_for_selector("#report-status >> text=已审核")
    assert MeetingReport.objects.get(meeting=meeting).status == "accepted"
    with page.expect_download() as info:
        page.click("#pack-link")
    download = info.value
    data = Path(download.path()).read_bytes()
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any("第二党支部2023年组织生活会情况报告" in n for n in names)
    assert any("整改清单.xlsx" in n for n in names)

    page.goto(f"{live_server.url}/meetings/board/")
    assert "第二党支部" in page.inner_text("#board")
    page.wait_for_function("document.querySelector('#chart-ledger canvas') !== null")
    page.screenshot(path=str(shots / "board.png"), full_page=True)
