"""Reading .docx files: body order, tables, Word's automatic numbering, line breaks."""

from __future__ import annotations

import io
import zipfile

from orglife.documents.docx_read import docx_lines
from orglife.documents.parse import parse_bytes, parse_text
from orglife.documents.render import render_docx

from .docx_factory import build_docx


def test_it_reads_paragraphs_in_order() -> None:
    data = build_docx(["某支部对照检查材料", "一、存在的问题", "（一）理论学习方面。学习不深。"])
    m = parse_bytes(data, "a.docx")
    assert m.title == "某支部对照检查材料"
    assert m.sections[0].items[0].paragraphs == ["学习不深。"]


def test_it_rebuilds_word_automatic_numbering() -> None:
    data = build_docx(
        [
            "某支部对照检查材料",
            "支部班子认真查摆了问题。",
            ("num", 0, "存在的问题"),
            ("num", 1, "理论学习方面"),
            "学习的系统性不够，学用结合不紧。",
            ("num", 1, "工作作风方面"),
            "调研不够经常，联系群众不够。",
            ("num", 0, "整改措施"),
            ("num", 1, "加强学习。每月集中学习一次。"),
        ]
    )
    assert docx_lines(data)[2:4] == ["一、存在的问题", "（一）理论学习方面"]
    m = parse_bytes(data, "numbered.docx")
    assert [(s.number, s.heading, s.role) for s in m.sections] == [
        ("一", "存在的问题", "problems"),
        ("二", "整改措施", "measures"),
    ]
    assert [(i.number, i.heading, i.aspect) for i in m.sections[0].items] == [
        ("一", "理论学习方面", "theory_study"),
        ("二", "工作作风方面", "work_style"),
    ]
    # The lower level restarts under a new higher-level item.
    assert m.sections[1].items[0].number == "一"
    assert m.sections[1].items[0].paragraphs == ["每月集中学习一次。"]


def test_it_reads_table_cells_in_body_order() -> None:
    data = build_docx(
        [
            "某支部对照检查材料",
            "一、存在的问题",
            ("table", [["（一）理论学习方面。学习不深。", "（二）工作作风方面。调研不够。"]]),
            "二、整改措施",
            ("table", [["（一）加强学习。每月一次。"], ["（二）改进作风。每季一次。"]]),
        ]
    )
    lines = docx_lines(data)
    assert lines.index("二、整改措施") == lines.index("（二）工作作风方面。调研不够。") + 1
    m = parse_bytes(data, "tables.docx")
    assert [[i.heading for i in s.items] for s in m.sections] == [
        ["理论学习方面", "工作作风方面"],
        ["加强学习", "改进作风"],
    ]


def test_it_reads_soft_line_breaks_as_lines() -> None:
    data = build_docx(
        ["某支部对照检查材料", ("br", ["一、存在的问题", "（一）学习不够。原因是忙。"])]
    )
    m = parse_bytes(data, "br.docx")
    assert m.sections[0].heading == "存在的问题"
    assert m.sections[0].items[0].heading == "学习不够"


def test_it_reads_heading_styles_and_their_text() -> None:
    data = build_docx(
        [
            ("style", "Title", "某支部对照检查材料"),
            ("style", "Heading 1", "存在的问题"),
            "学习不够深入，研讨不够。",
            ("style", "Heading 1", "整改措施"),
            "每月集中学习，开展研讨。",
        ]
    )
    m = parse_bytes(data, "styled.docx")
    assert m.title == "某支部对照检查材料"
    assert [s.role for s in m.sections] == ["problems", "measures"]


def test_it_reads_its_own_rendering_back() -> None:
    data = build_docx(["某支部对照检查材料", "一、存在的问题", "（一）理论学习方面。学习不深。"])
    m = parse_bytes(data, "a.docx")
    assert parse_bytes(render_docx(m), "b.docx") == m


def test_it_reads_the_seed_written_by_python_docx_like_the_text(seed_text: str) -> None:
    lines = [line for line in seed_text.splitlines() if line.strip()]
    assert parse_bytes(build_docx(lines), "seed.docx") == parse_text(seed_text)


def test_it_joins_pdf_wraps_made_with_soft_line_breaks(seed_text: str) -> None:
    wrapped = [
        "某支部对照检查材料",
        (
            "br",
            [
                "支部班子认真学习了会议指定的学习内容，广泛征求了党员群众的",
                "意见建议，深入查摆了存在的问题，剖析了问题产生的思想根源，",
                "明确了下一步整改的措施和努力方向，现将有关情况报告如下。",
            ],
        ),
        "一、存在的问题",
        (
            "br",
            [
                "（一）理论学习方面。理论学习的系统性和深入性还不够，满足于",
                "读原文、记笔记，运用理论指导实际工作的能力还有一定的差距",
                "，需要进一步加强。",
            ],
        ),
    ]
    m = parse_bytes(build_docx(wrapped), "wrapped.docx")
    assert len(m.preamble) == 1 and m.preamble[0].endswith("现将有关情况报告如下。")
    assert m.sections[0].items[0].paragraphs == [
        "理论学习的系统性和深入性还不够，满足于读原文、记笔记，运用理论指导实际工作的能力"
        "还有一定的差距，需要进一步加强。"
    ]


def test_it_numbers_paragraphs_whose_style_carries_the_numbering() -> None:
    data = build_docx(
        [
            "某支部对照检查材料",
            ("style", "List Number", "存在的问题"),
            "学习不够深入，研讨不够。",
            ("style", "List Number", "整改措施"),
            "每月集中学习，开展研讨。",
        ]
    )
    lines = docx_lines(data)
    # python-docx's template numbers "List Number" through the style: 1. and 2.
    assert lines[1][:2] in ("1.", "1)") and lines[3][:2] in ("2.", "2)")
    m = parse_bytes(data, "styled-numbers.docx")
    assert [(s.number, s.role) for s in m.sections] == [("1", "problems"), ("2", "measures")]


def test_it_reads_tracked_changes_as_their_result() -> None:
    data = build_docx(["某支部对照检查材料", "一、存在的问题", "（一）学习方面。学习不深。"])
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    changed = (
        f"<w:p {w}><w:r><w:t>（二）作风方面。</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>旧的说法。</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>调研不够。</w:t></w:r></w:ins>'
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>挪走的话。</w:t></w:r></w:moveFrom></w:p>'
    )
    data = _with_extra_paragraph(data, changed)
    m = parse_bytes(data, "tracked.docx")
    assert m.sections[0].items[1].paragraphs == ["调研不够。"]


def _with_extra_paragraph(data: bytes, paragraph_xml: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "word/document.xml":
                part = part.replace(b"<w:sectPr", paragraph_xml.encode() + b"<w:sectPr", 1)
            out.writestr(info, part)
    return buf.getvalue()


def test_it_keeps_soft_breaks_that_end_a_sentence_or_a_heading() -> None:
    data = build_docx(
        [
            "某支部对照检查材料",
            (
                "br",
                ["支部班子认真查摆了问题。", "一、存在的问题", "（一）理论学习方面", "学习不够。"],
            ),
        ]
    )
    assert docx_lines(data)[1:] == [
        "支部班子认真查摆了问题。",
        "一、存在的问题",
        "（一）理论学习方面",
        "学习不够。",
    ]


def test_it_joins_a_soft_break_inside_a_sentence() -> None:
    data = build_docx(
        [
            "某支部对照检查材料",
            (
                "br",
                [
                    "学习不够深入，",
                    "联系实际不够。",
                    "调研不够经常，走访群众少，解决实际问题",
                    "不多。",
                ],
            ),
            (
                "br",
                ["Word inserts a soft line break wherever its writer presses Shift and", "Enter."],
            ),
        ]
    )
    assert docx_lines(data)[1:] == [
        "学习不够深入，联系实际不够。",
        "调研不够经常，走访群众少，解决实际问题不多。",
        "Word inserts a soft line break wherever its writer presses Shift and Enter.",
    ]


def test_it_keeps_a_soft_break_before_a_numbered_line() -> None:
    data = build_docx(["某支部对照检查材料", ("br", ["主要有以下几个方面，", "1.学习不够。"])])
    assert docx_lines(data)[1:] == ["主要有以下几个方面，", "1.学习不够。"]


def test_it_reads_a_material_written_with_soft_breaks_like_its_text(seed_text: str) -> None:
    lines = [line for line in seed_text.splitlines() if line.strip()]
    one_paragraph = build_docx([lines[0], ("br", lines[1:])])
    assert parse_bytes(one_paragraph, "br.docx") == parse_text(seed_text)


def test_it_puts_the_title_first_when_a_title_block_table_holds_it() -> None:
    data = build_docx(
        [
            ("table", [["中共某某机关委员会", "2023年12月"], ["第一党支部对照检查材料", ""]]),
            "支部班子认真查摆了问题。",
            "一、存在的问题",
            "（一）理论学习方面。学习不深。",
        ]
    )
    m = parse_bytes(data, "title-table.docx")
    assert m.title == "第一党支部对照检查材料"
    assert m.sections[0].items[0].heading == "理论学习方面"


def test_it_puts_the_title_first_when_it_follows_a_header_table() -> None:
    data = build_docx(
        [
            ("table", [["中共某某机关委员会文件"], ["机关党发〔2023〕5号"]]),
            "2023年主题教育专题组织生活会党支部对照检查材料",
            "支部班子认真查摆了问题。",
            "一、存在的问题",
        ]
    )
    lines = docx_lines(data)
    assert lines[0] == "2023年主题教育专题组织生活会党支部对照检查材料"
    assert "机关党发〔2023〕5号" in lines[1:3]
    assert parse_bytes(data, "red-head.docx").title == lines[0]


def test_it_reads_a_data_table_after_the_text_in_row_order() -> None:
    data = build_docx(
        [
            "某支部问题清单",
            ("table", [["序号", "问题"], ["1", "学习不够深入。"], ["2", "调研不够。"]]),
        ]
    )
    assert docx_lines(data) == [
        "某支部问题清单",
        "序号",
        "问题",
        "1",
        "学习不够深入。",
        "2",
        "调研不够。",
    ]


def test_it_reads_text_boxes_once() -> None:
    from .docx_factory import paragraph_xml, raw_docx

    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:p><w:r><mc:AlternateContent xmlns:mc="{mc}" xmlns:wps="{wps}"><mc:Choice Requires="wps">'
        "<w:drawing><wps:txbx><w:txbxContent>"
        + paragraph_xml("一、存在的问题")
        + paragraph_xml("（一）学习不够。")
        + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        "<w:txbxContent>"
        + paragraph_xml("一、存在的问题")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    lines = docx_lines(raw_docx(paragraph_xml("某支部对照检查材料") + box))
    assert [x for x in lines if x] == ["某支部对照检查材料", "一、存在的问题", "（一）学习不够。"]
