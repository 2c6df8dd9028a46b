"""Branch A's safety records for ``orglife demo``: the seed's typical case made concrete.

Risk points in all four colours, an inspection with findings, and hazards open, overdue,
in progress under a complete 治理方案, and closed after acceptance by someone other than
the owner. Everything goes through the services, each step on its day in the last weeks
before today (``clock.as_of``), so the history is real. Idempotent: nothing happens when
branch A already has risk points.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TextIO

from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.core import clock
from orglife.ledger import services as ledger_services
from orglife.ledger.demo import _person, _png
from orglife.orgs.models import Membership
from orglife.safety import services
from orglife.safety.models import RiskPoint

# place, area, hazard factors, (L, E, C), measures — one per colour, and more.
RISKS = [
    ("锅炉房", "special_equipment", "锅炉超压、安全阀失效可能引发爆炸", (6, 6, 40),
     "安全阀年检，司炉工持证上岗，每班巡检记录"),  # 1440 red
    ("配电室", "electricity", "线路老化、绝缘破损可能引发触电和电气火灾", (3, 6, 15),
     "每月绝缘检测，配电箱上锁，专人管理"),  # 270 orange
    ("职工食堂后厨", "gas", "燃气软管老化、泄漏遇明火可能引发爆燃", (3, 6, 7),
     "燃气泄漏报警器和自动切断阀，每日班前检查"),  # 126 yellow
    ("档案室", "fire", "纸质档案集中存放，遇火源可能引发火灾", (1, 6, 7),
     "禁止吸烟和使用明火，配置气体灭火器"),  # 42 blue
    ("化学实验室", "hazardous_chemicals", "易燃易爆试剂存放不当可能引发火灾爆炸", (3, 3, 40),
     "专柜双人双锁，出入库登记"),  # 360 red
]  # fmt: skip

PLAN = {
    "goal": "两周内完成锅炉安全阀校验和更换，消除超压爆炸隐患",
    "methods": "停炉检修，委托特种设备检验机构校验安全阀，更换失效部件",
    "funds": "安全生产专项经费 1.2 万元；备用安全阀 2 套",
    "people": "后勤保障处负责，张伟具体实施，李明华督办",
    "schedule": "停炉 3 天内完成检修，检验合格后方可复炉",
    "safety": "检修期间设置警戒区，断电挂牌；启用备用热源，制定停供暖应急预案",
}


def load(*, orgs: dict, out: TextIO | None = None) -> list[str]:
    branch = orgs["a"]
    if RiskPoint.objects.filter(org=branch).exists():
        return []
    secretary = _person(branch, "secretary_a", Membership.Role.SECRETARY)
    committee = _person(branch, "committee_a", Membership.Role.ORGANIZATION)
    member = _person(branch, "member_a", Membership.Role.MEMBER)
    today = clock.today()

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    def ahead(days: int) -> date:
        return today + timedelta(days=days)

    risks = {}
    with clock.as_of(ago(60)):  # assessed two months ago, reviewed again in a month
        for place, area, hazard, (lik, exp, con), measures in RISKS:
            risks[place] = services.risk_create(
                org=branch,
                actor=secretary,
                data={
                    "place": place,
                    "area": area,
                    "hazard": hazard,
                    "method": "lec",
                    "l": lik,
                    "e": exp,
                    "c": con,
                    "measures": measures,
                    "owner": member.username,
                    "next_review": ahead(30),
                },
            )

    # Closed: fixed, photographed, accepted by the committee member (not the owner).
    with clock.as_of(ago(15)):
        closed = services.hazard_create(
            org=branch,
            actor=secretary,
            data={
                "title": "配电室配电箱未上锁",
                "description": "配电室 3 号配电箱门未上锁，非专业人员可随意开启。",
                "area": "electricity",
                "risk": risks["配电室"].pk,
                "place": "配电室",
                "found_on": ago(15),
                "owner": member.username,
                "leader": committee.username,
                "measures": "加装门锁，张贴警示标识",
                "deadline": ago(5),
            },
            photo=SimpleUploadedFile("peidianxiang.png", _png()),
        )
    with clock.as_of(ago(14)):
        ledger_services.item_transition(item=closed.item, actor=member, action="start")
    with clock.as_of(ago(8)):
        ledger_services.item_evidence_add(
            item=closed.item,
            actor=member,
            upload=SimpleUploadedFile("zhenggai-hou.png", _png()),
            note="整改后照片",
        )
        ledger_services.item_transition(item=closed.item, actor=member, action="submit")
    with clock.as_of(ago(6), hour=15):
        ledger_services.item_transition(
            item=closed.item,
            actor=committee,
            action="verify",
            note="现场复查：配电箱已加锁，警示标识齐全，验收合格。",
        )

    with clock.as_of(ago(10), hour=14):
        inspection = services.inspection_create(
            org=branch,
            actor=secretary,
            data={
                "held_on": ago(10),
                "place": "职工食堂后厨",
                "area": "gas",
                "inspectors": [committee.username, member.username],
                "findings": ["燃气软管老化开裂，未按期更换", "燃气泄漏报警器未通电"],
                "notes": "按燃气检查表逐项排查，发现问题 2 项。",
            },
        )
        findings = list(inspection.findings.all())
        # Open: straight from the inspection, one step.
        services.finding_to_hazard(
            finding=findings[0],
            actor=secretary,
            data={"owner": member.username, "leader": committee.username,
                  "measures": "更换燃气软管，建立更换台账", "deadline": ahead(7)},
        )  # fmt: skip
        # Overdue: the second finding, its deadline passed.
        services.finding_to_hazard(
            finding=findings[1],
            actor=secretary,
            data={"owner": member.username, "leader": committee.username,
                  "measures": "接通报警器电源并测试联动切断", "deadline": ago(3)},
        )  # fmt: skip

    # 重大, in progress under a complete 治理方案.
    with clock.as_of(ago(6)):
        boiler = services.hazard_create(
            org=branch,
            actor=secretary,
            data={
                "title": "锅炉安全阀超期未校验",
                "description": "锅炉房 1 号锅炉安全阀超过校验期限，压力异常时可能不能及时泄压。",
                "area": "special_equipment",
                "grade": "major",
                "risk": risks["锅炉房"].pk,
                "place": "锅炉房",
                "found_on": ago(6),
                "owner": member.username,
                "leader": secretary.username,
                "measures": "停炉校验安全阀",
                "deadline": ahead(14),
            },
        )
    with clock.as_of(ago(5)):
        services.hazard_plan_set(hazard=boiler, actor=member, parts=PLAN)
        ledger_services.item_transition(item=boiler.item, actor=member, action="start")
    # 重大, open: no 治理方案 yet — reported up, cannot start.
    with clock.as_of(ago(4)):
        services.hazard_create(
            org=branch,
            actor=secretary,
            data={
                "title": "化学实验室危化品与普通物品混存",
                "description": "实验室试剂柜内易燃液体与氧化剂混放，未分类分区存放。",
                "area": "hazardous_chemicals",
                "grade": "major",
                "risk": risks["化学实验室"].pk,
                "place": "化学实验室",
                "found_on": ago(4),
                "owner": committee.username,
                "leader": secretary.username,
                "deadline": ahead(20),
            },
        )
    return [
        f"安全生产：第一党支部风险点 {len(RISKS)} 个（红橙黄蓝四色），"
        "隐患排查 1 次，隐患 5 项（待整改、逾期、重大待制定治理方案、治理中、已销号）"
    ]
