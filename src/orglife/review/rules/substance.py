"""Vague problems (大而化之): a problem with no concrete example, only stock phrases.

Each item (or paragraph) of the problems section is judged: concrete when it has a
number, a date, an example marker (比如, 在…时), a person, a place or a named case;
otherwise the share of its characters covered by stock phrases (``data/substance.toml``)
decides. The finding gives that share, so the author sees why and adds a real example.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orglife.documents.model import Block
from orglife.documents.trie import trie_regex
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import cjk_count

# A number, a count (三次, 两名), a title, a bracketed note, a person. One pattern each,
# each starting with a character class or words, so that a search jumps to where they
# can start (one alternation holding \d is tried at every place of the text).
_CONCRETE = [
    re.compile(r"[\d《]"),
    re.compile(
        "[一二两三四五六七八九十百千][一二两三四五六七八九十百千]*"
        "(?:次|名|人|个(?!别)|项|条|件|篇|场|天|年|月|日|万|元|户|家|批|期|份)"
    ),
    re.compile(r"[（(][^）)]{0,20}[）)]"),
    re.compile("同志|书记|主任|局长|处长|科长"),
]


@cache
def _stock() -> re.Pattern[str]:
    return re.compile(trie_regex(load("substance")["stock"]))


def stock_share(text: str, han: int | None = None) -> float:
    """The share of ``text``'s Chinese characters (``han`` of them) in stock phrases."""
    if han is None:
        han = cjk_count(text)
    if not han:
        return 0.0
    covered = sum(m.end() - m.start() for m in _stock().finditer(text))
    return covered / han


@cache
def _markers() -> re.Pattern[str]:
    data = load("substance")
    return re.compile(trie_regex(data["example_markers"] + data["place_words"]))


def is_concrete(text: str) -> bool:
    """True when the text names something real: a number, date, example, person, place."""
    return any(p.search(text) for p in _CONCRETE) or _markers().search(text) is not None


def _problems(ctx: Context) -> Iterator[tuple[Block, str]]:
    """(first block, text) for each problem: an item, or a paragraph when there are none."""
    for k, section in enumerate(ctx.material.sections):
        if section.role != "problems":
            continue
        blocks = [b for b in ctx.blocks if b.section_index == k]
        if section.items:
            by_item: dict[int, list[Block]] = {}
            for b in blocks:
                if b.item is not None:
                    by_item.setdefault(b.item, []).append(b)
            for mine in by_item.values():
                # A long heading is a sentence of its own; a short one only names the aspect.
                body = [b for b in mine if b.kind == "item_paragraph"] or mine
                yield mine[0], "".join(b.text for b in body)
        else:
            for b in blocks:
                if b.kind == "paragraph":
                    yield b, b.text


@rule("vague-problem", family="substance", name="问题表述大而化之", severity="warning")
def vague_problem(ctx: Context) -> Iterator[Finding]:
    """A problem with no concrete example and mostly stock phrases."""
    data = load("substance")
    for block, text in _problems(ctx):
        han = cjk_count(text)
        if han < data["min_chars"] or is_concrete(text):
            continue
        share = stock_share(text, han)
        if share >= data["min_stock_share"]:
            yield ctx.finding(
                block,
                0,
                len(block.text),
                f"问题表述大而化之：没有具体事例（人、事、时间、数字、地点），套话约占{share:.0%}",
                "补充能说明问题的具体事例：何时、何事、涉及何人何处、造成什么后果",
            )
