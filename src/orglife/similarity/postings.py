"""The inverted index ``hash -> (doc, start, end)``, grown one document at a time.

A single array sorted by hash answers a look-up in microseconds but costs a full sort to
grow; a list appended to grows in microseconds but answers by a scan. ``Postings`` keeps
both kinds (a log-structured merge): new documents go to a small unsorted *tail*, which
is scanned; when the tail is large it is sorted into a *segment*, and segments of similar
size are merged (two sorted arrays merge in linear time), so there are O(log n) segments
and each row is moved O(log n) times over the life of the index. A look-up is then a
binary search per segment plus a scan of the tail: milliseconds at 100,000 documents,
with no corpus-wide work per query.

Rows within a hash are in document order (documents are numbered as they are added, and
older segments always precede newer ones), which pairing relies on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]
I32 = npt.NDArray[np.int32]

TAIL_ROWS = 1 << 15  # tail scanned per look-up: ~0.1 ms of numpy at this size


@dataclass
class Segment:
    """Rows sorted by hash (documents ascending within a hash)."""

    h: I64
    doc: I32
    s: I32
    e: I32

    def __len__(self) -> int:
        return int(self.h.shape[0])


def _merge(old: Segment, new: Segment) -> Segment:
    """Merge two sorted segments, ``new`` holding only later documents."""
    # side="right": a hash's rows from ``new`` go after those of ``old`` (doc order kept)
    at = np.searchsorted(old.h, new.h, side="right")
    return Segment(
        np.insert(old.h, at, new.h),
        np.insert(old.doc, at, new.doc),
        np.insert(old.s, at, new.s),
        np.insert(old.e, at, new.e),
    )


def _sorted(h: I64, doc: I32, s: I32, e: I32) -> Segment:
    order = np.argsort(h, kind="stable")
    return Segment(h[order], doc[order], s[order], e[order])


class Postings:
    """Rows ``(hash, doc, start, end)`` of every document added (see the module docstring)."""

    def __init__(self) -> None:
        self._segs: list[Segment] = []
        self._tail: list[tuple[I64, I32, I32, I32]] = []
        self._tail_rows = 0
        self._tail_cat: Segment | None = None  # the tail concatenated (unsorted), cached

    @classmethod
    def from_rows(cls, h: I64, doc: I32, s: I32, e: I32) -> Postings:
        """An index of rows given at once (one sort), e.g. read back from storage."""
        post = cls()
        if h.shape[0]:
            post._segs.append(_sorted(h, doc, s, e))
        return post

    def __len__(self) -> int:
        return sum(len(s) for s in self._segs) + self._tail_rows

    def add(self, doc: int, h: I64, s: I32, e: I32) -> None:
        """Add one document's rows (``doc`` larger than any added before)."""
        d = np.full(h.shape[0], doc, dtype=np.int32)
        self._tail.append((h.astype(np.int64, copy=False), d, s, e))
        self._tail_rows += int(h.shape[0])
        self._tail_cat = None

    def _settle(self) -> None:
        """Sort a long tail into a segment before a look-up (not on every add: a batch
        that adds everything and then pairs sorts once, in ``merged``)."""
        if self._tail_rows >= TAIL_ROWS:
            self._flush()

    def _tail_segment(self) -> Segment:
        if self._tail_cat is None:
            if self._tail:
                cols = list(zip(*self._tail, strict=True))
                self._tail_cat = Segment(*(np.concatenate(c) for c in cols))
            else:
                z64, z32 = np.zeros(0, np.int64), np.zeros(0, np.int32)
                self._tail_cat = Segment(z64, z32, z32, z32)
        return self._tail_cat

    def _flush(self) -> None:
        """Sort the tail into a segment and merge segments of similar size."""
        if not self._tail:
            return
        t = self._tail_segment()
        self._segs.append(_sorted(t.h, t.doc, t.s, t.e))
        self._tail, self._tail_rows, self._tail_cat = [], 0, None
        while len(self._segs) >= 2 and len(self._segs[-2]) <= 2 * len(self._segs[-1]):
            new = self._segs.pop()
            self._segs[-1] = _merge(self._segs[-1], new)

    def merged(self) -> Segment:
        """All rows as one sorted segment (merging everything: for whole-corpus work)."""
        self._flush()
        while len(self._segs) >= 2:
            new = self._segs.pop()
            self._segs[-1] = _merge(self._segs[-1], new)
        if not self._segs:
            return self._tail_segment()
        return self._segs[0]

    def counts(self, hashes: I64) -> I64:
        """How many rows hold each of ``hashes`` (its document frequency)."""
        self._settle()
        out = np.zeros(hashes.shape[0], dtype=np.int64)
        for seg in self._segs:
            out += np.searchsorted(seg.h, hashes, side="right") - np.searchsorted(
                seg.h, hashes, side="left"
            )
        if self._tail_rows:
            t = self._tail_segment()
            u, c = np.unique(t.h[np.isin(t.h, hashes)], return_counts=True)
            if u.size:
                pos = np.minimum(np.searchsorted(u, hashes), u.size - 1)
                out += np.where(u[pos] == hashes, c[pos], 0)
        return out

    def lookup(self, hashes: I64) -> tuple[I64, I32, I32, I32]:
        """Every row holding one of ``hashes``: (index into ``hashes``, doc, start, end)."""
        self._settle()
        which: list[I64] = []
        docs: list[I32] = []
        ss: list[I32] = []
        es: list[I32] = []
        for seg in self._segs:
            lo = np.searchsorted(seg.h, hashes, side="left")
            hi = np.searchsorted(seg.h, hashes, side="right")
            w, rows = expand_ranges(lo.astype(np.int64), hi.astype(np.int64))
            which.append(w)
            docs.append(seg.doc[rows])
            ss.append(seg.s[rows])
            es.append(seg.e[rows])
        if self._tail_rows:
            t = self._tail_segment()
            rows = np.flatnonzero(np.isin(t.h, hashes))
            order = np.argsort(hashes, kind="stable")
            at = order[np.searchsorted(hashes, t.h[rows], sorter=order)]
            which.append(at.astype(np.int64))
            docs.append(t.doc[rows])
            ss.append(t.s[rows])
            es.append(t.e[rows])
        if not which:
            z64, z32 = np.zeros(0, np.int64), np.zeros(0, np.int32)
            return z64, z32, z32, z32
        return np.concatenate(which), np.concatenate(docs), np.concatenate(ss), np.concatenate(es)


def expand_ranges(lo: I64, hi: I64) -> tuple[I64, I64]:
    """For ranges ``[lo[i], hi[i])``: (index of the range, position) of every element."""
    counts = hi - lo
    which = np.repeat(np.arange(lo.shape[0], dtype=np.int64), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    pos = np.repeat(lo, counts) + (np.arange(which.shape[0], dtype=np.int64) - starts)
    return which, pos


class DocRows:
    """Every document's rows in the order added (for one document's fingerprints), in
    buffers that grow by doubling: appending is amortised O(rows), never a re-copy of
    the whole corpus."""

    def __init__(self) -> None:
        self._h = np.zeros(1024, dtype=np.int64)
        self._s = np.zeros(1024, dtype=np.int32)
        self._e = np.zeros(1024, dtype=np.int32)
        self._ptr = np.zeros(64, dtype=np.int64)
        self.n_docs = 0
        self.size = 0

    @classmethod
    def from_arrays(cls, h: I64, s: I32, e: I32, counts: I64) -> DocRows:
        rows = cls()
        rows._h, rows._s, rows._e = h.copy(), s.copy(), e.copy()
        rows._ptr = np.concatenate(([0], np.cumsum(counts, dtype=np.int64)))
        rows.n_docs, rows.size = int(counts.shape[0]), int(h.shape[0])
        return rows

    def append(self, h: I64, s: I32, e: I32) -> None:
        m = int(h.shape[0])
        if self.size + m > self._h.shape[0]:
            cap = max(2 * self._h.shape[0], self.size + m)
            self._h = np.resize(self._h, cap)
            self._s = np.resize(self._s, cap)
            self._e = np.resize(self._e, cap)
        if self.n_docs + 2 > self._ptr.shape[0]:
            self._ptr = np.resize(self._ptr, 2 * self._ptr.shape[0])
        self._h[self.size : self.size + m] = h
        self._s[self.size : self.size + m] = s
        self._e[self.size : self.size + m] = e
        self.size += m
        self.n_docs += 1
        self._ptr[self.n_docs] = self.size

    def arrays(self) -> tuple[I64, I32, I32, I64]:
        """Hashes, starts, ends (all documents) and the per-document start index."""
        n = self.size
        return self._h[:n], self._s[:n], self._e[:n], self._ptr[: self.n_docs + 1]
