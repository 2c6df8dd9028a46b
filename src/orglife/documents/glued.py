"""Splitting off headings glued to the end of a paragraph: "…准备。三、存在的问题与不足".

Shared by the parser, which splits them, and the layout, which checks that a rendering
gives the parser nothing new to split.
"""

from __future__ import annotations

import re

from orglife.documents.headings import Mark, heading_mark, split_run_in
from orglife.documents.normalize import display_width

# A heading glued to the end of the previous sentence: "…准备。三、存在的问题与不足".
# A glued heading is judged on at most this much text after its number: a standalone one
# is at most 30 wide, and only the number itself decides whether it follows the last.
GLUE_WINDOW = 64
GLUED = re.compile(
    r"[。！？；](?=第|[一二三四五六七八九十]{1,3}[、．.]|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]"
    r"|\d{1,2}[.．、](?!\d)|[①-⑳])"
)


def split_glued(lines: list[str]) -> list[str]:
    """Split off headings glued to the end of a paragraph.

    A split needs evidence: the glued text is a whole short heading, or its
    number is the next one in its numbering style.
    """
    out: list[str] = []
    last: dict[str, int] = {}
    order: list[str] = []

    def seen(mark: Mark | None) -> None:
        if mark is None or mark.value is None:
            return
        if mark.style in order:  # a higher level restarts the levels first seen after it
            for deeper in order[order.index(mark.style) + 1 :]:
                last.pop(deeper, None)
        else:
            order.append(mark.style)
        last[mark.style] = mark.value

    for line in lines:
        # Work by offsets into the line and judge each candidate on a bounded window: slicing
        # the rest of a long line per candidate made a long pasted text quadratic or worse.
        pos = 0
        while True:
            seen(heading_mark(line[pos : pos + GLUE_WINDOW]))
            cut = None
            for m in GLUED.finditer(line, pos):
                if m.end() + GLUE_WINDOW >= len(line) and _standalone(line[m.end() :]):
                    cut = m.end()
                    break
                mark = heading_mark(line[m.end() : m.end() + GLUE_WINDOW])
                if mark is not None and mark.value == last.get(mark.style, 0) + 1:
                    cut = m.end()
                    break
            if cut is None:
                out.extend(_peel_standalone(line[pos:]))
                break
            out.extend(_peel_standalone(line[pos:cut]))
            pos = cut
    return out


def _standalone(tail: str) -> bool:
    """A whole short heading glued after a sentence: "…学习。3、方面" (its rest is short and
    ends the line)."""
    mark = heading_mark(tail)
    if mark is None:
        return False
    _, sep, _ = split_run_in(mark.rest)
    return not sep and "。" not in mark.rest[:-1] and display_width(mark.rest) <= 30


def _peel_standalone(segment: str) -> list[str]:
    """Cut every standalone heading off the end of a segment at once.

    Each cut leaves the text before it ending where the next heading back may now stand
    alone; cutting one per pass made a long run of them quadratic in passes.
    """
    cuts = [m.end() for m in GLUED.finditer(segment)]
    end = len(segment)
    tails: list[str] = []
    for cut in reversed(cuts):
        if end - cut > GLUE_WINDOW or not _standalone(segment[cut:end]):
            break
        tails.append(segment[cut:end])
        end = cut
    return [segment[:end], *reversed(tails)]
