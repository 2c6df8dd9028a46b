"""Typos beyond doubled characters: wrong forms from a confusion set (布署 → 部署), and a
set phrase with one character dropped (久久为，→ 久久为功). Data: ``data/typos.toml``.

Every finding names the intended word. The confusion forms are matched with one regular
expression over the text; jieba is consulted only where a dropped-character phrase matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orglife.review import segment
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule


def trie_regex(words: list[str]) -> str:
    """One regular expression for many words, as a trie (much faster than a flat alternation)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@cache
def _pairs() -> tuple[re.Pattern[str], dict[str, str]]:
    right = {w: r for w, r, src in load("typos")["pair"]}
    return re.compile(trie_regex(list(right))), right


@rule("typo", family="typos", name="错别字", severity="error")
def typo(ctx: Context) -> Iterator[Finding]:
    """A wrong form from the confusion set, with the word it should be."""
    pattern, right = _pairs()
    for block in ctx.blocks:
        for m in pattern.finditer(ctx.simplified(block)):
            wrong = block.text[m.start() : m.end()]
            yield ctx.finding(
                block,
                m.start(),
                m.end(),
                f"错别字：“{wrong}”应为“{right[m.group()]}”",
                right[m.group()],
            )


@cache
def _dropped() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """Three-character remains of each set phrase -> (the phrase, the dropped character)."""
    index: dict[str, tuple[str, str]] = {}
    phrases = load("typos")["idioms"]
    for phrase in phrases:
        for k in range(len(phrase)):
            rest = phrase[:k] + phrase[k + 1 :]
            if len(set(rest)) < 2 or any(rest in p for p in phrases if p != phrase):
                continue  # 心全意 is part of 全心全意 too: no evidence of a slip
            index.setdefault(rest, (phrase, phrase[k]))
    return re.compile(trie_regex(list(index))), index


def _at_boundaries(text: str, a: int, b: int) -> bool:
    """True when text[a:b] starts and ends at jieba word boundaries of its clause."""
    lo, hi = max(0, a - 6), min(len(text), b + 6)
    words = segment.cut(text[lo:hi])
    edges = {lo + e for _, e in segment.spans(words)} | {lo}
    return a in edges and b in edges


@rule("dropped-char", family="typos", name="固定词语缺字", severity="warning")
def dropped_char(ctx: Context) -> Iterator[Finding]:
    """A four-character set phrase with one character missing: 久久为，→ 久久为功."""
    pattern, index = _dropped()
    for block in ctx.blocks:
        text = ctx.simplified(block)
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            phrase, missing = index[m.group()]
            window = text[max(0, a - 1) : b + 1]
            if phrase in window or phrase in text[max(0, a - 3) : b + 3]:
                continue
            if segment.freq(m.group()) or not _at_boundaries(text, a, b):
                continue
            yield ctx.finding(
                block, a, b, f"疑似缺字：“{block.text[a:b]}”应为“{phrase}”（少“{missing}”）", phrase
            )
