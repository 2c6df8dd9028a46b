"""MinHash signatures and LSH band keys, in numpy.

A signature is computed over a document's fingerprint set (a few hundred hashes rather
than every k-gram: winnowing is a consistent sample, so the Jaccard similarity of two
fingerprint sets estimates that of their k-gram sets). Permutation ``j`` is
``h -> (a_j * h + b_j) mod 2**64`` with fixed odd ``a_j``; the signature keeps the top 32
bits of each minimum (uint32: 256 bytes for 64 permutations).

Band keys are Python ints that fit a signed 64-bit column: ``bands`` keys per document,
each a hash of the band number and its ``rows`` values. Two documents share a band key
with probability ``1 - (1 - J**rows)**bands``; a database finds near-duplicate candidates
with an index on ``(band_key)``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from orglife.similarity.shingle import mix64

_SEED = 0x6F72676C696665  # "orglife": signatures must never change between releases


class MinHasher:
    """Fixed family of ``num_perm`` permutations (deterministic, so signatures persist)."""

    def __init__(self, num_perm: int = 64) -> None:
        self.num_perm = num_perm
        seeds = np.arange(2 * num_perm, dtype=np.uint64) + np.uint64(_SEED)
        with np.errstate(over="ignore"):
            mixed = mix64(seeds)
        self.a = (mixed[:num_perm] | np.uint64(1)).reshape(1, -1)
        self.b = mixed[num_perm:].reshape(1, -1)

    def signature(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
        """The MinHash signature of a set of 64-bit hashes (all-ones when the set is empty)."""
        if hashes.size == 0:
            return np.full(self.num_perm, 0xFFFFFFFF, dtype=np.uint32)
        h = hashes.astype(np.uint64, copy=False).reshape(-1, 1)
        with np.errstate(over="ignore"):
            v = h * self.a + self.b
        return (v.min(axis=0) >> np.uint64(32)).astype(np.uint32)

    def band_keys(self, signature: npt.NDArray[np.uint32], bands: int) -> list[int]:
        """``bands`` LSH keys (signed 64-bit ints) of a signature."""
        rows = self.num_perm // bands
        if rows == 0:
            raise ValueError("bands must not exceed num_perm")
        m = signature[: rows * bands].astype(np.uint64).reshape(bands, rows)
        h = np.arange(bands, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(rows):
                h = mix64(h * np.uint64(0x100000001B3) + m[:, r])
        return [int(x) for x in h.view(np.int64)]
