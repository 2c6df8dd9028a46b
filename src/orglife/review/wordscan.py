"""Finding any of many listed words in a text: typos, set-phrase remains, stock phrases.

Two tools, with the same matches (leftmost, longest, not overlapping):

- ``documents.trie.trie_regex``: one regular expression, the words as a trie. Python's
  ``re`` jumps to the places where a listed first character stands, then tries the first characters in
  turn: good for lists with few distinct first characters or short words.
- ``WordSet``: a pattern of character classes only (first character, then a look at the
  next two) finds the few places where a word could start, and a dict says which word it
  is. Much faster for long lists of words of three characters or more, whose first
  characters are many and common (the dropped-character remains: 380 of them, 159 first
  characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Characters of a word's head checked by the character-class filter: more are not needed
# to leave only a handful of candidate places, and each one costs a class test.
FILTER_CHARS = 3


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


class WordSet:
    """A fixed set of words, searched for in texts; build once (module level, cached)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(w for w in words if w)
        if not self.words:
            raise ValueError("a WordSet needs at least one word")
        if any("\n" in w for w in self.words):
            # Rules scan a material's blocks joined by newlines: no word may bridge two.
            raise ValueError("a listed word holds a newline")
        head = min(min(len(w) for w in self.words), FILTER_CHARS)
        # The filter's head of a word -> the words that begin with it, longest first.
        by_head: dict[str, list[str]] = {}
        for w in sorted(self.words, key=len, reverse=True):
            by_head.setdefault(w[:head], []).append(w)
        self._head = head
        self._by_head = {h: tuple(ws) for h, ws in by_head.items()}
        classes = [_char_class(w[k] for w in self.words) for k in range(head)]
        ahead = "".join(classes[1:])
        self._starts = re.compile(classes[0] + (f"(?={ahead})" if ahead else ""))

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of every match, left to right; at one place the longest word."""
        by_head, head = self._by_head, self._head
        last = 0
        for m in self._starts.finditer(text):
            i = m.start()
            if i < last:
                continue  # inside the previous match
            for word in by_head.get(text[i : i + head], ()):
                if text.startswith(word, i):
                    last = i + len(word)
                    yield i, last, word
                    break

    def search(self, text: str) -> bool:
        """True when any word occurs in ``text``."""
        return next(self.finditer(text), None) is not None
