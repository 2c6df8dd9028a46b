"""The index grown one document at a time: checking an upload as it arrives."""

from __future__ import annotations

import numpy as np
import pytest

from orglife.similarity.boilerplate import BoilerplateRule
from orglife.similarity.fingerprint import DocFingerprints, fingerprint
from orglife.similarity.index import SimilarityIndex
from orglife.similarity.postings import TAIL_ROWS, Postings
from tests.similarity.synthetic import TEMPLATE_SENTENCE, SyntheticCorpus

from .helpers import mid_paragraph, unrelated

# boilerplate once a fingerprint is in more than 3 documents: crossings happen early
RULE = BoilerplateRule(fraction=0.5, min_docs=4, max_docs=3)


def corpus_texts(n: int) -> dict[str, str]:
    corpus = SyntheticCorpus(n, seed=5)
    return {corpus.doc_id(i): corpus.text(i) for i in range(n)}


def built_at_once(texts: dict[str, str]) -> SimilarityIndex:
    index = SimilarityIndex(rule=RULE)
    for k, v in texts.items():
        index.add(k, v)
    return index


def results(found: list) -> list[dict]:
    return [r.to_dict() for r in found]


def test_it_keeps_boilerplate_counts_right_when_documents_arrive_one_by_one() -> None:
    texts = corpus_texts(40)
    items = list(texts.items())
    grown = SimilarityIndex(rule=RULE)
    for k, v in items[:30]:
        grown.add(k, v)
    grown.sizes()  # counted once, then only folded in from here on
    for k, v in items[30:]:
        grown.query(v, texts=texts)
        grown.add(k, v)
        grown.sizes()
    fresh = built_at_once(texts)
    assert np.array_equal(grown.sizes(), fresh.sizes())
    assert grown.sizes().sum() < sum(fresh.fingerprints(k).hashes.size for k in texts)
    new = unrelated(3) + "\n" + TEMPLATE_SENTENCE + "\n" + texts[items[7][0]][900:1300]
    assert results(grown.query(new, texts=texts)) == results(fresh.query(new, texts=texts))
    assert results(grown.pairs(texts=texts)) == results(fresh.pairs(texts=texts))


def test_it_finds_a_copied_paragraph_in_documents_still_in_the_unsorted_tail() -> None:
    texts = {f"d{i}": unrelated(i) for i in range(12)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    new = unrelated(30) + "\n" + texts["d11"][600:1000]
    [hit] = index.query(new, query_id="new", texts=texts)
    assert hit.b == "d11" and hit.passages


def test_postings_answer_the_same_from_tail_and_segments() -> None:
    rng = np.random.default_rng(1)
    post = Postings()
    rows = []
    doc = 0
    while len(post) < 3 * TAIL_ROWS:  # forces flushes and merges
        h = np.unique(rng.integers(0, 5000, size=300)).astype(np.int64)
        s = np.arange(h.size, dtype=np.int32)
        post.add(doc, h, s, s + 8)
        rows.extend((int(x), doc) for x in h)
        doc += 1
        if doc % 40 == 0:
            post.counts(np.array([1], dtype=np.int64))  # a look-up settles a long tail
    last = np.array([7, 42], dtype=np.int64)  # stays in the unsorted tail
    post.add(doc, last, np.zeros(2, np.int32), np.full(2, 8, np.int32))
    rows.extend((int(x), doc) for x in last)
    assert post._segs and post._tail_rows > 0  # segments and the tail are both searched
    q = np.array([7, 4999, 123456, 42], dtype=np.int64)
    expect = {int(x): sorted(d for y, d in rows if y == x) for x in q}
    which, docs, _, _ = post.lookup(q)
    got: dict[int, list[int]] = {int(x): [] for x in q}
    for w, d in zip(which.tolist(), docs.tolist(), strict=True):
        got[int(q[w])].append(d)
    assert {k: sorted(v) for k, v in got.items()} == expect
    assert post.counts(q).tolist() == [len(expect[int(x)]) for x in q]
    merged = post.merged()
    assert np.all(np.diff(merged.h) >= 0) and len(merged) == len(rows)


def test_a_removed_document_is_never_reported_and_stops_counting() -> None:
    para = mid_paragraph()
    texts = {"a": unrelated(1) + "\n" + para, "b": para + "\n" + unrelated(2)}
    texts |= {f"x{i}": unrelated(10 + i) for i in range(10)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    new = unrelated(30) + "\n" + para
    assert {r.b for r in index.query(new, texts=texts)} == {"a", "b"}
    index.remove("a")
    assert "a" not in index and len(index) == 11
    assert {r.b for r in index.query(new, texts=texts)} == {"b"}
    assert index.pairs(texts=texts) == []
    with pytest.raises(KeyError):
        index.remove("a")


def test_a_query_compares_only_with_what_the_person_may_see() -> None:
    para = mid_paragraph()
    texts = {"mine": unrelated(1) + "\n" + para, "theirs": para + "\n" + unrelated(2)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    asked: list[str] = []

    def text_of(doc_id: str) -> str:
        asked.append(doc_id)
        return texts[doc_id]

    new = unrelated(30) + "\n" + para
    [hit] = index.query(new, include={"mine"}, texts=text_of)
    assert hit.b == "mine" and asked == ["mine"]  # the other text is never read
    assert [r.b for r in index.query(new, include=lambda d: d == "theirs")] == ["theirs"]


def test_an_index_rebuilt_from_stored_records_answers_like_the_original() -> None:
    texts = corpus_texts(30)
    original = built_at_once(texts)
    rebuilt = SimilarityIndex(rule=RULE)
    for k, v in texts.items():
        record = fingerprint(v).to_record()  # what the web app stores per document
        assert isinstance(record["hashes"], bytes)
        rebuilt.add_fingerprints(k, DocFingerprints.from_record(**record))  # type: ignore[arg-type]
    new = unrelated(5) + "\n" + texts["m0000004"][500:900]
    assert results(rebuilt.query(new, texts=texts)) == results(original.query(new, texts=texts))
    a = fingerprint(texts["m0000001"])
    b = DocFingerprints.from_record(**a.to_record())  # type: ignore[arg-type]
    assert np.array_equal(a.signature, b.signature) and np.array_equal(a.ends, b.ends)


def test_a_query_with_fingerprints_made_for_storage_needs_no_second_hashing() -> None:
    texts = {f"d{i}": unrelated(i) for i in range(5)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    new = unrelated(30) + "\n" + texts["d2"][300:700]
    fp = fingerprint(new)
    assert results(index.query_fingerprints(fp, new, texts=texts)) == results(
        index.query(new, texts=texts)
    )
