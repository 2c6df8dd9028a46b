"""The engine's public API: check_material/check_text/check_bytes, rules, profiles, findings."""

from __future__ import annotations

import json

import pytest

from orglife.errors import InputError
from orglife.review.engine import (
    check_bytes,
    check_material,
    check_text,
    list_profiles,
    list_rules,
    material_year,
)
from orglife.review.finding import Finding
from orglife.review.registry import FAMILIES

from .helpers import SEED, para


def test_every_family_has_rules_with_chinese_names() -> None:
    rules = list_rules()
    assert {r["family"] for r in rules} == set(FAMILIES)
    for r in rules:
        assert set(r) == {"id", "family", "family_name", "name", "severity"}
        assert r["severity"] in ("error", "warning", "info")
        assert any("\u4e00" <= c <= "\u9fff" for c in r["name"])


def test_profiles_are_listed_with_names() -> None:
    ids = {p["id"] for p in list_profiles()}
    assert {"default", "theme-2023", "language"} <= ids


def test_findings_are_sorted_by_paragraph_and_offset() -> None:
    m = para("开好此此会议,", "学习**精神。开好此此会议")
    findings = check_material(m)
    keys = [(f.paragraph, f.start) for f in findings]
    assert keys == sorted(keys)
    assert len(findings) == 4


def test_rules_and_families_can_be_disabled() -> None:
    m = para("开好此此会议,学习**精神。")
    assert {f.rule for f in check_material(m)} == {
        "repeated-char",
        "halfwidth-punct",
        "template-residue",
    }
    assert {f.rule for f in check_material(m, disabled={"repeated-char"})} == {
        "halfwidth-punct",
        "template-residue",
    }
    assert {f.rule for f in check_material(m, disabled={"punctuation", "residue"})} == {
        "repeated-char"
    }


def test_an_unknown_profile_is_bad_input() -> None:
    with pytest.raises(InputError) as exc:
        check_material(para("文字。"), profile="nope")
    assert "nope" in exc.value.line()


def test_the_year_comes_from_the_title() -> None:
    assert material_year(para(title="2019年度组织生活会材料")) == 2019
    assert material_year(para("二〇二三年")) > 2020  # no year: this year


def test_check_text_parses_and_checks() -> None:
    findings = check_text(SEED.read_text(encoding="utf-8"))
    assert {f.rule for f in findings} >= {"repeated-char", "count-mismatch", "template-residue"}
    assert all(f.file is None for f in findings)


def test_check_bytes_names_the_file() -> None:
    findings = check_bytes(SEED.read_bytes(), "seed.txt")
    assert findings and all(f.file == "seed.txt" for f in findings)


def test_check_bytes_refuses_bad_input() -> None:
    with pytest.raises(InputError):
        check_bytes(b"PK\x03\x04not really a zip", "x.docx")


def test_finding_json_has_exactly_the_design_keys() -> None:
    f = check_material(para("开好此此会议。"))[0]
    d = f.to_dict()
    assert list(d) == [
        "file",
        "rule",
        "severity",
        "message",
        "suggestion",
        "section",
        "paragraph",
        "start",
        "end",
        "excerpt",
    ]
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d == {
        "file": None,
        "rule": "repeated-char",
        "severity": "error",
        "message": "疑似重复字“此此”",
        "suggestion": "此次",
        "section": None,
        "paragraph": 0,
        "start": 2,
        "end": 4,
        "excerpt": "开好此此会议。",
    }


def test_a_finding_key_survives_edits_elsewhere() -> None:
    a = check_material(para("开好此此会议。", "其他内容。"))[0]
    b = check_material(para("开好此此会议。", "其他内容有所修改。"))[0]
    assert a.key() == b.key()
    c = check_material(para("前面加了很多很多字，开好此此会议。"))[0]
    assert c.key() != a.key()  # a different excerpt is a different finding


def test_two_same_placeholders_in_one_paragraph_have_distinct_keys() -> None:
    findings = check_material(para("关于**工作的重要讲话和关于重要论述以及**工作的指示。"))
    assert len(findings) == 2
    assert findings[0].key() != findings[1].key()


def test_excerpt_is_cut_with_ellipses() -> None:
    text = "一" * 30 + "**" + "二" * 30
    f = check_material(para(text))[0]
    assert f.excerpt == "…" + "一" * 10 + "**" + "二" * 10 + "…"
    assert isinstance(f, Finding)
