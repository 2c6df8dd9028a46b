"""Winnowing fingerprints of a document (Schleimer, Wilkerson, Aiken, SIGMOD 2003).

Of every window of ``w`` consecutive k-gram hashes the smallest is kept. Two texts that
share a run of at least ``w + k - 1`` normalised characters therefore share at least one
fingerprint, whatever surrounds the run; and since selection depends only on local
context, the same passage yields the same fingerprints in every document. With the
defaults (k = 8, w = 24) about one k-gram in twelve is kept and any shared run of 31
characters is seen; a copied paragraph (≥ 50 characters) leaves several.

A fingerprint is plain values — ``(hash: int64, start: int32, end: int32)`` with
``start``/``end`` offsets in the *original* text of the k-gram's first and last
character — so a database keeps one row per fingerprint (see ``index`` for the mapping).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from orglife.similarity.boilerplate import PhraseList, default_phrases, kgram_mask, static_mask
from orglife.similarity.minhash import MinHasher
from orglife.similarity.shingle import Normalized, hash_kgrams, normalize

_MASKED = np.uint64(0xFFFFFFFFFFFFFFFF)
_POS_BITS = np.uint64(32)
_POS_MASK = np.uint64(0xFFFFFFFF)
_NO_SIGNATURE = np.zeros(0, dtype=np.uint32)


@dataclass(frozen=True)
class Params:
    """Shingling parameters; stored with an index, since fingerprints depend on them."""

    k: int = 8
    window: int = 24
    num_perm: int = 64
    bands: int = 16

    def to_dict(self) -> dict[str, int]:
        return {"k": self.k, "window": self.window, "num_perm": self.num_perm, "bands": self.bands}


def sliding_min(x: npt.NDArray[np.uint64], w: int) -> npt.NDArray[np.uint64]:
    """``out[i] = min(x[i:i+w])`` for every full window, in O(n log w) vector operations."""
    out = x
    span = 1
    while span * 2 <= w:
        out = np.minimum(out[:-span], out[span:])
        span *= 2
    n = x.shape[0] - w + 1
    if span < w:
        out = np.minimum(out[:n], out[w - span : w - span + n])
    return out[:n]


def winnow(hashes: npt.NDArray[np.uint64], w: int) -> npt.NDArray[np.int64]:
    """Positions (sorted, unique) of the k-grams chosen by winnowing with window ``w``.

    Hashes equal to the all-ones value are masked (boilerplate): they can win a window
    only when the whole window is masked, and are then dropped.
    """
    n = hashes.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # Pack the hash's top 32 bits above the position: the window minimum then carries
    # its own position, with no argmin over windows.
    packed = (hashes & ~_POS_MASK) | np.arange(n, dtype=np.uint64)
    mins = packed.min(keepdims=True) if n <= w else sliding_min(packed, w)
    pos = (mins & _POS_MASK).astype(np.int64)
    # a window's minimum never moves left as the window slides: equal neighbours only
    if pos.shape[0] > 1:
        pos = pos[np.concatenate(([True], pos[1:] != pos[:-1]))]
    return pos[hashes[pos] != _MASKED]


@dataclass
class DocFingerprints:
    """Everything the index keeps about one document (no text).

    ``hashes`` int64 (the uint64 hash reinterpreted, as a database stores it), ``starts`` /
    ``ends`` int32 original-text offsets of each fingerprinted k-gram (first occurrence of
    each hash), ``signature`` the MinHash (uint32, ``num_perm`` values) of the fingerprint
    set, ``length`` the original text's length in characters.
    """

    hashes: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int32]
    ends: npt.NDArray[np.int32]
    signature: npt.NDArray[np.uint32]
    length: int
    band_keys: list[int] = field(default_factory=list)

    def to_record(self) -> dict[str, bytes | int]:
        """The document as one database row: little-endian arrays as bytes (about 3 KB
        for a 3,000-character material) plus the length. ``from_record`` reads it back,
        on any machine, without the text."""
        return {
            "hashes": np.ascontiguousarray(self.hashes, dtype="<i8").tobytes(),
            "starts": np.ascontiguousarray(self.starts, dtype="<i4").tobytes(),
            "ends": np.ascontiguousarray(self.ends, dtype="<i4").tobytes(),
            "signature": np.ascontiguousarray(self.signature, dtype="<u4").tobytes(),
            "length": int(self.length),
        }

    @classmethod
    def from_record(
        cls,
        hashes: bytes,
        starts: bytes,
        ends: bytes,
        signature: bytes = b"",
        length: int = 0,
    ) -> DocFingerprints:
        """A document from the fields of ``to_record`` (bytes, memoryview or bytearray)."""
        h = np.frombuffer(bytes(hashes), dtype="<i8").astype(np.int64)
        s = np.frombuffer(bytes(starts), dtype="<i4").astype(np.int32)
        e = np.frombuffer(bytes(ends), dtype="<i4").astype(np.int32)
        if not h.shape[0] == s.shape[0] == e.shape[0]:
            raise ValueError("fingerprint record arrays differ in length")
        sig = np.frombuffer(bytes(signature), dtype="<u4").astype(np.uint32)
        return cls(h, s, e, sig, int(length))

    def rows(self) -> list[tuple[int, int, int]]:
        """``(hash, start, end)`` as Python ints: one database row each."""
        return list(
            zip(self.hashes.tolist(), self.starts.tolist(), self.ends.tolist(), strict=True)
        )


def select(
    norm: Normalized, params: Params, phrases: PhraseList | None = None, text: str | None = None
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """Winnowed fingerprint hashes and their k-gram positions in the normalised text.

    K-grams inside a listed phrase (or, given the original ``text``, inside quotation
    marks) are masked before winnowing, so a quotation neither yields fingerprints nor
    displaces the ones of the text around it.
    """
    phrases = default_phrases() if phrases is None else phrases
    h = hash_kgrams(norm.codes, params.k)
    if h.size == 0:
        return h, np.zeros(0, dtype=np.int64)
    chars = static_mask(text, norm, phrases) if text is not None else phrases.mask(norm.text)
    if chars.any():
        h = np.where(kgram_mask(chars, params.k), _MASKED, h)
    pos = winnow(h, params.window)
    hs = h[pos]
    # keep the first occurrence of each hash: a document holds a fingerprint or not
    _, first = np.unique(hs, return_index=True)
    first.sort()
    return hs[first], pos[first]


def fingerprint(
    text: str,
    params: Params | None = None,
    phrases: PhraseList | None = None,
    hasher: MinHasher | None = None,
    *,
    sketch: bool = True,
) -> DocFingerprints:
    """Fingerprints, MinHash signature and LSH band keys of one text.

    ``sketch=False`` leaves the signature empty and the band keys out (comparing needs
    neither; ``SimilarityIndex`` makes the signature when it is asked for one).
    """
    params = params or Params()
    norm = normalize(text)
    hs, pos = select(norm, params, phrases, text)
    starts = norm.offsets[pos].astype(np.int32) if pos.size else np.zeros(0, dtype=np.int32)
    ends = (
        (norm.offsets[pos + params.k - 1] + 1).astype(np.int32)
        if pos.size
        else np.zeros(0, dtype=np.int32)
    )
    if not sketch:
        return DocFingerprints(hs.view(np.int64), starts, ends, _NO_SIGNATURE, len(text))
    hasher = hasher or MinHasher(params.num_perm)
    sig = hasher.signature(hs)
    return DocFingerprints(
        hashes=hs.view(np.int64),
        starts=starts,
        ends=ends,
        signature=sig,
        length=len(text),
        band_keys=hasher.band_keys(sig, params.bands),
    )
