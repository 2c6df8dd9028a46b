"""Small text helpers shared by the rules: character classes, numerals, excerpts."""

from __future__ import annotations

import re

# CJK unified ideographs (with extension A): what "Chinese text" means to the rules.
CJK = "\u3400-\u4dbf\u4e00-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")

CN_NUM_CHARS = "零〇一二两三四五六七八九十"
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

EXCERPT_CONTEXT = 10


def is_cjk(ch: str) -> bool:
    """True for one Chinese character."""
    return bool(ch) and CJK_RE.fullmatch(ch) is not None


def cn_int(s: str) -> int | None:
    """The value of a numeral as materials write them: ``"四"`` 4, ``"十二"`` 12, ``"5"`` 5."""
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if len(s) == 1 and s in CIRCLED:
        return CIRCLED.index(s) + 1
    if any(c not in CN_NUM_CHARS for c in s):
        return None
    if "十" not in s:
        return _CN_VALUES[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    value = (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)
    return value or None


def cn_str(n: int) -> str:
    """The Chinese numeral for 1 … 99 (11 → ``"十一"``)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    digits = "零一二三四五六七八九"
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


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
