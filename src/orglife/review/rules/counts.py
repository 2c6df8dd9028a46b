"""Counts that do not match their lists, and numbering that skips or repeats.

- "以下四个方面原因：" followed by five items (the seed's section 六);
- "存在三点不足：一是…二是…" (the series that follows is counted);
- "理论学习、政治素质、能力本领六个方面" (the list before the count);
- （一）（二）（四）, 一是…二是…四是…, 1. 2. 2. — in items, sections and running text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from orglife.documents.model import Block
from orglife.review.enumeration import Marker, Series, find_series
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK, cn_int, cn_str, count_numeral, same_style_numeral

_NUMERALS = "一二两三四五六七八九十"
_NUM = f"(?P<num>[{_NUMERALS}]{{1,3}}|\\d{{1,2}})"
_UNITS = "个方面|方面|个问题|个|点|条|项|种|类|组|部分"
_UNIT = f"(?P<unit>{_UNITS})"
# A count that announces a list after it: "以下四个方面原因：", "三点不足：".
_ANNOUNCE = re.compile(f"(?P<pre>以下|如下|下列|下面|下述)?{_NUM}{_UNIT}")
# Words only (no character class among them): the search jumps to their first characters.
_MAY_ANNOUNCE = re.compile("以下|如下|下列|下面|下述|：|:")
_CLAUSE_STOP = re.compile("[，。；！？,;!?]")
_COLON = re.compile("[：:]")
# What may follow an announcement that closes its paragraph: "原因：", "抓好整改：".
_ENDS_BLOCK = re.compile(f"[{CJK}]{{0,12}}[：:]?\\s*")
# A list before its count: "A、B、C六个方面", "“深化、内化、转化”三组关键词".
_BACKWARD_UNITS = "个方面|方面|项|条|点|种|组"
_BACKWARD = re.compile(f"(?<=[{CJK}”’]){_NUM}(?P<unit>{_BACKWARD_UNITS})")
# A numeral right before a unit, which every count holds. _ANNOUNCE and _BACKWARD start
# with an optional word or a lookbehind and so are tried at every place of a text; these
# start with a character class and are searched fast: a block without one is skipped.
_COUNT_CORE = re.compile(f"[{_NUMERALS}\\d](?:{_UNITS})")
_BACKWARD_CORE = re.compile(f"[{_NUMERALS}\\d](?:{_BACKWARD_UNITS})")
_LIST_STOP = re.compile(f"[^{CJK}“”‘’、]")
_NOT_A_LIST = re.compile("[和与及或等]|的$")


def _list_before(text: str, end: int) -> list[str]:
    """The 、-separated items that end at ``end`` (back to the last other mark)."""
    start = end
    while start > 0 and _LIST_STOP.match(text, start - 1) is None and end - start < 200:
        start -= 1
    items = text[start:end].split("、")
    if len(items) > 1 and len(items[0]) > 15:
        items[0] = items[0][-15:]
    return items


def _series(ctx: Context) -> list[Series]:
    """The inline series of the material, found once per check."""
    if "series" not in ctx.cache:
        ctx.cache["series"] = find_series(ctx.blocks)
    return ctx.cache["series"]  # type: ignore[no-any-return]


def _announced(text: str) -> Iterator[re.Match[str]]:
    """Counts in ``text`` that announce a list to follow."""
    if _MAY_ANNOUNCE.search(text) is None or _COUNT_CORE.search(text) is None:
        return  # neither 以下/如下… nor a colon, or no count: nothing here announces a list
    for m in _ANNOUNCE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in "第每这那前后近共约各上":
            continue  # 第三点, 这三个方面: references, not announcements
        rest = text[m.end() : m.end() + 16]
        stop = _CLAUSE_STOP.search(rest)
        colon = _COLON.search(rest)
        has_colon = colon is not None and (stop is None or colon.start() < stop.start())
        if m.group("pre") or has_colon:
            yield m


def _series_after(
    series: list[Series], block: Block, pos: int, next_block: Block | None
) -> Series | None:
    """The first series starting at 1 after ``pos`` in ``block`` (or at the start of the next)."""
    for s in series:
        first = s.markers[0]
        if first.value != 1:
            continue
        if first.block == block.index and first.start >= pos:
            return s
        if next_block is not None and first.block == next_block.index and first.start <= 1:
            return s
    return None


def _items_after(ctx: Context, block: Block) -> int | None:
    """The number of items of the section when ``block`` is its last own paragraph."""
    if block.kind != "paragraph" or block.section_index is None:
        return None
    section = ctx.material.sections[block.section_index]
    if len(section.items) < 2 or not section.paragraphs or section.paragraphs[-1] != block.text:
        return None
    return len(section.items)


@rule("count-mismatch", family="counts", name="数量与所列条目不符", severity="error")
def count_mismatch(ctx: Context) -> Iterator[Finding]:
    """A count (以下四个方面, 三点不足, …六个方面) that its list does not bear out."""
    series = _series(ctx)
    blocks = ctx.blocks
    for n, block in enumerate(blocks):
        text = block.text
        if block.kind.endswith("heading"):
            continue
        next_block = blocks[n + 1] if n + 1 < len(blocks) else None
        for m in _announced(text):
            said = cn_int(m.group("num"))
            if said is None or said < 2:
                continue
            found: int | None = None
            s = _series_after(series, block, m.end(), next_block)
            if s is not None:
                # The list must begin right after the announcement, not sentences later.
                first = s.markers[0]
                gap = text[m.end() : first.start] if first.block == block.index else text[m.end() :]
                if len(gap) <= 12 or _COLON.search(gap[:12]):
                    found = len(s.markers)
            if found is None and _ENDS_BLOCK.fullmatch(text, m.end()):
                found = _items_after(ctx, block)
            if found is not None and found != said:
                numeral = count_numeral(found, m.group("num"))
                yield ctx.finding(
                    block,
                    m.start("num"),
                    m.end("unit"),
                    f"数量与所列条目不符：写“{m.group('num')}{m.group('unit')}”，实际列出{'两' if found == 2 else cn_str(found)}项",
                    f"{numeral}{m.group('unit')}",
                )
        if "、" not in text or _BACKWARD_CORE.search(text) is None:
            continue
        for m in _BACKWARD.finditer(text):
            items = _list_before(text, m.start())
            if len(items) < 3 or any(not i or _NOT_A_LIST.search(i) for i in items):
                continue
            middle = max(len(i) for i in items[1:-1])
            if len(items[-1]) > middle + 1:
                continue  # "在思想、作风上存在三个…": the last "item" runs into the sentence
            said = cn_int(m.group("num"))
            if said is None or said == len(items):
                continue
            numeral = count_numeral(len(items), m.group("num"))
            yield ctx.finding(
                block,
                m.start("num"),
                m.end("unit"),
                f"数量与所列条目不符：前面列出{cn_str(len(items))}项，却写“{m.group('num')}{m.group('unit')}”",
                f"{numeral}{m.group('unit')}",
            )


def _sequence_problems(values: list[int]) -> Iterator[tuple[int, str, int]]:
    """(position, message, expected value) for every marker out of sequence."""
    prev = values[0]
    for k in range(1, len(values)):
        v = values[k]
        if v == prev + 1:
            prev = v
        elif v == prev:
            yield k, "编号重复", prev + 1
            prev += 1  # read it as the number it should have been: 1 2 2 4 is one slip
        elif v > prev + 1:
            yield k, "编号跳号", prev + 1
            prev = v
        else:
            yield k, "编号顺序错乱", prev + 1
            prev += 1


def _heading_block(ctx: Context, section_index: int, item: int | None) -> Block | None:
    for b in ctx.blocks:
        if b.section_index == section_index and b.item == item:
            return b
    return None


@rule("numbering-sequence", family="counts", name="编号跳号或重复", severity="error")
def numbering_sequence(ctx: Context) -> Iterator[Finding]:
    """Sections, items and inline series whose numbers skip, repeat or go backwards."""
    # Sections: 一、二、三…
    numbered = [(k, s) for k, s in enumerate(ctx.material.sections) if s.number]
    values = [cn_int(s.number or "") for _, s in numbered]
    if numbered and all(v is not None for v in values):
        for pos, msg, expected in _sequence_problems([v for v in values if v is not None]):
            k, s = numbered[pos]
            if values[pos] == 1 and numbered[pos - 1][1].items:
                # 5、6、7、（三）1、: a heading of another level stood between, so the
                # numbers restart under it (a text that begins inside a larger document).
                continue
            block = _heading_block(ctx, k, None)
            if block is not None:
                yield ctx.finding(
                    block,
                    0,
                    len(block.text),
                    f"{msg}：部分“{numbered[pos - 1][1].number}”之后是“{s.number}”",
                    f"编号改为“{same_style_numeral(expected, s.number or '')}”",
                )
    # Items inside each section: （一）（二）（四）, 1. 2. 2.
    for k, sec in enumerate(ctx.material.sections):
        items = [(n, it) for n, it in enumerate(sec.items) if it.number]
        ivals = [cn_int(it.number or "") for _, it in items]
        if len(items) < 2 or any(v is None for v in ivals):
            continue
        for pos, msg, expected in _sequence_problems([v for v in ivals if v is not None]):
            n, it = items[pos]
            block = _heading_block(ctx, k, n)
            if block is not None:
                end = len(block.text) if block.kind == "item_heading" else 0
                yield ctx.finding(
                    block,
                    0,
                    end,
                    f"{msg}：条目“{items[pos - 1][1].number}”之后是“{it.number}”",
                    f"编号改为“{same_style_numeral(expected, it.number or '')}”",
                )
    # Inline series: 一是…二是…四是…
    by_index = {b.index: b for b in ctx.blocks}
    for series in _series(ctx):
        marks: list[Marker] = series.markers
        for pos, msg, expected in _sequence_problems([mk.value for mk in marks]):
            mk = marks[pos]
            block = by_index[mk.block]
            prev = marks[pos - 1]
            yield ctx.finding(
                block,
                mk.start,
                mk.end,
                f"{msg}：“{block_text(by_index, prev)}”之后是“{block.text[mk.start : mk.end]}”",
                block.text[mk.start : mk.end].replace(
                    mk.numeral, same_style_numeral(expected, mk.numeral), 1
                ),
            )


def block_text(by_index: dict[int, Block], mk: Marker) -> str:
    """The marker as written."""
    return by_index[mk.block].text[mk.start : mk.end]
