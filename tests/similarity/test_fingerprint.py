"""Winnowing: selection, its guarantee, masking; MinHash signatures and band keys."""

from __future__ import annotations

import numpy as np

from orglife.similarity.boilerplate import PhraseList
from orglife.similarity.fingerprint import Params, fingerprint, sliding_min, winnow
from orglife.similarity.minhash import MinHasher

from .helpers import mid_paragraph, unrelated


def test_sliding_min_matches_brute_force() -> None:
    rng = np.random.default_rng(3)
    x = rng.integers(0, 2**63, size=101, dtype=np.uint64)
    for w in (1, 2, 3, 7, 8, 24, 101):
        expect = [x[i : i + w].min() for i in range(len(x) - w + 1)]
        assert sliding_min(x, w).tolist() == [int(v) for v in expect]


def test_every_window_holds_a_selected_position() -> None:
    rng = np.random.default_rng(4)
    h = rng.integers(0, 2**63, size=500, dtype=np.uint64)
    pos = set(winnow(h, 10).tolist())
    assert all(pos & set(range(i, i + 10)) for i in range(len(h) - 9))
    assert len(pos) < 500 / 3


def test_a_shared_run_of_window_plus_k_characters_is_always_seen() -> None:
    p = Params()
    run = mid_paragraph()[: p.window + p.k + 10]
    for i in range(5):
        a = fingerprint(unrelated(i)[:800] + run + unrelated(i)[800:1200], p, PhraseList([]))
        b = fingerprint(unrelated(i + 10)[:300] + run, p, PhraseList([]))
        assert set(a.hashes.tolist()) & set(b.hashes.tolist())


def test_listed_phrases_yield_no_fingerprints() -> None:
    phrase = "坚定拥护两个确立坚决做到两个维护增强四个意识坚定四个自信"
    bare = fingerprint(phrase * 3, Params(), PhraseList([]))
    masked = fingerprint(phrase * 3, Params(), PhraseList([phrase]))
    assert bare.hashes.size > 0
    assert masked.hashes.size == 0


def test_fingerprint_offsets_point_at_the_original_text() -> None:
    text = "一、" + mid_paragraph()
    fp = fingerprint(text, Params(), PhraseList([]))
    for s, e in zip(fp.starts.tolist(), fp.ends.tolist(), strict=True):
        assert e - s >= Params().k  # punctuation inside a k-gram only widens it
        assert text[s].isalnum() and text[e - 1].isalnum()
    assert all(isinstance(v, int) for row in fp.rows() for v in row)


def test_minhash_estimates_jaccard() -> None:
    mh = MinHasher(128)
    a = np.arange(0, 1000, dtype=np.uint64) * np.uint64(2654435761)
    b = np.arange(500, 1500, dtype=np.uint64) * np.uint64(2654435761)
    # the share of equal values estimates the Jaccard similarity (1/3 here)
    assert abs(float(np.mean(mh.signature(a) == mh.signature(b))) - 1 / 3) < 0.12
    assert np.array_equal(mh.signature(a), mh.signature(a))
    assert np.all(mh.signature(np.zeros(0, np.uint64)) == 0xFFFFFFFF)


def test_band_keys_are_int64_and_shared_by_identical_documents() -> None:
    a = fingerprint(unrelated(1))
    b = fingerprint(unrelated(1))
    c = fingerprint(unrelated(2))
    assert len(a.band_keys) == Params().bands
    assert all(-(2**63) <= k < 2**63 for k in a.band_keys)
    assert a.band_keys == b.band_keys
    assert not set(a.band_keys) & set(c.band_keys)
