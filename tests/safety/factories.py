"""Safety test helpers: records made through the services, so history and rules apply."""

from __future__ import annotations

from datetime import date

from orglife.safety import services
from orglife.safety.models import HazardDetail, Inspection, RiskPoint

COMPLETE_PLAN = {
    "goal": "一个月内消除配电室线路老化隐患",
    "methods": "更换老化电缆，加装漏电保护",
    "funds": "专项经费 2 万元，电缆 200 米",
    "people": "后勤处，责任人 member_a",
    "schedule": "2024 年 2 月底前完成并验收",
    "safety": "施工期间断电挂牌，配备灭火器，制定触电应急处置预案",
}


def make_risk(world, **overrides) -> RiskPoint:
    data = {
        "place": "配电室",
        "area": "electricity",
        "hazard": "线路老化、绝缘破损，可能引发触电和火灾",
        "method": "lec",
        "l": 3,
        "e": 6,
        "c": 15,
        "measures": "每月巡检，定期检测绝缘",
        "owner": "member_a",
    } | overrides
    return services.risk_create(org=world.branch_a, actor=world.secretary_a, data=data)


def make_hazard(world, **overrides) -> HazardDetail:
    data = {
        "title": "配电室电缆绝缘层破损",
        "description": "配电室 2 号柜出线电缆绝缘层破损，有触电风险。",
        "area": "electricity",
        "grade": "general",
        "place": "配电室",
        "owner": "member_a",
        "leader": "committee_a",
        "measures": "更换破损电缆",
        "deadline": date(2024, 1, 25),
        "found_on": date(2024, 1, 8),
    } | overrides
    return services.hazard_create(org=world.branch_a, actor=world.secretary_a, data=data)


def make_inspection(world, **overrides) -> Inspection:
    data = {
        "held_on": "2024-01-05",
        "place": "食堂后厨",
        "area": "gas",
        "inspectors": ["committee_a", "member_a"],
        "findings": ["燃气软管老化开裂", "报警器未通电"],
        "notes": "按检查表逐项排查",
    } | overrides
    return services.inspection_create(org=world.branch_a, actor=world.secretary_a, data=data)
