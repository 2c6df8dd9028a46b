"""Values written to spreadsheets as text, never as live formulas (CSV/formula injection).

A cell whose text begins with = + - @ (or a tab or carriage return before one) is run by
Excel and WPS as a formula: =HYPERLINK(...) leaks data, =WEBSERVICE(...) calls out. Every
user value is written through ``cell_value``, which escapes such text with a leading
apostrophe, as OWASP recommends. Numbers, dates and empty cells pass unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell_value(value: object) -> object:
    """``value`` as it may safely be written into a cell."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
