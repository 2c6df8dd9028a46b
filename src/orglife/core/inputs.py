"""Parsing what people type into query strings and forms, once, the same way everywhere.

``str.isdigit`` accepts "²" and "①", which ``int`` refuses (a 500); ``int`` accepts
" 12 " and "1_000" and numbers past any column's range. Query integers go through
``query_int``: ASCII digits only, within bounds, or Invalid with a Chinese reason.
"""

from __future__ import annotations

import re

from orglife.core.errors import Invalid

_INT = re.compile(r"-?[0-9]{1,18}")
# Ids are bigint columns: anything past this cannot name a row.
MAX_ID = 2**63 - 1


def query_int(
    value: str | int | None,
    *,
    label: str,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int | None:
    """An integer from a query string or form, None when empty; Invalid when malformed."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid(f"{label}应为整数", log=f"bad int {value!r}")
    if isinstance(value, int):
        number = value
    else:
        text = value.strip()
        if not _INT.fullmatch(text):
            raise Invalid(f"{label}应为整数", log=f"bad int {value[:40]!r}")
        number = int(text)
    if minimum is not None and number < minimum:
        raise Invalid(f"{label}不能小于 {minimum}", log=f"{label} {number} < {minimum}")
    if maximum is not None and number > maximum:
        raise Invalid(f"{label}不能大于 {maximum}", log=f"{label} {number} > {maximum}")
    return number


def query_int_or(value: str | int | None, default: int | None, **bounds) -> int | None:
    """Like ``query_int`` for filters that fall back to their default on bad input."""
    try:
        parsed = query_int(value, label="", **bounds)
    except Invalid:
        return default
    return default if parsed is None else parsed


def query_id(value: str | int | None, *, label: str) -> int | None:
    """A row id: a positive integer within the id column's range."""
    return query_int(value, label=label, minimum=1, maximum=MAX_ID)
