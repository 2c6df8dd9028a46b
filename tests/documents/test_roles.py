"""Roles, aspects and kinds come from meaning, so other years' wordings work too."""

from __future__ import annotations

import pytest

from orglife.documents.roles import item_aspect, material_kind, section_role


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        ("上一次组织生活会问题整改落实情况", "previous_rectification"),
        ("2022年度组织生活会整改情况", "previous_rectification"),
        ("上年度专题民主生活会整改措施落实情况", "previous_rectification"),
        ("会前准备情况", "preparation"),
        ("会前学习研讨情况", "preparation"),
        ("存在的问题与不足", "problems"),
        ("查摆的突出问题", "problems"),
        ("个人检视剖析", "problems"),
        ("典型案例剖析情况", "case_analysis"),
        ("以案促改剖析", "case_analysis"),
        ("树立和践行正确政绩观和基层治理检视剖析", "governance_review"),
        ("原因分析", "causes"),
        ("问题产生的原因", "causes"),
        ("产生问题的思想根源", "causes"),
        ("整改措施和努力方向", "measures"),
        ("针对问题的整改措施", "measures"),
        ("今后努力方向", "measures"),
        ("下一步打算", "measures"),
        ("学习收获", "other"),
        ("基本情况", "other"),
    ],
)
def test_it_gives_a_section_its_role_by_meaning(heading: str, role: str) -> None:
    assert section_role(heading) == role


@pytest.mark.parametrize(
    ("heading", "aspect"),
    [
        ("理论学习方面", "theory_study"),
        ("在学习贯彻习近平新时代中国特色社会主义思想方面", "theory_study"),
        ("对照以学铸魂方面", "theory_study"),
        ("政治素质方面", "political_quality"),
        ("在对党忠诚方面", "political_quality"),
        ("能力本领方面", "capability"),
        ("对照以学增智方面", "capability"),
        ("担当作为方面", "responsibility"),
        ("斗争精神方面", "responsibility"),
        ("工作作风方面", "work_style"),
        ("在联系群众方面", "work_style"),
        ("廉洁自律方面", "integrity"),
        ("落实中央八项规定方面", "integrity"),
        ("其他方面", None),
    ],
)
def test_it_gives_a_problem_item_its_aspect(heading: str, aspect: str | None) -> None:
    assert item_aspect(heading) == aspect


def test_it_tells_branch_from_individual_materials() -> None:
    assert material_kind("党支部班子对照检查材料", ["本人"]) == "branch"
    assert material_kind("个人对照检查材料", ["我们支部"]) == "individual"
    assert material_kind("张三同志对照检查材料", []) == "individual"
    assert material_kind("对照检查材料", ["本人认真学习，我深入查摆。"]) == "individual"
    assert material_kind("对照检查材料", ["我代表支部班子作对照检查，我们深入查摆。"]) == "branch"
    assert material_kind("对照检查材料", ["开展自我批评，我国经济发展。"]) == "unknown"
    assert material_kind("", []) == "unknown"
