"""`orglife parse` / `orglife render` and the Material JSON (docs/contracts.md)."""

from __future__ import annotations

import json

import pytest
from docx import Document

from tests.contracts.conftest import ASPECTS, ROLES, SEED, assert_bad_input, orglife

SECTION_KEYS = {"number", "heading", "role", "paragraphs", "items"}
ITEM_KEYS = {"number", "heading", "aspect", "paragraphs"}


@pytest.fixture(scope="module")
def seed_json():
    run = orglife("parse", SEED, "--format", "json")
    assert run.code == 0, run.err
    return run.json()


def _sections(material):
    return material["sections"]


def test_it_answers_the_top_level_keys(seed_json):
    assert set(seed_json) == {"title", "kind", "preamble", "sections"}
    assert seed_json["title"] == "2023年主题教育专题组织生活会党支部对照检查材料"
    assert seed_json["kind"] == "branch"
    assert seed_json["preamble"] and all(isinstance(p, str) for p in seed_json["preamble"])


def test_it_gives_every_section_and_item_the_contract_keys(seed_json):
    for s in _sections(seed_json):
        assert set(s) >= SECTION_KEYS, s.keys()
        assert s["number"] is None or isinstance(s["number"], str)
        assert isinstance(s["heading"], str)
        assert all(isinstance(p, str) for p in s["paragraphs"])
        for it in s["items"]:
            assert set(it) >= ITEM_KEYS, it.keys()
            assert it["number"] is None or isinstance(it["number"], str)
            assert all(isinstance(p, str) for p in it["paragraphs"])


def test_it_gives_sections_and_items_exactly_the_documented_keys(seed_json):
    for s in _sections(seed_json):
        assert set(s) == SECTION_KEYS
        for it in s["items"]:
            assert set(it) == ITEM_KEYS


def test_it_names_the_seeds_seven_sections_by_meaning(seed_json):
    assert [(s["number"], s["role"]) for s in _sections(seed_json)] == [
        ("一", "previous_rectification"),
        ("二", "preparation"),
        ("三", "problems"),
        ("四", "case_analysis"),
        ("五", "governance_review"),
        ("六", "causes"),
        ("七", "measures"),
    ]
    assert _sections(seed_json)[2]["heading"] == "存在的问题与不足"


def test_it_uses_only_the_role_and_aspect_vocabularies(seed_json):
    for s in _sections(seed_json):
        assert s["role"] in ROLES
        for it in s["items"]:
            if s["role"] == "problems":
                assert it["aspect"] is None or it["aspect"] in ASPECTS
            else:
                assert it["aspect"] is None, (s["role"], it)


def test_it_reads_the_six_aspects_of_the_problems_section(seed_json):
    problems = next(s for s in _sections(seed_json) if s["role"] == "problems")
    assert [(i["number"], i["aspect"]) for i in problems["items"]] == [
        ("1", "theory_study"),
        ("2", "political_quality"),
        ("3", "capability"),
        ("4", "responsibility"),
        ("5", "work_style"),
        ("6", "integrity"),
    ]
    assert problems["items"][0]["heading"] == "理论学习方面"


def test_it_reads_unnumbered_items_and_run_in_headings(seed_json):
    first, second = _sections(seed_json)[0], _sections(seed_json)[1]
    assert len(first["items"]) == 3 and all(i["number"] is None for i in first["items"])
    assert [i["number"] for i in second["items"]] == ["一", "二", "三", "四"]
    assert second["items"][0]["heading"] == "制定会议方案"
    assert second["items"][0]["paragraphs"][0].startswith("支部班子")


def test_it_keeps_every_character_of_the_seed_text(seed_json):
    """Nothing is lost: each paragraph of the material is a substring of the file."""
    source = SEED.read_text(encoding="utf-8")
    flat = source.replace("\n", "")
    texts = list(seed_json["preamble"])
    for s in _sections(seed_json):
        texts += s["paragraphs"]
        for it in s["items"]:
            texts += it["paragraphs"]
    for t in texts:
        assert t in flat or t in source, t[:40]


def test_it_reads_other_numbering_styles(tmp_path):
    text = (
        "张三同志个人对照检查材料\n\n"
        "一、存在的问题\n\n"
        "（一）理论学习方面。学习不够系统。\n\n"
        "（二）工作作风方面。调研不够深入。\n\n"
        "二、原因分析\n\n"
        "1.理想信念有所弱化。放松了学习。\n\n"
        "2.宗旨意识有所淡化。\n\n"
        "三、整改措施\n\n"
        "①加强理论学习。\n\n"
        "②改进工作作风。\n"
    )
    path = tmp_path / "individual.txt"
    path.write_text(text, encoding="utf-8")
    run = orglife("parse", path, "--format", "json")
    assert run.code == 0, run.err
    m = run.json()
    assert m["kind"] == "individual"
    assert [s["role"] for s in m["sections"]] == ["problems", "causes", "measures"]
    assert [i["aspect"] for i in m["sections"][0]["items"]] == ["theory_study", "work_style"]
    assert [len(s["items"]) for s in m["sections"]] == [2, 2, 2]


def test_it_prints_a_text_outline_by_default():
    run = orglife("parse", SEED)
    assert run.code == 0
    assert "存在的问题与不足" in run.out
    with pytest.raises(json.JSONDecodeError):
        json.loads(run.out)


@pytest.mark.parametrize("source", ["txt", "json"])
def test_it_round_trips_the_seed_through_render(tmp_path, seed_json, source):
    if source == "json":
        src = tmp_path / "seed.json"
        src.write_text(json.dumps(seed_json, ensure_ascii=False), encoding="utf-8")
    else:
        src = SEED
    out = tmp_path / "seed.docx"
    run = orglife("render", src, "-o", out)
    assert run.code == 0, run.err
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    Document(str(out))  # a real Word document
    again = orglife("parse", out, "--format", "json")
    assert again.code == 0, again.err
    assert again.json() == seed_json


def test_it_renders_the_title_and_headings_into_the_docx(tmp_path):
    out = tmp_path / "seed.docx"
    assert orglife("render", SEED, "-o", out).code == 0
    paragraphs = [p.text for p in Document(str(out)).paragraphs]
    assert "2023年主题教育专题组织生活会党支部对照检查材料" in paragraphs
    assert any("存在的问题与不足" in p for p in paragraphs)


def test_it_refuses_invalid_material_json_with_exit_2(tmp_path):
    src = tmp_path / "bad.json"
    src.write_text('{"sections": 5}', encoding="utf-8")
    assert_bad_input(orglife("render", src, "-o", tmp_path / "out.docx"))
    assert not (tmp_path / "out.docx").exists()


def test_it_refuses_a_missing_render_input_with_exit_2(tmp_path):
    assert_bad_input(orglife("render", tmp_path / "nope.txt", "-o", tmp_path / "out.docx"))


def test_it_refuses_an_output_in_a_missing_directory_with_exit_2(tmp_path):
    assert_bad_input(orglife("render", SEED, "-o", tmp_path / "no" / "such" / "out.docx"))
