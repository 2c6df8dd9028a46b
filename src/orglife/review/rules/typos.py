"""Typos beyond doubled characters: wrong forms from a confusion set (布署 → 部署), and a
set phrase with one character dropped (久久为，→ 久久为功). Data: ``data/typos.toml``.

Every finding names the intended word. Both word lists are searched with a
``WordSet`` (character-class filter, then a set lookup) over the whole text at once;
jieba is consulted only where a dropped-character phrase matched.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from orglife.review import segment
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.wordscan import WordSet


@cache
def _pairs() -> tuple[WordSet, dict[str, str]]:
    right = {w: r for w, r, src in load("typos")["pair"]}
    return WordSet(right), right


@rule("typo", family="typos", name="错别字", severity="error")
def typo(ctx: Context) -> Iterator[Finding]:
    """A wrong form from the confusion set, with the word it should be."""
    words, right = _pairs()
    for block, a, b, form in ctx.scan(words):
        wrong = block.text[a:b]
        yield ctx.finding(block, a, b, f"错别字：“{wrong}”应为“{right[form]}”", right[form])


@cache
def _dropped() -> tuple[WordSet, dict[str, tuple[str, str]]]:
    """Three-character remains of each set phrase -> (the phrase, the dropped character)."""
    index: dict[str, tuple[str, str]] = {}
    phrases = load("typos")["idioms"]
    for phrase in phrases:
        for k in range(len(phrase)):
            rest = phrase[:k] + phrase[k + 1 :]
            if len(set(rest)) < 2 or any(rest in p for p in phrases if p != phrase):
                continue  # 心全意 is part of 全心全意 too: no evidence of a slip
            index.setdefault(rest, (phrase, phrase[k]))
    return WordSet(index), index


def _at_boundaries(text: str, a: int, b: int) -> bool:
    """True when text[a:b] starts and ends at jieba word boundaries of its clause."""
    lo, hi = max(0, a - 6), min(len(text), b + 6)
    words = segment.cut(text[lo:hi])
    edges = {lo + e for _, e in segment.spans(words)} | {lo}
    return a in edges and b in edges


@rule("dropped-char", family="typos", name="固定词语缺字", severity="warning")
def dropped_char(ctx: Context) -> Iterator[Finding]:
    """A four-character set phrase with one character missing: 久久为，→ 久久为功."""
    words, index = _dropped()
    for block, a, b, rest in ctx.scan(words):
        text = ctx.simplified(block)
        phrase, missing = index[rest]
        window = text[max(0, a - 1) : b + 1]
        if phrase in window or phrase in text[max(0, a - 3) : b + 3]:
            continue
        if segment.freq(rest) or not _at_boundaries(text, a, b):
            continue
        yield ctx.finding(
            block, a, b, f"疑似缺字：“{block.text[a:b]}”应为“{phrase}”（少“{missing}”）", phrase
        )
