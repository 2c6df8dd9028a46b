"""``SimilarityIndex``: near-duplicate materials and copied passages across a corpus.

How it works
------------
Each document is reduced once, when added, to plain values (``fingerprint.fingerprint``):
its winnowing fingerprints ``(hash, start, end)``. Nothing of the text is kept and
nothing is ever rehashed. The fingerprints go into an inverted index
``hash -> (doc, start, end)`` grown one document at a time (``postings.Postings``: a
small unsorted tail plus sorted segments merged as they grow), and the corpus
statistics are kept up to date as counts on every add and remove — never recomputed
for a query:

* a fingerprint's document frequency is the length of its posting list; one held by
  more documents than ``BoilerplateRule.limit`` is boilerplate of the corpus and ignored;
  each document's count of content (non-boilerplate) fingerprints is adjusted when one
  of its fingerprints crosses the limit;
* ``query`` looks up one new text's fingerprints (a binary search per segment), so the
  cost depends on what the new text shares, not on the corpus size; ``pairs`` walks
  every posting list for the batch run;
* whole-document similarity is the exact Jaccard similarity of the two fingerprint sets
  (boilerplate excluded), containment the shared count over the smaller set;
* shared fingerprints are chained into runs (``align.chain``); with the texts at hand
  (``texts=``), runs are extended to exact passages on a window of each text around the
  run (``align.extend``, ``align.group``).

A pair is reported when similarity reaches the threshold or a passage of at least
``min_chars`` non-boilerplate characters is shared.

Persisting it (the Django side)
-------------------------------
One row per document holds everything: ``fingerprint(text).to_record()`` gives
``hashes`` / ``starts`` / ``ends`` / ``signature`` as little-endian bytes (about 3 KB for
a 3,000-character material) and ``length``; ``DocFingerprints.from_record(**row)`` reads
it back and ``add_fingerprints`` puts it in an index with no text read and no rehash.
Store ``Params`` with the rows: fingerprints made with other parameters do not compare.
(``fingerprint(text).rows()`` gives the same data as one ``(hash, start, end)`` row per
fingerprint, for a table indexed on ``hash``; ``compare`` checks one stored pair.)
A process keeps one index of every stored document and checks each upload with
``query_fingerprints`` (``include=`` limits it to what the person may see); see
``docs/similarity.md``. Extending ``data/phrases.txt`` needs no migration: rows made
before keep fingerprints of the newly listed phrases, which then only match each other,
and passages are always judged by the current list (refining masks it in the text);
re-fingerprint old rows at leisure to drop them.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import numpy as np
import numpy.typing as npt

from orglife.similarity.align import Passage, Runs, chain, extend, group, refine
from orglife.similarity.boilerplate import (
    BoilerplateRule,
    DocumentFrequency,
    PhraseList,
    default_phrases,
    static_mask,
)
from orglife.similarity.fingerprint import DocFingerprints, Params, fingerprint
from orglife.similarity.minhash import MinHasher
from orglife.similarity.postings import DocRows, Postings, Segment
from orglife.similarity.shingle import Normalized, normalize

I64 = npt.NDArray[np.int64]
TextSource = Mapping[str, str] | Callable[[str], str]


@dataclass
class _Text:
    """A document's text as refining needs it (kept in a small cache during ``pairs``)."""

    text: str
    norm: Normalized | None = None
    mask: npt.NDArray[np.bool_] | None = None


TextCache = OrderedDict[int, _Text]
_TEXT_CACHE = 512
_SLICE = 1 << 18  # matches scored at once in ``pairs``
_MARGIN = 200  # original characters compared around a fingerprint run


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


def _run_lengths(h: I64) -> I64:
    """For sorted ``h``: per element, how many elements equal it."""
    if h.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    lengths = np.diff(np.append(starts, h.shape[0]))
    return np.repeat(lengths, lengths)


def spread_common(
    mask: npt.NDArray[np.bool_],
    norm: Normalized,
    starts: npt.NDArray[np.integer],
    common: npt.NDArray[np.bool_],
    k: int,
) -> None:
    """Mark in ``mask`` (per normalised character) the stretches around boilerplate
    fingerprints (original offsets ``starts``, flags ``common``).

    For a corpus-frequent fingerprint only the k-gram is known, not where the shared
    wording around it stops; it stops before the next content fingerprint at the latest,
    so the stretch up to the neighbouring fingerprints is masked too (favouring a missed
    boundary word over a false report).
    """
    if not common.any():
        return
    pos = np.searchsorted(norm.offsets, starts)
    order = np.argsort(pos)
    pos, common = pos[order], common[order]
    n = len(norm)
    for j in np.flatnonzero(common).tolist():
        start = int(pos[j - 1]) + k if j > 0 else 0
        end = int(pos[j + 1]) if j + 1 < pos.shape[0] else n
        mask[min(start, int(pos[j])) : max(end, int(pos[j]) + k)] = True


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
        self._rows = DocRows()
        self._n: list[int] = []
        # None: not computed yet (batch runs never need them); made from the hashes on demand
        self._sig: list[npt.NDArray[np.uint32] | None] = []
        self._len: list[int] = []
        self._post = Postings()
        self._removed: set[int] = set()
        self._removed_df = DocumentFrequency()
        self._corpus: tuple[DocumentFrequency, int] | None = None
        # boilerplate bookkeeping, kept up to date incrementally (``_refresh``)
        self._ncommon = np.zeros(0, dtype=np.int64)  # per document: boilerplate fingerprints
        self._folded = 0  # documents counted into ``_ncommon``
        self._limit_at = -1  # the boilerplate limit ``_ncommon`` was counted with
        self._sizes: I64 | None = None
        self._common: tuple[tuple[int, int, int, int], I64] | None = None

    # --- growing -------------------------------------------------------------------

    def add(self, doc_id: str, text: str) -> DocFingerprints:
        """Fingerprint ``text`` and add it as ``doc_id`` (which must be new).

        The MinHash signature is not computed here (nothing in comparing needs it);
        ``fingerprints(doc_id)`` makes it when a database row is written.
        """
        fp = fingerprint(text, self.params, self.phrases, self.hasher, sketch=False)
        self.add_fingerprints(doc_id, fp)
        return fp

    def add_fingerprints(self, doc_id: str, fp: DocFingerprints) -> None:
        """Add a document already fingerprinted (e.g. rows read back from a database)."""
        if doc_id in self._pos:
            raise ValueError(f"document {doc_id!r} is already in the index")
        i = len(self._ids)
        self._pos[doc_id] = i
        self._ids.append(doc_id)
        h = np.asarray(fp.hashes, dtype=np.int64)
        s = np.asarray(fp.starts, dtype=np.int32)
        e = np.asarray(fp.ends, dtype=np.int32)
        self._rows.append(h, s, e)
        self._n.append(int(h.shape[0]))
        sig = np.asarray(fp.signature, dtype=np.uint32)
        self._sig.append(sig if sig.shape[0] == self.params.num_perm else None)
        self._len.append(int(fp.length))
        self._post.add(i, h, s, e)
        self._sizes = None

    def remove(self, doc_id: str) -> None:
        """Take a document out (a material withdrawn): it is never reported again and no
        longer counts towards boilerplate. Its rows are dropped at the next compaction."""
        i = self._pos.get(doc_id)
        if i is None or i in self._removed:
            raise KeyError(doc_id)
        self._removed.add(i)
        self._removed_df.add(self._h_of(i))
        self._limit_at = -1  # counts went down: recount boilerplate (rare, linear)
        self._sizes = None
        if len(self._removed) * 4 > len(self._ids):
            self._compact()

    def _compact(self) -> None:
        """Rebuild the postings from the documents still present (removed rows dropped)."""
        post = Postings()
        for i in range(len(self._ids)):
            if i not in self._removed:
                post.add(i, self._h_of(i), *self._se_of(i))
        self._post = post
        self._removed_df = DocumentFrequency()

    # --- persistence -------------------------------------------------------------------

    def save(self, path: str | PathLike[str]) -> None:
        """Write the index to a ``.npz`` file (numpy arrays and a JSON header, no pickle).

        Removed documents are left out.
        """
        keep = [i for i in range(len(self._ids)) if i not in self._removed]
        h, s, e, ptr = self._arrays()
        rows = (
            np.concatenate([np.arange(ptr[i], ptr[i + 1]) for i in keep]).astype(np.int64)
            if keep
            else np.zeros(0, np.int64)
        )
        df = self.df
        meta = {
            "format": 1,
            "ids": [self._ids[i] for i in keep],
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
        sigs = [self.signature(i) for i in keep]
        with open(path, "wb") as f:
            np.savez(
                f,
                meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
                hashes=h[rows],
                starts=s[rows],
                ends=e[rows],
                counts=np.asarray([self._n[i] for i in keep], dtype=np.int64),
                signatures=np.vstack(sigs)
                if sigs
                else np.zeros((0, self.params.num_perm), np.uint32),
                lengths=np.asarray([self._len[i] for i in keep], dtype=np.int64),
                df_hashes=df.hashes,
                df_counts=df.counts,
            )

    @classmethod
    def load(cls, path: str | PathLike[str]) -> SimilarityIndex:
        """Read an index written by ``save``; it can be grown and saved again.

        The inverted index is rebuilt from the stored rows (one sort, no text read).
        """
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
            h = z["hashes"].astype(np.int64)
            s = z["starts"].astype(np.int32)
            e = z["ends"].astype(np.int32)
            sigs = z["signatures"].astype(np.uint32)
            lengths = z["lengths"].astype(np.int64).tolist()
        idx._ids = list(ids)
        idx._pos = {d: i for i, d in enumerate(ids)}
        idx._rows = DocRows.from_arrays(h, s, e, counts)
        idx._n = counts.tolist()
        idx._sig = [sigs[i] for i in range(sigs.shape[0])]
        idx._len = lengths
        doc = np.repeat(np.arange(len(ids), dtype=np.int32), counts)
        idx._post = Postings.from_rows(h, doc, s, e)
        return idx

    # --- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._ids) - len(self._removed)

    def __contains__(self, doc_id: object) -> bool:
        i = self._pos.get(doc_id) if isinstance(doc_id, str) else None
        return i is not None and i not in self._removed

    @property
    def ids(self) -> list[str]:
        """Document ids in the order they were added."""
        return [d for i, d in enumerate(self._ids) if i not in self._removed]

    @property
    def df(self) -> DocumentFrequency:
        """Document frequency of every fingerprint hash (built from the postings)."""
        seg = self._live_rows()
        u, c = np.unique(seg.h, return_counts=True)
        return DocumentFrequency(u, c)

    def _arrays(self) -> tuple[I64, npt.NDArray[np.int32], npt.NDArray[np.int32], I64]:
        """All fingerprints as flat arrays plus the per-document start index (indptr)."""
        return self._rows.arrays()

    def _h_of(self, i: int) -> I64:
        h, _, _, ptr = self._arrays()
        return h[int(ptr[i]) : int(ptr[i + 1])]

    def _se_of(self, i: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int32]]:
        _, s, e, ptr = self._arrays()
        return s[int(ptr[i]) : int(ptr[i + 1])], e[int(ptr[i]) : int(ptr[i + 1])]

    def signature(self, i: int) -> npt.NDArray[np.uint32]:
        """MinHash signature of document number ``i`` (computed once, when first asked)."""
        sig = self._sig[i]
        if sig is None:
            sig = self.hasher.signature(self._h_of(i).view(np.uint64))
            self._sig[i] = sig
        return sig

    def fingerprints(self, doc_id: str) -> DocFingerprints:
        """The stored data of one document, as plain values (for a database row set)."""
        i = self._pos[doc_id]
        s, e = self._se_of(i)
        sig = self.signature(i)
        return DocFingerprints(
            hashes=self._h_of(i).copy(),
            starts=s.copy(),
            ends=e.copy(),
            signature=sig.copy(),
            length=self._len[i],
            band_keys=self.hasher.band_keys(sig, self.params.bands),
        )

    def use_corpus_counts(self, df: DocumentFrequency, n_docs: int) -> None:
        """Judge boilerplate by a larger corpus's counts instead of this index's own.

        An index built from a subset (the documents a database query returned) must treat
        as boilerplate what the *whole* corpus shares: pass the ``FingerprintDF`` table as a
        ``DocumentFrequency`` and the corpus size. The index's own counts still apply where
        they are higher (documents not yet counted in the table).
        """
        self._corpus = (df, n_docs)
        self._limit_at = -1
        self._sizes = None

    def boilerplate_limit(self) -> int:
        """Largest document frequency still counted as content in this corpus."""
        n = max(len(self), self._corpus[1]) if self._corpus else len(self)
        return self.rule.limit(n)

    def _df_of(self, hashes: I64) -> I64:
        """Document frequency of each hash in this index (with the corpus counts, if set)."""
        own = self._post.counts(hashes)
        if self._removed:
            own = own - self._removed_df.of(hashes)
        if self._corpus is None:
            return own
        return np.maximum(own, self._corpus[0].of(hashes))

    def _live_rows(self) -> Segment:
        """All rows of documents still present, as one segment sorted by hash."""
        seg = self._post.merged()
        if not self._removed:
            return seg
        ok = ~np.isin(seg.doc, np.fromiter(self._removed, dtype=np.int32))
        return Segment(seg.h[ok], seg.doc[ok], seg.s[ok], seg.e[ok])

    def _refresh(self) -> None:
        """Bring the per-document boilerplate counts up to date.

        A fingerprint becomes boilerplate when its document frequency passes the limit;
        then every document holding it has one content fingerprint fewer. Documents
        added since the last call are folded in with a look-up of their own hashes only:
        no corpus-wide work, which is what makes a query after an add cheap. A changed
        limit (a small corpus growing, corpus counts, a removal) recounts everything once.
        """
        n = len(self._ids)
        limit = self.boilerplate_limit()
        if self._folded == n and self._limit_at == limit:
            return
        new = n - self._folded
        if self._limit_at != limit or self._corpus is not None or new * 4 > n:
            self._recount(limit)
        else:
            self._fold(self._folded, limit)
        self._folded, self._limit_at, self._sizes = n, limit, None

    def _recount(self, limit: int) -> None:
        seg = self._live_rows()
        df = _run_lengths(seg.h)
        if self._corpus is not None:
            df = np.maximum(df, self._corpus[0].of(seg.h))
        common = df > limit
        self._ncommon = np.bincount(seg.doc[common], minlength=len(self._ids)).astype(np.int64)

    def _fold(self, first: int, limit: int) -> None:
        h, _, _, ptr = self._arrays()
        new_h = h[int(ptr[first]) :]
        new_doc = np.repeat(np.arange(first, len(self._ids), dtype=np.int64), self._n[first:])
        ncommon = np.zeros(len(self._ids), dtype=np.int64)
        ncommon[: self._ncommon.shape[0]] = self._ncommon
        u, inv, delta = np.unique(new_h, return_inverse=True, return_counts=True)
        after = self._df_of(u)
        before = after - delta
        # already boilerplate before: only the new holders lose a content fingerprint
        old_common = before > limit
        np.add.at(ncommon, new_doc[old_common[inv]], 1)
        # crossing the limit now: every holder, old and new
        crossed = u[(before <= limit) & (after > limit)]
        if crossed.size:
            _, docs, _, _ = self._post.lookup(crossed)
            np.add.at(ncommon, docs.astype(np.int64), 1)
        self._ncommon = ncommon

    def sizes(self) -> I64:
        """Per document number: content fingerprints (boilerplate excluded)."""
        self._refresh()
        if self._sizes is None:
            self._sizes = np.asarray(self._n, dtype=np.int64) - self._ncommon
        return self._sizes

    # --- comparing ---------------------------------------------------------------------

    def pairs(self, threshold: float = 0.5, texts: TextSource | None = None) -> list[PairResult]:
        """Every pair of indexed documents that is similar or shares a passage.

        With ``texts`` (a mapping or function from document id to its text) passages are
        exact and carry text; without, they are the fingerprint runs' approximate extents.
        Sorted by score, strongest first.
        """
        sizes_all = self.sizes()
        limit = self.boilerplate_limit()
        seg = self._live_rows()
        own = _run_lengths(seg.h)
        df = own if self._corpus is None else np.maximum(own, self._corpus[0].of(seg.h))
        # content fingerprints held by two documents or more: all that pairing needs,
        # and at 100,000 documents a small fraction of the whole
        sel = np.flatnonzero((df <= limit) & (own >= 2))
        k: dict[str, Any] = {"h": seg.h[sel], "doc": seg.doc[sel], "s": seg.s[sel], "e": seg.e[sel]}
        n_docs = len(self._ids)
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
        include: Collection[str] | Callable[[str], bool] | None = None,
        texts: TextSource | None = None,
    ) -> list[PairResult]:
        """Indexed documents similar to ``text`` or sharing a passage with it.

        The text is not added. Results have ``a = query_id`` and ``b`` the indexed id.
        With ``texts`` (the indexed documents' texts by id) passages are exact; without,
        they are fingerprint runs with approximate offsets. ``include`` (a set of ids or
        a predicate) limits the documents compared with — what the asking person may see;
        others are never scored and their texts never asked for. The corpus statistics
        (boilerplate) are always the whole index's.
        """
        fp = fingerprint(text, self.params, self.phrases, self.hasher, sketch=False)
        return self.query_fingerprints(
            fp,
            text,
            threshold,
            query_id=query_id,
            exclude=exclude,
            include=include,
            texts=texts,
        )

    def query_fingerprints(
        self,
        fp: DocFingerprints,
        text: str,
        threshold: float = 0.5,
        *,
        query_id: str = "",
        exclude: Iterable[str] = (),
        include: Collection[str] | Callable[[str], bool] | None = None,
        texts: TextSource | None = None,
    ) -> list[PairResult]:
        """``query`` for a text already fingerprinted (as when it is also being stored)."""
        sizes_b = self.sizes()
        limit = self.boilerplate_limit()
        qh = np.asarray(fp.hashes, dtype=np.int64)
        qdf = self._df_of(qh)
        keep = qdf < limit  # the query itself would add one
        common_q = ~keep
        qs_all, qe_all = fp.starts.astype(np.int64), fp.ends.astype(np.int64)
        qh, qs, qe = qh[keep], qs_all[keep], qe_all[keep]
        which, docs32, sb32, eb32 = self._post.lookup(qh)
        docs = docs32.astype(np.int64)
        drop = {self._pos[x] for x in exclude if x in self._pos} | self._removed
        if include is not None and docs.size:
            cand = np.unique(docs).tolist()
            test = include if callable(include) else include.__contains__
            drop |= {d for d in cand if not test(self._ids[d])}
        if drop and docs.size:
            ok = ~np.isin(docs, np.fromiter(drop, dtype=np.int64))
            which, docs, sb32, eb32 = which[ok], docs[ok], sb32[ok], eb32[ok]
        sb, eb = sb32.astype(np.int64), eb32.astype(np.int64)
        runs = chain(docs, qs[which], qe[which], sb, eb, self.gap)
        ukey, shared = np.unique(docs, return_counts=True)
        qsize = np.array([int(qh.shape[0])], dtype=np.int64)
        cache: TextCache = OrderedDict()
        if texts is not None and ukey.size:
            norm_q = normalize(text)
            mask = static_mask(text, norm_q, self.phrases)
            spread_common(mask, norm_q, qs_all, common_q, self.params.k)
            cache[-1] = _Text(text, norm_q, mask)
        return self._score(
            ukey,
            shared,
            runs,
            (qs[which], sb),
            len(self._ids),
            qsize,
            sizes_b,
            threshold,
            texts,
            (query_id, text),
            cache,
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

    def _doc_text(self, i: int, texts: TextSource | None, cache: TextCache) -> _Text:
        """The text of document ``i`` (normalised form and mask made on demand)."""
        if i in cache:
            cache.move_to_end(i)
            return cache[i]
        doc_id = self._ids[i]
        if texts is None:
            raise ValueError("texts are needed for exact passages")
        entry = _Text(texts[doc_id] if isinstance(texts, Mapping) else texts(doc_id))
        cache[i] = entry
        # bounded: candidates come sorted by first document, so a small cache keeps
        # it while its partners pass by, and 100,000 texts are never held at once
        if len(cache) > _TEXT_CACHE:
            cache.popitem(last=False)
        return entry

    def _full(self, i: int, entry: _Text, *, mask: bool = False) -> _Text:
        """``entry`` with its whole normalised text (and, for the ``a`` side, its mask)."""
        if entry.norm is None:
            entry.norm = normalize(entry.text)
        if mask and entry.mask is None:
            entry.mask = self.boilerplate_mask(i, entry.text, entry.norm)
        return entry

    def _common_hashes(self) -> I64:
        """Hashes that are boilerplate in this corpus (sorted; few), cached until it grows."""
        key = (len(self._ids), len(self._removed), self.boilerplate_limit(), id(self._corpus))
        if self._common is None or self._common[0] != key:
            seg = self._live_rows()
            df = _run_lengths(seg.h)
            if self._corpus is not None:
                df = np.maximum(df, self._corpus[0].of(seg.h))
            self._common = (key, np.unique(seg.h[df > self.boilerplate_limit()]))
        return self._common[1]

    def boilerplate_mask(self, i: int, text: str, norm: Normalized) -> npt.NDArray[np.bool_]:
        """Boilerplate characters of document ``i``'s normalised text: listed phrases and
        quotations exactly, corpus-frequent fingerprints with their surroundings."""
        mask = static_mask(text, norm, self.phrases)
        common = np.isin(self._h_of(i), self._common_hashes())
        spread_common(mask, norm, self._se_of(i)[0], common, self.params.k)
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
        """Exact passages of a pair around its fingerprint runs ``rs``.

        Only a window of each text around the runs is normalised and compared (most
        candidate pairs share a sentence or two, not a page); a match reaching a
        window's edge is redone on the whole texts.
        """
        if not rs:
            return []
        if query is not None:
            if -1 not in cache:
                norm_q = normalize(query[1])
                cache[-1] = _Text(query[1], norm_q, static_mask(query[1], norm_q, self.phrases))
            da = cache[-1]
        else:
            da = self._doc_text(a, texts, cache)
        db = self._doc_text(b, texts, cache)
        text_a, text_b = da.text, db.text
        m = _MARGIN
        groups: list[list[Any]] = []  # [a0, a1, b0, b1, seeds]
        for r in sorted(rs, key=lambda r: int(runs.a_start[r])):
            rows = runs.order[runs.first[r] : runs.stop[r]]
            seeds = list(
                zip(seed_starts[0][rows].tolist(), seed_starts[1][rows].tolist(), strict=True)
            )
            a0, a1 = int(runs.a_start[r]) - m, int(runs.a_end[r]) + m
            b0, b1 = int(runs.b_start[r]) - m, int(runs.b_end[r]) + m
            if groups and a0 <= groups[-1][1]:
                g = groups[-1]
                g[1], g[2], g[3] = max(g[1], a1), min(g[2], b0), max(g[3], b1)
                g[4].extend(seeds)
            else:
                groups.append([a0, a1, b0, b1, seeds])

        def boiler_of(na: Normalized) -> Callable[[int, int], npt.NDArray[np.bool_]]:
            def boiler(lo: int, hi: int) -> npt.NDArray[np.bool_]:
                full = self._full(a, da, mask=True)
                assert full.norm is not None and full.mask is not None
                base = int(np.searchsorted(full.norm.offsets, na.offsets[0])) if len(na) else 0
                return full.mask[base + lo : base + hi]

            return boiler

        found: list[Passage] = []
        for a0, a1, b0, b1, seeds in groups:
            a0, a1 = max(a0, 0), min(a1, len(text_a))
            b0, b1 = max(b0, 0), min(b1, len(text_b))
            na, nb = _windows(text_a, a0, a1, text_b, b0, b1)
            segs = extend(na, nb, seeds)
            if any(
                (s[0] == 0 and a0 > 0)
                or (s[1] == len(na) and a1 < len(text_a))
                or (s[2] == 0 and b0 > 0)
                or (s[3] == len(nb) and b1 < len(text_b))
                for s in segs
            ):
                found = self._exact_whole(a, da, db, rs, runs, seed_starts)
                break
            found.extend(
                group(segs, na, nb, boiler_of(na), text_a, self.gap, text_b, self.min_chars)
            )
        return [p for p in found if p.length >= self.min_chars]

    def _exact_whole(
        self,
        a: int,
        da: _Text,
        db: _Text,
        rs: list[int],
        runs: Runs,
        seed_starts: tuple[I64, I64],
    ) -> list[Passage]:
        """Exact passages of a pair on the whole normalised texts."""
        full_a = self._full(a, da, mask=True)
        full_b = self._full(-2, db)
        assert full_a.norm is not None and full_b.norm is not None
        boiler = full_a.mask
        if boiler is None:
            boiler = np.zeros(len(full_a.norm), dtype=np.bool_)
        seeds: list[tuple[int, int]] = []
        for r in rs:
            rows = runs.order[runs.first[r] : runs.stop[r]]
            seeds.extend(
                zip(seed_starts[0][rows].tolist(), seed_starts[1][rows].tolist(), strict=True)
            )
        return refine(full_a.norm, full_b.norm, seeds, boiler, da.text, self.gap, db.text)


def _windows(
    text_a: str, a0: int, a1: int, text_b: str, b0: int, b1: int
) -> tuple[Normalized, Normalized]:
    """The normalised forms of ``text_a[a0:a1]`` and ``text_b[b0:b1]``, offsets in the
    whole texts (normalising goes character by character, so each is a slice of its whole
    text's normal form); one call for both, since the fixed cost of a call is most of it."""
    n = normalize(text_a[a0:a1] + "\n" + text_b[b0:b1])  # a line break is never kept
    cut = int(np.searchsorted(n.offsets, a1 - a0))
    shift_b = b0 - (a1 - a0 + 1)
    return (
        Normalized(n.codes[:cut], (n.offsets[:cut] + a0).astype(np.int32)),
        Normalized(n.codes[cut:], (n.offsets[cut:] + shift_b).astype(np.int32)),
    )


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
