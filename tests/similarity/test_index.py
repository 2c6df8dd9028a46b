"""SimilarityIndex: pairs, passages, boilerplate, persistence, growth."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import orglife.similarity.fingerprint as fingerprint_module
from orglife.similarity.index import SimilarityIndex
from tests.similarity.synthetic import TEMPLATE_SENTENCE

from .helpers import FORMULATIONS, PREAMBLE, SEED, long_paragraph, mid_paragraph, unrelated


def pairs_of(texts: dict[str, str], threshold: float = 0.5) -> list:
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    return index.pairs(threshold, texts=texts)


def test_it_reports_identical_documents() -> None:
    [pair] = pairs_of({"a": SEED, "b": SEED})
    assert (pair.a, pair.b) == ("a", "b")
    assert pair.similarity == pytest.approx(1.0)
    assert pair.containment == pytest.approx(1.0)
    assert pair.passages


def test_it_reports_a_light_edit() -> None:
    edited = SEED.replace("此此", "此次").replace("支部", "党支部").replace("，", ",")
    [pair] = pairs_of({"a": SEED, "b": edited, "c": unrelated(0)})
    assert {pair.a, pair.b} == {"a", "b"}
    assert pair.similarity > 0.6


def test_it_does_not_pair_unrelated_documents() -> None:
    assert pairs_of({str(i): unrelated(i) for i in range(6)}) == []


def test_it_locates_one_copied_paragraph_in_both_documents() -> None:
    para = mid_paragraph()
    a = unrelated(1) + "\n" + para + "\n" + unrelated(2)
    b = unrelated(3)[:700] + "\n" + para + "\n" + unrelated(3)[700:]
    [pair] = pairs_of({"a": a, "b": b})
    assert pair.similarity < 0.5  # found as a passage, not as a near-duplicate
    [p] = pair.passages
    assert a[p.a_start : p.a_end] == para
    assert b[p.b_start : p.b_end] == para
    assert p.text == para
    assert p.a_start == a.index(para) and p.b_start == b.index(para)


def test_a_copied_paragraph_with_a_word_changed_is_one_passage() -> None:
    para = long_paragraph()
    changed = para.replace("安全生产专业化水平不高", "安全管理专业化程度不高")
    a = unrelated(4) + "\n" + para
    b = changed + "\n" + unrelated(5)
    [pair] = pairs_of({"a": a, "b": b})
    [p] = pair.passages
    assert p.a_end - p.a_start > 0.9 * len(para)
    assert b[p.b_start : p.b_end] in changed


def test_theme_quotations_and_formulations_never_pair_two_materials() -> None:
    a = (
        "2023年主题教育专题组织生活会党支部对照检查材料\n"
        + PREAMBLE
        + "\n"
        + unrelated(6)
        + FORMULATIONS
    )
    b = (
        "2023年主题教育专题组织生活会党支部对照检查材料\n"
        + PREAMBLE
        + "\n"
        + FORMULATIONS
        + unrelated(7)
    )
    assert pairs_of({"a": a, "b": b}) == []


def test_without_the_phrase_list_the_same_materials_would_pair() -> None:
    # the test above must be able to fail: the shared wording is long enough to count
    from orglife.similarity.boilerplate import PhraseList

    a = PREAMBLE + "\n" + unrelated(6)
    b = PREAMBLE + "\n" + unrelated(7)
    index = SimilarityIndex(phrases=PhraseList([]))
    index.add("a", a)
    index.add("b", b)
    assert index.pairs(texts={"a": a, "b": b})


def test_boilerplate_most_documents_share_is_learned_from_the_corpus() -> None:
    # TEMPLATE_SENTENCE is in no list; 15 of 20 materials open with it
    shared = (
        TEMPLATE_SENTENCE
        + "支部班子坚持问题导向，逐项对账销号，确保每一项整改都落到实处、见到实效。"
    )
    texts = {f"d{i}": (shared + "\n" if i < 15 else "") + unrelated(i) for i in range(20)}
    assert pairs_of(texts) == []
    # the same two materials alone are a copy: the corpus is what makes it boilerplate
    few = {k: texts[k] for k in ("d0", "d1")}
    [pair] = pairs_of(few)
    assert pair.passages[0].text.startswith(TEMPLATE_SENTENCE[:10])


def test_boilerplate_learning_is_incremental() -> None:
    shared = (
        TEMPLATE_SENTENCE
        + "支部班子坚持问题导向，逐项对账销号，确保每一项整改都落到实处、见到实效。"
    )
    texts = {f"d{i}": shared + "\n" + unrelated(i) for i in range(12)}
    index = SimilarityIndex()
    index.add("d0", texts["d0"])
    index.add("d1", texts["d1"])
    assert index.pairs(texts=texts)
    for i in range(2, 12):
        index.add(f"d{i}", texts[f"d{i}"])
    assert index.pairs(texts=texts) == []


def test_pairs_without_texts_give_approximate_passages() -> None:
    para = mid_paragraph()
    a = unrelated(1) + "\n" + para
    b = para + "\n" + unrelated(2)
    index = SimilarityIndex()
    index.add("a", a)
    index.add("b", b)
    [pair] = index.pairs()
    [p] = pair.passages
    start = a.index(para)
    assert start <= p.a_start < p.a_end <= start + len(para)
    assert p.a_end - p.a_start > 0.6 * len(para)
    assert p.text == ""


def test_it_saves_and_loads_an_index(tmp_path: Path) -> None:
    para = mid_paragraph()
    texts = {"a": unrelated(1) + para, "b": para + unrelated(2), "c": unrelated(3)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = SimilarityIndex.load(path)
    assert loaded.ids == ["a", "b", "c"]
    for k in texts:
        x, y = index.fingerprints(k), loaded.fingerprints(k)
        assert np.array_equal(x.hashes, y.hashes) and np.array_equal(x.starts, y.starts)
        assert np.array_equal(x.signature, y.signature) and x.band_keys == y.band_keys
    assert [r.to_dict() for r in loaded.pairs(texts=texts)] == [
        r.to_dict() for r in index.pairs(texts=texts)
    ]
    assert np.array_equal(loaded.df.counts, index.df.counts)


def test_adding_documents_hashes_only_the_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {f"o{i}": unrelated(i) for i in range(10)}
    index = SimilarityIndex()
    for k, v in old.items():
        index.add(k, v)
    path = tmp_path / "index.npz"
    index.save(path)
    loaded = SimilarityIndex.load(path)
    before = {k: loaded.fingerprints(k).hashes.copy() for k in old}

    hashed: list[int] = []
    real = fingerprint_module.hash_kgrams

    def counting(codes: np.ndarray, k: int) -> np.ndarray:
        hashed.append(int(codes.shape[0]))
        return real(codes, k)

    monkeypatch.setattr(fingerprint_module, "hash_kgrams", counting)
    new = unrelated(20) + "\n" + mid_paragraph()
    loaded.add("n1", new)
    loaded.add("n2", mid_paragraph() + "\n" + unrelated(21))
    assert len(hashed) == 2  # one hashing pass per new document, none for the old ten
    assert all(np.array_equal(loaded.fingerprints(k).hashes, before[k]) for k in old)
    [pair] = loaded.pairs()
    assert (pair.a, pair.b) == ("n1", "n2")


def test_query_finds_the_source_of_a_copied_paragraph() -> None:
    texts = {f"d{i}": unrelated(i) for i in range(8)}
    index = SimilarityIndex()
    for k, v in texts.items():
        index.add(k, v)
    source = texts["d5"]
    para = source[1000:1400]
    new = unrelated(30) + "\n" + para
    [hit] = index.query(new, query_id="new", texts=texts)
    assert (hit.a, hit.b) == ("new", "d5")
    [p] = hit.passages
    assert new[p.a_start : p.a_end] == source[p.b_start : p.b_end]
    assert p.b_end - p.b_start >= 0.95 * len(para)
    assert len(index) == 8  # a query adds nothing


def test_a_document_is_added_once() -> None:
    index = SimilarityIndex()
    index.add("a", "内容")
    with pytest.raises(ValueError):
        index.add("a", "内容")


def test_empty_and_tiny_documents_are_harmless() -> None:
    assert pairs_of({"a": "", "b": "", "c": "短", "d": "短"}) == []


def test_compare_works_from_stored_rows_with_the_corpus_counts() -> None:
    from orglife.similarity.boilerplate import DocumentFrequency
    from orglife.similarity.fingerprint import DocFingerprints, fingerprint
    from orglife.similarity.index import compare

    para = mid_paragraph()
    a, b = unrelated(1) + "\n" + para, para + "\n" + unrelated(2)
    fa, fb = fingerprint(a), fingerprint(b)
    # what a database gives back: rows of plain ints, the signature as bytes
    rows = fa.rows()
    back = DocFingerprints(
        hashes=np.array([r[0] for r in rows], dtype=np.int64),
        starts=np.array([r[1] for r in rows], dtype=np.int32),
        ends=np.array([r[2] for r in rows], dtype=np.int32),
        signature=np.frombuffer(fa.signature.tobytes(), dtype=np.uint32),
        length=len(a),
    )
    pair = compare(back, fb, text_a=a, text_b=b)
    assert pair is not None and pair.passages[0].text == para
    # the same paragraph in 600 of 1,000 materials is boilerplate of that corpus
    df = DocumentFrequency()
    df.add(np.unique(np.concatenate([fa.hashes, fb.hashes])))
    df.counts[:] = 600
    assert compare(back, fb, text_a=a, text_b=b, corpus=(df, 1000)) is None


def test_a_long_quotation_in_quotation_marks_is_not_copying() -> None:
    quote = mid_paragraph()[:150]
    a = unrelated(12) + "\n正如讲话指出的：“" + quote + "”\n" + unrelated(13)[:500]
    b = unrelated(14)[:800] + "\n我们要牢记：“" + quote + "”这一要求。\n" + unrelated(15)[:500]
    assert pairs_of({"a": a, "b": b}) == []
    # control: the same words without quotation marks are a copied passage
    bare = {"a": a.replace("“", "").replace("”", ""), "b": b.replace("“", "").replace("”", "")}
    [pair] = pairs_of(bare)
    assert quote[:20] in pair.passages[0].text


def test_a_passage_seen_from_the_other_side_carries_that_sides_text() -> None:
    para = long_paragraph()
    changed = para.replace("安全生产专业化水平不高", "安全管理专业化程度不高")
    a, b = unrelated(4) + "\n" + para, changed + "\n" + unrelated(5)
    [pair] = pairs_of({"a": a, "b": b})
    p = pair.passages[0]
    q = p.swapped()
    assert (q.a_start, q.a_end, q.b_start, q.b_end) == (p.b_start, p.b_end, p.a_start, p.a_end)
    assert q.text == b[p.b_start : p.b_end] != p.text
    assert q.swapped() == p
