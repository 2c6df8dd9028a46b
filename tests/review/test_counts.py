"""count-mismatch and numbering-sequence."""

from __future__ import annotations

import pytest

from orglife.documents.model import Item, Material, Section

from .helpers import hits, para, run


def causes(announce: str, n: int, numbers: list[str] | None = None) -> Material:
    numbers = numbers or ["一", "二", "三", "四", "五", "六", "七"][:n]
    items = [Item(num, f"原因{num}", None, [f"具体表现{num}。"], run_in=True) for num in numbers]
    return Material(
        "对照检查材料", "unknown", [], [Section("六", "原因分析", "causes", [announce], items)]
    )


def test_it_flags_four_announced_and_five_listed() -> None:
    m = causes("深刻剖析问题根源，主要有以下四个方面原因：", 5)
    findings = run(m, "count-mismatch")
    assert [(f.paragraph, f.suggestion) for f in findings] == [(2, "五个方面")]
    assert hits(m, "count-mismatch") == ["四个方面"]
    assert "实际列出五项" in findings[0].message


def test_it_accepts_a_count_that_matches_its_items() -> None:
    assert hits(causes("主要有以下五个方面原因：", 5), "count-mismatch") == []


def test_it_ignores_a_vague_count() -> None:
    assert hits(causes("重点做好以下几方面工作：", 5), "count-mismatch") == []


@pytest.mark.parametrize(
    ("text", "hit", "suggestion"),
    [
        ("存在以下三点不足：一是学习不深入；二是研究不透彻。", "三点", "两点"),
        ("存在两个方面问题：一是学习不够，二是研究不够，三是运用不够。", "两个方面", "三个方面"),
        ("主要有以下3条原因：（1）学习不够；（2）研究不够。", "3条", "2条"),
        (
            "联系实际围绕理论学习、政治素质、能力本领、担当作为、工作作风六个方面查找问题。",
            "六个方面",
            "五个方面",
        ),
    ],
)
def test_it_flags_an_inline_count_that_does_not_match(text: str, hit: str, suggestion: str) -> None:
    findings = run(para(text), "count-mismatch")
    assert [text[f.start : f.end] for f in findings] == [hit]
    assert findings[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "存在以下三点不足：一是学习不深入；二是研究不透彻；三是运用不够。",
        "联系工作实际围绕理论学习、政治素质、能力本领、担当作为、工作作风、廉洁自律六个方面查找问题。",
        "抓住“深化、内化、转化”三组关键词。",
        "深入学习以学铸魂、以学增智、以学正风、以学促干的12条具体要求。",
        "进一步增强“四个意识”、坚定“四个自信”、坚决做到“两个维护”。",
        "在思想、作风上存在三个方面的差距。",
        "学习了党章、准则和条例三部法规。",
        "这三个方面的问题，一是根子在思想，二是在作风。",
        "第三点不足在于学习不够。",
        "存在以下不足：一是学习不够，二是研究不够。",
    ],
)
def test_it_leaves_matching_or_unclear_counts_alone(text: str) -> None:
    assert hits(para(text), "count-mismatch") == []


def test_a_list_in_the_next_paragraphs_counts() -> None:
    m = para("主要存在以下三个问题：", "一是学习不深入。", "二是研究不透彻。")
    assert hits(m, "count-mismatch") == ["三个问题"]


@pytest.mark.parametrize(
    ("text", "hit", "suggestion"),
    [
        ("一是学习不够。二是研究不够。四是运用不够。", "四是", "三是"),
        ("一是学习不够。二是研究不够。二是运用不够。", "二是", "三是"),
        ("（1）学习不够；（2）研究不够；（4）运用不够。", "（4）", "（3）"),
        ("①学习不够；②研究不够；④运用不够。", "④", "③"),
    ],
)
def test_it_flags_an_inline_series_that_skips_or_repeats(
    text: str, hit: str, suggestion: str
) -> None:
    findings = run(para(text), "numbering-sequence")
    assert [text[f.start : f.end] for f in findings] == [hit]
    assert findings[0].suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "一是学习不够。二是研究不够。三是运用不够。",
        "一是认识不深刻。二是能力不匹配。需在以下几个方面发力：一是深化教育。二是压实责任。",
        "统一是前提，唯一是标准。",
        "一是一、二是二，实事求是。",
    ],
)
def test_it_accepts_a_proper_series(text: str) -> None:
    assert hits(para(text), "numbering-sequence") == []


def test_a_series_runs_across_paragraphs_of_one_item() -> None:
    m = para("一是学习不够。", "二是研究不够。", "四是运用不够。")
    assert [f.paragraph for f in run(m, "numbering-sequence")] == [2]


def test_it_flags_items_that_skip() -> None:
    m = causes("原因如下。", 3, ["一", "二", "四"])
    findings = run(m, "numbering-sequence")
    assert len(findings) == 1
    assert findings[0].message == "编号跳号：条目“二”之后是“四”"
    assert findings[0].suggestion == "编号改为“三”"


def test_it_flags_sections_that_repeat() -> None:
    m = Material(
        "材料",
        "unknown",
        [],
        [
            Section("一", "甲", "other", ["内容。"]),
            Section("二", "乙", "other", ["内容。"]),
            Section("二", "丙", "other", ["内容。"]),
        ],
    )
    findings = run(m, "numbering-sequence")
    assert [f.message for f in findings] == ["编号重复：部分“二”之后是“二”"]


def test_unnumbered_items_are_not_judged() -> None:
    m = causes("原因如下。", 3, ["", "", ""])
    assert run(m, "numbering-sequence") == []


def test_a_repeated_first_marker_is_a_repeat_not_a_new_list() -> None:
    text = "一是学习不够，一是研究不够，三是运用不够。"
    findings = run(para(text), "numbering-sequence")
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [("一是", "二是")]


def test_one_slip_in_a_series_is_reported_once() -> None:
    text = "一是学习不够；二是研究不够；二是运用不够；四是转化不够。"
    assert hits(para(text), "numbering-sequence") == ["二是"]
