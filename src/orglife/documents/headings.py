"""Recognising numbered headings: ``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` ``①`` ``第一章`` ``1.1``.

A heading mark is only the number at the start of a line; whether it opens a
section or an item is decided by ``parse`` from the order the styles appear in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from orglife.documents.normalize import display_width, ends_sentence
from orglife.documents.numerals import circled_to_int, cn_to_int

# style name -> pattern; the first group is the number. Order matters: 1.1 before 1.
_CN = "[一二三四五六七八九十]{1,3}"
_UNITS = "倍亿万千百元角分个次件项篇人名户家米吨亩年月日天时秒岁度"
STYLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第({_CN}|\d{{1,2}})(?:章|部分|节|篇)[\s、：:．.]*")),
    ("cn", re.compile(rf"^({_CN})\s*[、．.]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*({_CN})\s*[）)][、．.]?\s*")),
    # "1.5倍" and "2.5亿元" are amounts, not section 1.5: a unit after the number rules it out.
    ("multi", re.compile(rf"^(\d{{1,2}}(?:[.．]\d{{1,2}})+)(?![\d%％{_UNITS}])[、.．]?\s*")),
    ("arabic", re.compile(r"^(\d{1,2})\s*[.．、](?![\d%])\s*")),
    ("arabic_paren", re.compile(r"^(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})[）)])\s*")),
    ("circled", re.compile(r"^([①-⑳])\s*[、.．]?\s*")),
)
STYLE_NAMES = tuple(name for name, _ in STYLES)
_FIRST = frozenset("第一二三四五六七八九十（(0123456789０１２３４５６７８９①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")

# A colon splits a heading from its text only after a heading-sized phrase.
_MAX_COLON_HEAD = 20
# Unnumbered headings are short and never hold a comma.
MAX_PLAIN_HEADING = 30


@dataclass(frozen=True)
class Mark:
    """The number that opens a line: its style, the number itself and the rest of the line."""

    style: str
    number: str
    rest: str

    @property
    def value(self) -> int | None:
        """The number as an integer, for checking that headings follow each other."""
        n = self.number.replace("．", ".").rsplit(".", 1)[-1]
        if n.isdigit():
            return int(n)
        return cn_to_int(n) if cn_to_int(n) is not None else circled_to_int(n)


def heading_mark(line: str) -> Mark | None:
    """The heading number at the start of ``line``, or None.

    ``一是`` and ``2023年`` are not numbers (they lack the 、 . or brackets);
    ``1.5倍`` is a decimal, not item 1.
    """
    if not line:
        return None
    first = line[0]
    if first not in _FIRST:
        return None
    for style, pattern in STYLES:
        m = pattern.match(line)
        if m:
            number = next(g for g in m.groups() if g)
            if style == "circled":
                number = str(circled_to_int(number))
            else:  # full-width digits (１．) are the same numbers
                number = unicodedata.normalize("NFKC", number).replace("．", ".")
            return Mark(style, number, line[m.end() :])
    return None


def split_run_in(rest: str) -> tuple[str, str, str]:
    """Split a heading line into ``(heading, separator, body)``.

    ``制定会议方案。支部班子…`` → ``("制定会议方案", "。", "支部班子…")``; a short
    phrase before a colon splits too (``理论学习方面：一是…``). A line without a
    body keeps its text as the heading with the final 。 or ： dropped, and an
    empty separator.
    """
    stop = rest.find("。")
    colon = min((i for i in (rest.find("："), rest.find(":")) if i >= 0), default=-1)
    if 0 < colon <= _MAX_COLON_HEAD and (stop < 0 or colon < stop):
        head = rest[:colon]
        if not any(c in head for c in "，,；;"):
            stop = colon
    if stop <= 0:  # no sentence end, or nothing before it to be a heading
        return rest, "", ""
    head, sep, body = rest[:stop], rest[stop], rest[stop + 1 :].strip()
    if not body:
        return head, "", ""
    return head, sep, body


def is_plain_heading(line: str) -> bool:
    """An unnumbered line that reads as a heading: short, no comma, no final punctuation."""
    return (
        0 < display_width(line) <= MAX_PLAIN_HEADING
        and not ends_sentence(line)
        and not any(c in line for c in "，,；;、“”")
        and heading_mark(line) is None
    )


def run_in_head(line: str) -> str | None:
    """The heading of an unnumbered run-in item (``在学思践悟中提高了政治修养。严格…``).

    The first sentence must be short and free of commas, and text must follow it.
    """
    stop = line.find("。")
    if stop <= 0 or stop == len(line) - 1:
        return None
    head = line[:stop]
    if display_width(head) > 25 or any(c in head for c in "，,；;：:“”"):
        return None
    return head
