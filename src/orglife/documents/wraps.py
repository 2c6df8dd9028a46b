"""Joining hard-wrapped lines, with the parser's judgement of which lines are headings.

Shared by the parser, which joins, and the layout, which checks that a rendering
gives the parser nothing new to join.
"""

from __future__ import annotations

from orglife.documents.headings import (
    MAX_PLAIN_HEADING,
    heading_mark,
    is_plain_heading,
    split_run_in,
)
from orglife.documents.normalize import display_width, join_wrapped
from orglife.documents.roles import is_section_name


def is_heading(line: str) -> bool:
    return heading_mark(line) is not None or (is_plain_heading(line) and is_section_name(line))


def is_closed(line: str) -> bool:
    # A short heading with no text run into it is complete, whatever it ends with.
    mark = heading_mark(line)
    if mark is None:
        return is_plain_heading(line) and is_section_name(line)
    return not split_run_in(mark.rest)[1] and display_width(mark.rest) <= MAX_PLAIN_HEADING


def wrap_measure(line: str) -> float:
    # A line is measured without its heading number: a rendering may write "①" as "（1）"
    # or "第一章" as "一、", and the guess of the column width must not move with that.
    mark = heading_mark(line)
    return display_width(line if mark is None else mark.rest)


def join_wraps(lines: list[str]) -> list[str]:
    """``lines`` with the wraps of a PDF copy or a careless paste joined (``join_wrapped``)."""
    return join_wrapped(lines, is_heading, is_closed, wrap_measure)
