"""What never counts as copying: known phrases, and what most of the corpus shares.

Two sources, because neither is enough alone:

* ``PhraseList`` — fixed formulations (提法), the theme's required wording and stock
  quotations, known before any document is seen (``data/phrases.txt``) — and any text in
  quotation marks (“…”). K-grams that lie entirely inside an occurrence are never
  fingerprinted, so two materials that both quote the theme are not paired however long
  the quotation.
* ``DocumentFrequency`` — how many documents hold each fingerprint, kept incrementally
  (adding documents only adds counts). A fingerprint held by more than a fraction of the
  corpus is boilerplate *of this corpus* (a notice's template, next year's theme, a
  heading every branch copies), learned without anyone listing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from orglife.documents.trie import trie_regex
from orglife.similarity.shingle import Normalized, normalize


class PhraseList:
    """Phrases (already normalised: letters and digits only) masked in every document."""

    def __init__(self, phrases: Iterable[str]) -> None:
        norm = sorted({normalize(p).text for p in phrases} - {""})
        self.phrases: tuple[str, ...] = tuple(norm)
        self._regex = re.compile(trie_regex(list(norm))) if norm else None

    def mask(self, norm_text: str) -> npt.NDArray[np.bool_]:
        """Per character of a normalised text: True inside an occurrence of a phrase."""
        n = len(norm_text)
        if self._regex is None:
            return np.zeros(n, dtype=np.bool_)
        spans = [m.span() for m in self._regex.finditer(norm_text)]
        if not spans:
            return np.zeros(n, dtype=np.bool_)
        # one vector pass instead of a slice assignment per occurrence
        ends = np.array(spans, dtype=np.int64).reshape(-1, 2)
        edges = np.bincount(ends[:, 0], minlength=n + 1) - np.bincount(ends[:, 1], minlength=n + 1)
        return np.cumsum(edges[:n]) > 0


# Text in quotation marks is a quotation (of the theme, a speech, a slogan), not the
# writer's own words. Longer than a few sentences, it is more likely an unclosed quote.
_QUOTE_MARKS = re.compile("[“”「」『』\n]")
_PAIRS = {"”": "“", "」": "「", "』": "『"}
MAX_QUOTE = 300


def quoted_mask(text: str) -> npt.NDArray[np.bool_]:
    """Per character of the original text: True inside (or on) a pair of quotation marks.

    Quotes nest (“…“软指标”…”, where ‘’ was meant): the outermost pair counts. A line
    break or a mismatched mark ends everything open, so one stray mark cannot mask a page.
    """
    out = np.zeros(len(text), dtype=np.bool_)
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARKS.finditer(text):
        ch, at = m.group(), m.start()
        if ch in "“「『":
            stack.append((ch, at))
        elif ch in _PAIRS and stack and stack[-1][0] == _PAIRS[ch]:
            _, start = stack.pop()
            if not stack and at - start <= MAX_QUOTE:
                out[start : at + 1] = True
        else:
            stack.clear()
    return out


def static_mask(text: str, norm: Normalized, phrases: PhraseList) -> npt.NDArray[np.bool_]:
    """Per character of ``norm`` (the normalised ``text``): listed phrase or quotation."""
    mask = phrases.mask(norm.text)
    if len(norm):
        mask |= quoted_mask(text)[norm.offsets]
    return mask


def read_phrases(text: str) -> list[str]:
    """Phrases from a phrase file's text: one a line, ``#`` comments and blanks skipped."""
    return [
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]


@lru_cache(maxsize=1)
def default_phrases() -> PhraseList:
    """The shipped list of 提法, theme wording and quotations (``data/phrases.txt``)."""
    data = resources.files("orglife.similarity").joinpath("data/phrases.txt").read_text("utf-8")
    return PhraseList(read_phrases(data))


def kgram_mask(char_mask: npt.NDArray[np.bool_], k: int) -> npt.NDArray[np.bool_]:
    """Per k-gram: True when all its k characters are masked."""
    n = char_mask.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.bool_)
    c = np.concatenate(([0], np.cumsum(char_mask, dtype=np.int64)))
    return (c[k : k + n] - c[:n]) == k


@dataclass(frozen=True)
class BoilerplateRule:
    """When a fingerprint is boilerplate by document frequency.

    ``fraction``: held by more than this share of documents ("most documents share it");
    applied only once the corpus has ``min_docs`` documents, since in a corpus of two
    everything shared is shared by all. ``max_docs``: held by more than this many
    documents regardless of corpus size — at province scale a passage in hundreds of
    materials is a circulating template, and it would make the pair count explode.
    """

    fraction: float = 0.5
    min_docs: int = 10
    max_docs: int = 200

    def limit(self, n_docs: int) -> int:
        """The largest document frequency that is still *not* boilerplate."""
        limit = self.max_docs
        if n_docs >= self.min_docs:
            limit = min(limit, int(self.fraction * n_docs))
        return max(limit, 2)


class DocumentFrequency:
    """Document frequency of fingerprint hashes, grown incrementally.

    Stored as two parallel arrays (sorted hashes, counts) so that it saves to ``.npz`` and
    maps to a table ``(hash BIGINT PRIMARY KEY, df INTEGER)``.
    """

    def __init__(
        self,
        hashes: npt.NDArray[np.int64] | None = None,
        counts: npt.NDArray[np.integer] | None = None,
    ) -> None:
        self.hashes = hashes if hashes is not None else np.zeros(0, dtype=np.int64)
        # int32: a count never reaches 2**31, and at 100,000 documents this array is large
        self.counts = counts.astype(np.int32) if counts is not None else np.zeros(0, dtype=np.int32)

    def add(self, doc_hashes: npt.NDArray[np.int64]) -> None:
        """Count the hashes of new documents (each document's hashes given once each)."""
        if doc_hashes.size == 0:
            return
        new, cnt = np.unique(doc_hashes, return_counts=True)
        if self.hashes.size == 0:
            self.hashes, self.counts = new.astype(np.int64), cnt.astype(np.int32)
            return
        pos = np.searchsorted(self.hashes, new)
        pos_c = np.minimum(pos, max(self.hashes.size - 1, 0))
        found = (
            (pos < self.hashes.size) & (self.hashes[pos_c] == new)
            if self.hashes.size
            else np.zeros(new.size, dtype=bool)
        )
        np.add.at(self.counts, pos[found], cnt[found])
        ins = ~found
        self.hashes = np.insert(self.hashes, pos[ins], new[ins])
        self.counts = np.insert(self.counts, pos[ins], cnt[ins].astype(np.int32))

    def of(self, hashes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Document frequency of each hash (0 when never seen)."""
        if self.hashes.size == 0:
            return np.zeros(hashes.shape, dtype=np.int64)
        pos = np.minimum(np.searchsorted(self.hashes, hashes), self.hashes.size - 1)
        return np.where(self.hashes[pos] == hashes, self.counts[pos], 0)

    def __len__(self) -> int:
        return int(self.hashes.size)
