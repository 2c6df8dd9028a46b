"""Normalised text and vectorised k-gram hashing.

Chinese materials differ in punctuation, spaces, hard wraps and full-width/half-width
forms long before they differ in wording, so comparison runs on a *normalised* text that
keeps only letters and digits (every CJK character counts as a letter). ``Normalized``
keeps, for each kept character, its offset in the original text, so every position found
in the normalised text maps back to the text a person reads.

K-gram hashes are a polynomial hash over code points computed with numpy (k vector
operations for the whole text, however long) and finished with the splitmix64 mixer so
that every bit is usable by winnowing and MinHash. The hash is pure integer arithmetic:
it is stable across processes, machines and numpy versions, which is what lets a
database keep fingerprints for years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
I32 = npt.NDArray[np.int32]

_BASE = np.uint64(0x100000001B3)  # FNV-64 prime: odd, well spread bits
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)

_keep_table: npt.NDArray[np.bool_] | None = None
_fold_table: npt.NDArray[np.uint32] | None = None


def _tables() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint32]]:
    """Lookup tables over the BMP: which code points are kept, and their folded form."""
    global _keep_table, _fold_table
    if _keep_table is None or _fold_table is None:
        keep = np.fromiter(
            (chr(c).isalnum() for c in range(0x10000)), dtype=np.bool_, count=0x10000
        )
        fold = np.arange(0x10000, dtype=np.uint32)
        # full-width ASCII letters and digits (Ａ１) fold to ASCII, ASCII folds to lower case:
        # a material typed on another input method must compare equal.
        fw = np.arange(0xFF10, 0xFF5B, dtype=np.uint32)
        fold[fw] = fw - 0xFEE0
        fold[ord("A") : ord("Z") + 1] += 32
        fold[0xFF21:0xFF3B] += 32
        _keep_table, _fold_table = keep, fold
    return _keep_table, _fold_table


@dataclass(frozen=True)
class Normalized:
    """A text reduced to letters and digits, with the way back to the original.

    ``codes[i]`` is the folded code point of the i-th kept character and ``offsets[i]``
    its index in the original text.
    """

    codes: npt.NDArray[np.uint32]
    offsets: I32

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    @property
    def text(self) -> str:
        """The normalised text as a string (for phrase search)."""
        return self.codes.astype("<u4").tobytes().decode("utf-32-le")

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original-text offsets ``[a, b)`` of the normalised span ``[start, end)``."""
        if end <= start:
            return int(self.offsets[start]) if start < len(self) else 0, 0
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def normalize(text: str) -> Normalized:
    """Keep letters and digits of ``text`` (folded), remembering their original offsets."""
    keep, fold = _tables()
    cps = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    if cps.shape[0] == 0 or int(cps.max()) < 0x10000:
        # the usual case, all in the BMP: two table look-ups (called per passage window,
        # so the fixed cost of a call matters as much as the per-character one)
        idx = np.flatnonzero(keep[cps]).astype(np.int32)
        return Normalized(codes=fold[cps[idx]], offsets=idx)
    bmp = cps < 0x10000
    # astral code points (rare CJK extensions) are kept as they are
    mask = np.where(bmp, keep[np.where(bmp, cps, 0)], True)
    idx = np.flatnonzero(mask).astype(np.int32)
    kept = cps[idx].astype(np.uint32)
    kept = np.where(kept < 0x10000, fold[np.where(kept < 0x10000, kept, 0)], kept)
    return Normalized(codes=kept.astype(np.uint32), offsets=idx)


def mix64(h: U64) -> U64:
    """splitmix64 finaliser, vectorised: spreads entropy over all 64 bits."""
    h = h ^ (h >> np.uint64(30))
    h = h * _M1
    h = h ^ (h >> np.uint64(27))
    h = h * _M2
    return h ^ (h >> np.uint64(31))


def hash_kgrams(codes: npt.NDArray[np.uint32], k: int) -> U64:
    """64-bit hash of every k-gram of ``codes``; ``len(codes) - k + 1`` values (or none).

    ``hash[i]`` depends only on ``codes[i:i+k]``, so the same k characters hash the same
    in every document: this is what makes an index grow without rehashing old texts.
    """
    n = int(codes.shape[0]) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    one = np.uint64(1)
    with np.errstate(over="ignore"):
        h = c[:n] + one  # the first step of h = h * BASE + c + 1 from h = 0
        for j in range(1, k):  # in place: no temporaries per step
            h *= _BASE
            h += c[j : j + n]
            h += one
        return mix64(h)
