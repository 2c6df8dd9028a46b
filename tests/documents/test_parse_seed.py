"""The seed material parses into exactly the structure docs/contracts.md and issue 3 fix."""

from __future__ import annotations

from orglife.documents.parse import parse_bytes, parse_text
from orglife.documents.render import render_docx, render_text

ROLES = [
    "previous_rectification",
    "preparation",
    "problems",
    "case_analysis",
    "governance_review",
    "causes",
    "measures",
]
ASPECTS = [
    "theory_study",
    "political_quality",
    "capability",
    "responsibility",
    "work_style",
    "integrity",
]


def test_it_reads_title_and_kind(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert m.title == "2023年主题教育专题组织生活会党支部对照检查材料"
    assert m.kind == "branch"
    assert len(m.preamble) == 2
    assert m.preamble[1].startswith("会前，支部深入开展理论学习")


def test_it_finds_seven_sections_by_role(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert [s.role for s in m.sections] == ROLES
    assert [s.number for s in m.sections] == list("一二三四五六七")
    assert m.sections[0].heading == "上一次组织生活会问题整改落实情况"


def test_it_counts_items_per_section(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert [len(s.items) for s in m.sections] == [3, 4, 6, 0, 0, 5, 5]


def test_it_reads_section_one_as_unnumbered_run_in_items(seed_text: str) -> None:
    one = parse_text(seed_text).sections[0]
    assert len(one.paragraphs) == 1
    assert one.paragraphs[0].startswith("针对上一次组织生活会查摆出来的问题")
    assert [i.heading for i in one.items] == [
        "在学思践悟中提高了政治修养",
        "在细照笃行中增强了政治能力",
        "在知行合一中担当了政治责任",
    ]
    assert all(i.number is None and i.run_in for i in one.items)
    assert one.items[0].paragraphs[0].startswith("严格落实“首题必政治”")


def test_it_reads_run_in_numbered_items(seed_text: str) -> None:
    two = parse_text(seed_text).sections[1]
    first = two.items[0]
    assert (first.number, first.heading, first.run_in) == ("一", "制定会议方案", True)
    assert first.paragraphs[0].startswith("支部班子认真对照专题组织生活会要求")
    assert [i.number for i in two.items] == ["一", "二", "三", "四"]


def test_it_gives_problems_their_six_aspects_in_order(seed_text: str) -> None:
    problems = parse_text(seed_text).sections[2]
    assert [i.aspect for i in problems.items] == ASPECTS
    assert [i.number for i in problems.items] == ["1", "2", "3", "4", "5", "6"]
    assert problems.items[0].heading == "理论学习方面"
    assert not problems.items[0].run_in
    assert len(problems.paragraphs) == 1


def test_it_leaves_aspects_empty_outside_problems(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert all(i.aspect is None for s in m.sections if s.role != "problems" for i in s.items)


def test_it_keeps_every_character_of_the_text(seed_text: str) -> None:
    m = parse_text(seed_text)
    # The seed is already in the official numbering, so its rendering is the source itself.
    assert "".join(render_text(m).split()) == "".join(seed_text.split())
    kept = m.text()
    assert "此此" in kept and "原因:" in kept


def test_it_round_trips_through_text_and_docx(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert parse_text(render_text(m)) == m
    assert parse_bytes(render_docx(m), "seed.docx") == m
