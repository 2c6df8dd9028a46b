"""Reading the paragraphs of a .docx as lines of text, in body order.

We read ``word/document.xml`` with lxml directly rather than through
python-docx: it is several times faster, lets us refuse DTDs before parsing,
and gives us what python-docx does not: table cells in body order, and the
numbers of Word's automatic numbering (``numPr``), which are not in the text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from orglife.documents.numerals import CIRCLED, int_to_cn
from orglife.documents.safe_zip import open_docx_zip, read_part
from orglife.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P = f"{{{W}}}p"
_TBL = f"{{{W}}}tbl"
_SDT = f"{{{W}}}sdt"
_T = f"{{{W}}}t"
_TAB = f"{{{W}}}tab"
_BR = f"{{{W}}}br"
_CR = f"{{{W}}}cr"
_FALLBACK = f"{{{MC}}}Fallback"
_VAL = f"{{{W}}}val"
_MOVE_FROM = f"{{{W}}}moveFrom"
_CUSTOM_XML = f"{{{W}}}customXml"
_SKIP = frozenset((_FALLBACK, _MOVE_FROM))

# No entity resolution, no network, no DTD: the bytes were already checked, this is depth.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def _xml(data: bytes, name: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError("文件已损坏（XML 无法解析）", f"corrupt XML in {name}: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise InputError("文件含有不允许的 XML 声明（DOCTYPE），已拒绝", f"{name} declares a DTD")
    return root


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Word's list definitions and the running counters of one reading pass."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list ``num_id`` at ``ilvl``."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 10)
        lvl = levels[ilvl]
        if lvl.fmt in ("bullet", "none"):
            return ""
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
        for deeper in range(ilvl + 1, 10):  # a higher level restarts the ones below it
            counts[deeper] = 0
        text = lvl.text
        for k in range(ilvl + 1):
            if f"%{k + 1}" in text:
                kl = levels.get(k, _Level())
                n = counts[k] or kl.start
                text = text.replace(f"%{k + 1}", _format(n, kl.fmt))
        return text


def _format(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt in (
        "ideographTraditional",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return int_to_cn(n) if 0 < n < 100 else str(n)
    if fmt.startswith("decimalEnclosedCircle"):
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("lowerLetter", "upperLetter"):
        c = chr(ord("a") + (n - 1) % 26)
        return c.upper() if fmt == "upperLetter" else c
    if fmt in ("lowerRoman", "upperRoman"):
        r = _roman(n)
        return r if fmt == "upperRoman" else r.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += sym
            n -= value
    return out


def _val(el: etree._Element | None, default: str = "") -> str:
    if el is None:
        return default
    return str(el.get(_VAL, default))


def read_numbering(numbering_xml: bytes | None, styles_xml: bytes | None) -> Numbering:
    """Parse numbering.xml (and the numbered paragraph styles of styles.xml)."""
    num = Numbering()
    if numbering_xml:
        root = _xml(numbering_xml, "word/numbering.xml")
        abstract: dict[str, dict[int, _Level]] = {}
        for an in root.iterfind(f"{{{W}}}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in an.iterfind(f"{{{W}}}lvl"):
                ilvl = int(lvl.get(f"{{{W}}}ilvl", "0"))
                start = _val(lvl.find(f"{{{W}}}start"), "1")
                levels[ilvl] = _Level(
                    start=int(start) if start.isdigit() else 1,
                    fmt=_val(lvl.find(f"{{{W}}}numFmt"), "decimal"),
                    text=_val(lvl.find(f"{{{W}}}lvlText"), ""),
                )
            abstract[str(an.get(f"{{{W}}}abstractNumId"))] = levels
        for n in root.iterfind(f"{{{W}}}num"):
            aid = _val(n.find(f"{{{W}}}abstractNumId"))
            levels = {k: _Level(v.start, v.fmt, v.text) for k, v in abstract.get(aid, {}).items()}
            for ov in n.iterfind(f"{{{W}}}lvlOverride"):
                so = ov.find(f"{{{W}}}startOverride")
                ilvl = int(ov.get(f"{{{W}}}ilvl", "0"))
                if so is not None and ilvl in levels and _val(so).isdigit():
                    levels[ilvl].start = int(_val(so))
            num.levels[str(n.get(f"{{{W}}}numId"))] = levels
    if styles_xml:
        root = _xml(styles_xml, "word/styles.xml")
        based: dict[str, str] = {}
        own: dict[str, tuple[str, int]] = {}
        for st in root.iterfind(f"{{{W}}}style"):
            sid = str(st.get(f"{{{W}}}styleId"))
            b = st.find(f"{{{W}}}basedOn")
            if b is not None:
                based[sid] = _val(b)
            npr = st.find(f"{{{W}}}pPr/{{{W}}}numPr")
            if npr is not None:
                nid = _val(npr.find(f"{{{W}}}numId"))
                il = _val(npr.find(f"{{{W}}}ilvl"), "0")
                own[sid] = (nid, int(il) if il.isdigit() else 0)
        for sid in based.keys() | own.keys():
            cur, seen = sid, set()
            while cur and cur not in own and cur not in seen:
                seen.add(cur)
                cur = based.get(cur, "")
            if cur in own:
                num.style_num[sid] = own[cur]
    return num


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    skipping = False
    for el in p.iter(_T, _TAB, _BR, _CR, _P, _FALLBACK, _MOVE_FROM):
        tag = el.tag
        if tag in _SKIP:
            skipping = True
        elif skipping and _skipped(el, p):
            continue
        elif tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _P:
            if el is not p:  # a text box's paragraph inside this one
                parts.append("\n")
        elif el.get(f"{{{W}}}type") != "page":
            # A page break is layout; a line break inside a paragraph is a line.
            parts.append("\n")
    return "".join(parts)


def _skipped(el: etree._Element, stop: etree._Element) -> bool:
    # mc:Fallback repeats mc:Choice's text boxes for old readers, and w:moveFrom is the
    # old place of text moved with tracked changes: both would read text twice.
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _SKIP:
            return True
        parent = parent.getparent()
    return False


def _number_of(p: etree._Element, numbering: Numbering) -> str:
    ppr = p.find(f"{{{W}}}pPr")
    if ppr is None:
        return ""
    npr = ppr.find(f"{{{W}}}numPr")
    if npr is not None:
        nid = _val(npr.find(f"{{{W}}}numId"))
        il = _val(npr.find(f"{{{W}}}ilvl"), "0")
        if nid and nid != "0":
            return numbering.label(nid, int(il) if il.isdigit() else 0)
        return ""
    style = ppr.find(f"{{{W}}}pStyle")
    if style is not None and _val(style) in numbering.style_num:
        nid, il2 = numbering.style_num[_val(style)]
        if nid != "0":
            return numbering.label(nid, il2)
    return ""


def _blocks(parent: etree._Element, numbering: Numbering) -> Iterator[str]:
    for child in parent:
        tag = child.tag
        if tag == _P:
            text = _paragraph_text(child)
            if numbering.levels and text.strip():
                text = _number_of(child, numbering) + text
            yield text
        elif tag == _TBL:
            # Cells are read row by row, each cell's paragraphs in order.
            for tr in child.iterfind(f"{{{W}}}tr"):
                for tc in tr.iterfind(f"{{{W}}}tc"):
                    yield from _blocks(tc, numbering)
        elif tag == _SDT:
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                yield from _blocks(content, numbering)
        elif tag == _CUSTOM_XML:
            yield from _blocks(child, numbering)


def docx_lines(data: bytes) -> list[str]:
    """Every paragraph of a .docx body as a line, tables and content controls included.

    Raises InputError for anything that is not a safe, readable .docx.
    """
    zf = open_docx_zip(data)
    with zf:
        try:
            document = read_part(zf, "word/document.xml")
            numbering_xml = read_part(zf, "word/numbering.xml")
            styles_xml = read_part(zf, "word/styles.xml")
            done = {"word/document.xml", "word/numbering.xml", "word/styles.xml"}
            for info in zf.infolist():  # any other part with a DTD marks a crafted file
                if info.filename.endswith((".xml", ".rels")) and info.filename not in done:
                    read_part(zf, info.filename)
        except zipfile.BadZipFile as exc:
            raise InputError("文件已损坏，无法作为 Word 文档打开", f"corrupt zip: {exc}") from exc
    assert document is not None  # open_docx_zip checked the part is there
    root = _xml(document, "word/document.xml")
    body = root.find(f"{{{W}}}body")
    if body is None:
        raise InputError("Word 文档没有正文", "the .docx has no body")
    numbering = read_numbering(numbering_xml, styles_xml if numbering_xml else None)
    lines: list[str] = []
    for block in _blocks(body, numbering):
        lines.extend(block.split("\n"))
    return lines
