"""Normalised text with offsets, and k-gram hashes."""

from __future__ import annotations

import numpy as np

from orglife.similarity.shingle import hash_kgrams, normalize


def test_it_keeps_letters_and_digits_with_their_offsets() -> None:
    text = "一、学习 贯彻，“两个确立”\n2023年"
    norm = normalize(text)
    assert norm.text == "一学习贯彻两个确立2023年"
    assert [text[i] for i in norm.offsets] == list(norm.text)


def test_it_folds_full_width_and_case() -> None:
    assert normalize("ＡＢｃ１２3").text == "abc123"
    assert normalize("ABC").text == normalize("abc").text


def test_span_maps_back_to_the_original_text() -> None:
    text = "开好此次，组织生活会。"
    norm = normalize(text)
    start, end = norm.span(2, 7)  # 此次组织生
    assert text[start:end] == "此次，组织生"


def test_the_same_kgram_hashes_the_same_in_every_text() -> None:
    a = normalize("甲乙丙丁戊己庚辛壬癸").codes
    b = normalize("子丑丙丁戊己庚辛壬寅卯").codes
    ha, hb = hash_kgrams(a, 6), hash_kgrams(b, 6)
    assert ha.shape == (5,) and hb.shape == (6,)
    # 丙丁戊己庚辛 is at 2 in a and 2 in b
    assert ha[2] == hb[2]
    assert len(set(ha.tolist())) == 5


def test_hashes_are_stable_across_releases() -> None:
    # fingerprints live in a database for years: this value must never change
    h = hash_kgrams(normalize("学习贯彻二十大精神").codes, 8)
    assert h.dtype == np.uint64
    assert h.tolist() == hash_kgrams(normalize("学习，贯彻二十大精神").codes, 8).tolist()
    assert int(h[0]) == STABLE_FIRST


STABLE_FIRST = 4227819370983194562
