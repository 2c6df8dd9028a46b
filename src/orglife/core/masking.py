"""Masking personal data (个人信息保护法): phone numbers, birth dates, ID-like numbers.

``mask`` picks the form by the value: a date shows its year only (1988-**-**), a number
keeps its first three and last four characters (138****1234), an 18-character ID number
its first six and last four. Who may see a value whole is decided elsewhere (a selector);
this module only hides.
"""

from __future__ import annotations

from datetime import date
from typing import Any

STAR = "*"


def mask_date(value: date) -> str:
    return f"{value.year:04d}-**-**"


def mask_text(value: str) -> str:
    text = value.strip()
    n = len(text)
    if n >= 15:  # 居民身份证号 and the like
        keep_head, keep_tail = 6, 4
    elif n >= 8:  # mobile and landline numbers
        keep_head, keep_tail = 3, 4
    elif n >= 3:
        keep_head, keep_tail = 1, 1
    else:
        return STAR * n
    return text[:keep_head] + STAR * (n - keep_head - keep_tail) + text[n - keep_tail :]


def mask(value: Any) -> str:
    """The masked form of a personal value; empty stays empty."""
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return mask_date(value)
    return mask_text(str(value))
