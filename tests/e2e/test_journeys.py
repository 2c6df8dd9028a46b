"""Each role's main journey in a browser, at a desk (1366×768) and on a phone (390×844).

Every page a journey visits is checked the same way (Journey.see): no server error or
traceback, no script error or Content-Security-Policy refusal, and on the phone no sideways
scrolling of the page. Each main step leaves a screenshot in
``$ORGLIFE_ARTIFACTS/journeys/<role>-<viewport>-<nn>-<step>.png`` (default
``test-artifacts/journeys/``) for a person to look at. Prerequisites that belong to another
role's journey are made through the services; what the journey itself does goes through
the pages, and its effect is checked in the database.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest

from orglife.audit.models import AuditEntry
from orglife.audit.services import entry_add
from orglife.core import clock
from orglife.documents.parse import parse_text
from orglife.ledger import services as ledger_services
from orglife.ledger.models import RectificationItem
from orglife.materials.models import InspectionMaterial
from orglife.materials.services import material_create, material_transition
from orglife.meetings.models import HeartTalk, LifeMeeting, MeetingPlan, Opinion, StudySession
from orglife.meetings.services_plan import meeting_create, plan_save, plan_transition
from orglife.orgs.models import Membership, User
from tests.factories import PASSWORD
from tests.ledger.factories import make_item

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Buttons and table headings whose label broke over lines (Chinese breaks between any two
# characters, so a squeezed label stacks one character per line).
WRAPPED = """
[...document.querySelectorAll('.btn, .table-responsive > .table > thead th')]
  .filter(e => e.offsetParent !== null && e.innerText.trim())
  .filter(e => {
    const text = document.createRange();
    text.selectNodeContents(e);
    const s = getComputedStyle(e);
    const line = parseFloat(s.lineHeight) || 1.2 * parseFloat(s.fontSize);
    return text.getBoundingClientRect().height > 1.5 * line;
  })
  .map(e => e.innerText.trim())
"""

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1366, "height": 768}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}

MATERIAL = """{year}年度组织生活会个人对照检查材料
一、存在的问题
（一）理论学习方面。学习不够系统，联系实际不够紧密。
二、原因分析
学习的{dup}自觉性不够强。
三、整改措施
制定个人学习计划，每月至少精读一篇重要文章。
"""

BRANCH_MATERIAL = """{year}年度组织生活会第一党支部班子对照检查材料
一、存在的问题
（一）理论学习方面。集中学习多，结合实际研讨少。
二、原因分析
对理论学习的重要性认识不足。
三、整改措施
每月开展一次专题研讨。
"""


@dataclass
class Journey:
    """One person in one browser context: go, look, check, keep a screenshot."""

    page: object  # playwright.sync_api.Page
    url: str
    role: str
    viewport: str
    folder: Path
    problems: list[str] = field(default_factory=list)
    step: int = 0

    @property
    def phone(self) -> bool:
        return self.viewport == "phone"

    def go(self, path: str, status: int = 200) -> None:
        response = self.page.goto(self.url + path)
        assert response is not None and response.status == status, (path, response)
        self.see()

    def see(self) -> None:
        """The checks every page gets, wherever the journey is."""
        self.page.wait_for_load_state("domcontentloaded")
        assert not self.problems, self.problems
        body = self.page.inner_text("body")
        assert "Traceback" not in body and "Server Error" not in body, self.page.url
        if self.phone:
            width, inner = self.page.evaluate(
                "[document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            assert width <= inner + 1, f"{self.page.url} is {width}px wide on a {inner}px phone"
        wrapped = self.page.evaluate(WRAPPED)
        assert not wrapped, f"{self.page.url}: labels broken over lines: {wrapped}"

    def shot(self, name: str) -> None:
        self.see()
        self.step += 1
        path = self.folder / f"{self.role}-{self.viewport}-{self.step:02d}-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)

    def menu(self, label: str) -> None:
        """Open a page from the main navigation; on the phone through the menu toggle."""
        nav = self.page.locator("#mainnav")
        toggler = self.page.locator(".navbar-toggler")
        if self.phone:
            assert toggler.is_visible() and not nav.is_visible()
            toggler.click()
            self.page.wait_for_selector("#mainnav.show")
        else:
            assert not toggler.is_visible() and nav.is_visible()
        link = nav.locator("a.nav-link", has_text=label)
        link.wait_for(state="visible")
        with self.page.expect_navigation():
            link.click()
        self.see()

    def sign_in(self, username: str, password: str = PASSWORD, landing: str = "/") -> None:
        self.page.goto(f"{self.url}/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_url(lambda u: urlsplit(u).path == landing)
        self.see()

    def text(self) -> str:
        return self.page.inner_text("main")


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def journey(browser, live_server, artifacts, viewport):
    """A function opening a browser context for a role at this test's viewport."""
    folder = artifacts / "journeys"
    folder.mkdir(parents=True, exist_ok=True)
    contexts = []

    def start(role: str) -> Journey:
        for old in folder.glob(f"{role}-{viewport}-*.png"):
            old.unlink()  # a journey's pictures are of its last run only
        context = browser.new_context(locale="zh-CN", **VIEWPORTS[viewport])
        contexts.append(context)
        context.set_default_timeout(20_000)  # a missing element fails sooner than in 30 s
        page = context.new_page()
        j = Journey(page, live_server.url, role, viewport, folder)

        def on_console(msg) -> None:
            if msg.type == "error" and "Content Security Policy" in msg.text:
                j.problems.append(f"CSP: {msg.text}")

        def on_response(response) -> None:
            if response.status >= 500:
                j.problems.append(f"{response.status} {response.url}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: j.problems.append(f"script error: {exc}"))
        page.on("response", on_response)
        return j

    yield start
    for context in contexts:
        context.close()


def this_year() -> int:
    return clock.today().year


def meeting_with_plan(world, *, approved: bool) -> LifeMeeting:
    """Branch A's meeting of this year, its plan submitted (and approved) by the services."""
    year = this_year()
    meeting = meeting_create(
        actor=world.secretary_a, org=world.branch_a, year=year, title=f"{year}年度组织生活会"
    )
    plan_save(
        meeting=meeting,
        actor=world.secretary_a,
        planned_on=date(year, 12, 20),
        place="党员活动室",
        format=meeting.format,
        participants=["secretary_a", "committee_a", "member_a"],
        agenda="一、通报整改情况\n二、对照检查",
        requirements="",
    )
    plan_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    if approved:
        plan_transition(meeting=meeting, actor=world.reviewer, action="approve")
    return meeting


def roster_xlsx(rows: list[list[str]]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_system_admin_imports_a_roster(journey, world):
    """系统管理员 (the demo's ``admin``, docs/contracts.md): organizations, a roster import
    refused then done, the organizations and accounts in /admin/."""
    j = journey("sysadmin")
    j.sign_in("admin")
    assert "系统管理员" in j.text()
    j.shot("home")

    j.menu("组织与人员")
    assert "第一党支部" in j.text() and "第二党支部" in j.text()
    j.shot("organizations")

    j.page.click("main a:has-text('第一党支部')")
    j.page.click("a:has-text('导入名册')")
    j.page.wait_for_selector("h1:has-text('导入党员名册')")
    head = ["姓名", "性别", "出生日期", "入党日期", "联系电话", "职务"]
    wrong = roster_xlsx([head, ["赵一", "男", "不是日期", "", "", "党员"]])
    j.page.set_input_files(
        "#id_file", {"name": "名册.xlsx", "mimeType": "application/octet-stream", "buffer": wrong}
    )
    j.page.click("button:has-text('导入')")
    j.page.wait_for_selector(".alert-danger:has-text('未导入')")
    assert not User.objects.filter(name="赵一").exists()
    j.shot("import-refused")

    right = roster_xlsx(
        [
            head,
            ["赵一", "男", "1980-01-02", "2005-07-01", "13900000001", "党员"],
            ["钱二", "女", "1990-03-01", "", "", "宣传委员"],
        ]
    )
    j.page.set_input_files(
        "#id_file", {"name": "名册.xlsx", "mimeType": "application/octet-stream", "buffer": right}
    )
    j.page.click("button:has-text('导入')")
    j.page.wait_for_selector(".alert-success:has-text('新增 2 人')")
    j.see()
    assert "赵一" in j.text()
    if not j.phone:  # the phone shows names and seats only
        assert "139****0001" in j.text()  # masked until asked for
    assert Membership.objects.filter(
        organization=world.branch_a, user__name="钱二", role="propaganda"
    ).exists()
    j.shot("imported")

    j.menu("系统管理")
    j.page.click("#content-main a[href$='/orgs/organization/']")
    j.page.wait_for_selector("#result_list")
    j.see()
    assert "第一党支部" in j.page.inner_text("#result_list")
    j.shot("admin-organizations")
    j.page.goto(f"{j.url}/admin/orgs/user/")
    j.page.fill("#searchbar", "赵一")
    j.page.press("#searchbar", "Enter")
    j.page.wait_for_selector("#result_list")
    j.see()
    assert "zhaoyi" in j.page.inner_text("#result_list")
    j.shot("accounts")


def test_security_admin_locks_and_resets_an_account(journey, world, seats):
    """安全管理员: finds an account, locks and unlocks it, resets its password; the person
    then must choose a new one that meets the password policy."""
    j = journey("secadmin")
    j.sign_in("secadmin")
    j.menu("账号安全")
    assert "member_a" in j.text() and "secretary_b" in j.text()
    j.shot("accounts")

    j.page.fill("input[name=q]", "member_a")
    j.page.click("button:has-text('查找')")
    j.page.wait_for_url("**/security/?q=member_a")
    rows = j.page.locator("tbody tr")
    assert rows.count() == 1
    rows.first.locator("button:has-text('锁定')").click()
    j.page.wait_for_selector(".alert-success:has-text('member_a 已锁定')")
    j.see()
    assert not User.objects.get(username="member_a").is_active
    j.shot("locked")

    j.page.fill("input[name=q]", "member_a")
    j.page.click("button:has-text('查找')")
    j.page.wait_for_url("**/security/?q=member_a")
    assert "已锁定" in j.page.inner_text("tbody")
    j.page.click("tbody button:has-text('解锁')")
    j.page.wait_for_selector(".alert-success:has-text('member_a 已解锁')")
    assert User.objects.get(username="member_a").is_active

    j.page.fill("input[name=q]", "member_a")
    j.page.click("button:has-text('查找')")
    j.page.wait_for_url("**/security/?q=member_a")
    j.page.click("tbody button:has-text('重置密码')")
    message = j.page.locator(".alert-success", has_text="临时密码").inner_text()
    temporary = message.split("：", 1)[1].strip()
    assert User.objects.get(username="member_a").must_change_password
    j.shot("reset")

    # The person signs in with the temporary password and must change it first.
    m = journey("secadmin-member_a")
    m.sign_in("member_a", temporary, landing="/password/")
    assert "请先修改密码" in m.text()
    m.go("/ledger/")  # every page sends them back to the change page
    assert urlsplit(m.page.url).path == "/password/"
    m.page.fill("#id_old_password", temporary)
    m.page.fill("#id_new_password1", "abc12345")
    m.page.fill("#id_new_password2", "abc12345")
    m.page.click("button:has-text('修改')")
    m.page.wait_for_selector(".text-danger")
    m.see()
    assert "至少" in m.text()  # the policy, said in Chinese
    m.shot("policy-refused")
    m.page.fill("#id_old_password", temporary)
    m.page.fill("#id_new_password1", "Ledger-Item-2026")
    m.page.fill("#id_new_password2", "Ledger-Item-2026")
    m.page.click("button:has-text('修改')")
    m.page.wait_for_selector(".alert-success:has-text('密码已修改')")
    m.see()
    assert not User.objects.get(username="member_a").must_change_password
    m.shot("password-changed")


def test_audit_admin_filters_and_exports_the_log(journey, world, seats):
    """审计管理员: the log, a filter by person and event, the export (itself logged)."""
    entry_add(action="unmask", actor=world.secretary_a, target="第一党支部 花名册")
    entry_add(action="login", actor=world.secretary_a, target="")
    entry_add(action="unmask", actor=world.member_b, target="第二党支部 花名册")
    j = journey("auditor")
    j.sign_in("auditor")
    j.menu("审计日志")
    assert "第一党支部 花名册" in j.text() and "第二党支部 花名册" in j.text()
    j.shot("log")

    j.page.fill("input[name=actor]", "secretary_a")
    j.page.select_option("select[name=action]", "unmask")
    j.page.click("button:has-text('筛选')")
    j.page.wait_for_url("**/audit/?*actor=secretary_a*")
    j.see()
    body = j.page.inner_text("tbody")
    assert "第一党支部 花名册" in body and "第二党支部" not in body
    assert "共 1 条" in j.text()
    j.shot("filtered")

    with j.page.expect_download() as info:
        j.page.click("a:has-text('导出')")
    data = Path(info.value.path()).read_bytes()
    cells = [
        str(c)
        for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
        for c in row
        if c
    ]
    assert "第一党支部 花名册" in cells and "第二党支部 花名册" not in cells
    assert AuditEntry.objects.filter(actor="auditor", action="export").exists()
    j.see()
    j.shot("exported")


def test_reviewer_approves_a_plan_and_returns_a_material(journey, world):
    """机关党委审核人: the to-do list, a plan approved, a branch material returned, the board."""
    meeting = meeting_with_plan(world, approved=False)
    branch = material_create(
        actor=world.secretary_a,
        org=world.branch_a,
        material=parse_text(BRANCH_MATERIAL.format(year=meeting.year)),
        kind="branch",
        meeting=meeting,
    )
    material_transition(record=branch, actor=world.secretary_a, action="submit")

    j = journey("reviewer")
    j.sign_in("reviewer")
    todo = j.page.locator("li", has_text="第一党支部").first.inner_text()
    assert "审核会议方案" in todo and "审核班子对照检查材料" in todo
    j.shot("queue")

    j.page.click(f"main a:has-text('{meeting.title}')")
    j.page.wait_for_selector("#meeting-stage:has-text('方案待审核')")
    j.page.click(".nav-pills a:has-text('方案')")
    j.page.wait_for_selector("#plan-status:has-text('已报送审核')")
    j.see()
    assert "党员活动室" in j.text()
    j.page.click("button:has-text('批准方案')")
    j.page.wait_for_selector("#plan-status:has-text('已批准')")
    assert MeetingPlan.objects.get(meeting=meeting).status == "approved"
    j.shot("plan-approved")

    j.page.click(".nav-pills a:has-text('材料')")
    j.page.click(f"main a:has-text('{branch.title}')")
    j.page.wait_for_selector("#material-status:has-text('已报送审核')")
    j.see()
    j.shot("material")
    j.page.click("button:has-text('退回修改')")  # without a comment: refused, in Chinese
    j.page.wait_for_selector(".alert-danger")
    assert "意见" in j.page.inner_text(".alert-danger")
    j.page.fill("#move-note", "请补充典型案例剖析。")
    j.page.click("button:has-text('退回修改')")
    j.page.wait_for_selector("#material-status:has-text('已退回修改')")
    j.see()
    branch.refresh_from_db()
    assert branch.status == "returned"
    assert branch.events.filter(action="return", note="请补充典型案例剖析。").exists()
    j.shot("material-returned")

    j.menu("看板")
    row = j.page.locator("#board tbody tr", has_text="第一党支部")
    assert "已批准" in row.inner_text()
    j.page.wait_for_function("document.querySelector('#chart-ledger canvas') !== null")
    j.page.wait_for_timeout(1000)  # for the picture only: the charts' drawing animation
    j.shot("board")


def test_secretary_runs_this_years_meeting_and_the_ledger(journey, world):
    """支部书记: this year's meeting from nothing (plan, study, talk), an item registered and
    another verified and closed."""
    year = this_year()
    submitted = make_item(world, title="党费收缴不够及时", deadline=date(year, 12, 31))
    ledger_services.item_transition(item=submitted, actor=world.member_a, action="start")
    ledger_services.item_transition(
        item=submitted, actor=world.member_a, action="submit", note="已按月收缴并公示。"
    )

    j = journey("secretary_a")
    j.sign_in("secretary_a")
    assert "还没有组织生活会" in j.text()
    j.shot("home")

    j.menu("组织生活会")
    assert j.page.input_value("#year") == str(year)
    j.page.click("button:has-text('创建')")
    j.page.wait_for_selector("#meeting-stage:has-text('制定方案')")
    meeting = LifeMeeting.objects.get(org=world.branch_a, year=year)
    j.see()
    j.shot("meeting")

    j.page.click(".nav-pills a:has-text('方案')")
    j.page.fill("#planned_on", f"{year}-12-20")
    j.page.fill("#place", "党员活动室")
    j.page.fill("#agenda", "一、通报整改情况\n二、对照检查")
    j.page.click("#plan-save")
    j.page.click("button:has-text('报送审核')")
    j.page.wait_for_selector("#plan-status:has-text('已报送审核')")
    j.see()
    assert MeetingPlan.objects.get(meeting=meeting).status == "submitted"
    j.shot("plan")
    plan_transition(meeting=meeting, actor=world.reviewer, action="approve")  # the reviewer's

    j.page.click(".nav-pills a:has-text('学习')")
    j.page.fill("#held_on", f"{year}-11-20")
    j.page.fill("#topic", "学习党章")
    j.page.click("#study-save")
    j.page.wait_for_selector(".alert-success:has-text('学习研讨已记录')")
    j.see()
    assert StudySession.objects.filter(meeting=meeting, topic="学习党章").exists()
    j.shot("study")

    j.page.click(".nav-pills a:has-text('谈心')")
    assert "已谈 0 /" in j.page.inner_text("#talk-coverage")
    j.page.select_option("#b", "member_a")
    j.page.fill("#held_on", f"{year}-11-21")
    j.page.fill("#topics", "思想交流")
    j.page.click("#talk-save")
    j.page.wait_for_selector("#talk-coverage:has-text('已谈 1 /')")
    j.see()
    assert HeartTalk.objects.filter(meeting=meeting).count() == 1
    j.shot("talk")

    j.page.click(".nav-pills a:has-text('总览')")
    assert j.page.inner_text("#meeting-stage") == "会前准备"

    j.menu("整改台账")
    j.page.click("a:has-text('登记整改事项')")
    j.page.fill("#id_title", "谈心谈话覆盖不全")
    j.page.select_option("#id_category", "work_style")
    j.page.fill("#id_description", "与部分党员谈心谈话次数偏少。")
    j.page.fill("#id_measures", "书记与每名党员至少谈一次。")
    j.page.select_option("#id_owner", str(world.committee_a.pk))
    j.page.fill("#id_deadline", f"{year}-12-31")
    j.shot("ledger-form")
    j.page.click("button:has-text('保存')")
    j.page.wait_for_selector(".alert-success:has-text('整改事项已登记')")
    j.see()
    created = RectificationItem.objects.get(title="谈心谈话覆盖不全")
    assert created.owner == world.committee_a and created.org == world.branch_a
    j.shot("ledger-created")

    j.go(f"/ledger/{submitted.pk}/")
    assert "已按月收缴并公示" in j.text()
    j.page.fill("#note-verify", "已连续三个月按时收缴，账目公示。")
    j.page.click("button:has-text('验收销号')")
    j.page.wait_for_selector("text=销号")
    j.see()
    submitted.refresh_from_db()
    assert submitted.status == "closed" and submitted.verified_by == world.secretary_a
    j.shot("ledger-verified")


def test_committee_member_records_opinions_and_an_item(journey, world):
    """支委委员: an opinion gathered for the meeting, an item registered and then amended."""
    meeting = meeting_with_plan(world, approved=True)
    j = journey("committee_a")
    j.sign_in("committee_a")
    assert "支委委员" in j.text()
    j.shot("home")

    j.page.click(f"main a:has-text('{meeting.title}')")
    j.page.click(".nav-pills a:has-text('意见')")
    j.page.fill("#text", "希望多组织结合业务的专题学习。")
    j.page.fill("#given_by", "群众代表")
    j.page.click("button:has-text('登记')")
    j.page.wait_for_selector(".alert-success:has-text('意见已登记')")
    j.see()
    assert Opinion.objects.filter(meeting=meeting, text__contains="专题学习").exists()
    j.shot("opinion")

    j.menu("整改台账")
    j.page.click("a:has-text('登记整改事项')")
    j.page.fill("#id_title", "专题学习结合业务不够")
    j.page.select_option("#id_category", "theory_study")
    j.page.fill("#id_description", "专题学习与业务工作结合不够紧密。")
    j.page.select_option("#id_owner", str(world.member_a.pk))
    j.page.click("button:has-text('保存')")
    j.page.wait_for_selector(".alert-success:has-text('整改事项已登记')")
    item = RectificationItem.objects.get(title="专题学习结合业务不够")
    assert item.deadline is not None  # the default deadline was filled in
    j.shot("item")

    j.page.click("a:has-text('修改')")
    j.page.fill("#id_measures", "每季度开展一次结合业务的专题研讨。")
    j.page.fill("#id_note", "补充整改措施")
    j.page.click("button:has-text('保存')")
    j.page.wait_for_selector(".timeline:has-text('补充整改措施')")
    j.see()
    item.refresh_from_db()
    assert item.version == 2 and "专题研讨" in item.measures
    j.shot("item-amended")


def test_member_files_a_material_and_reports_on_an_item(journey, world):
    """党员: own material uploaded, checked, corrected and submitted; own item's progress
    reported and the item submitted with a written account (no photo needed)."""
    meeting = meeting_with_plan(world, approved=True)
    item = make_item(world, title="学习笔记不够规范", deadline=date(this_year(), 12, 31))
    ledger_services.item_transition(item=item, actor=world.member_a, action="start")

    j = journey("member_a")
    j.sign_in("member_a")
    todo = j.page.locator("li", has_text=meeting.title).first.inner_text()
    assert "撰写并上传个人对照检查材料" in todo
    j.shot("home")

    j.page.click(f"main a:has-text('{meeting.title}')")
    j.page.click(".nav-pills a:has-text('材料')")
    j.page.fill("#text", MATERIAL.format(year=meeting.year, dup="的"))
    j.page.click("#material-upload")
    j.page.wait_for_selector("#material-status")
    j.see()
    assert j.page.locator(".finding[data-rule='repeated-char']").count() == 1
    j.shot("material-checked")

    j.page.click(f"nav a:has-text('{meeting.title}')")  # back by the breadcrumb
    j.page.fill("#text", MATERIAL.format(year=meeting.year, dup=""))
    j.page.click("#material-upload")
    j.page.wait_for_selector("text=第2版")
    assert j.page.locator(".finding[data-rule='repeated-char']").count() == 0
    j.page.click("button:has-text('报送审核')")
    j.page.wait_for_selector("#material-status:has-text('已报送审核')")
    j.see()
    record = InspectionMaterial.objects.get(meeting=meeting, author=world.member_a)
    assert record.status == "submitted" and record.version == 2
    j.shot("material-submitted")

    j.menu("整改台账")
    j.shot("ledger")
    j.page.click(f"main a:has-text('{item.title}')")
    j.page.fill("textarea[name=text]", "已按要求整理全年学习笔记。")
    j.page.click("button:has-text('报送进展')")
    j.page.wait_for_selector("text=已按要求整理全年学习笔记")
    j.see()
    assert item.progress_entries.filter(author=world.member_a).count() == 1
    j.shot("progress")

    j.page.fill("#note-submit", "学习笔记已按统一格式整理，书记已查阅。")
    j.page.click("button:has-text('提交验收')")
    j.page.wait_for_selector(".timeline:has-text('书记已查阅')")
    j.see()
    item.refresh_from_db()
    assert item.status == "submitted" and not item.evidence.exists()
    j.shot("submitted")


def test_member_of_another_branch_is_refused_in_chinese(journey, world):
    """党员 of branch B: branch A's pages answer the Chinese refusal page (404, revealing
    nothing), never a traceback; the administrators' pages say who may enter."""
    meeting = meeting_with_plan(world, approved=True)
    item = make_item(world, title="第一支部的内部事项")
    material = material_create(
        actor=world.member_a,
        org=world.branch_a,
        material=parse_text(MATERIAL.format(year=meeting.year, dup="")),
        kind="individual",
        meeting=meeting,
    )
    j = journey("member_b")
    j.sign_in("member_b")
    assert "第二党支部" in j.text() and "第一党支部" not in j.text()
    j.shot("home")

    for name, path in [
        ("meeting", f"/meetings/{meeting.pk}/"),
        ("plan", f"/meetings/{meeting.pk}/plan/"),
        ("roster", f"/orgs/{world.branch_a.pk}/"),
        ("item", f"/ledger/{item.pk}/"),
        ("material", f"/review/materials/{material.pk}/"),
    ]:
        j.go(path, status=404)
        text = j.text()
        assert "页面不存在" in text and ("不存在" in text.split("页面不存在", 1)[1])
        assert "第一支部" not in text and meeting.title not in text
        j.shot(f"refused-{name}")

    j.go("/audit/", status=403)
    assert "只有审计管理员可以查看审计日志" in j.text()
    j.shot("refused-audit")

    j.menu("整改台账")  # the way back is still there
    assert "第二党支部" in j.text() and item.title not in j.text()
