"""The phrase list and document-frequency counts."""

from __future__ import annotations

import numpy as np

from orglife.similarity.boilerplate import (
    BoilerplateRule,
    DocumentFrequency,
    PhraseList,
    default_phrases,
)
from orglife.similarity.shingle import normalize


def test_it_masks_the_longest_listed_phrase() -> None:
    phrases = PhraseList(["四个意识", "增强“四个意识”、坚定“四个自信”"])
    text = normalize("要增强“四个意识”、坚定“四个自信”，不断进步").text
    mask = phrases.mask(text)
    masked = "".join(c for c, m in zip(text, mask, strict=True) if m)
    assert masked == "增强四个意识坚定四个自信"


def test_the_shipped_list_covers_the_theme_and_formulations() -> None:
    phrases = default_phrases()
    for p in ("以学铸魂、以学增智、以学正风、以学促干", "四个自信", "中央八项规定"):
        text = normalize(p).text
        assert phrases.mask(text).all(), p


def test_df_counts_grow_without_recounting() -> None:
    df = DocumentFrequency()
    df.add(np.array([5, 1, 3], dtype=np.int64))
    df.add(np.array([3, 7], dtype=np.int64))
    df.add(np.array([3, 1], dtype=np.int64))
    assert df.of(np.array([1, 3, 5, 7, 9], dtype=np.int64)).tolist() == [2, 3, 1, 1, 0]
    assert df.hashes.tolist() == sorted(df.hashes.tolist())


def test_the_rule_needs_a_corpus_before_calling_anything_common() -> None:
    rule = BoilerplateRule(fraction=0.5, min_docs=10, max_docs=200)
    assert rule.limit(2) == 200  # two documents: sharing is not "most of the corpus"
    assert rule.limit(30) == 15
    assert rule.limit(100_000) == 200
