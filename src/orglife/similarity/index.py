"""``SimilarityIndex``: near-duplicate materials and copied passages across a corpus.

How it works
------------
Each document is reduced once, when added, to plain values (``fingerprint.fingerprint``):
its winnowing fingerprints ``(hash, start, end)`` and a MinHash signature. Nothing of the
text is kept and nothing is ever rehashed: adding documents appends rows and adds to the
document-frequency counts. ``pairs`` and ``query`` then work on fingerprints only —

* a fingerprint held by more documents than ``BoilerplateRule.limit`` is boilerplate of
  the corpus and ignored (learned incrementally from the counts);
* the remaining fingerprints form an inverted index ``hash -> (doc, start, end)``; every
  two documents in a posting list share that fingerprint;
* whole-document similarity is the exact Jaccard similarity of the two fingerprint sets
  (boilerplate excluded), containment the shared count over the smaller set;
* shared fingerprints are chained into runs (``align.chain``); with the texts at hand
  (``texts=``), runs are extended to exact passages (``align.refine``).

A pair is reported when similarity reaches the threshold or a passage of at least
``min_chars`` non-boilerplate characters is shared.

Mapping to a database (the Django side)
---------------------------------------
The index's state is exactly these tables; the functions here work the same whether the
rows come from an ``.npz`` file or from SQL:

* ``Fingerprint(doc_id, hash BIGINT, start INT, end INT)`` with an index on ``hash`` —
  rows from ``fingerprint(text).rows()`` (or ``index.fingerprints(doc_id).rows()``);
* ``DocSignature(doc_id, signature BYTEA/BLOB, length INT)`` — ``signature.tobytes()``
  (uint32 little-endian, ``num_perm`` values) — and, optionally,
  ``DocBand(doc_id, band_key BIGINT)`` indexed, from ``DocFingerprints.band_keys``:
  documents sharing a band key are near-duplicate candidates (LSH);
* ``FingerprintDF(hash BIGINT PRIMARY KEY, df INT)`` — incremented for each new document's
  hashes (or computed as ``COUNT(DISTINCT doc_id) GROUP BY hash``).

To check a new material against what a reviewer may see: select the ``Fingerprint`` rows
whose hash is among the new document's, restricted to visible documents, build a
``SimilarityIndex`` from those documents with ``add_fingerprints`` (no rehash) and call
``query`` (``use_corpus_counts`` makes it judge boilerplate by the whole table) — or
call ``compare`` for one pair. Store ``Params`` with the rows: fingerprints
made with other parameters do not compare. Extending ``data/phrases.txt`` needs no
migration: rows made before keep fingerprints of the newly listed phrases, which then
only match each other, and passages are always judged by the current list (refining
masks it in the text); re-fingerprint old rows at leisure to drop them.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import numpy.typing as npt

from orglife.similarity.align import Passage, Runs, chain, refine
from orglife.similarity.boilerplate import (
    BoilerplateRule,
    DocumentFrequency,
    PhraseList,
    default_phrases,
    static_mask,
)
from orglife.similarity.fingerprint import DocFingerprints, Params, fingerprint
from orglife.similarity.minhash import MinHasher
from orglife.similarity.shingle import Normalized, normalize

I64 = npt.NDArray[np.int64]
TextSource = Mapping[str, str] | Callable[[str], str]


@dataclass
class _Text:
    """A document's text as refining needs it (kept in a small cache during ``pairs``)."""

    text: str
    norm: Normalized
    mask: npt.NDArray[np.bool_] | None = None


TextCache = OrderedDict[int, _Text]
_TEXT_CACHE = 512
_SLICE = 1 << 18  # matches scored at once in ``pairs``


@dataclass
class PairResult:
    """One reported pair: ``a`` and ``b`` are document ids."""

    a: str
    b: str
    similarity: float
    containment: float
    shared: int
    passages: list[Passage] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The pair object of the ``orglife similar`` JSON."""
        return {
            "a": self.a,
            "b": self.b,
            "similarity": round(self.similarity, 4),
            "containment": round(self.containment, 4),
            "passages": [p.to_dict() for p in self.passages],
        }

    @property
    def score(self) -> float:
        """Ranking key: the stronger of similarity and containment."""
        return max(self.similarity, self.containment)


def _expand_ranges(lo: I64, hi: I64) -> tuple[I64, I64]:
    """For ranges ``[lo[i], hi[i])``: (index of the range, position) of every element."""
    counts = hi - lo
    which = np.repeat(np.arange(lo.shape[0], dtype=np.int64), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    pos = np.repeat(lo, counts) + (np.arange(which.shape[0], dtype=np.int64) - starts)
    return which, pos


class SimilarityIndex:
    """A growable, saveable index of document fingerprints (see the module docstring)."""

    def __init__(
        self,
        params: Params | None = None,
        rule: BoilerplateRule | None = None,
        phrases: PhraseList | None = None,
        *,
        min_chars: int = 50,
        gap: int = 48,
    ) -> None:
        self.params = params or Params()
        self.rule = rule or BoilerplateRule()
        self.phrases = phrases if phrases is not None else default_phrases()
        self.min_chars = min_chars
        self.gap = gap
        self.hasher = MinHasher(self.params.num_perm)
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._h: list[I64] = []
        self._s: list[npt.NDArray[np.int32]] = []
        self._e: list[npt.NDArray[np.int32]] = []
        self._n: list[int] = []
        self._sig: list[npt.NDArray[np.uint32]] = []
        self._len: list[int] = []
        self._df = DocumentFrequency()
        self._df_counted = 0  # documents already folded into the df counts
        self._cache: dict[str, Any] = {}
        self._corpus: tuple[DocumentFrequency, int] | None = None

    # --- growing -------------------------------------------------------------------

    def add(self, doc_id: str, text: str) -> DocFingerprints:
        """Fingerprint ``text`` and add it as ``doc_id`` (which must be new)."""
        fp = fingerprint(text, self.params, self.phrases, self.hasher)
        self.add_fingerprints(doc_id, fp)
        return fp

    def add_many(self, docs: Iterable[tuple[str, str]]) -> None:
        """Add ``(doc_id, text)`` pairs."""
        for doc_id, text in docs:
            self.add(doc_id, text)

    def add_fingerprints(self, doc_id: str, fp: DocFingerprints) -> None:
        """Add a document already fingerprinted (e.g. rows read back from a database)."""
        if doc_id in self._pos:
            raise ValueError(f"document {doc_id!r} is already in the index")
        self._pos[doc_id] = len(self._ids)
        self._ids.append(doc_id)
        h = np.asarray(fp.hashes, dtype=np.int64)
        self._h.append(h)
        self._s.append(np.asarray(fp.starts, dtype=np.int32))
        self._e.append(np.asarray(fp.ends, dtype=np.int32))
        self._n.append(int(h.shape[0]))
        self._sig.append(np.asarray(fp.signature, dtype=np.uint32))
        self._len.append(int(fp.length))
        self._cache.clear()

    # --- persistence -------------------------------------------------------------------

    def save(self, path: str | PathLike[str]) -> None:
        """Write the index to a ``.npz`` file (numpy arrays and a JSON header, no pickle)."""
        h, s, e, _ = self._arrays()
        df = self.df
        meta = {
            "format": 1,
            "ids": self._ids,
            "params": self.params.to_dict(),
            "rule": {
                "fraction": self.rule.fraction,
                "min_docs": self.rule.min_docs,
                "max_docs": self.rule.max_docs,
            },
            "min_chars": self.min_chars,
            "gap": self.gap,
            "phrases": None if self.phrases is default_phrases() else list(self.phrases.phrases),
        }
        with open(path, "wb") as f:
            np.savez(
                f,
                meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
                hashes=h,
                starts=s,
                ends=e,
                counts=np.asarray(self._n, dtype=np.int64),
                signatures=self.signatures(),
                lengths=np.asarray(self._len, dtype=np.int64),
                df_hashes=df.hashes,
                df_counts=df.counts,
            )

    @classmethod
    def load(cls, path: str | PathLike[str]) -> SimilarityIndex:
        """Read an index written by ``save``; it can be grown and saved again."""
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(z["meta"].tobytes().decode("utf-8"))
            if meta.get("format") != 1:
                raise ValueError("unknown similarity index format")
            rule = BoilerplateRule(**meta["rule"])
            phrases = PhraseList(meta["phrases"]) if meta["phrases"] is not None else None
            idx = cls(
                Params(**meta["params"]),
                rule,
                phrases,
                min_chars=meta["min_chars"],
                gap=meta["gap"],
            )
            ids: list[str] = meta["ids"]
            counts = z["counts"].astype(np.int64)
            idx._ids = list(ids)
            idx._pos = {d: i for i, d in enumerate(ids)}
            idx._h = [z["hashes"].astype(np.int64)]
            idx._s = [z["starts"].astype(np.int32)]
            idx._e = [z["ends"].astype(np.int32)]
            idx._n = counts.tolist()
            sigs = z["signatures"].astype(np.uint32)
            idx._sig = [sigs[i] for i in range(sigs.shape[0])]
            idx._len = z["lengths"].astype(np.int64).tolist()
            idx._df_counted = len(ids)
            idx._df = DocumentFrequency(
                z["df_hashes"].astype(np.int64), z["df_counts"].astype(np.int64)
            )
        return idx

    # --- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._pos

    @property
    def ids(self) -> list[str]:
        """Document ids in the order they were added."""
        return list(self._ids)

    @property
    def df(self) -> DocumentFrequency:
        """Document frequency of every fingerprint hash (pending counts folded in)."""
        if self._df_counted < len(self._ids):
            h, _, _, ptr = self._arrays()
            # each document's hashes are unique already (first occurrences only)
            self._df.add(h[int(ptr[self._df_counted]) :])
            self._df_counted = len(self._ids)
        return self._df

    def _arrays(self) -> tuple[I64, npt.NDArray[np.int32], npt.NDArray[np.int32], I64]:
        """All fingerprints as flat arrays plus the per-document start index (indptr)."""
        if len(self._h) != 1 or "indptr" not in self._cache:
            # consolidate once: many small arrays cost memory and time at 100,000 documents
            empty64, empty32 = np.zeros(0, np.int64), np.zeros(0, np.int32)
            self._h = [np.concatenate(self._h) if self._h else empty64]
            self._s = [np.concatenate(self._s) if self._s else empty32]
            self._e = [np.concatenate(self._e) if self._e else empty32]
            self._cache["indptr"] = np.concatenate(([0], np.cumsum(self._n, dtype=np.int64)))
        return self._h[0], self._s[0], self._e[0], self._cache["indptr"]

    def fingerprints(self, doc_id: str) -> DocFingerprints:
        """The stored data of one document, as plain values (for a database row set)."""
        i = self._pos[doc_id]
        h, s, e, ptr = self._arrays()
        a, b = int(ptr[i]), int(ptr[i + 1])
        sig = self._sig[i]
        return DocFingerprints(
            hashes=h[a:b].copy(),
            starts=s[a:b].copy(),
            ends=e[a:b].copy(),
            signature=sig.copy(),
            length=self._len[i],
            band_keys=self.hasher.band_keys(sig, self.params.bands),
        )

    def signatures(self) -> npt.NDArray[np.uint32]:
        """MinHash signatures, one row per document in ``ids`` order."""
        if not self._sig:
            return np.zeros((0, self.params.num_perm), dtype=np.uint32)
        return np.vstack(self._sig)

    def use_corpus_counts(self, df: DocumentFrequency, n_docs: int) -> None:
        """Judge boilerplate by a larger corpus's counts instead of this index's own.

        An index built from a subset (the documents a database query returned) must treat
        as boilerplate what the *whole* corpus shares: pass the ``FingerprintDF`` table as a
        ``DocumentFrequency`` and the corpus size. The index's own counts still apply where
        they are higher (documents not yet counted in the table).
        """
        self._corpus = (df, n_docs)
        self._cache.clear()

    def boilerplate_limit(self) -> int:
        """Largest document frequency still counted as content in this corpus."""
        n = max(len(self), self._corpus[1]) if self._corpus else len(self)
        return self.rule.limit(n)

    def _df_of(self, hashes: I64) -> I64:
        own = self.df.of(hashes)
        if self._corpus is None:
            return own
        return np.maximum(own, self._corpus[0].of(hashes))

    def _stats(self) -> dict[str, Any]:
        """Per fingerprint: corpus boilerplate or not, df; per document: content size."""
        if "stats" not in self._cache:
            h, _, _, ptr = self._arrays()
            n_docs = len(self)
            doc = np.repeat(np.arange(n_docs, dtype=np.int32), np.diff(ptr))
            df = self._df_of(h).astype(np.int32)
            common = df > self.boilerplate_limit()
            sizes = np.bincount(doc[~common], minlength=n_docs).astype(np.int64)
            self._cache["stats"] = {"doc": doc, "df": df, "common": common, "sizes": sizes}
        return self._cache["stats"]

    def _postings(self, shared_only: bool) -> dict[str, Any]:
        """Content fingerprints sorted by hash (documents ascending within a hash).

        ``shared_only`` keeps those held by two documents or more: all that pairing
        needs, and at 100,000 documents a small fraction of the whole.
        """
        name = "post_shared" if shared_only else "post_all"
        if name in self._cache:
            return self._cache[name]
        st = self._stats()
        h, s, e, _ = self._arrays()
        ok = ~st["common"]
        if shared_only:
            ok &= st["df"] >= 2
        sel = np.flatnonzero(ok)
        sel = sel[np.argsort(h[sel], kind="stable")]
        post = {"h": h[sel], "doc": st["doc"][sel], "s": s[sel], "e": e[sel]}
        self._cache[name] = post
        return post

    # --- comparing ---------------------------------------------------------------------

    def pairs(self, threshold: float = 0.5, texts: TextSource | None = None) -> list[PairResult]:
        """Every pair of indexed documents that is similar or shares a passage.

        With ``texts`` (a mapping or function from document id to its text) passages are
        exact and carry text; without, they are the fingerprint runs' approximate extents.
        Sorted by score, strongest first.
        """
        k = self._postings(shared_only=True)
        sizes_all = self._stats()["sizes"]
        n_docs = len(self)
        h, doc = k["h"], k["doc"]
        if h.shape[0] < 2:
            return []
        # posting lists: runs of equal hashes in the sorted arrays
        brk = np.flatnonzero(np.diff(h)) + 1
        starts = np.concatenate(([0], brk))
        sizes = np.diff(np.concatenate((starts, [h.shape[0]])))
        ia_parts: list[npt.NDArray[np.int32]] = []
        ib_parts: list[npt.NDArray[np.int32]] = []
        for g in np.unique(sizes[sizes >= 2]).tolist():
            st = starts[sizes == g]
            iu, ju = np.triu_indices(g, 1)
            ia_parts.append((st[:, None] + iu[None, :]).ravel().astype(np.int32))
            ib_parts.append((st[:, None] + ju[None, :]).ravel().astype(np.int32))
        if not ia_parts:
            return []
        ia = np.concatenate(ia_parts)
        ib = np.concatenate(ib_parts)
        del ia_parts, ib_parts, brk, starts, sizes
        # Group the matches by first document and score them a slice at a time: every
        # pair lies in one slice, and the per-match temporaries of chaining stay small
        # however large the corpus (the whole set at 100,000 documents is millions).
        order = np.argsort(doc[ia], kind="stable")
        ia, ib = ia[order], ib[order]
        del order
        first_doc = doc[ia]
        out: list[PairResult] = []
        cache: TextCache = OrderedDict()
        lo = 0
        while lo < ia.shape[0]:
            hi = min(lo + _SLICE, ia.shape[0])
            hi = int(np.searchsorted(first_doc, first_doc[hi - 1], side="right"))
            ca, cb = ia[lo:hi], ib[lo:hi]
            # within a posting list documents are sorted, so doc[ca] < doc[cb]
            key = doc[ca].astype(np.int64) * n_docs + doc[cb]
            sa, sb = k["s"][ca].astype(np.int64), k["s"][cb].astype(np.int64)
            runs = chain(
                key, sa, k["e"][ca].astype(np.int64), sb, k["e"][cb].astype(np.int64), self.gap
            )
            ukey, shared = np.unique(key, return_counts=True)
            out.extend(
                self._score(
                    ukey,
                    shared,
                    runs,
                    (sa, sb),
                    n_docs,
                    sizes_all,
                    sizes_all,
                    threshold,
                    texts,
                    None,
                    cache,
                )
            )
            lo = hi
        out.sort(key=lambda r: (-r.score, r.a, r.b))
        return out

    def query(
        self,
        text: str,
        threshold: float = 0.5,
        *,
        query_id: str = "",
        exclude: Iterable[str] = (),
        texts: TextSource | None = None,
    ) -> list[PairResult]:
        """Indexed documents similar to ``text`` or sharing a passage with it.

        The text is not added. Results have ``a = query_id`` and ``b`` the indexed id.
        With ``texts`` (the indexed documents' texts by id) passages are exact; without,
        they are fingerprint runs with approximate offsets.
        """
        fp = fingerprint(text, self.params, self.phrases, self.hasher)
        k = self._postings(shared_only=False)
        limit = self.boilerplate_limit()
        qh = fp.hashes
        keep = self._df_of(qh) < limit  # the query itself would add one
        qh, qs, qe = qh[keep], fp.starts[keep].astype(np.int64), fp.ends[keep].astype(np.int64)
        lo = np.searchsorted(k["h"], qh, side="left").astype(np.int64)
        hi = np.searchsorted(k["h"], qh, side="right").astype(np.int64)
        which, rows = _expand_ranges(lo, hi)
        docs = k["doc"][rows].astype(np.int64)
        excluded = [self._pos[x] for x in exclude if x in self._pos]
        if excluded:
            ok = ~np.isin(docs, excluded)
            which, rows, docs = which[ok], rows[ok], docs[ok]
        sb = k["s"][rows].astype(np.int64)
        runs = chain(docs, qs[which], qe[which], sb, k["e"][rows].astype(np.int64), self.gap)
        ukey, shared = np.unique(docs, return_counts=True)
        qsize = np.array([int(qh.shape[0])], dtype=np.int64)
        return self._score(
            ukey,
            shared,
            runs,
            (qs[which], sb),
            len(self),
            qsize,
            self._stats()["sizes"],
            threshold,
            texts,
            (query_id, text),
            OrderedDict(),
        )

    def _score(
        self,
        ukey: I64,
        shared: I64,
        runs: Runs,
        seed_starts: tuple[I64, I64],
        n_b: int,
        sizes_a: I64,
        sizes_b: I64,
        threshold: float,
        texts: TextSource | None,
        query: tuple[str, str] | None,
        norm_cache: TextCache,
    ) -> list[PairResult]:
        """Similarity, containment and passages for candidate pairs given by key.

        ``key = a * n_b + b``; for a query ``a`` is always 0 and ``b`` the document.
        """
        a_idx, b_idx = ukey // n_b, ukey % n_b
        na, nb = sizes_a[a_idx], sizes_b[b_idx]
        union = na + nb - shared
        sim = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
        cont = np.where(np.minimum(na, nb) > 0, shared / np.maximum(np.minimum(na, nb), 1), 0.0)
        # runs worth a look: two fingerprints or more spanning a fair part of a passage
        long_run = (runs.count >= 2) & (runs.a_end - runs.a_start >= self.min_chars // 2)
        strong = (runs.count >= 3) & (runs.a_end - runs.a_start >= self.min_chars)
        exact = texts is not None
        cand_keys = np.union1d(ukey[sim >= threshold], runs.key[long_run if exact else strong])
        if cand_keys.size == 0:
            return []
        pos_in = np.searchsorted(ukey, cand_keys)
        run_of_key: dict[int, list[int]] = {}
        sel = np.flatnonzero(np.isin(runs.key, cand_keys) & (runs.count >= 2 if exact else strong))
        for r in sel.tolist():
            run_of_key.setdefault(int(runs.key[r]), []).append(r)
        out: list[PairResult] = []
        for key, p in zip(cand_keys.tolist(), pos_in.tolist(), strict=True):
            a, b = int(a_idx[p]), int(b_idx[p])
            rs = run_of_key.get(key, [])
            if exact:
                passages = self._exact(a, b, rs, runs, seed_starts, texts, query, norm_cache)
            else:
                passages = [
                    Passage(
                        int(runs.a_start[r]),
                        int(runs.a_end[r]),
                        int(runs.b_start[r]),
                        int(runs.b_end[r]),
                    )
                    for r in rs
                ]
            if sim[p] < threshold and not passages:
                continue
            out.append(
                PairResult(
                    a=query[0] if query else self._ids[a],
                    b=self._ids[b],
                    similarity=float(sim[p]),
                    containment=float(cont[p]),
                    shared=int(shared[p]),
                    passages=passages,
                )
            )
        out.sort(key=lambda r: (-r.score, r.a, r.b))
        return out

    def _doc_text(
        self, i: int, texts: TextSource | None, cache: TextCache, *, mask: bool = False
    ) -> _Text:
        """Text, normalised text and (with ``mask``) boilerplate mask of document ``i``."""
        if i in cache:
            cache.move_to_end(i)
            entry = cache[i]
        else:
            doc_id = self._ids[i]
            if texts is None:
                raise ValueError("texts are needed for exact passages")
            text = texts[doc_id] if isinstance(texts, Mapping) else texts(doc_id)
            entry = _Text(text, normalize(text))
            cache[i] = entry
            # bounded: candidates come sorted by first document, so a small cache keeps
            # it while its partners pass by, and 100,000 texts are never held at once
            if len(cache) > _TEXT_CACHE:
                cache.popitem(last=False)
        if mask and entry.mask is None:
            # only the ``a`` side of a pair needs it: computed on demand
            entry.mask = self.boilerplate_mask(i, entry.text, entry.norm)
        return entry

    def boilerplate_mask(self, i: int, text: str, norm: Normalized) -> npt.NDArray[np.bool_]:
        """Boilerplate characters of document ``i``'s normalised text.

        Listed phrases and quotations exactly. For corpus-frequent fingerprints only the k-gram is known,
        not where the shared wording around it stops; it stops before the next content
        fingerprint at the latest, so the stretch up to the neighbouring fingerprints is
        masked too (favouring a missed boundary word over a false report).
        """
        mask = static_mask(text, norm, self.phrases)
        _, s, _, ptr = self._arrays()
        a, b = int(ptr[i]), int(ptr[i + 1])
        common = self._stats()["common"][a:b]
        if not common.any():
            return mask
        pos = np.searchsorted(norm.offsets, s[a:b])
        order = np.argsort(pos)
        pos, common = pos[order], common[order]
        kk = self.params.k
        n = len(norm)
        for j in np.flatnonzero(common).tolist():
            start = int(pos[j - 1]) + kk if j > 0 else 0
            end = int(pos[j + 1]) if j + 1 < pos.shape[0] else n
            mask[min(start, int(pos[j])) : max(end, int(pos[j]) + kk)] = True
        return mask

    def _exact(
        self,
        a: int,
        b: int,
        rs: list[int],
        runs: Runs,
        seed_starts: tuple[I64, I64],
        texts: TextSource | None,
        query: tuple[str, str] | None,
        cache: TextCache,
    ) -> list[Passage]:
        if not rs:
            return []
        if query is not None:
            if -1 not in cache:
                norm_q = normalize(query[1])
                cache[-1] = _Text(query[1], norm_q, static_mask(query[1], norm_q, self.phrases))
            da = cache[-1]
        else:
            da = self._doc_text(a, texts, cache, mask=True)
        db = self._doc_text(b, texts, cache)
        text_a, norm_a, text_b, norm_b = da.text, da.norm, db.text, db.norm
        boiler_a = da.mask if da.mask is not None else np.zeros(len(norm_a), dtype=np.bool_)
        seeds: list[tuple[int, int]] = []
        for r in rs:
            rows = runs.order[runs.first[r] : runs.stop[r]]
            seeds.extend(
                zip(seed_starts[0][rows].tolist(), seed_starts[1][rows].tolist(), strict=True)
            )
        found = refine(norm_a, norm_b, seeds, boiler_a, text_a, self.gap, text_b)
        return [p for p in found if p.length >= self.min_chars]


def compare(
    a: DocFingerprints,
    b: DocFingerprints,
    *,
    text_a: str | None = None,
    text_b: str | None = None,
    threshold: float = 0.5,
    corpus: tuple[DocumentFrequency, int] | None = None,
    params: Params | None = None,
) -> PairResult | None:
    """One pair from stored fingerprints (``a`` and ``b`` are the result's ids).

    With both texts, passages are exact; ``corpus`` (document frequencies and corpus
    size) decides what is boilerplate — without it two documents alone share no
    boilerplate beyond the phrase list. Returns None when the pair is not reported.
    """
    index = SimilarityIndex(params)
    index.add_fingerprints("a", a)
    index.add_fingerprints("b", b)
    if corpus is not None:
        index.use_corpus_counts(*corpus)
    texts = {"a": text_a, "b": text_b} if text_a is not None and text_b is not None else None
    found = index.pairs(threshold, texts=texts)
    return found[0] if found else None
