"""The seed material: its known defects are found, its legitimate text is not flagged."""

from __future__ import annotations

import pytest

from orglife.documents.parse import parse_file
from orglife.review.engine import check_material

from .helpers import SEED

# Every finding on the seed, as (rule, matched text). Each one is a defect a careful
# reviewer would send back: the four known ones plus 地/的 misuse and the
# 及其 missing from 中央八项规定及其实施细则精神.
EXPECTED = {
    ("template-residue", "**", "二"),
    ("repeated-char", "此此", "二"),
    ("count-mismatch", "四个方面", "六"),
    ("halfwidth-punct", ":", "六"),
    ("de-di-de", "地", "六"),
    ("template-residue", "**", "七"),
    ("de-di-de", "的", "七"),
    ("formulation-variant", "中央八项规定及实施细则", "七"),
}


@pytest.fixture(scope="module")
def seed_findings():
    material = parse_file(SEED)
    blocks = material.blocks()
    findings = check_material(material)
    return material, blocks, findings


def test_it_finds_exactly_the_seeds_defects(seed_findings) -> None:
    _, blocks, findings = seed_findings
    got = {(f.rule, blocks[f.paragraph].text[f.start : f.end], f.section) for f in findings}
    assert got == EXPECTED
    assert len(findings) == len(EXPECTED)


def test_it_suggests_the_fixes(seed_findings) -> None:
    _, _, findings = seed_findings
    by_rule = {(f.rule, f.suggestion) for f in findings}
    assert ("repeated-char", "此次") in by_rule
    assert ("count-mismatch", "五个方面") in by_rule
    assert ("halfwidth-punct", "：") in by_rule


def test_it_leaves_the_seeds_legitimate_doubles_alone(seed_findings) -> None:
    _, blocks, findings = seed_findings
    doubles = [
        blocks[f.paragraph].text[f.start : f.end] for f in findings if f.rule == "repeated-char"
    ]
    assert doubles == ["此此"]


def test_the_seed_uses_the_2023_profile_and_exits_with_errors(seed_findings) -> None:
    material, _, findings = seed_findings
    assert "主题教育" in material.title
    assert any(f.severity == "error" for f in findings)
    assert not [f for f in findings if f.rule.startswith("required")]


def test_excerpts_and_offsets_point_at_the_text(seed_findings) -> None:
    _, blocks, findings = seed_findings
    for f in findings:
        text = blocks[f.paragraph].text
        assert 0 <= f.start <= f.end <= len(text)
        assert text[f.start : f.end] in f.excerpt
        assert f.section == blocks[f.paragraph].section
