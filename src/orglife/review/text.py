"""Small text helpers shared by the rules: character classes, numerals, excerpts."""

from __future__ import annotations

import re

from orglife.documents.numerals import CIRCLED, circled_to_int, cn_to_int, int_to_cn

# CJK unified ideographs (with extension A): what "Chinese text" means to the rules.
CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")
_NOT_CJK_RUN = re.compile(f"[^{CJK}]+")


EXCERPT_CONTEXT = 10


def is_cjk(ch: str) -> bool:
    """True for one Chinese character."""
    return bool(ch) and CJK_RE.fullmatch(ch) is not None


def cjk_count(text: str) -> int:
    """How many Chinese characters ``text`` holds (deleting the rest is faster than findall)."""
    return len(_NOT_CJK_RUN.sub("", text))


def cn_int(s: str) -> int | None:
    """The value of a numeral as materials write them: ``"四"`` 4, ``"十二"`` 12, ``"5"`` 5."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    return circled_to_int(s) or cn_to_int(s)


def cn_str(n: int) -> str:
    """The Chinese numeral for 1 … 99 (11 → ``"十一"``); other numbers in digits."""
    return int_to_cn(n) if 0 < n < 100 else str(n)


def same_style_numeral(n: int, like: str) -> str:
    """``n`` written the way ``like`` was written (Arabic, circled or Chinese)."""
    if like.isascii() and like.isdigit():
        return str(n)
    if like in CIRCLED and 0 < n <= len(CIRCLED):
        return CIRCLED[n - 1]
    return "两" if like == "两" and n == 2 else cn_str(n)


def count_numeral(n: int, like: str) -> str:
    """``n`` as a count before a measure word, written like ``like``: 2 is 两 (两个方面)."""
    if n == 2 and not (like.isascii() and like.isdigit()):
        return "两"
    return same_style_numeral(n, like)


def excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """The matched text with a little context either side, ``…`` where it was cut."""
    a = max(0, start - context)
    b = min(len(text), end + context)
    return ("…" if a > 0 else "") + text[a:b] + ("…" if b < len(text) else "")
