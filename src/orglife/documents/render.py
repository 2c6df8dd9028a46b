"""Writing a material as plain text and as an official-format Word file (GB/T 9704-2012).

The .docx is written as raw WordprocessingML rather than through python-docx:
the package is small and fixed, writing it directly is several times faster,
and every formatting detail the standard asks for is visible here in one place.

Layout (docs/domain.md, "Official document format"): A4; margins top 37 mm, bottom
35 mm, left 28 mm, right 26 mm; title 2号 (22 pt) 方正小标宋简体 centred; body
3号 (16 pt) 仿宋_GB2312, first line indented two characters, fixed line spacing
28.9 pt; headings 一、 黑体, （一） 楷体_GB2312, 1. bold 仿宋, （1） 仿宋; page numbers
4号 (14 pt) 宋体 "— 1 —", odd pages right and even pages left, one character
in from the edge of the text block.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from orglife.documents.layout import Line, layout
from orglife.documents.model import Material

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

# Sizes in half-points, lengths in twentieths of a point (twips).
TITLE_SIZE = 44  # 2号, 22 pt
BODY_SIZE = 32  # 3号, 16 pt
PAGE_SIZE = 28  # 4号, 14 pt
LINE_PITCH = 578  # 28.9 pt: 22 lines in the 225 mm text block
INDENT = 640  # two 16 pt characters
PAGE_W, PAGE_H = 11906, 16838  # A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 2098, 1984, 1587, 1474  # 37/35/28/26 mm
FOOTER_DISTANCE = 1361  # 24 mm: the number sits about 7 mm under the text block

_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# role -> (east-asian font, bold)
_LOOK = {
    "body": (BODY_FONT, False),
    "section": (HEI_FONT, False),
    "item_kai": (KAI_FONT, False),
    "item_bold": (BODY_FONT, True),
    "item_plain": (BODY_FONT, False),
}
_STYLE_ID = {
    "section": "Heading1",
    "item_kai": "Heading2",
    "item_bold": "Heading3",
    "item_plain": "Heading4",
}


def render_text(material: Material) -> str:
    """The material as plain text, one paragraph a line; ``parse_text`` reads it back unchanged."""
    lines = layout(material)
    out: list[str] = []
    for n, line in enumerate(lines):
        out.append(line.text)
        if n == 0 and line.role == "title":
            out.append("")
    return "\n".join(out) + "\n"


def _t(text: str) -> str:
    return escape(_BAD_XML.sub("", text))


def _rpr(east: str, size: int, bold: bool = False, latin: str = LATIN_FONT) -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    return (
        f'<w:rPr><w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" '
        f'w:cs="{latin}" w:hint="eastAsia"/>{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )


_BODY_RPR = _rpr(BODY_FONT, BODY_SIZE)


def _run(text: str, rpr: str) -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_t(text)}</w:t></w:r>'


def _paragraph(line: Line) -> str:
    if line.role == "title":
        rpr = _rpr(TITLE_FONT, TITLE_SIZE, latin=TITLE_FONT)
        return f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run(line.head, rpr)}</w:p>'
    if line.role == "body" or not line.head:
        return f"<w:p>{_run(line.text, _BODY_RPR)}</w:p>"
    font, bold = _LOOK[line.role]
    head = _run(line.head, _rpr(font, BODY_SIZE, bold))
    if line.body:
        # Run-in heading: a body paragraph whose first words carry the heading's look.
        return f"<w:p>{head}{_run(line.body, _BODY_RPR)}</w:p>"
    return f'<w:p><w:pPr><w:pStyle w:val="{_STYLE_ID[line.role]}"/></w:pPr>{head}</w:p>'


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_SECT_PR = (
    '<w:sectPr><w:footerReference w:type="default" r:id="rId3"/>'
    '<w:footerReference w:type="even" r:id="rId4"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
    f'w:left="{MARGIN_LEFT}" w:header="851" w:footer="{FOOTER_DISTANCE}" w:gutter="0"/>'
    '<w:pgNumType w:start="1"/>'
    # A line grid only: a character grid (type linesAndChars, charSpace -849 for exactly 28 a
    # line in Word) is spread out to ~16 a line by LibreOffice, so we leave character pitch alone.
    f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/></w:sectPr>'
)


def _footer(align: str, indent: str) -> str:
    rpr = _rpr(PAGE_FONT, PAGE_SIZE, latin=PAGE_FONT)
    return (
        f'{_XML_DECL}<w:ftr {_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/>'
        f'<w:ind {indent}="280"/><w:jc w:val="{align}"/></w:pPr>'
        f"{_run('— ', rpr)}"
        f'<w:fldSimple w:instr=" PAGE "><w:r>{rpr}<w:t>1</w:t></w:r></w:fldSimple>'
        f"{_run(' —', rpr)}</w:p></w:ftr>"
    )


def _style(
    sid: str,
    name: str,
    east: str,
    *,
    bold: bool = False,
    outline: int | None = None,
    size: int = BODY_SIZE,
    extra_ppr: str = "",
    latin: str = LATIN_FONT,
) -> str:
    lvl = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    keep = "<w:keepNext/>" if outline is not None else ""
    return (
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{keep}{extra_ppr}{lvl}</w:pPr>{_rpr(east, size, bold, latin)}</w:style>"
    )


_STYLES = (
    f"{_XML_DECL}<w:styles {_NS}>"
    "<w:docDefaults><w:rPrDefault>"
    f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" '
    f'w:cs="{LATIN_FONT}"/><w:kern w:val="2"/><w:sz w:val="{BODY_SIZE}"/>'
    f'<w:szCs w:val="{BODY_SIZE}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    "</w:rPrDefault><w:pPrDefault><w:pPr>"
    f'<w:spacing w:before="0" w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:widowControl w:val="0"/>'
    f'<w:ind w:firstLineChars="200" w:firstLine="{INDENT}"/><w:jc w:val="both"/></w:pPr>'
    f"{_BODY_RPR}</w:style>"
    + _style(
        "Title",
        "Title",
        TITLE_FONT,
        size=TITLE_SIZE,
        extra_ppr=(
            '<w:snapToGrid w:val="0"/><w:spacing w:line="700" w:lineRule="exact"/>'
            '<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/>'
        ),
        latin=TITLE_FONT,
    )
    + _style("Heading1", "heading 1", HEI_FONT, outline=0)
    + _style("Heading2", "heading 2", KAI_FONT, outline=1)
    + _style("Heading3", "heading 3", BODY_FONT, bold=True, outline=2)
    + _style("Heading4", "heading 4", BODY_FONT, outline=3)
    + _style(
        "Footer",
        "footer",
        PAGE_FONT,
        size=PAGE_SIZE,
        extra_ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/>',
        latin=PAGE_FONT,
    )
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    "</w:styles>"
)

_SETTINGS = (
    f'{_XML_DECL}<w:settings {_NS}><w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>'
)

_CONTENT_TYPES = (
    f'{_XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_RELS = (
    f'{_XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_DOC_RELS = (
    f'{_XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>'
    '<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    "</Relationships>"
)

# Word's font table: the English name each Chinese font is also known by (so Word for
# Mac and systems with English font registrations find it), GB2312 charset 86, and the
# PANOSE class, which lets a reader without the font pick a like one.
_FONT_INFO = (
    (TITLE_FONT, "FZXiaoBiaoSong-B05S", "02000000000000000000", "auto", "variable"),
    (BODY_FONT, "FangSong_GB2312", "02010609030101010101", "modern", "fixed"),
    (HEI_FONT, "SimHei", "02010609060101010101", "modern", "fixed"),
    (KAI_FONT, "KaiTi_GB2312", "02010609030101010101", "modern", "fixed"),
    (PAGE_FONT, "SimSun", "02010600030101010101", "auto", "variable"),
)
_FONT_TABLE = (
    f"{_XML_DECL}<w:fonts {_NS}>"
    + "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:panose1 w:val="{panose}"/>'
        f'<w:charset w:val="86"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, panose, family, pitch in _FONT_INFO
    )
    + f'<w:font w:name="{LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/>'
    '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    "</w:fonts>"
)

_APP = (
    f'{_XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>orglife</Application></Properties>"
)


def _core(title: str) -> str:
    return (
        f'{_XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_t(title)}</dc:title><dc:creator>orglife</dc:creator></cp:coreProperties>"
    )


def document_xml(material: Material) -> str:
    """``word/document.xml`` for the material."""
    lines = layout(material)
    parts = [f"{_XML_DECL}<w:document {_NS}><w:body>"]
    for n, line in enumerate(lines):
        parts.append(_paragraph(line))
        if n == 0 and line.role == "title":
            parts.append("<w:p/>")  # the blank line between title and text
    parts.append(_SECT_PR)
    parts.append("</w:body></w:document>")
    return "".join(parts)


def render_docx(material: Material) -> bytes:
    """The material as a .docx in the official document format; the bytes of the file.

    The output is deterministic (fixed zip timestamps), so the same material
    always gives the same bytes.
    """
    files = (
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _RELS),
        ("word/document.xml", document_xml(material)),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/styles.xml", _STYLES),
        ("word/settings.xml", _SETTINGS),
        ("word/fontTable.xml", _FONT_TABLE),
        ("word/footer1.xml", _footer("right", "w:right")),
        ("word/footer2.xml", _footer("left", "w:left")),
        ("docProps/core.xml", _core(material.title)),
        ("docProps/app.xml", _APP),
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
