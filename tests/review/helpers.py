"""Builders for the review tests: small Materials without going through the parser."""

from __future__ import annotations

from pathlib import Path

from orglife.documents.model import Item, Material, Section
from orglife.review.engine import check_material
from orglife.review.finding import Finding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "review"
SEED = FIXTURES / "seed.txt"


def para(*paragraphs: str, title: str = "") -> Material:
    """A material that is only a preamble of these paragraphs (no structure to check)."""
    return Material(title=title, kind="unknown", preamble=list(paragraphs))


def run(material: Material, rule: str, **kwargs: object) -> list[Finding]:
    """The findings of one rule on ``material``."""
    return [f for f in check_material(material, **kwargs) if f.rule == rule]  # type: ignore[arg-type]


def hits(material: Material, rule: str, **kwargs: object) -> list[str]:
    """The matched text of each finding of ``rule``."""
    blocks = material.blocks()
    return [blocks[f.paragraph].text[f.start : f.end] for f in run(material, rule, **kwargs)]


def branch(
    *,
    title: str = "2023年主题教育专题组织生活会党支部对照检查材料",
    sections: list[Section] | None = None,
) -> Material:
    """A well-formed 2023 branch material with the seven sections and six aspects."""
    if sections is None:
        sections = full_sections()
    return Material(
        title=title, kind="branch", preamble=["现在，我代表支部班子作对照检视。"], sections=sections
    )


def full_sections() -> list[Section]:
    aspects = [
        ("理论学习方面", "theory_study", "理论学习不够深入，学用结合不够紧密。"),
        ("政治素质方面", "political_quality", "政治站位不够高，政治敏锐性有待增强。"),
        ("能力本领方面", "capability", "履职本领不够全面，应对新情况办法不多。"),
        ("担当作为方面", "responsibility", "担当意识不够强，攻坚克难劲头不足。"),
        ("工作作风方面", "work_style", "深入基层调查研究不够经常。"),
        ("廉洁自律方面", "integrity", "廉洁风险防控还有薄弱环节。"),
    ]
    return [
        Section(
            "一",
            "上一次组织生活会问题整改落实情况",
            "previous_rectification",
            ["上次查摆的问题已整改完毕。"],
        ),
        Section("二", "会前准备情况", "preparation", ["会前认真开展学习和谈心谈话。"]),
        Section(
            "三",
            "存在的问题与不足",
            "problems",
            [],
            [Item(str(n + 1), h, a, [t]) for n, (h, a, t) in enumerate(aspects)],
        ),
        Section("四", "典型案例剖析情况", "case_analysis", ["结合安全生产典型案例进行剖析。"]),
        Section(
            "五",
            "树立和践行正确政绩观和基层治理检视剖析",
            "governance_review",
            ["围绕“七个有的”检视剖析。"],
        ),
        Section("六", "原因分析", "causes", ["理论武装有所松懈，宗旨意识有所减弱。"]),
        Section(
            "七",
            "整改措施和努力方向",
            "measures",
            [
                "加强理论学习，提高政治站位，提升履职能力，强化担当作为，转变工作作风，严守廉洁纪律。"
            ],
        ),
    ]
