"""Heading numbers: one level written two ways (（一） beside (一), 1. beside 1、), and
half-width brackets in heading numbers.

The Material keeps a heading's number but not how it was written, so this rule reads
the source lines when the caller supplies them (``check_text``, ``check_bytes`` and
``orglife check`` do); without them it has nothing to say.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from orglife.documents.model import Block
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule

_NUMBER = re.compile(r"[一二三四五六七八九十]+|\d+|[①-⑳]")
LOOKAHEAD = 4  # heading blocks searched forward for a line's heading


def _form(prefix: str) -> str:
    """The look of a heading number with the number taken out: （N）, N., N、.

    Half-width brackets are read as full-width here: they get their own finding, and
    must not make the correct （三） look like the odd one out among (一)(二).
    """
    return _NUMBER.sub("N", prefix.strip()).replace("(", "（").replace(")", "）")


def heading_forms(ctx: Context) -> list[tuple[Block, str, str, str]]:
    """(heading block, level style, form, prefix as written) for each numbered heading."""
    if not ctx.lines:
        return []
    headings = [b for b in ctx.blocks if b.kind in ("section_heading", "item_heading")]
    out = []
    pos = 0
    for line, mark in ctx.marked_lines():
        if mark is None:
            continue
        rest = mark.rest.strip()
        for k in range(pos, min(pos + LOOKAHEAD, len(headings))):
            text = headings[k].text
            if text and rest.startswith(text):
                prefix = line[: len(line) - len(mark.rest)].strip()
                out.append((headings[k], mark.style, _form(prefix), prefix))
                pos = k + 1
                break
    return out


@rule("heading-style", family="punctuation", name="标题编号格式不统一", severity="warning")
def heading_style(ctx: Context) -> Iterator[Finding]:
    """A heading level numbered in two looks, and half-width brackets in heading numbers."""
    forms = heading_forms(ctx)
    by_level: dict[str, Counter[str]] = defaultdict(Counter)
    first_seen: dict[tuple[str, str], int] = {}
    for n, (_, style, form, _) in enumerate(forms):
        by_level[style][form] += 1
        first_seen.setdefault((style, form), n)
    for block, style, form, prefix in forms:
        counts = by_level[style]
        # The commonest look is the standard; on a tie, the one used first.
        usual = max(counts, key=lambda f: (counts[f], -first_seen[(style, f)]))
        if "(" in prefix or ")" in prefix:
            full = prefix.replace("(", "（").replace(")", "）")
            yield ctx.finding(block, 0, len(block.text), f"标题编号“{prefix}”使用了半角括号", full)
        elif form != usual:
            number = _NUMBER.search(prefix)
            want = usual.replace("N", number.group() if number else "N")
            yield ctx.finding(
                block,
                0,
                len(block.text),
                f"同级标题编号格式不统一：“{prefix}”与其他同级标题的“{usual}”不一致",
                want,
            )
