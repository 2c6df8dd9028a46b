"""The fixture corpus: each file holds one kind of mess that real materials carry."""

from __future__ import annotations

from pathlib import Path

import pytest

from orglife.documents.parse import parse_bytes, parse_file, parse_text
from orglife.documents.render import render_docx, render_text

from .conftest import CORPUS

CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def outline(path: Path) -> list[tuple[str | None, str, list[str | None]]]:
    m = parse_file(path)
    return [(s.number, s.role, [i.number for i in s.items]) for s in m.sections]


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 12


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_it_round_trips_every_corpus_file_through_text(path: Path) -> None:
    m = parse_file(path)
    assert parse_text(render_text(m)) == m


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_it_round_trips_every_corpus_file_through_docx(path: Path) -> None:
    m = parse_file(path)
    assert parse_bytes(render_docx(m), path.stem + ".docx") == m


def test_it_reads_half_width_parens_as_items() -> None:
    assert outline(CORPUS / "halfwidth-parens.txt") == [
        ("一", "problems", ["一", "二", "三"]),
        ("二", "causes", ["一", "二"]),
        ("三", "measures", ["一", "二"]),
    ]
    m = parse_file(CORPUS / "halfwidth-parens.txt")
    assert [i.aspect for i in m.sections[0].items] == ["theory_study", "work_style", "integrity"]


def test_it_reads_arabic_paren_and_circled_numbers() -> None:
    assert outline(CORPUS / "numbering-styles.txt") == [
        ("一", "problems", ["1", "2"]),
        ("二", "causes", ["1", "2", "3"]),
        ("三", "measures", ["1", "2"]),
    ]
    m = parse_file(CORPUS / "numbering-styles.txt")
    assert m.sections[0].items[1].heading == "担当作为方面"
    assert m.sections[0].items[1].paragraphs == ["攻坚克难的劲头不足，遇到难题有时等一等、看一看。"]


def test_it_reads_chapters_with_decimal_items() -> None:
    assert outline(CORPUS / "chapters.txt") == [
        ("一", "preparation", ["1.1", "1.2"]),
        ("二", "problems", ["2.1", "2.2"]),
        ("三", "measures", ["3.1"]),
    ]
    m = parse_file(CORPUS / "chapters.txt")
    assert m.sections[1].heading == "存在的问题"
    assert m.preamble == []


def test_it_splits_headings_from_their_text_at_a_colon() -> None:
    m = parse_file(CORPUS / "colon-headings.txt")
    assert m.sections[0].heading == "会前准备情况"
    first = m.sections[1].items[0]
    assert (first.heading, first.run_in, first.run_in_sep) == ("理论学习方面", True, "：")
    assert first.paragraphs == ["一是学习不够系统，二是联系实际不够紧密。"]
    assert render_text(m).count("（一）理论学习方面：一是") == 1


def test_it_splits_headings_glued_to_the_end_of_a_paragraph() -> None:
    assert outline(CORPUS / "glued-headings.txt") == [
        ("一", "preparation", ["一", "二", "三"]),
        ("二", "problems", ["一", "二"]),
        ("三", "measures", ["一", "二"]),
    ]
    m = parse_file(CORPUS / "glued-headings.txt")
    assert m.sections[0].items[0].paragraphs == ["支委会研究制定了会议方案，并报机关党委审核。"]
    assert m.sections[1].items[1].paragraphs == ["服务基层的主动性不够，工作标准不高。"]


def test_it_joins_pdf_hard_wraps() -> None:
    m = parse_file(CORPUS / "pdf-wraps.txt")
    assert m.title == "财务处党支部2023年主题教育专题组织生活会对照检查材料"
    assert len(m.preamble) == 1
    assert m.preamble[0].endswith("深入查摆了存在的问题。")
    theory = m.sections[0].items[0]
    assert theory.heading == "理论学习方面"
    assert theory.paragraphs == [
        "理论学习的系统性和深入性还不够，满足于读原文、记笔记，对习近平新时代中国特色社会主义思想的"
        "核心要义把握还不够全面，运用理论指导财务工作的能力还有差距。"
    ]
    assert [len(i.paragraphs) for s in m.sections for i in s.items] == [1, 1, 1, 1]


def test_it_removes_stray_spaces_between_chinese_characters_only() -> None:
    m = parse_file(CORPUS / "stray-spaces.txt")
    assert m.title == "档案馆党支部对照检查材料"
    assert m.preamble[0].startswith("支部班子认真对照")
    assert m.sections[0].heading == "存在的问题"
    assert (
        m.sections[0].items[1].paragraphs[0]
        == "深入基层不够，形成 28 篇调研报告中解决实际问题的不多。"
    )


def test_it_drops_a_duplicated_title_line() -> None:
    m = parse_file(CORPUS / "duplicate-title.txt")
    assert m.title == "办公室党支部2023年度组织生活会对照检查材料"
    assert m.preamble == ["支部班子围绕会议主题，深入查摆问题，剖析原因，明确整改方向。"]


def test_it_reads_an_individual_material_with_unnumbered_sections() -> None:
    m = parse_file(CORPUS / "individual-gains.txt")
    assert m.kind == "individual"
    assert [(s.heading, s.role) for s in m.sections] == [
        ("学习收获", "other"),
        ("存在的问题", "problems"),
        ("原因分析", "causes"),
        ("整改措施", "measures"),
    ]
    problems = m.sections[1]
    assert [(i.number, i.heading, i.aspect) for i in problems.items] == [
        (None, "理论学习方面", "theory_study"),
        (None, "工作作风方面", "work_style"),
    ]


def test_it_reads_an_individual_material_with_numbered_sections() -> None:
    m = parse_file(CORPUS / "individual-numbered.txt")
    assert m.kind == "individual"
    assert m.title == "党员个人对照检查发言提纲"
    assert [s.role for s in m.sections] == ["other", "problems", "measures"]
    assert [i.aspect for i in m.sections[1].items] == [
        "theory_study",
        "capability",
        "responsibility",
    ]


def test_it_reads_a_material_without_title_or_numbers() -> None:
    m = parse_file(CORPUS / "no-title-no-numbers.txt")
    assert m.title == ""
    assert [s.role for s in m.sections] == ["problems", "measures"]
    assert m.kind == "branch"


def test_it_uses_the_title_hint_only_when_the_text_has_none() -> None:
    assert parse_text("存在的问题\n学习不够深入，研讨不够。", title_hint="一支部材料").title == (
        "一支部材料"
    )
    seed = parse_file(CORPUS / "duplicate-title.txt")
    assert parse_text(render_text(seed), title_hint="别的").title == seed.title


def test_it_drops_pdf_page_numbers_and_reads_full_width_digits() -> None:
    m = parse_file(CORPUS / "pdf-page-numbers.txt")
    assert len(m.preamble) == 1
    assert outline(CORPUS / "pdf-page-numbers.txt") == [
        ("一", "problems", ["1", "2"]),
        ("二", "measures", ["1", "2"]),
    ]
    first = m.sections[0].items[0]
    assert first.paragraphs == [
        "学习的系统性不够，对党的创新理论学习满足于一般性了解，结合科技管理工作实际开展研讨不够，"
        "学用结合还有差距。"
    ]
    assert all(
        "页" not in p and "—" not in p for s in m.sections for i in s.items for p in i.paragraphs
    )


def test_it_keeps_a_signature_and_date_as_text_not_headings() -> None:
    m = parse_file(CORPUS / "individual-signed.txt")
    assert m.kind == "individual"
    measures = m.sections[1]
    assert measures.items == []
    assert measures.paragraphs[-2:] == ["张三", "2023年12月20日"]


def test_it_reads_windows_and_old_mac_line_endings(seed_text: str) -> None:
    expected = parse_text(seed_text)
    assert parse_text(seed_text.replace("\n", "\r\n")) == expected
    assert parse_text(seed_text.replace("\n", "\r")) == expected
    assert parse_bytes(seed_text.replace("\n", "\r\n").encode("gbk"), "win.txt") == expected


def test_it_keeps_yi_shi_lines_as_paragraphs_of_one_enumeration() -> None:
    m = parse_text(
        "某支部对照检查材料\n一、存在的问题\n主要有以下三个方面：\n"
        "一是学习不深。满足于读原文。\n二是调研不够。下基层少。\n三是作风不实。标准不高。"
    )
    problems = m.sections[0]
    assert problems.items == []
    assert [p[:2] for p in problems.paragraphs] == ["主要", "一是", "二是", "三是"]
