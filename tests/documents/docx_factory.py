"""Building .docx test inputs with python-docx, so no binary fixtures live in the repo."""

from __future__ import annotations

import io
from typing import Any

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
