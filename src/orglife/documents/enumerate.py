"""Inline enumerations inside a paragraph: 一是…二是…, （一）…（二）…, 1.…2.…, ①…②….

The review engine uses these to check that a stated count matches its list
(``存在以下四个方面不足：一是…五是…``), that a series starts at one and has no
gaps, and to address each point by character offsets.

>>> [e.count for e in enumerations("主要体现在：一是认识不深刻。二是能力不匹配。")]
[2]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orglife.documents.numerals import circled_to_int, cn_to_int

_CN = "[一二三四五六七八九十]{1,3}"
# Where a marker may start: text start, after punctuation or a space.
_B = r"(?:^|(?<=[。；;，,：:！？!?\s“”（(、]))"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("shi", re.compile(rf"{_B}({_CN})是")),
    ("di", re.compile(rf"{_B}第({_CN})[，,、：:]")),
    ("cn", re.compile(rf"(?:^|(?<=[。；;：:！？!?\s]))({_CN})、")),
    ("cn_paren", re.compile(rf"[（(]({_CN})[）)]")),
    ("arabic", re.compile(r"(?:^|(?<=[。；;：:！？!?\s，,]))(\d{1,2})[.．、](?![\d%])")),
    ("arabic_paren", re.compile(r"[（(](\d{1,2})[）)]")),
    ("circled", re.compile(r"([①-⑳])")),
)
# Styles weak enough as evidence that one marker alone is not a list.
_NEED_TWO = {"cn", "cn_paren", "arabic", "arabic_paren", "circled"}
_HEAD_END = re.compile(r"[，,。；;：:！？!?]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_COUNT = re.compile(
    r"(?:以下|如下|这|下列|主要有|存在|有)?\s*([一二三四五六七八九十两]{1,3}|\d{1,2})\s*(?:个|条|点|项|大|类)?\s*(?:方面|问题|不足|原因|措施|差距|表现|短板)"
)


@dataclass(frozen=True)
class EnumItem:
    """One point of an enumeration; offsets are in the text ``enumerations`` was given."""

    ordinal: int  # 1 for 一是 / （一） / 1. / ①
    marker: str  # the marker as written: "一是", "（二）", "3.", "④"
    start: int  # offset of the marker
    end: int  # end of the point's text (exclusive)
    head: str  # the words after the marker up to the first comma or full stop


@dataclass(frozen=True)
class Enumeration:
    """A series of points with the same marker style, numbered 1, 2, 3 … without gaps."""

    style: str  # shi (一是) | di (第一，) | cn (一、) | cn_paren | arabic | arabic_paren | circled
    items: tuple[EnumItem, ...]
    intro: str  # the sentence before the first marker, e.g. "其主要体现在："
    intro_start: int

    @property
    def count(self) -> int:
        """How many points the series has."""
        return len(self.items)

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end

    @property
    def announced(self) -> int | None:
        """The count the intro states (``以下四个方面`` → 4), or None."""
        return announced_count(self.intro)


def _value(style: str, raw: str) -> int | None:
    if style in ("arabic", "arabic_paren"):
        return int(raw)
    if style == "circled":
        return circled_to_int(raw)
    return cn_to_int(raw)


def _markers(text: str) -> list[tuple[int, str, int, int, str]]:
    """All markers as (start, style, ordinal, end_of_marker, marker_text), in text order."""
    found = []
    for style, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _value(style, m.group(1))
            if value is not None:
                found.append((m.start(), style, value, m.end(), m.group(0)))
    found.sort()
    return found


def _intro_start(text: str, pos: int) -> int:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    return before[-1] if before else 0


def enumerations(text: str) -> list[Enumeration]:
    """Every enumeration in ``text``, ordered by where it starts.

    A series begins at ordinal 1 and continues while the next marker of the same
    style carries the next ordinal; a repeated 1 starts a new series (the seed's
    典型案例 paragraph has two 一是…五是 series). A lone 一是 is still reported
    (a reviewer wants to see a 一是 with no 二是); a lone （一） or 1. is not.
    Each point runs to the next point's marker; the last one to the start of the
    next series' intro sentence, or to the end of the text.
    """
    open_series: dict[str, list[tuple[int, int, int, str]]] = {}
    done: list[tuple[str, list[tuple[int, int, int, str]]]] = []
    for start, style, value, mend, marker in _markers(text):
        current = open_series.get(style)
        if current and value == current[-1][1] + 1:
            current.append((start, value, mend, marker))
            continue
        if current:
            done.append((style, current))
            del open_series[style]
        if value == 1:
            open_series[style] = [(start, value, mend, marker)]
    done.extend(open_series.items())
    done = [(s, pts) for s, pts in done if s not in _NEED_TWO or len(pts) >= 2]
    done.sort(key=lambda sp: sp[1][0][0])
    intros = [_intro_start(text, pts[0][0]) for _, pts in done]
    out: list[Enumeration] = []
    for n, (style, pts) in enumerate(done):
        last_start = pts[-1][0]
        later = [i for i, (_, p) in zip(intros, done, strict=True) if p[0][0] > last_start]
        final_end = min([i for i in later if i > last_start], default=len(text))
        items = []
        for k, (start, value, mend, marker) in enumerate(pts):
            end = pts[k + 1][0] if k + 1 < len(pts) else final_end
            body = text[mend:end]
            cut = _HEAD_END.search(body)
            items.append(EnumItem(value, marker, start, end, body[: cut.start()] if cut else body))
        istart = intros[n]
        out.append(Enumeration(style, tuple(items), text[istart : pts[0][0]], istart))
    return out


def announced_count(text: str) -> int | None:
    """The number of points a sentence announces (``主要有以下四个方面原因`` → 4), or None."""
    m = _COUNT.search(text)
    if not m:
        return None
    raw = m.group(1)
    if raw.isdigit():
        return int(raw)
    return cn_to_int(raw.replace("两", "二"))
