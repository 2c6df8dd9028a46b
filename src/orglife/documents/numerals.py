"""Chinese and circled numerals as they number headings and list items.

Only the range real materials use (一 … 九十九, ① … ⑳) is covered; anything else
is not a numeral for our purposes.
"""

from __future__ import annotations

CN_DIGITS = "零一二三四五六七八九"
CN_CHARS = "〇零一二三四五六七八九十两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_VALUES = {c: i for i, c in enumerate(CN_DIGITS)} | {"〇": 0, "两": 2}


def cn_to_int(s: str) -> int | None:
    """The value of a Chinese numeral from 一 to 九十九 (``"十一"`` → 11), else None."""
    if not s or any(c not in CN_CHARS for c in s):
        return None
    if "十" not in s:
        return _VALUES[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = _VALUES[tens] if tens else 1
    o = _VALUES[ones] if ones else 0
    value = t * 10 + o
    return value if value > 0 else None


def int_to_cn(n: int) -> str:
    """The Chinese numeral for 1 … 99 (11 → ``"十一"``, 20 → ``"二十"``)."""
    if not 0 < n < 100:
        raise ValueError(f"out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def circled_to_int(c: str) -> int | None:
    """① → 1 … ⑳ → 20, else None."""
    i = CIRCLED.find(c)
    return i + 1 if len(c) == 1 and i >= 0 else None


def number_value(number: str) -> int | None:
    """The integer a heading number stands for: ``"三"`` → 3, ``"12"`` → 12, ``"1.2"`` → 2."""
    last = number.rsplit(".", 1)[-1]
    if last.isdigit():
        return int(last)
    return cn_to_int(last) if cn_to_int(last) is not None else circled_to_int(last)
