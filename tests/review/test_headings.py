"""heading-style: one level numbered two ways, half-width brackets in heading numbers."""

from __future__ import annotations

from orglife.documents.parse import parse_text
from orglife.review.engine import check_material, check_text

BODY = "一、存在的问题\n{a}理论学习方面\n学习不够深入。\n{b}政治素质方面\n站位不够高。\n{c}能力本领方面\n本领不够强。\n二、原因分析\n理想信念有所弱化。\n三、整改措施\n加强理论学习。\n"


def style_findings(a: str, b: str, c: str) -> list[tuple[str, str]]:
    text = BODY.format(a=a, b=b, c=c)
    blocks = parse_text(text).blocks()
    return [
        (blocks[f.paragraph].text, f.suggestion)
        for f in check_text(text)
        if f.rule == "heading-style"
    ]


def test_it_flags_the_odd_one_out_in_a_level() -> None:
    assert style_findings("1.", "2、", "3.") == [("政治素质方面", "2.")]


def test_it_flags_half_width_brackets_but_not_the_correct_full_width_ones() -> None:
    assert style_findings("(一)", "(二)", "（三）") == [
        ("理论学习方面", "（一）"),
        ("政治素质方面", "（二）"),
    ]


def test_a_consistent_level_is_fine() -> None:
    assert style_findings("（一）", "（二）", "（三）") == []
    assert style_findings("1.", "2.", "3.") == []


def test_without_source_lines_the_rule_is_silent() -> None:
    material = parse_text(BODY.format(a="1.", b="2、", c="3."))
    assert [f for f in check_material(material) if f.rule == "heading-style"] == []


def test_on_a_tie_the_first_look_is_the_standard() -> None:
    text = "一、存在的问题\n1.理论学习方面\n学习不够。\n2、政治素质方面\n站位不高。\n二、原因分析\n原因。\n三、整改措施\n措施。\n"
    blocks = parse_text(text).blocks()
    found = [
        (blocks[f.paragraph].text, f.suggestion)
        for f in check_text(text)
        if f.rule == "heading-style"
    ]
    assert found == [("政治素质方面", "2.")]
