"""Many words as one regular expression, built as a trie: Python's ``re`` then tries one
character at a time instead of every word at every position. Shared by the review rules
and the copy check's boilerplate masking."""

from __future__ import annotations

import re


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
