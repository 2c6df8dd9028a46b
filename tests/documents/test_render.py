"""The rendered .docx follows GB/T 9704-2012, checked by opening the bytes with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from orglife.documents.model import Item, Material, Section
from orglife.documents.parse import parse_text
from orglife.documents.render import render_docx, render_text


@pytest.fixture
def seed_doc(seed_text: str) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_docx(parse_text(seed_text))))


def east_asia(run: object) -> str | None:
    rpr = run._r.rPr  # type: ignore[attr-defined]
    return rpr.rFonts.get(qn("w:eastAsia"))


def test_it_uses_a4_and_the_standard_margins(seed_doc: docx.document.Document) -> None:
    s = seed_doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    margins = [s.top_margin, s.bottom_margin, s.left_margin, s.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert abs(s.left_margin - Mm(28)) < Mm(0.1)


def test_it_sets_the_title_in_2hao_xiaobiaosong_centred(seed_doc: docx.document.Document) -> None:
    title = seed_doc.paragraphs[0]
    assert title.text == "2023年主题教育专题组织生活会党支部对照检查材料"
    assert title.style.name == "Title"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert east_asia(run) == "方正小标宋简体"
    assert seed_doc.paragraphs[1].text == ""  # a blank line under the title


def test_it_sets_the_body_in_3hao_fangsong_with_indent(seed_doc: docx.document.Document) -> None:
    body = seed_doc.paragraphs[2]
    assert body.text.startswith("根据学习贯彻")
    run = body.runs[0]
    assert run.font.size == Pt(16)
    assert east_asia(run) == "仿宋_GB2312"
    normal = seed_doc.styles["Normal"].paragraph_format
    assert normal.first_line_indent == Pt(32)
    assert normal.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = (
        seed_doc.styles.default_paragraph_format
        if hasattr(seed_doc.styles, "default_paragraph_format")
        else None
    )
    del fmt
    ppr_default = seed_doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "578" and spacing.get(qn("w:lineRule")) == "exact"


def test_it_gives_each_heading_level_its_font(seed_doc: docx.document.Document) -> None:
    by_text = {p.text: p for p in seed_doc.paragraphs}
    h1 = by_text["一、上一次组织生活会问题整改落实情况"]
    assert h1.style.name == "Heading 1"  # python-docx shows the built-in name capitalised
    assert east_asia(h1.runs[0]) == "黑体"
    h3 = by_text["1.理论学习方面"]
    assert east_asia(h3.runs[0]) == "仿宋_GB2312" and h3.runs[0].font.bold
    run_in = next(p for p in seed_doc.paragraphs if p.text.startswith("（一）制定会议方案。"))
    head, body = run_in.runs
    assert head.text == "（一）制定会议方案。"
    assert east_asia(head) == "楷体_GB2312"
    assert east_asia(body) == "仿宋_GB2312"


def test_it_uses_the_exact_line_spacing_on_body_paragraphs(
    seed_doc: docx.document.Document,
) -> None:
    spacing = seed_doc.styles["Normal"].paragraph_format
    # Inherited from the document defaults, so python-docx reports None on the style itself;
    # the defaults are asserted above. A heading style must not override them.
    assert spacing.line_spacing_rule in (None, WD_LINE_SPACING.EXACTLY)


def test_it_numbers_pages_on_alternating_sides() -> None:
    m = parse_text("某支部对照检查材料\n一、存在的问题\n学习不够，研讨不深。")
    data = render_docx(m)
    doc = docx.Document(io.BytesIO(data))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert odd.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        p = footer.paragraphs[0]
        # python-docx leaves the field's result out of .text: "— " + PAGE + " —".
        assert p.text == "—  —"
        assert "<w:t>1</w:t>" in p._p.xml
        assert 'w:instr=" PAGE "' in p._p.xml
        assert p.runs[0].font.size == Pt(14)
        assert east_asia(p.runs[0]) == "宋体"


def test_it_escapes_text_and_drops_control_characters() -> None:
    m = Material(
        title="A&B<C>对照检查材料",
        sections=[Section(number="一", heading="存在的问题", paragraphs=["x<y & z>w，\x01好。"])],
    )
    doc = docx.Document(io.BytesIO(render_docx(m)))
    texts = [p.text for p in doc.paragraphs]
    assert "A&B<C>对照检查材料" in texts
    assert "x<y & z>w，好。" in texts


def test_it_writes_the_same_bytes_for_the_same_material(seed_text: str) -> None:
    m = parse_text(seed_text)
    assert render_docx(m) == render_docx(m)
    with zipfile.ZipFile(io.BytesIO(render_docx(m))) as zf:
        assert zf.testzip() is None
        assert "word/footer2.xml" in zf.namelist()
        fonts = zf.read("word/fontTable.xml").decode()
    for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
        assert f'w:name="{name}"' in fonts
    assert '<w:altName w:val="SimHei"/>' in fonts


def test_it_writes_plain_text_one_paragraph_a_line() -> None:
    m = Material(
        title="某支部对照检查材料",
        sections=[
            Section(
                number="一",
                heading="存在的问题",
                items=[
                    Item(
                        number="一",
                        heading="学习",
                        run_in=True,
                        paragraphs=["不够深入。", "研讨少，流于形式。"],
                    ),
                    Item(number="二", heading="作风方面", paragraphs=["调研少，不经常。"]),
                ],
            )
        ],
    )
    assert render_text(m) == (
        "某支部对照检查材料\n\n一、存在的问题\n（一）学习。不够深入。\n研讨少，流于形式。\n"
        "（二）作风方面\n调研少，不经常。\n"
    )


def test_it_avoids_an_item_numbering_that_its_paragraphs_use() -> None:
    # Items numbered (1) whose text has 1. lines: writing the items as 1. would merge them.
    m = parse_text(
        "某支部对照检查材料\n一、问题\n（1）学习方面\n1.学习不深，研讨不够。\n2.笔记少，心得少。\n（2）作风方面"
    )
    assert [i.heading for i in m.sections[0].items] == ["学习方面", "作风方面"]
    assert "（1）学习方面" in render_text(m)
    assert parse_text(render_text(m)) == m


def test_it_declares_a_content_type_for_every_part(seed_text: str) -> None:
    # Word refuses a package whose parts lack their content type ("unreadable content").
    with zipfile.ZipFile(io.BytesIO(render_docx(parse_text(seed_text)))) as zf:
        types = zf.read("[Content_Types].xml").decode()
        for name in zf.namelist():
            if name.endswith(".xml") and name != "[Content_Types].xml":
                assert f'PartName="/{name}"' in types, name


def test_it_gives_each_numbered_heading_its_written_marker():
    from pathlib import Path

    from orglife.documents.layout import heading_markers
    from orglife.documents.parse import parse_text

    seed = (
        Path(__file__).resolve().parents[2]
        / "src/orglife/site/data/2023-branch-self-inspection.txt"
    )
    markers = heading_markers(parse_text(seed.read_text(encoding="utf-8")))
    assert markers[(0, None)] == "一、" and markers[(6, None)] == "七、"
    assert markers[(1, 0)] == "（一）" and markers[(2, 5)] == "6."
    assert (0, 0) not in markers  # section 一's items carry no number
