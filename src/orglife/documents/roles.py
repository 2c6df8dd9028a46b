"""What a section, an item and a whole material are, read from their words.

Materials of other years and kinds name and order their parts differently, so
roles come from meaning (keywords), never from position.
"""

from __future__ import annotations

import re

from orglife.documents.normalize import to_simplified

# Checked in this order: the first role whose pattern matches wins. Order matters:
# 上一次…问题整改落实情况 is not "problems", 问题产生的原因 is not "problems",
# 典型案例剖析 is not "causes".
_ROLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "previous_rectification",
        re.compile(
            r"(上一?次|上年度?|去年|前次|以往|上轮).*(整改|落实)|整改落实情况|整改情况|问题整改落实"
        ),
    ),
    ("case_analysis", re.compile(r"典型案例|案例剖析|案例分析|以案")),
    ("governance_review", re.compile(r"政绩观|基层治理")),
    ("preparation", re.compile(r"会前准备|准备情况|准备工作|会前")),
    ("causes", re.compile(r"原因|根源|根子")),
    ("measures", re.compile(r"整改措施|努力方向|整改方向|改进措施|整改举措|今后|下一步|措施")),
    (
        "problems",
        re.compile(r"存在的?问题|问题与不足|问题和不足|查摆|检视|主要问题|不足|差距|问题"),
    ),
)

# Section names that are real sections although they have no role of their own.
_OTHER_SECTIONS = re.compile(
    r"学习收获|学习体会|心得体会|学习情况|基本情况|思想收获|收获体会|个人情况|履职情况|工作情况|自我评价"
)

_ASPECT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("theory_study", re.compile(r"理论学习|学习理论|以学铸魂|学懂弄通|理论武装|学习贯彻|学思想")),
    (
        "political_quality",
        re.compile(r"政治素质|政治品格|政治能力|政治站位|政治三力|对党忠诚|政治立场|两个维护"),
    ),
    ("capability", re.compile(r"能力本领|本领能力|能力素质|以学增智|履职能力|本领")),
    ("responsibility", re.compile(r"担当作为|担当|作为方面|以学促干|斗争精神|干事创业")),
    ("work_style", re.compile(r"工作作风|作风方面|以学正风|作风|联系群众|宗旨意识")),
    ("integrity", re.compile(r"廉洁自律|廉洁|廉政|自律|八项规定|纪律")),
)

_INDIVIDUAL_TITLE = re.compile(r"个人|本人|同志")
_BRANCH_TITLE = re.compile(r"支部|班子|党委|总支|党组")
_I = re.compile(r"本人|(?<![自])我(?![们国省市区县党局厅院校司部委办单支])")
_WE = re.compile(r"我们|支部班子|班子成员|党支部|支委|领导班子")


def section_role(heading: str) -> str:
    """The role of a section from its heading (``原因分析`` → ``causes``), else ``other``."""
    heading = to_simplified(heading)
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(heading):
            return role
    return "other"


def is_section_name(heading: str) -> bool:
    """True when an unnumbered line names a section (a role, or 学习收获 and the like)."""
    return section_role(heading) != "other" or bool(_OTHER_SECTIONS.search(to_simplified(heading)))


def item_aspect(heading: str) -> str | None:
    """The problem aspect an item heading names (``理论学习方面`` → ``theory_study``), else None."""
    heading = to_simplified(heading)
    for aspect, pattern in _ASPECT_PATTERNS:
        if pattern.search(heading):
            return aspect
    return None


def material_kind(title: str, texts: list[str]) -> str:
    """``individual`` for a member's own material (我/本人), ``branch`` for a branch's.

    The title decides when it says (个人 / 党支部); otherwise first-person
    singular against plural and collective words in the text.
    """
    title = to_simplified(title)
    texts = [to_simplified(t) for t in texts]
    if _INDIVIDUAL_TITLE.search(title):
        return "individual"
    if _BRANCH_TITLE.search(title):
        return "branch"
    # "我代表支部班子" is the branch speaking through its secretary.
    singular = sum(len(_I.findall(t.replace("我代表", ""))) for t in texts)
    plural = sum(len(_WE.findall(t)) for t in texts)
    if singular > plural:
        return "individual"
    if plural:
        return "branch"
    return "unknown"
