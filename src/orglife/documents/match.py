"""Which point of one section answers a point of another: a problem's measure or cause.

Used to carry a branch's own words into its ledger (each problem with the measure and
cause that the material itself pairs with it) without anyone retyping them. Similarity
is the cosine of Chinese character pairs, plus a bonus when the candidate's heading
names the problem's aspect (“践行使命担当” answers 担当作为).
"""

from __future__ import annotations

import math
import re

from orglife.documents.model import Item, Section

# Words that name an aspect in a heading.
ASPECT_TERMS: dict[str, tuple[str, ...]] = {
    "theory_study": ("理论", "学习"),
    "political_quality": ("政治",),
    "capability": ("能力", "本领"),
    "responsibility": ("担当", "作为"),
    "work_style": ("作风",),
    "integrity": ("廉洁", "自律"),
}
HEADING_BONUS = 0.1
MIN_SCORE = 0.08  # below this nothing in the section is taken to answer the problem

_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]")


def char_pairs(text: str) -> set[str]:
    """The set of adjacent Chinese character pairs of a text."""
    han = _NOT_HAN.sub("", text)
    return {han[i : i + 2] for i in range(len(han) - 1)}


def item_text(item: Item) -> str:
    return item.heading + "".join(item.paragraphs)


def score(problem: str, candidate: Item, aspect: str | None = None) -> float:
    """How well ``candidate`` answers ``problem`` (0 for nothing in common)."""
    a, b = char_pairs(problem), char_pairs(item_text(candidate))
    if not a or not b:
        return 0.0
    value = len(a & b) / math.sqrt(len(a) * len(b))
    if aspect and any(term in candidate.heading for term in ASPECT_TERMS.get(aspect, ())):
        value += HEADING_BONUS
    return value


def best_match(problem: str, section: Section | None, aspect: str | None = None) -> Item | None:
    """The item of ``section`` that answers ``problem`` best, or None if none does enough."""
    if section is None or not section.items:
        return None
    best = max(section.items, key=lambda it: score(problem, it, aspect))
    return best if score(problem, best, aspect) >= MIN_SCORE else None
