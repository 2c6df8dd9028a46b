"""Enumerations inside running text: 一是…二是…, （一）（二）, （1）, ①②, and paragraphs
that open with 1. / 1、 / 一、.

A *series* is a run of markers of one style inside one container (the preamble, a
section's own paragraphs, or one item), restarting whenever a marker reads 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orglife.documents.model import Block
from orglife.review.text import CIRCLED, cn_int

_CN = "一二三四五六七八九十"
# 一是 only counts after a mark or at the start: 统一是, 唯一是 are words, not markers.
# (The test of the character before is made after the first numeral, as "not after a
# non-mark": a pattern that starts with a lookbehind is tried at every place of the text,
# one that starts with a numeral only where a numeral stands.)
_SHI_AFTER = "：:，,；;。！？!?\\s“”、）)"
_STYLES: dict[str, re.Pattern[str]] = {
    "shi": re.compile(f"(?P<num>[{_CN}](?<![^{_SHI_AFTER}].)[{_CN}]{{0,2}})是(?!否|非)"),
    "paren_cn": re.compile(f"[（(](?P<num>[{_CN}]{{1,3}})[）)]"),
    "paren_ar": re.compile(r"[（(](?P<num>\d{1,2})[）)]"),
    "circled": re.compile(f"(?P<num>[{CIRCLED}])"),
    # Only at the start of a paragraph: 1. 1、 一、 open a numbered paragraph.
    "lead_ar": re.compile(r"^\s*(?P<num>\d{1,2})(?:[.．、]|\s)(?!\d)"),
    "lead_cn": re.compile(f"^\\s*(?P<num>[{_CN}]{{1,3}})、"),
}


@dataclass(frozen=True)
class Marker:
    """One list marker: where it is, what it reads, and how it is written."""

    block: int  # Block.index
    start: int
    end: int
    value: int
    numeral: str
    style: str


@dataclass
class Series:
    """Consecutive markers of one style in one container."""

    style: str
    markers: list[Marker] = field(default_factory=list)


def container(block: Block) -> tuple[int | None, int | None, str]:
    """Blocks that share a container may continue each other's lists."""
    group = "preamble" if block.kind in ("title", "preamble") else "body"
    return (block.section_index, block.item, group)


# A character each style's markers hold: a text without it is not scanned for that style.
_NEEDS: dict[str, str] = {
    "shi": "是",
    "paren_cn": "（(",
    "paren_ar": "（(",
    "circled": CIRCLED,
}


def _styles_in(text: str) -> list[tuple[str, re.Pattern[str]]]:
    """The styles whose markers ``text`` may hold (it has the characters they need)."""
    return [
        (style, pattern)
        for style, pattern in _STYLES.items()
        if style not in _NEEDS or any(c in text for c in _NEEDS[style])
    ]


def markers_in(
    block: Block, styles: list[tuple[str, re.Pattern[str]]] | None = None
) -> list[Marker]:
    """Every list marker in ``block``'s text, in order.

    ``styles``: the styles the whole text may hold (``_styles_in``), to spare each block
    the test.
    """
    out: list[Marker] = []
    taken: set[int] = set()
    text = block.text
    for style, pattern in styles if styles is not None else _STYLES.items():
        needs = _NEEDS.get(style)
        if needs is not None and not any(c in text for c in needs):
            continue
        for m in pattern.finditer(text):
            value = cn_int(m.group("num"))
            if value is None or m.start("num") in taken:
                continue
            taken.add(m.start("num"))
            out.append(Marker(block.index, m.start(), m.end(), value, m.group("num"), style))
    out.sort(key=lambda mk: mk.start)
    return out


def find_series(blocks: list[Block]) -> list[Series]:
    """Every series in the text blocks (headings excluded), in reading order."""
    series: list[Series] = []
    open_series: dict[tuple[object, str], Series] = {}
    last_container: tuple[int | None, int | None, str] | None = None
    styles = _styles_in("\n".join(b.text for b in blocks))
    for block in blocks:
        if block.kind.endswith("heading"):
            continue
        key = container(block)
        if key != last_container:
            open_series.clear()
            last_container = key
        for mk in markers_in(block, styles):
            current = open_series.get((key, mk.style))
            # 一是…一是…三是: a second 一 right after a lone 一 in the same paragraph is a
            # repeat, not a new list (a list of one item is no list).
            repeat = (
                current is not None
                and mk.value == 1
                and len(current.markers) == 1
                and current.markers[0].block == mk.block
            )
            if current is None or (mk.value == 1 and not repeat):
                current = Series(mk.style)
                series.append(current)
                open_series[(key, mk.style)] = current
            current.markers.append(mk)
    return series
