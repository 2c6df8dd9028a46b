"""Structure rules: required sections and aspects, empty parts, measures for problems."""

from __future__ import annotations

from orglife.documents.model import Item, Material, Section

from .helpers import branch, full_sections, run


def test_a_complete_2023_branch_material_has_no_structure_findings() -> None:
    findings = [f for f in run(branch(), "required-section") + run(branch(), "empty-section")]
    assert findings == []
    assert run(branch(), "required-aspect") == []
    assert run(branch(), "measure-coverage") == []


def test_it_requires_the_seven_sections_of_the_2023_theme() -> None:
    sections = [s for s in full_sections() if s.role not in ("case_analysis", "governance_review")]
    findings = run(branch(sections=sections), "required-section")
    assert len(findings) == 2
    assert "典型案例剖析情况" in findings[0].message
    assert "政绩观" in findings[1].message
    assert all(f.severity == "error" and f.paragraph == 0 for f in findings)


def test_the_default_profile_requires_only_problems_causes_and_measures() -> None:
    sections = [s for s in full_sections() if s.role in ("problems", "causes", "measures")]
    m = branch(title="2024年度组织生活会党支部对照检查材料", sections=sections)
    assert run(m, "required-section") == []
    m = branch(title="2024年度组织生活会党支部对照检查材料", sections=sections[:2])
    assert ["整改措施" in f.message for f in run(m, "required-section")] == [True]


def test_a_profile_can_be_chosen_explicitly() -> None:
    sections = [s for s in full_sections() if s.role in ("problems", "causes", "measures")]
    m = branch(title="2024年度组织生活会党支部对照检查材料", sections=sections)
    assert len(run(m, "required-section", profile="theme-2023")) == 4


def test_a_material_of_unknown_kind_is_not_held_to_a_section_list() -> None:
    m = Material("一段文字", "unknown", ["学习不够深入。"], [])
    assert run(m, "required-section") == []


def test_it_requires_the_six_aspects() -> None:
    sections = full_sections()
    sections[2].items = [it for it in sections[2].items if it.aspect != "integrity"]
    findings = run(branch(sections=sections), "required-aspect")
    assert len(findings) == 1
    assert "廉洁自律" in findings[0].message
    assert findings[0].section == "三"


def test_it_flags_an_empty_section_and_an_empty_item() -> None:
    sections = full_sections()
    sections[3].paragraphs = []
    sections[2].items[1].paragraphs = []
    findings = run(branch(sections=sections), "empty-section")
    assert [f.section for f in findings] == ["三", "四"]
    assert "政治素质方面" in findings[0].message


def test_it_flags_a_problem_aspect_no_measure_answers() -> None:
    sections = full_sections()
    sections[6].paragraphs = [
        "加强理论学习，提高政治站位，提升履职能力，强化担当作为，转变工作作风。"
    ]
    findings = run(branch(sections=sections), "measure-coverage")
    assert len(findings) == 1
    assert "廉洁自律" in findings[0].message
    assert findings[0].severity == "warning"


def test_the_language_profile_skips_structure() -> None:
    m = branch(
        sections=[
            Section(
                "一", "存在的问题", "problems", [], [Item("1", "理论学习方面", "theory_study", [])]
            )
        ]
    )
    assert run(m, "empty-section", profile="language") == []
    assert run(m, "empty-section") != []


def test_one_sentence_items_are_not_empty() -> None:
    sections = full_sections()
    sections[5] = Section(
        "六",
        "原因分析",
        "causes",
        [],
        [
            Item(
                "一", "对理论学习的重要性认识不足，没有真正把学习成果转化为推动工作的能力", None, []
            ),
            Item("二", "宗旨意识有所淡化，服务群众的主动性不够", None, []),
        ],
    )
    assert run(branch(sections=sections), "empty-section") == []
