"""Reading the paragraphs of a .docx as lines of text, in body order.

We read ``word/document.xml`` with lxml directly rather than through
python-docx: it is several times faster, lets us refuse DTDs before parsing,
and gives us what python-docx does not: table cells in body order, and the
numbers of Word's automatic numbering (``numPr``), which are not in the text.

Every value taken from the file is validated and bounded (``limits``): list
levels and start values are checked, chains of styles and list links are
followed a bounded number of steps, and document.xml is parsed as a stream,
counting characters and elements as they arrive, so a crafted file is refused
before its text is ever built whole.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from orglife.documents.headings import (
    MAX_PLAIN_HEADING,
    heading_mark,
    is_plain_heading,
    split_run_in,
)
from orglife.documents.limits import MAX_AUX_PART_BYTES, Budget
from orglife.documents.normalize import display_width, ends_mid_sentence, ends_sentence
from orglife.documents.numerals import CIRCLED, int_to_cn
from orglife.documents.safe_zip import iter_part, open_docx_zip, read_part, scan_part
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
_BODY = f"{{{W}}}body"
_SKIP = frozenset((_FALLBACK, _MOVE_FROM))
_BLOCK_TAGS = frozenset((_P, _TBL, _SDT, _CUSTOM_XML))
# Elements that hold text: what we read (w:t) and what we skip but still hold in memory
# until its paragraph is done (deleted text, field codes).
_TEXT_TAGS = frozenset((_T, f"{{{W}}}delText", f"{{{W}}}instrText", f"{{{W}}}delInstrText"))

# No entity resolution, no network, no DTD: the bytes were already checked, this is depth.
# huge_tree stays off, so libxml2 itself caps nesting depth and the size of one text node.
_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
}
_PARSER = etree.XMLParser(**_PARSER_OPTIONS)  # type: ignore[arg-type]

# Word has nine list levels (0–8); start values beyond this are not real lists.
MAX_LEVEL = 8
MAX_START = 32_767
MAX_LEVEL_TEXT = 64  # a level's text is a few characters around its placeholders
_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True, int("²") fails
# A soft line break stands for this in a paragraph's text until it is resolved.
SOFT_BREAK = "\x0b"
# A title at the end of a leading title-block table or the paragraph after it.
_TITLE_END = re.compile(r"(材料|提纲|发言|报告|讲话|对照检查)[）)]?$")


def _xml(data: bytes, name: str) -> etree._Element:
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError("文件已损坏（XML 无法解析）", f"corrupt XML in {name}: {exc}") from exc
    if root.getroottree().docinfo.doctype:
        raise InputError("文件含有不允许的 XML 声明（DOCTYPE），已拒绝", f"{name} declares a DTD")
    return root


def _int(value: str | None, *, low: int, high: int) -> int | None:
    """A bounded integer from an attribute, or None when it is not one (never raises)."""
    if value is None or not _NUMBER.fullmatch(value.strip()):
        return None
    n = int(value.strip())
    return n if low <= n <= high else None


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl


@dataclass
class Numbering:
    """Word's list definitions and the running counters of one reading pass."""

    abstracts: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, _Num] = field(default_factory=dict)
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    counters: dict[str, list[int]] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)
    _resolved: dict[str, dict[int, _Level]] = field(default_factory=dict)

    def _levels(self, num_id: str) -> dict[int, _Level]:
        if num_id not in self._resolved:
            num = self.nums.get(num_id)
            levels: dict[int, _Level] = {}
            if num is not None:
                levels = {
                    k: _Level(v.start, v.fmt, v.text)
                    for k, v in self.abstracts.get(num.abstract, {}).items()
                }
                levels.update(num.levels)
                for ilvl, start in num.starts.items():
                    if ilvl in levels:
                        levels[ilvl].start = start
            self.budget.step("word/numbering.xml", 1 + len(levels))
            self._resolved[num_id] = levels
        return self._resolved[num_id]

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list ``num_id`` at ``ilvl``."""
        levels = self._levels(num_id)
        if not 0 <= ilvl <= MAX_LEVEL or ilvl not in levels:
            return ""
        lvl = levels[ilvl]
        if lvl.fmt in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(num_id, [0] * (MAX_LEVEL + 1))
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
        for deeper in range(ilvl + 1, MAX_LEVEL + 1):  # a higher level restarts those below
            counts[deeper] = 0
        text = lvl.text
        for k in range(ilvl + 1):
            if f"%{k + 1}" in text:
                kl = levels.get(k, _Level())
                n = counts[k] or kl.start
                text = text.replace(f"%{k + 1}", _format(n, kl.fmt))
        return text


def _format(n: int, fmt: str) -> str:
    # n is at most MAX_START plus the number of paragraphs: every branch is bounded.
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


_ROMAN = (
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
)


def _roman(n: int) -> str:
    """Roman numerals up to 3999 (what Word shows); beyond that, or below 1, the digits."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        count, n = divmod(n, value)
        out.append(sym * count)
    return "".join(out)


def _val(el: etree._Element | None, default: str = "") -> str:
    if el is None:
        return default
    return str(el.get(_VAL, default))


def _level(lvl: etree._Element) -> _Level:
    text = _val(lvl.find(f"{{{W}}}lvlText"), "")
    return _Level(
        start=_int(_val(lvl.find(f"{{{W}}}start"), "1"), low=0, high=MAX_START) or 1,
        fmt=_val(lvl.find(f"{{{W}}}numFmt"), "decimal")[:64],
        # An absurd level text would be repeated before every paragraph: no number instead.
        text=text if len(text) <= MAX_LEVEL_TEXT else "",
    )


def _levels_of(parent: etree._Element, budget: Budget) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.iterfind(f"{{{W}}}lvl"):
        budget.step("word/numbering.xml")
        ilvl = _int(lvl.get(f"{{{W}}}ilvl", "0"), low=0, high=MAX_LEVEL)
        if ilvl is not None:  # a level Word could never show is ignored
            levels[ilvl] = _level(lvl)
    return levels


def read_numbering(
    numbering_xml: bytes | None, styles_xml: bytes | None, *, budget: Budget | None = None
) -> Numbering:
    """Parse numbering.xml (and the numbered paragraph styles of styles.xml).

    Invalid values (a level that is not 0–8, a start that is not a small number,
    an over-long level text) are ignored as Word ignores them; chains of styles
    and of list-style links are followed within ``budget``.
    """
    num = Numbering(budget=budget or Budget())
    if numbering_xml:
        root = _xml(numbering_xml, "word/numbering.xml")
        style_links: dict[str, str] = {}  # abstractNumId -> list style it takes levels from
        owners: dict[str, str] = {}  # list style -> abstractNumId that defines it
        for an in root.iterfind(f"{{{W}}}abstractNum"):
            aid = str(an.get(f"{{{W}}}abstractNumId"))
            num.abstracts[aid] = _levels_of(an, num.budget)
            if (link := an.find(f"{{{W}}}numStyleLink")) is not None:
                style_links[aid] = _val(link)
            if (own := an.find(f"{{{W}}}styleLink")) is not None:
                owners[_val(own)] = aid
        for n in root.iterfind(f"{{{W}}}num"):
            num.budget.step("word/numbering.xml")
            entry = _Num(abstract=_val(n.find(f"{{{W}}}abstractNumId")))
            for ov in n.iterfind(f"{{{W}}}lvlOverride"):
                num.budget.step("word/numbering.xml")
                ilvl = _int(ov.get(f"{{{W}}}ilvl", "0"), low=0, high=MAX_LEVEL)
                if ilvl is None:
                    continue
                start = _int(_val(ov.find(f"{{{W}}}startOverride"), ""), low=0, high=MAX_START)
                if start is not None:
                    entry.starts[ilvl] = start
                if (lvl := ov.find(f"{{{W}}}lvl")) is not None:
                    entry.levels[ilvl] = _level(lvl)
            num.nums[str(n.get(f"{{{W}}}numId"))] = entry
        _follow_style_links(num, style_links, owners)
    if styles_xml:
        _read_styles(num, _xml(styles_xml, "word/styles.xml"))
    return num


def _follow_style_links(num: Numbering, links: dict[str, str], owners: dict[str, str]) -> None:
    """An abstractNum with ``numStyleLink`` takes its levels from the list style's definition
    (possibly through more links); cycles and long chains end within the budget."""
    for aid, style in links.items():
        if num.abstracts.get(aid):
            continue
        seen = {aid}
        target = owners.get(style)
        while target is not None and target not in seen:
            num.budget.step("word/numbering.xml")
            seen.add(target)
            if num.abstracts.get(target):
                num.abstracts[aid] = num.abstracts[target]
                break
            target = owners.get(links.get(target, ""))


def _read_styles(num: Numbering, root: etree._Element) -> None:
    based: dict[str, str] = {}
    own: dict[str, tuple[str, int]] = {}
    for st in root.iterfind(f"{{{W}}}style"):
        num.budget.step("word/styles.xml")
        sid = str(st.get(f"{{{W}}}styleId"))
        b = st.find(f"{{{W}}}basedOn")
        if b is not None:
            based[sid] = _val(b)
        npr = st.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if npr is not None:
            nid = _val(npr.find(f"{{{W}}}numId"))
            il = _int(_val(npr.find(f"{{{W}}}ilvl"), "0"), low=0, high=MAX_LEVEL)
            own[sid] = (nid, il or 0)
    # Each style's list comes from the nearest ancestor that has one. Memoised, so a
    # chain of n styles costs n steps, not n²; a cycle resolves to "no list".
    resolved: dict[str, tuple[str, int] | None] = {}
    for sid in based.keys() | own.keys():
        chain: list[str] = []
        cur: str | None = sid
        found: tuple[str, int] | None = None
        while cur and cur not in resolved:
            num.budget.step("word/styles.xml")
            if cur in own:
                found = own[cur]
                break
            if cur in chain:
                break
            chain.append(cur)
            cur = based.get(cur)
        else:
            if cur:
                found = resolved[cur]
        for c in chain:
            resolved[c] = found
        if cur in own:
            resolved[cur] = own[cur]
    num.style_num = {k: v for k, v in resolved.items() if v is not None}


def _paragraph_text(p: etree._Element) -> str:
    """A paragraph's text; text boxes inside it become lines (``\\n``), soft line breaks
    become ``SOFT_BREAK`` for ``resolve_soft_breaks`` to keep or join."""
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
            # A page break is layout; a line break inside a paragraph may be a line.
            parts.append(SOFT_BREAK)
    return "".join(parts)


def resolve_soft_breaks(text: str) -> str:
    """Keep a soft line break (``w:br``) where it ends a sentence or a heading, or where a
    heading follows it; join one that falls inside a sentence.

    ``…准备。⏎一、存在的问题⏎（一）…`` keeps both breaks; ``学习不够深入，⏎联系实际不够。``
    becomes one line. A short line without final punctuation is taken as a heading
    or a title line, so its break is kept.
    """
    if SOFT_BREAK not in text:
        return text
    pieces = text.split(SOFT_BREAK)
    out = [pieces[0]]
    for piece in pieces[1:]:
        before, after = out[-1].strip(), piece.strip()
        if (
            before
            and after
            and not ends_sentence(before)
            and not _closed_heading(before)
            and heading_mark(after) is None
            and (ends_mid_sentence(before) or not is_plain_heading(before))
        ):
            out[-1] = _glue(out[-1].rstrip(), piece.lstrip())
        else:
            out.append(piece)
    return "\n".join(out)


def _closed_heading(line: str) -> bool:
    """A numbered heading with nothing run into it (``一、存在的问题``); one that runs into
    its text (``（一）理论学习方面。理论学习…``) can be cut by a wrap like any line."""
    mark = heading_mark(line)
    return (
        mark is not None
        and not split_run_in(mark.rest)[1]
        and display_width(mark.rest) <= MAX_PLAIN_HEADING
    )


def _glue(a: str, b: str) -> str:
    # Two Latin words on either side of the break need their space back.
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


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
        il = _int(_val(npr.find(f"{{{W}}}ilvl"), "0"), low=0, high=MAX_LEVEL)
        if nid and nid != "0" and il is not None:
            return numbering.label(nid, il)
        return ""
    style = ppr.find(f"{{{W}}}pStyle")
    if style is not None and _val(style) in numbering.style_num:
        nid, il2 = numbering.style_num[_val(style)]
        if nid != "0":
            return numbering.label(nid, il2)
    return ""


def _blocks(parent: etree._Element, numbering: Numbering) -> Iterator[str]:
    for child in parent:
        yield from _block(child, numbering)


def _block(child: etree._Element, numbering: Numbering) -> Iterator[str]:
    tag = child.tag
    if tag == _P:
        text = resolve_soft_breaks(_paragraph_text(child))
        if numbering.nums and text.strip():
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


def _title_like(line: str) -> bool:
    s = line.strip()
    return (
        bool(_TITLE_END.search(s))
        and display_width(s) <= 60
        and heading_mark(s) is None
        and not ends_sentence(s)
    )


class _Lines:
    """Collects the lines handed to the parser, spending from the budget as they come.

    A table before any text is a title block (红头, unit name, date, the title in a
    cell): its lines are held back so that the title — the title-like cell, or the
    title paragraph right after the table — comes first, as the parser expects.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.lines: list[str] = []
        self.held: list[str] | None = None
        self.any_text = False

    def _add(self, line: str) -> None:
        self.budget.spend_lines()
        self.lines.append(line)

    def block(self, element: etree._Element, numbering: Numbering) -> None:
        texts = [ln for block in _block(element, numbering) for ln in block.split("\n")]
        has_text = any(t.strip() for t in texts)
        if (
            element.tag == _TBL
            and has_text
            and not self.any_text
            and self.held is None
            and all(display_width(t.strip()) <= 60 for t in texts)
        ):
            self.any_text = True
            titles = [t for t in texts if _title_like(t)]
            if titles:
                at = texts.index(titles[0])
                for t in [titles[0], *texts[:at], *texts[at + 1 :]]:
                    self._add(t)
            else:
                self.held = texts
            return
        self.any_text = self.any_text or has_text
        if self.held is not None and has_text:
            held, self.held = self.held, None
            first = next(t for t in texts if t.strip())
            if _title_like(first):
                self._add(first)
                texts = texts[texts.index(first) + 1 :]
            for t in held:
                self._add(t)
        for t in texts:
            self._add(t)

    def finish(self) -> list[str]:
        for t in self.held or []:
            self._add(t)
        self.held = None
        return self.lines


def _stream_body(chunks: Iterable[bytes], numbering: Numbering, budget: Budget) -> list[str]:
    """Parse word/document.xml as it is inflated; each top-level block is turned into lines
    and freed at once, and every element and character is counted against ``budget``."""
    parser = etree.XMLPullParser(events=("end",), **_PARSER_OPTIONS)  # type: ignore[call-overload]
    out = _Lines(budget)
    seen_body = False
    try:
        for chunk in chunks:
            parser.feed(chunk)
            for _, el in parser.read_events():
                budget.spend_elements()
                tag = el.tag
                if tag in _TEXT_TAGS:
                    budget.spend_chars(len(el.text or ""))
                    continue
                parent = el.getparent()
                if parent is None:
                    continue
                if tag == _BODY:
                    seen_body = True
                elif parent.tag == _BODY:
                    if tag in _BLOCK_TAGS:
                        out.block(el, numbering)
                    # Free what is done: the block's subtree and the blocks before it.
                    el.clear()
                    while el.getprevious() is not None:
                        del parent[0]
        root = parser.close()
    except etree.XMLSyntaxError as exc:
        raise InputError(
            "文件已损坏（XML 无法解析）", f"corrupt XML in word/document.xml: {exc}"
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise InputError(
            "文件含有不允许的 XML 声明（DOCTYPE），已拒绝", "word/document.xml declares a DTD"
        )
    if not seen_body:
        raise InputError("Word 文档没有正文", "the .docx has no body")
    return out.finish()


def docx_lines(data: bytes, *, budget: Budget | None = None) -> list[str]:
    """Every paragraph of a .docx body as a line, tables and content controls included.

    Soft line breaks that end a sentence or a heading are lines too; one inside a
    sentence is joined. ``budget`` (one per file; the defaults of ``limits``) bounds the
    characters, lines, XML elements and numbering steps spent. Raises InputError for
    anything that is not a safe, readable .docx within those limits.
    """
    budget = budget or Budget()
    zf = open_docx_zip(data)
    with zf:
        try:
            numbering_xml = read_part(zf, "word/numbering.xml", limit=MAX_AUX_PART_BYTES)
            styles_xml = None
            if numbering_xml:
                styles_xml = read_part(zf, "word/styles.xml", limit=MAX_AUX_PART_BYTES)
            done = {"word/document.xml", "word/numbering.xml"}
            if numbering_xml:
                done.add("word/styles.xml")
            for info in zf.infolist():  # any other part with a DTD marks a crafted file
                if info.filename.endswith((".xml", ".rels")) and info.filename not in done:
                    scan_part(zf, info.filename)
            numbering = read_numbering(numbering_xml, styles_xml, budget=budget)
            chunks = iter_part(zf, "word/document.xml")
            assert chunks is not None  # open_docx_zip checked the part is there
            return _stream_body(chunks, numbering, budget)
        except zipfile.BadZipFile as exc:
            raise InputError("文件已损坏，无法作为 Word 文档打开", f"corrupt zip: {exc}") from exc
