"""Real layouts read into the same structure: one-line materials, blanks cut by PDF line
breaks, titles split or suffixed, list titles, traditional characters, pinyin ruby."""

from __future__ import annotations

from pathlib import Path

import pytest

from orglife.documents.parse import parse_bytes, parse_file, parse_text
from orglife.documents.render import render_docx, render_text

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))

LINES = [
    "第三党支部对照检查材料",
    "根据上级要求，支部班子认真查摆问题，现对照检查如下：",
    "一、存在的问题",
    "（一）理论学习方面。学习不够深入，满足于读原文，联系实际不够紧密。",
    "（二）工作作风方面。调查研究不够，下基层少，服务群众主动性不强。",
    "二、原因分析",
    "（一）理论武装不到位。放松了经常性学习，对新思想钻研不深。",
    "（二）宗旨意识淡化。联系群众少，换位思考不够。",
    "三、整改措施",
    "（一）加强理论学习。每月集中学习两次，每季度研讨一次。",
    "（二）改进工作作风。每季度到基层调研一次，形成调研报告。",
]


def outline(m):
    return [(s.number, s.role, [(i.number, i.heading) for i in s.items]) for s in m.sections]


def test_it_reads_a_whole_material_pasted_as_one_line_like_the_lines() -> None:
    lines = parse_text("\n".join(LINES))
    one = parse_text(LINES[0] + "\n" + "".join(LINES[1:]))
    assert outline(one) == outline(lines)
    assert one.sections[0].items[1].paragraphs == lines.sections[0].items[1].paragraphs


def test_it_reads_a_one_line_report_in_traditional_characters() -> None:
    m = parse_file(CORPUS / "report-efficiency-self-check-traditional.txt")
    assert m.preamble[0].startswith("區政府督查室：")
    assert m.sections[0].heading == "行政效率方面存在的問題及整改措施"
    assert m.sections[0].items[0].heading == "存在的問題"


def test_it_drops_pinyin_ruby_copied_from_a_web_page() -> None:
    m = parse_text("存在的問(wèn)題\n學(xué)習(xí)不夠。")
    assert m.sections[0].heading == "存在的問題"
    assert m.sections[0].paragraphs == ["學習不夠。"]


def test_it_keeps_a_blank_on_its_own_line_in_its_sentence() -> None:
    m = parse_text("情况报告\n请局党组书记、局长\n×××\n同志作动员，党委下设\n×\n个党支部。")
    assert m.preamble == ["请局党组书记、局长×××同志作动员，党委下设×个党支部。"]


def test_it_joins_a_title_split_over_two_lines_with_a_suffix() -> None:
    m = parse_text(
        "镇党委领导班子2025年度民主生活会对照检\n查材料（含典型案例剖析）\n"
        "一、存在的主要问题\n理论学习不深。\n二、原因剖析\n党性修养不够。\n三、整改措施\n加强学习。"
    )
    assert m.title == "镇党委领导班子2025年度民主生活会对照检查材料（含典型案例剖析）"
    assert [s.role for s in m.sections] == ["problems", "causes", "measures"]


@pytest.mark.parametrize(
    "title",
    ["第一党支部问题清单", "巡察反馈问题整改情况的通报", "对照检查材料（含典型案例剖析）"],
)
def test_it_takes_titles_with_section_words_as_titles(title: str) -> None:
    m = parse_text(f"{title}\n一、存在的问题\n学习不够深入。")
    assert m.title == title
    assert [s.heading for s in m.sections] == ["存在的问题"]


def test_it_reads_headings_in_traditional_characters_by_meaning() -> None:
    m = parse_text("一、存在的問題\n學習不深。\n二、原因分析\n認識不足。\n三、整改措施\n加強學習。")
    assert [s.role for s in m.sections] == ["problems", "causes", "measures"]


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_it_round_trips_every_real_text(path: Path) -> None:
    m = parse_file(path)
    assert parse_text(render_text(m)) == m
    assert parse_bytes(render_docx(m), path.stem + ".docx") == m
