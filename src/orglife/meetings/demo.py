"""Demo meetings: branch A's 2023 meeting from plan to an accepted report, branch B's 2026 meeting just begun.

Runs after the materials and ledger demos (the seed is branch A's material). Everything goes
through the services, as a person would do it, so the histories are real. Idempotent: a
meeting whose plan was already approved (A) or that already exists (B) is left alone.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from django.db import transaction

from orglife.materials.models import InspectionMaterial
from orglife.materials.services import material_file_version, material_parse, material_transition
from orglife.meetings import services_plan, services_prep
from orglife.meetings.demo_after import complete_meeting
from orglife.meetings.models import LifeMeeting, PlanStatus
from orglife.meetings.selectors import people, required_pairs
from orglife.orgs.models import Membership, User

MEETING_A = "2023年主题教育专题组织生活会"
MEETING_B = "2026年度组织生活会"
# The secretary's own individual material, left as a draft in the demo.
SECRETARY_TEXT = """2023年主题教育专题组织生活会个人对照检查材料
一、存在的问题
（一）理论学习方面。对党的创新理论学得不够系统，联系支部实际研究不够深入。
（二）工作作风方面。深入党员群众了解情况不够经常，解决实际问题办法不多。
二、原因分析
理论学习的自觉性还不够强，宗旨意识有所淡化。
三、整改措施
坚持每月集中学习，每季度走访党员群众，建立问题清单，逐项抓好落实。
"""


def _secretary(branch) -> User | None:
    seat = (
        Membership.objects.filter(organization=branch, role=Membership.Role.SECRETARY)
        .select_related("user")
        .first()
    )
    return seat.user if seat else None


def _reviewer(committee) -> User | None:
    seat = (
        Membership.objects.filter(organization=committee, role=Membership.Role.REVIEWER)
        .select_related("user")
        .first()
    )
    return seat.user if seat else None


def _branch_a(orgs: dict, secretary: User, reviewer: User) -> list[str]:
    meeting = LifeMeeting.objects.filter(org=orgs["a"], year=2023, title=MEETING_A).first()
    if meeting is None or services_plan.plan_of(meeting).status == PlanStatus.APPROVED:
        return []
    everyone = [p.user.username for p in people(meeting.org)]
    services_plan.plan_save(
        meeting=meeting,
        actor=secretary,
        planned_on=date(2023, 12, 20),
        place="机关三楼党员活动室",
        format="branch_congress",
        participants=everyone,
        agenda="一、通报上一次组织生活会整改落实情况\n二、支部书记代表支部班子作对照检查\n"
        "三、党员逐一进行个人对照检查，开展批评和自我批评\n四、开展民主评议党员",
        requirements="会前认真开展学习研讨和谈心谈话，广泛征求意见，认真撰写对照检查材料。",
    )
    services_plan.plan_transition(meeting=meeting, actor=secretary, action="submit")
    services_plan.plan_transition(
        meeting=meeting, actor=reviewer, action="return", note="请在议程中写明民主评议的安排。"
    )
    services_plan.plan_transition(meeting=meeting, actor=secretary, action="submit")
    services_plan.plan_transition(meeting=meeting, actor=reviewer, action="approve")
    for held_on, topic, texts in [
        (
            date(2023, 11, 28),
            "深入学习习近平新时代中国特色社会主义思想",
            "《习近平著作选读》第一卷、第二卷有关篇目",
        ),
        (
            date(2023, 12, 6),
            "学习党章党规，对照检视问题",
            "《中国共产党章程》《中国共产党纪律处分条例》",
        ),
    ]:
        services_prep.study_record(
            meeting=meeting,
            actor=secretary,
            held_on=held_on,
            topic=topic,
            texts=texts,
            attendees=everyone[:-1],
            absent=[services_prep.Absence(everyone[-1], "外出培训")],
        )
    pairs = required_pairs(meeting.org)
    for n, (a, b) in enumerate(pairs[:-1]):  # one required pair left missing
        services_prep.talk_record(
            meeting=meeting,
            actor=secretary,
            a=a.user.username,
            b=b.user.username,
            held_on=date(2023, 12, 8 + n % 5),
            topics="交流思想，相互提出批评意见",
        )
    for source, text in [
        ("public", "窗口办事有时要跑两趟，希望一次告知所需材料。"),
        ("member", "支部学习形式比较单一，建议多结合业务开展研讨。"),
        ("superior", "整改台账更新不够及时。"),
    ]:
        services_prep.opinion_create(meeting=meeting, actor=secretary, source=source, text=text)
    # Materials in every status: branch submitted; committee_a approved; member_a returned;
    # the secretary's own a draft.
    mats = InspectionMaterial.objects.filter(meeting=meeting)
    branch_material = mats.filter(kind="branch").first()
    if branch_material is not None:
        material_transition(record=branch_material, actor=secretary, action="submit")
    for username, moves in [
        ("committee_a", [("submit", ""), ("approve", "")]),
        ("member_a", [("submit", ""), ("return", "问题查摆不够具体，请结合本职工作举例。")]),
    ]:
        record = mats.filter(kind="individual", author__username=username).first()
        if record is None:
            continue
        for action, note in moves:
            actor = (record.author or secretary) if action == "submit" else secretary
            record = material_transition(record=record, actor=actor, action=action, note=note)
    upload = material_parse(data=SECRETARY_TEXT.encode("utf-8"), filename="个人对照检查材料.txt")
    material_file_version(
        actor=secretary,
        meeting=meeting,
        kind="individual",
        author=secretary,
        upload=upload,
        pasted=True,
    )
    missing = pairs[-1] if pairs else None
    left = (
        f"，{missing[0].user.display_name}与{missing[1].user.display_name}尚未谈心"
        if missing
        else ""
    )
    return [f"演示组织生活会：{meeting.org.name}{MEETING_A}（方案已批准，2次学习{left}）"]


def _complete_a(orgs: dict) -> list[str]:
    """Branch A's meeting on to record, 民主评议, ledger and an accepted report (part 2).

    Outside ``_branch_a`` so a database loaded before part 2 existed is completed too;
    ``complete_meeting`` leaves a meeting whose report is already sent alone.
    """
    meeting = LifeMeeting.objects.filter(org=orgs["a"], year=2023, title=MEETING_A).first()
    if meeting is None or services_plan.plan_of(meeting).status != PlanStatus.APPROVED:
        return []
    return complete_meeting(meeting=meeting)


def _branch_b(orgs: dict) -> list[str]:
    if LifeMeeting.objects.filter(org=orgs["b"], year=2026, title=MEETING_B).exists():
        return []
    secretary = _secretary(orgs["b"])
    if secretary is None:
        return []
    services_plan.meeting_create(actor=secretary, org=orgs["b"], year=2026, title=MEETING_B)
    return [f"演示组织生活会：{orgs['b'].name}{MEETING_B}（刚刚开始，待制定方案）"]


def load(*, orgs: dict, out: TextIO) -> list[str]:
    secretary, reviewer = _secretary(orgs["a"]), _reviewer(orgs["committee"])
    lines: list[str] = []
    with transaction.atomic():
        if secretary is not None and reviewer is not None:
            lines += _branch_a(orgs, secretary, reviewer)
            lines += _complete_a(orgs)
        lines += _branch_b(orgs)
    return lines
