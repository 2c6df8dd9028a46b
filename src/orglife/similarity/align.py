"""From shared fingerprints to shared passages.

Two steps, so that the expensive one runs only where it matters:

1. ``chain`` (vectorised over every candidate pair at once): shared fingerprints of a
   pair, in reading order, are chained into *runs* while they stay on the same diagonal
   with small gaps. A run is a shared passage seen through the fingerprints alone, with
   approximate extents — what a database can answer without loading texts.
2. ``refine`` (per pair, with both texts): each fingerprint of a run is extended
   character by character in the normalised texts; the union of those exact matches is
   the passage, reported with offsets in both original texts. Characters that are
   boilerplate (listed phrases, corpus-frequent fingerprints) are not counted towards
   the minimum passage length, so a quotation of the theme plus three words around it is
   not a copied paragraph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from orglife.similarity.shingle import Normalized

I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Passage:
    """A passage of ``a`` (``[a_start, a_end)``) found in ``b`` (``[b_start, b_end)``).

    Offsets are character offsets in each document's original text. ``text`` is ``a``'s
    text of the passage when texts were available, else ``""``; ``b_text`` is ``b``'s
    (it differs where a few words were changed or punctuated differently). ``length``
    counts the shared normalised characters that are not boilerplate.
    """

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str = ""
    length: int = 0
    b_text: str = ""

    def to_dict(self) -> dict[str, int | str]:
        """The passage object of the ``orglife similar`` JSON."""
        return {
            "a_start": self.a_start,
            "a_end": self.a_end,
            "b_start": self.b_start,
            "b_end": self.b_end,
            "text": self.text,
        }

    def swapped(self, text_b: str | None = None) -> Passage:
        """The same passage seen from ``b`` (``text`` becomes ``b``'s text of it)."""
        own = self.b_text or self.text
        if text_b is not None:
            own = text_b[self.b_start : self.b_end]
        return Passage(
            self.b_start,
            self.b_end,
            self.a_start,
            self.a_end,
            own,
            self.length,
            self.text,
        )


@dataclass(frozen=True)
class Runs:
    """Runs of chained fingerprint matches, one entry per run (parallel arrays).

    ``first``/``stop`` index the match arrays given to ``chain`` (after its sort), so the
    seeds of run ``r`` are ``order[first[r]:stop[r]]``.
    """

    key: I64
    count: I64
    a_start: I64
    a_end: I64
    b_start: I64
    b_end: I64
    first: I64
    stop: I64
    order: I64


def chain(key: I64, a_s: I64, a_e: I64, b_s: I64, b_e: I64, gap: int) -> Runs:
    """Chain fingerprint matches into runs, for all pairs at once.

    ``key`` identifies the pair of each match; ``a_s``/``a_e``/``b_s``/``b_e`` are the
    matched k-gram's offsets in each text. Consecutive matches (by position in ``a``) stay
    in one run while the gap in both texts and the drift off the diagonal are at most
    ``gap`` characters and the order in ``b`` is kept.
    """
    order = np.lexsort((a_s, key)).astype(np.int64)
    k, as_, ae, bs, be = key[order], a_s[order], a_e[order], b_s[order], b_e[order]
    n = k.shape[0]
    if n == 0:
        z = np.zeros(0, dtype=np.int64)
        return Runs(z, z, z, z, z, z, z, z, order)
    brk = np.ones(n, dtype=np.bool_)
    if n > 1:
        diag = bs - as_
        brk[1:] = (
            (k[1:] != k[:-1])
            | (as_[1:] - ae[:-1] > gap)
            | (bs[1:] < bs[:-1])
            | (bs[1:] - be[:-1] > gap)
            | (np.abs(diag[1:] - diag[:-1]) > gap)
        )
    first = np.flatnonzero(brk).astype(np.int64)
    stop = np.append(first[1:], n).astype(np.int64)
    return Runs(
        key=k[first],
        count=stop - first,
        a_start=np.minimum.reduceat(as_, first),
        a_end=np.maximum.reduceat(ae, first),
        b_start=np.minimum.reduceat(bs, first),
        b_end=np.maximum.reduceat(be, first),
        first=first,
        stop=stop,
        order=order,
    )


def _forward(sa: str, sb: str, i: int, j: int) -> int:
    """How many characters ``sa[i:]`` and ``sb[j:]`` share from the start.

    Slices compared as strings (one memory comparison each): galloping, then a binary
    search in the last step — a few comparisons however long the match.
    """
    n = min(len(sa) - i, len(sb) - j)
    good, step = 0, 32
    while True:
        m = min(good + step, n)
        if sa[i + good : i + m] != sb[j + good : j + m]:
            bad = m
            break
        good = m
        if good >= n:
            return n
        step *= 2
    while bad - good > 1:  # equal up to ``good``, not up to ``bad``
        mid = (good + bad) // 2
        if sa[i + good : i + mid] == sb[j + good : j + mid]:
            good = mid
        else:
            bad = mid
    return good


def _backward(sa: str, sb: str, i: int, j: int) -> int:
    """How many characters ``sa[:i]`` and ``sb[:j]`` share from the end."""
    n = min(i, j)
    good, step = 0, 32
    while True:
        m = min(good + step, n)
        if sa[i - m : i - good] != sb[j - m : j - good]:
            bad = m
            break
        good = m
        if good >= n:
            return n
        step *= 2
    while bad - good > 1:
        mid = (good + bad) // 2
        if sa[i - mid : i - good] == sb[j - mid : j - good]:
            good = mid
        else:
            bad = mid
    return good


Seg = tuple[int, int, int, int]  # (a0, a1, b0, b1): an exact match, normalised positions
BoilerSource = npt.NDArray[np.bool_] | Callable[[int, int], npt.NDArray[np.bool_]]


def extend(norm_a: Normalized, norm_b: Normalized, seeds: list[tuple[int, int]]) -> list[Seg]:
    """Exact matches around ``seeds`` (original offsets of matched k-grams in a and b):
    each seed extended both ways over equal normalised characters, sorted."""
    sa, sb = norm_a.text, norm_b.text
    segs: list[Seg] = []
    ordered = sorted(seeds)
    # seeds are k-gram starts, hence kept characters: one search each maps them all
    ias = np.searchsorted(norm_a.offsets, [x[0] for x in ordered]).tolist()
    ibs = np.searchsorted(norm_b.offsets, [x[1] for x in ordered]).tolist()
    for ia, ib in zip(ias, ibs, strict=True):
        if ia >= len(sa) or ib >= len(sb):
            continue
        if segs:
            a0, a1, b0, _ = segs[-1]
            if a0 <= ia < a1 and ib - ia == b0 - a0:
                continue  # already inside the last exact match
        right = _forward(sa, sb, ia, ib)
        if right == 0:
            continue
        left = _backward(sa, sb, ia, ib)
        segs.append((ia - left, ia + right, ib - left, ib + right))
    segs.sort()
    return segs


def group(
    segs: list[Seg],
    norm_a: Normalized,
    norm_b: Normalized,
    boiler_a: BoilerSource,
    text_a: str,
    gap: int,
    text_b: str = "",
    min_length: int = 0,
) -> list[Passage]:
    """Passages from exact matches: matches on nearby diagonals (within ``gap``
    normalised characters) merge into one passage, so a paragraph with a few words
    changed is one passage, not five. ``boiler_a`` marks boilerplate characters of
    ``a``'s normalised text (an array, or a function of a position range, asked only for
    passages of ``min_length`` characters or more); they do not count in ``length``."""
    if not segs:
        return []
    groups: list[list[Seg]] = [[segs[0]]]
    for s in segs[1:]:
        last = groups[-1]
        a1 = max(x[1] for x in last)
        b1 = max(x[3] for x in last)
        b0 = min(x[2] for x in last)
        if s[0] - a1 <= gap and s[2] >= b0 and s[2] - b1 <= gap:
            last.append(s)
        else:
            groups.append([s])
    out: list[Passage] = []
    for g in groups:
        lo, hi = min(x[0] for x in g), max(x[1] for x in g)
        covered = np.zeros(hi - lo, dtype=np.bool_)
        for a0, a1, _, _ in g:
            covered[a0 - lo : a1 - lo] = True
        length = int(np.count_nonzero(covered))
        if length >= min_length:
            # the boilerplate mask costs more than the rest: only for a possible passage
            boiler = boiler_a(lo, hi) if callable(boiler_a) else boiler_a[lo:hi]
            length = int(np.count_nonzero(covered & ~boiler))
        as_, ae_ = norm_a.span(lo, hi)
        bs_, be_ = norm_b.span(min(x[2] for x in g), max(x[3] for x in g))
        as_, ae_, bs_, be_ = _widen(text_a, text_b, as_, ae_, bs_, be_)
        b_text = text_b[bs_:be_] if text_b else ""
        out.append(Passage(as_, ae_, bs_, be_, text_a[as_:ae_], length, b_text))
    return out


def refine(
    norm_a: Normalized,
    norm_b: Normalized,
    seeds: list[tuple[int, int]],
    boiler_a: BoilerSource,
    text_a: str,
    gap: int,
    text_b: str = "",
) -> list[Passage]:
    """Exact passages around ``seeds``: ``extend`` then ``group``."""
    return group(extend(norm_a, norm_b, seeds), norm_a, norm_b, boiler_a, text_a, gap, text_b)


def _widen(
    text_a: str, text_b: str, as_: int, ae: int, bs: int, be: int
) -> tuple[int, int, int, int]:
    """Take in the punctuation both texts have around a passage (a closing 。 or ”).

    Normalised matching ignores punctuation, so a passage first ends at its last letter;
    a person expects the sentence's full stop with it. Line breaks are never taken in.
    """

    def same_punct(x: str, y: str) -> bool:
        return x == y and not x.isalnum() and x not in "\n\r"

    while ae < len(text_a) and be < len(text_b) and same_punct(text_a[ae], text_b[be]):
        ae, be = ae + 1, be + 1
    while as_ > 0 and bs > 0 and same_punct(text_a[as_ - 1], text_b[bs - 1]):
        as_, bs = as_ - 1, bs - 1
    return as_, ae, bs, be
