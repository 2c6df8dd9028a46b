"""Demo meetings, told on the calendar of ``core.demo_story`` (every date from today).

Branch A:
- the **archive** meeting of 2023 (the seed is its branch material, docs/contracts.md):
  prepared, held in January 2024 and reported; its ledger was closed during 2024;
- **last year's** meeting: prepared, held about a year ago and reported; its ledger has
  been worked on since — items closed on their days, one returned once, one in progress
  after an approved extension, one overdue, one awaiting verification, one long-term;
- **this year's** meeting, being prepared: plan approved after one return, two studies,
  talks with one required pair still missing, members' materials in review (one approved,
  one returned and sent again as version 2, the secretary's own a draft); to be held a
  little after today.

Branch B: this year's meeting, just created.

Everything goes through the services, each step on its day (``clock.as_of``), as a person
would do it, so the histories are real. Idempotent: the story is told once — whatever day
the demo is loaded again on, branch A's meetings after 2023 and branch B's meeting are
left alone when they exist.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from django.db import transaction

from orglife.core import clock
from orglife.core.demo_story import ARCHIVE_YEAR, Story, story, weekday
from orglife.ledger import demo as ledger_demo
from orglife.ledger import services as ledger_services
from orglife.ledger.models import ExtensionRequest, RectificationItem
from orglife.materials import demo as materials_demo
from orglife.materials.models import InspectionMaterial
from orglife.materials.services import material_file_version, material_parse, material_transition
from orglife.meetings import services_plan, services_prep
from orglife.meetings.demo_after import complete_meeting
from orglife.meetings.drafting import draft_text
from orglife.meetings.ledger_from_meeting import items_of
from orglife.meetings.models import LifeMeeting, PlanStatus
from orglife.meetings.selectors import people, required_pairs
from orglife.orgs.models import Membership, User

DATA = Path(__file__).resolve().parent / "data"
MEMBER_TEXTS = materials_demo.DATA  # this year's committee_a and member_a materials
PLACE = "机关三楼党员活动室"
AGENDA = (
    "一、通报上一次组织生活会整改落实情况\n二、支部书记代表支部班子作对照检查\n"
    "三、党员逐一进行个人对照检查，开展批评和自我批评"
)
AGENDA_REVISED = AGENDA + "\n四、开展民主评议党员"
REQUIREMENTS = "会前认真开展学习研讨和谈心谈话，广泛征求意见，认真撰写对照检查材料。"
RETURN_NOTE = "请在议程中写明民主评议的安排。"


def meeting_title(year: int) -> str:
    return f"{year}年度组织生活会"


def _seat(org, role: str) -> User | None:
    seat = Membership.objects.filter(organization=org, role=role).select_related("user").first()
    return seat.user if seat else None


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


# -- preparation, each step on its day ---------------------------------------------------


def _plan(
    meeting: LifeMeeting, secretary: User, reviewer: User, *, planned_on: date, drafted: date
) -> None:
    """Drafted, sent, returned once for the 民主评议 item, revised, sent again, approved."""
    everyone = [p.user.username for p in people(meeting.org)]

    def save(agenda: str) -> None:
        services_plan.plan_save(
            meeting=meeting,
            actor=secretary,
            planned_on=planned_on,
            place=PLACE,
            format="branch_congress",
            participants=everyone,
            agenda=agenda,
            requirements=REQUIREMENTS,
        )

    def move(actor: User, action: str, note: str = "") -> None:
        services_plan.plan_transition(meeting=meeting, actor=actor, action=action, note=note)

    with clock.as_of(drafted):
        save(AGENDA)
    with clock.as_of(drafted + timedelta(days=1)):
        move(secretary, "submit")
    with clock.as_of(drafted + timedelta(days=2)):
        move(reviewer, "return", RETURN_NOTE)
    with clock.as_of(drafted + timedelta(days=3)):
        save(AGENDA_REVISED)
        move(secretary, "submit")
    with clock.as_of(drafted + timedelta(days=5)):
        move(reviewer, "approve")


STUDIES = [
    ("深入学习习近平新时代中国特色社会主义思想", "《习近平著作选读》第一卷、第二卷有关篇目"),
    ("学习党章党规，对照检视问题", "《中国共产党章程》《中国共产党纪律处分条例》"),
]


def _studies(meeting: LifeMeeting, secretary: User, days: list[date]) -> None:
    everyone = [p.user.username for p in people(meeting.org)]
    for day, (topic, texts) in zip(days, STUDIES, strict=True):
        with clock.as_of(day, hour=15):
            services_prep.study_record(
                meeting=meeting,
                actor=secretary,
                held_on=day,
                topic=topic,
                texts=texts,
                attendees=everyone[:-1],
                absent=[services_prep.Absence(everyone[-1], "外出培训")],
            )


def _talks(meeting: LifeMeeting, secretary: User, first: date, *, leave_one: bool) -> str:
    """The required talks from ``first`` on, one a working day; maybe one pair left."""
    pairs = required_pairs(meeting.org)
    done = pairs[:-1] if leave_one and pairs else pairs
    day = first
    for a, b in done:
        day = weekday(day, 1)
        with clock.as_of(day, hour=16):
            services_prep.talk_record(
                meeting=meeting,
                actor=secretary,
                a=a.user.username,
                b=b.user.username,
                held_on=day,
                topics="交流思想，相互提出批评意见",
            )
        day += timedelta(days=1)
    if leave_one and pairs:
        a, b = pairs[-1]
        return f"，{a.user.display_name}与{b.user.display_name}尚未谈心"
    return ""


def _opinions(meeting: LifeMeeting, secretary: User, day: date, texts: list) -> None:
    with clock.as_of(day):
        for source, text in texts:
            services_prep.opinion_create(meeting=meeting, actor=secretary, source=source, text=text)


def _file(
    meeting: LifeMeeting,
    actor: User,
    text: str,
    day: date,
    *,
    kind: str = "individual",
    author: User | None = None,
    filename: str = "个人对照检查材料.txt",
    pasted: bool = False,
) -> InspectionMaterial:
    upload = material_parse(data=text.encode("utf-8"), filename=filename)
    with clock.as_of(day, hour=9):
        return material_file_version(
            actor=actor, meeting=meeting, kind=kind, author=author, upload=upload, pasted=pasted
        )


def _move(record: InspectionMaterial, actor: User, action: str, day: date, note: str = ""):
    with clock.as_of(day, hour=11 if action == "submit" else 17):
        return material_transition(record=record, actor=actor, action=action, note=note)


def _text(path: Path, title: str, old_title: str = "") -> str:
    text = path.read_text(encoding="utf-8")
    return text.replace(old_title, title) if old_title else text.replace("{title}", title)


# -- the archive: 2023, the seed's meeting ---------------------------------------------------


def _archive(orgs: dict, s: Story, secretary: User, reviewer: User) -> list[str]:
    meeting = LifeMeeting.objects.filter(
        org=orgs["a"], year=ARCHIVE_YEAR, title=materials_demo.MEETING_TITLE
    ).first()
    if meeting is None or services_plan.plan_of(meeting).status == PlanStatus.APPROVED:
        return []
    held = s.archive_held
    _plan(meeting, secretary, reviewer, planned_on=held, drafted=held - timedelta(days=45))
    _studies(meeting, secretary, [held - timedelta(days=40), held - timedelta(days=30)])
    _talks(meeting, secretary, held - timedelta(days=22), leave_one=False)
    _opinions(
        meeting,
        secretary,
        held - timedelta(days=35),
        [("member", "支部学习形式比较单一，建议多结合业务开展研讨。")],
    )
    seed = InspectionMaterial.objects.filter(meeting=meeting, kind="branch").first()
    if seed is not None:
        _move(seed, secretary, "submit", held - timedelta(days=24))
        _move(seed, reviewer, "approve", held - timedelta(days=20))
    lines = complete_meeting(meeting=meeting, held_on=held)
    # The sections 四 and 五 items the meeting added to the seed's six: closed in 2024 too.
    committee = _user("committee_a") or secretary
    for n, item in enumerate(i for i in items_of(meeting) if not i.is_closed):
        _assign(
            item,
            secretary,
            owner=committee,
            leader=secretary,
            due=held + timedelta(days=90),
            day=held + timedelta(days=3),
        )
        ledger_demo.close(
            item,
            owner=committee,
            verifier=secretary,
            started=held + timedelta(days=6),
            done=held + timedelta(days=40 + 5 * n),
            evidence=False,
        )
    return [
        f"演示组织生活会：{meeting.org.name}{meeting.title}（{ARCHIVE_YEAR}年，已归档）",
        *lines,
    ]


def _assign(
    item: RectificationItem,
    secretary: User,
    *,
    owner: User,
    leader: User,
    due: date | None,
    day: date,
) -> None:
    """五落实 after the meeting: who, who leads, by when (or 长期坚持)."""
    item.refresh_from_db()
    data: dict = {"owner": owner, "leader": leader}
    if due is None:
        data |= {"kind": "long_term", "progress_interval_days": 60}
    else:
        data["deadline"] = due
    with clock.as_of(day, hour=11):
        ledger_services.item_update(item=item, actor=secretary, data=data, version=item.version)
    item.refresh_from_db()


# -- last year's meeting: held about a year ago, its ledger at work ------------------------


def _last_year(orgs: dict, s: Story, secretary: User, reviewer: User) -> list[str]:
    held = s.last_held
    title = meeting_title(s.last_year)
    committee, member = _user("committee_a"), _user("member_a")
    with clock.as_of(s.before_held(50)):
        meeting = services_plan.meeting_create(
            actor=secretary, org=orgs["a"], year=s.last_year, title=title
        )
    _plan(meeting, secretary, reviewer, planned_on=held, drafted=s.before_held(45))
    _studies(meeting, secretary, [s.before_held(35), s.before_held(21)])
    _talks(meeting, secretary, s.before_held(18), leave_one=False)
    _opinions(
        meeting,
        secretary,
        s.before_held(30),
        [
            ("public", "窗口办事有时要跑两趟，希望一次告知所需材料。"),
            ("member", "支部学习形式比较单一，建议多结合业务开展研讨。"),
            ("superior", "整改台账更新不够及时。"),
        ],
    )
    # Members' materials first, reviewed; then the branch material, whose sections 一 and 二
    # the drafting helper writes from the 2023 ledger and this meeting's records.
    for username, uploaded in (("committee_a", 28), ("member_a", 27), ("secretary_a", 26)):
        author = _user(username)
        if author is None:
            continue
        text = _text(DATA / f"demo-last-year-{username}.txt", title)
        record = _file(meeting, author, text, s.before_held(uploaded), author=author)
        record = _move(record, author, "submit", s.before_held(24))
        approver = reviewer if author == secretary else secretary
        _move(record, approver, "approve", s.before_held(20))
    with clock.as_of(s.before_held(14)):
        branch_text = draft_text(meeting)
    branch_text += "\n" + (DATA / "demo-last-year-branch.txt").read_text(encoding="utf-8")
    record = _file(
        meeting,
        secretary,
        branch_text,
        s.before_held(14),
        kind="branch",
        filename="班子对照检查材料.txt",
    )
    record = _move(record, secretary, "submit", s.before_held(13))
    _move(record, reviewer, "approve", s.before_held(10))
    lines = complete_meeting(meeting=meeting, held_on=held)
    lines.append(_work_the_ledger(meeting, s, secretary, reviewer, committee, member))
    return lines


def _work_the_ledger(
    meeting: LifeMeeting,
    s: Story,
    secretary: User,
    reviewer: User,
    committee: User | None,
    member: User | None,
) -> str:
    """Last year's items through the months since the meeting, each step on its day."""
    committee, member = committee or secretary, member or secretary
    items = list(items_of(meeting))
    # Who raised what, as the meeting left it (the steps below refresh these rows).
    branch = [i for i in items if i.owner_id is None]
    raised = {i.pk: i.owner_id for i in items}
    assigned = s.after_held(3)

    def by_category(category: str) -> RectificationItem | None:
        return next((i for i in branch if i.category == category), None)

    def titled(prefix: str) -> RectificationItem | None:
        return next((i for i in branch if i.title.startswith(prefix)), None)

    def owned(user: User) -> list[RectificationItem]:
        return [i for i in items if raised[i.pk] == user.pk]

    def close(item, owner, verifier, started: int, done: int, evidence: bool = True) -> None:
        ledger_demo.close(
            item,
            owner=owner,
            verifier=verifier,
            started=s.after_held(started),
            done=s.after_held(done),
            evidence=evidence,
        )

    # Closed on their days, each before its deadline.
    closed = [
        # (item, owner, leader, deadline, started, done, with evidence)
        (titled("典型案例剖析："), committee, secretary, 15, 4, 12, True),
        (by_category("political_quality"), committee, secretary, 50, 6, 40, True),
        (by_category("theory_study"), member, committee, 60, 6, 50, True),
        (titled("政绩观和基层治理检视："), secretary, reviewer, 90, 8, 80, False),
    ]
    for item, owner, leader, due, started, done, evidence in closed:
        if item is None:
            continue
        _assign(item, secretary, owner=owner, leader=leader, due=s.after_held(due), day=assigned)
        close(item, owner, leader, started, done, evidence)
    # Members' own items: closed, one of them after being returned once.
    for author, leader in ((committee, secretary), (member, secretary)):
        for n, item in enumerate(owned(author) if author != secretary else []):
            _assign(
                item,
                secretary,
                owner=author,
                leader=leader,
                due=s.after_held(70 + 20 * n),
                day=assigned,
            )
            if author == member and n == 0:
                ledger_demo.step(item, author, "start", s.after_held(5))
                ledger_demo.step(
                    item, author, "submit", s.after_held(40), "已按整改措施落实，每周学习时政要闻。"
                )
                ledger_demo.step(
                    item, leader, "reject", s.after_held(42), "请补充具体做法和学习发言提纲。"
                )
                ledger_demo.add_evidence(item, author, s.after_held(55))
                ledger_demo.step(item, author, "submit", s.after_held(55))
                ledger_demo.step(
                    item, leader, "verify", s.after_held(58), ledger_demo.EFFECTS["other"]
                )
            else:
                close(item, author, leader, 5, 30 + 15 * n, evidence=False)
    # The secretary's own: one closed by the reviewer, one still in progress.
    mine = owned(secretary)
    if mine:
        _assign(
            mine[0], secretary, owner=secretary, leader=reviewer, due=s.after_held(45), day=assigned
        )
        close(mine[0], secretary, reviewer, 5, 35, evidence=False)
    for item in mine[1:]:
        _assign(
            item,
            secretary,
            owner=secretary,
            leader=reviewer,
            due=s.today + timedelta(days=60),
            day=assigned,
        )
        ledger_demo.step(item, secretary, "start", s.after_held(10))
        ledger_demo.add_progress(
            item, secretary, s.before_today(30), "已与4名党员开展廉洁提醒谈话，其余将于年底前完成。"
        )
    # In progress after an approved extension.
    capability = by_category("capability")
    if capability is not None:
        _assign(
            capability,
            secretary,
            owner=member,
            leader=committee,
            due=s.after_held(90),
            day=assigned,
        )
        ledger_demo.step(capability, member, "start", s.after_held(10))
        capability.refresh_from_db()
        with clock.as_of(s.after_held(85)):
            request = ledger_services.item_extension_request(
                item=capability,
                actor=member,
                new_deadline=s.today + timedelta(days=30),
                reason="业务系统升级推迟，培训须待新系统上线后开展。",
            )
        with clock.as_of(s.after_held(87)):
            ledger_services.item_extension_decide(
                request=ExtensionRequest.objects.get(pk=request.pk), actor=secretary, approve=True
            )
        ledger_demo.add_progress(
            capability, member, s.before_today(20), "新系统已上线，已组织第一次操作培训。"
        )
    # Overdue: its deadline passed weeks ago, still in progress.
    responsibility = by_category("responsibility")
    if responsibility is not None:
        _assign(
            responsibility,
            secretary,
            owner=member,
            leader=committee,
            due=s.before_today(25),
            day=assigned,
        )
        ledger_demo.step(responsibility, member, "start", s.after_held(10))
        ledger_demo.add_progress(
            responsibility,
            member,
            s.after_held(60),
            "已梳理办公用房调整和老旧设备更新难题清单，正在协调资金。",
        )
    # Submitted a few days ago, awaiting the secretary's verification.
    work_style = by_category("work_style")
    if work_style is not None:
        _assign(
            work_style,
            secretary,
            owner=committee,
            leader=secretary,
            due=s.today + timedelta(days=10),
            day=assigned,
        )
        ledger_demo.step(work_style, committee, "start", s.after_held(10))
        ledger_demo.add_progress(
            work_style, committee, s.after_held(90), "已精简例行会议3个、简报1种。"
        )
        ledger_demo.add_evidence(work_style, committee, s.before_today(3))
        ledger_demo.step(work_style, committee, "submit", s.before_today(3))
    # 长期坚持, with progress every two months.
    integrity = by_category("integrity")
    if integrity is not None:
        _assign(integrity, secretary, owner=secretary, leader=reviewer, due=None, day=assigned)
        ledger_demo.step(integrity, secretary, "start", s.after_held(5))
        day = s.after_held(30)
        while day <= s.before_today(5):
            ledger_demo.add_progress(
                integrity, secretary, day, "开展廉政提醒谈话，检查公务接待和采购台账。"
            )
            day += timedelta(days=60)
    # Anything else the materials raised: closed within two months.
    for item in items_of(meeting):
        if item.status == "open" and item.owner_id is None:
            _assign(
                item,
                secretary,
                owner=committee,
                leader=secretary,
                due=s.after_held(75),
                day=assigned,
            )
            close(item, committee, secretary, 8, 60, evidence=False)
    return f"整改台账：{meeting.title}整改事项 {len(items)} 项，按月推进（已销号、整改中、逾期、待验收、长期坚持）"


# -- this year's meeting: in preparation ---------------------------------------------------


def _this_year(orgs: dict, s: Story, secretary: User, reviewer: User) -> list[str]:
    title = meeting_title(s.this_year)
    with clock.as_of(s.before_today(40)):
        meeting = services_plan.meeting_create(
            actor=secretary, org=orgs["a"], year=s.this_year, title=title
        )
    _plan(meeting, secretary, reviewer, planned_on=s.this_planned, drafted=s.before_today(36))
    _studies(meeting, secretary, [s.before_today(28), s.before_today(14)])
    left = _talks(meeting, secretary, s.before_today(12), leave_one=True)
    _opinions(
        meeting,
        secretary,
        s.before_today(20),
        [
            ("public", "希望进一步压减报表，基层填表报数的负担还比较重。"),
            ("member", "建议支部学习多安排交流发言，少读文件。"),
            ("superior", "上年整改事项中仍有逾期未完成的，请抓紧推进。"),
        ],
    )
    # committee_a approved; member_a returned (the numbers of its causes do not add up) and
    # sent again as version 2; the secretary's own a draft. member_a lifted a paragraph from
    # committee_a, so the copy check has something real to show.
    old = materials_demo.MEETING_TITLE
    committee, member = _user("committee_a"), _user("member_a")
    if committee is not None:
        text = _text(MEMBER_TEXTS / "demo-individual-committee_a.txt", title, old)
        record = _file(meeting, committee, text, s.before_today(15), author=committee)
        record = _move(record, committee, "submit", s.before_today(13))
        _move(record, secretary, "approve", s.before_today(9))
    if member is not None:
        text = _text(MEMBER_TEXTS / "demo-individual-member_a.txt", title, old)
        record = _file(meeting, member, text, s.before_today(12), author=member)
        record = _move(record, member, "submit", s.before_today(11))
        _move(
            record,
            secretary,
            "return",
            s.before_today(7),
            "原因分析写“三个方面”，实际列了四条，请核对；问题查摆请结合本职工作举例。",
        )
        fixed = text.replace("主要有以下三个方面", "主要有以下四个方面").replace(
            "主动承担急难险重任务", "主动担当作为，承担急难险重任务"
        )
        record = _file(meeting, member, fixed, s.before_today(2), author=member)
        _move(record, member, "submit", s.before_today(2))
    _file(
        meeting,
        secretary,
        _text(DATA / "demo-this-year-secretary_a.txt", title),
        s.before_today(4),
        author=secretary,
        pasted=True,
    )
    return [
        f"演示组织生活会：{meeting.org.name}{title}（准备中，方案已批准，定于"
        f"{s.this_planned:%Y-%m-%d}召开；2次学习{left}）"
    ]


def _branch_b(orgs: dict, s: Story) -> list[str]:
    if LifeMeeting.objects.filter(org=orgs["b"]).exists():
        return []
    secretary = _seat(orgs["b"], Membership.Role.SECRETARY)
    if secretary is None:
        return []
    title = meeting_title(s.this_year)
    with clock.as_of(s.before_today(7)):
        services_plan.meeting_create(actor=secretary, org=orgs["b"], year=s.this_year, title=title)
    return [f"演示组织生活会：{orgs['b'].name}{title}（刚刚开始，待制定方案）"]


def load(*, orgs: dict, out: TextIO) -> list[str]:
    s = story()
    secretary = _seat(orgs["a"], Membership.Role.SECRETARY)
    reviewer = _seat(orgs["committee"], Membership.Role.REVIEWER)
    lines: list[str] = []
    with transaction.atomic():
        if secretary is not None and reviewer is not None:
            lines += _archive(orgs, s, secretary, reviewer)
            # Told once: on a later day, "last year" may be another year, but the story
            # already in the database stays as it is.
            if not LifeMeeting.objects.filter(org=orgs["a"], year__gt=ARCHIVE_YEAR).exists():
                lines += _last_year(orgs, s, secretary, reviewer)
                lines += _this_year(orgs, s, secretary, reviewer)
        lines += _branch_b(orgs, s)
    return lines
