"""Building .docx test inputs with python-docx, so no binary fixtures live in the repo."""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# A list definition the way WPS and Word write Chinese outlines:
# level 0 "一、", level 1 "（一）", level 2 "1.".
ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
    <w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
    <w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _add_numbering(document: Any) -> None:
    numbering = document.part.numbering_part.element
    # abstractNum elements must come before num elements.
    first_num = numbering.find(qn("w:num"))
    abstract = parse_xml(ABSTRACT_NUM)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(NUM))


def _number(paragraph: Any, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
    )


def build_docx(blocks: list[Any]) -> bytes:
    """A .docx from blocks: a str is a paragraph, ``("num", level, text)`` an auto-numbered
    paragraph, ``("table", [[cell, ...], ...])`` a table, ``("style", name, text)`` a styled one,
    ``("br", [line, ...])`` one paragraph with soft line breaks."""
    document = docx.Document()
    if any(isinstance(b, tuple) and b[0] == "num" for b in blocks):
        _add_numbering(document)
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        elif block[0] == "num":
            _number(document.add_paragraph(block[2]), block[1])
        elif block[0] == "style":
            document.add_paragraph(block[2], style=block[1])
        elif block[0] == "br":
            p = document.add_paragraph()
            for n, line in enumerate(block[1]):
                run = p.add_run(line)
                if n < len(block[1]) - 1:
                    run.add_break()
        elif block[0] == "table":
            rows = block[1]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def paragraph_xml(text: str, *, num: tuple[str, str] | None = None, style: str = "") -> str:
    """One ``w:p`` (XML-escaped text); ``num`` = (numId, ilvl) as raw attribute values."""
    ppr = ""
    if num is not None or style:
        inner = f'<w:pStyle w:val="{escape(style)}"/>' if style else ""
        if num is not None:
            inner += (
                f'<w:numPr><w:ilvl w:val="{escape(num[1])}"/>'
                f'<w:numId w:val="{escape(num[0])}"/></w:numPr>'
            )
        ppr = f"<w:pPr>{inner}</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def raw_docx(
    body: str,
    *,
    numbering: str | None = None,
    styles: str | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A minimal .docx from raw XML: ``body`` is the inside of ``w:body``, ``numbering``
    and ``styles`` the inside of ``w:numbering`` and ``w:styles``. For crafting hostile
    files that python-docx would never write."""
    parts: dict[str, bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES.encode(),
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
            f"<w:body>{body}</w:body></w:document>"
        ).encode(),
    }
    if numbering is not None:
        parts["word/numbering.xml"] = (
            f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
        ).encode()
    if styles is not None:
        parts["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'.encode()
    parts.update(extra or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def level_xml(ilvl: str, *, start: str = "1", fmt: str = "decimal", text: str = "%1.") -> str:
    """One ``w:lvl`` with raw (escaped) attribute values."""
    return (
        f'<w:lvl w:ilvl="{escape(ilvl)}"><w:start w:val="{escape(start)}"/>'
        f'<w:numFmt w:val="{escape(fmt)}"/><w:lvlText w:val="{escape(text)}"/></w:lvl>'
    )


def escape(value: str) -> str:
    """A value safe inside a double-quoted XML attribute or element."""
    return xml_escape(value, {'"': "&quot;"})
