"""The fast paths of the review engine give what the plain ways give (issue 14, speed).

Each shortcut taken for speed is held against the straightforward form it replaced: a
``WordSet`` against one regular expression of the words, our walk of jieba's model
against ``jieba.lcut``, and every pattern rewritten to start with a character class
against the readable pattern it stands for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from orglife.documents.normalize import normalize_line
from orglife.documents.trie import trie_regex
from orglife.review import segment
from orglife.review.data import load
from orglife.review.enumeration import _STYLES
from orglife.review.rules.counts import _ANNOUNCE, _BACKWARD, _BACKWARD_CORE, _COUNT_CORE
from orglife.review.rules.numbered import _unquoted
from orglife.review.rules.punctuation import _STRAY
from orglife.review.rules.substance import is_concrete
from orglife.review.rules.typos import _dropped, _pairs
from orglife.review.text import CJK, cjk_count
from orglife.review.wordscan import WordSet

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TEXTS = [*sorted((FIXTURES / "corpus").glob("*.txt")), FIXTURES / "review" / "seed.txt"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# ---- WordSet -----------------------------------------------------------------------

WORD = st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=5)


@SETTINGS
@given(st.lists(WORD, min_size=1, max_size=12), st.text(alphabet="甲乙丙丁戊己\n", max_size=60))
def test_a_wordset_finds_what_one_regex_of_the_words_finds(words: list[str], text: str) -> None:
    pattern = re.compile(trie_regex(words))
    got = [(a, b) for a, b, _ in WordSet(words).finditer(text)]
    assert got == _spans(pattern, text)
    assert all(text[a:b] == w for a, b, w in WordSet(words).finditer(text))
    assert WordSet(words).search(text) == (pattern.search(text) is not None)


@pytest.mark.parametrize("words", [_pairs()[0], _dropped()[0]])
def test_the_typo_lists_match_as_their_regex_did_on_real_texts(words: WordSet) -> None:
    pattern = re.compile(trie_regex(sorted(words.words)))
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        planted = text.replace("，", "，" + "，".join(sorted(words.words)[:40]), 3)
        for t in (text, planted):
            assert [(a, b) for a, b, _ in words.finditer(t)] == _spans(pattern, t)


def test_a_wordset_refuses_no_words_and_words_across_lines() -> None:
    with pytest.raises(ValueError):
        WordSet([])
    with pytest.raises(ValueError):
        WordSet(["甲\n乙"])


# ---- segmentation ------------------------------------------------------------------


def _windows() -> list[str]:
    out = []
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for k in range(0, len(text) - 20, 5):
            out.append(text[k : k + 6 + k % 15])
    return out


def test_cut_is_jiebas_cut_on_real_windows() -> None:
    jieba = segment._jieba()
    windows = [*_windows(), "", "此此", "学习习近平", "开好此此组织生活会", "２０２３年ABC学习"]
    for w in windows:
        assert segment.cut(w) == tuple(jieba.lcut(w, HMM=False)), w


def test_log_prob_is_jiebas_score_on_real_windows() -> None:
    dt = segment._jieba().dt
    for w in _windows():
        route: dict[int, tuple[float, int]] = {}
        dt.calc(w, dt.get_DAG(w), route)
        assert segment.log_prob(w) == route[0][0], w


# ---- patterns rewritten to start with a character class ----------------------------

MARKS = "：:，,；;。！？!? \n“”、）)"
ENUM_TEXT = st.text(alphabet="一二三十是否非统" + MARKS, max_size=30)


@SETTINGS
@given(ENUM_TEXT)
@example("统一是，一是否，二是")
@example("一是")
def test_the_shi_marker_pattern_is_the_lookbehind_one(text: str) -> None:
    plain = re.compile(
        f"(?:^|(?<=[{MARKS.replace(' ', '').replace(chr(10), '')}\\s]))"
        "(?P<num>[一二三四五六七八九十]{1,3})是(?!否|非)"
    )
    got = [(m.span(), m.group("num")) for m in _STYLES["shi"].finditer(text)]
    assert got == [(m.span(), m.group("num")) for m in plain.finditer(text)]


COUNT_TEXT = st.text(alphabet="以下如列一二两三十12个方面问题点条项组部分、：，“”学习", max_size=30)


@SETTINGS
@given(COUNT_TEXT)
def test_a_count_always_holds_the_core_the_prefilters_look_for(text: str) -> None:
    if _ANNOUNCE.search(text):
        assert _COUNT_CORE.search(text)
    if _BACKWARD.search(text):
        assert _BACKWARD_CORE.search(text)


VARIANT_TEXT = st.text(alphabet="中央八条项规定党的第十九二大学会、和共", max_size=24)
# The readable forms of the variants data/formulations.toml writes for speed.
PLAIN_VARIANTS = {
    "中央八条规定|八条规定": "(?:中央)?八条规定",
    "党的第二十大|第二十大": "(?:党的)?第二十大",
    "(?:十八|十九|二十)(?<![党的第、和与及共]..)大(?![学会])": (
        "(?<![党的第、和与及共])(?:十八|十九|二十)大(?![学会])"
    ),
}


def test_the_rewritten_variants_are_in_the_data() -> None:
    patterns = {v["pattern"] for v in load("formulations")["variant"]}
    assert set(PLAIN_VARIANTS) <= patterns


@SETTINGS
@given(VARIANT_TEXT)
@example("党的十九大、十八大和二十大学会中央八条规定党的第二十大")
def test_the_rewritten_variants_match_as_their_readable_forms(text: str) -> None:
    for fast, plain in PLAIN_VARIANTS.items():
        assert _spans(re.compile(fast), text) == _spans(re.compile(plain), text)


@SETTINGS
@given(st.text(alphabet="一二三四个两意识自信维护第十，的和", max_size=24))
@example("十四个意识，三个自信")
def test_the_unquoted_names_pattern_is_the_repeat_one(text: str) -> None:
    plain = re.compile(_unquoted().pattern.replace("][一二两三四五六七八九十]{0,2})", "]{1,3})", 1))
    assert plain.pattern != _unquoted().pattern
    assert _spans(_unquoted(), text) == _spans(plain, text)


@SETTINGS
@given(st.text(alphabet="中文 \u3000\u00a0a1，\n", max_size=24))
@example("中 文  字 a 中\u3000 文")
def test_the_stray_space_pattern_is_the_lookbehind_one(text: str) -> None:
    plain = re.compile(f"(?<=[{CJK}])[ \u3000\u00a0]+(?=[{CJK}])")
    assert _spans(_STRAY, text) == _spans(plain, text)


@SETTINGS
@given(st.text(alphabet="一二十百三次名个别人年《（(）)同志书记主任学习12 ", max_size=24))
@example("三个别人")
@example("学习三次")
def test_is_concrete_is_the_one_pattern_test(text: str) -> None:
    plain = re.compile(
        r"\d|[一二两三四五六七八九十百千]+(?:次|名|人|个(?!别)|项|条|件|篇|场|天|年|月|日|万|元|户|家|批|期|份)"
        r"|《|[（(][^）)]{0,20}[）)]|同志|书记|主任|局长|处长|科长"
    )
    markers = re.compile(
        trie_regex(load("substance")["example_markers"] + load("substance")["place_words"])
    )
    assert is_concrete(text) == bool(plain.search(text) or markers.search(text))


@SETTINGS
@given(st.text(alphabet="中文ab1，。 \u3000", max_size=40))
def test_cjk_count_counts_chinese_characters(text: str) -> None:
    assert cjk_count(text) == len(re.findall(f"[{CJK}]", text))


@SETTINGS
@given(st.text(alphabet="中文問(（wèn)）ab  \u3000\t\u200b", max_size=30))
def test_normalize_line_is_the_unconditional_one(text: str) -> None:
    from orglife.documents import normalize as n

    s = n._INVISIBLE.sub("", text)
    s = n._CONTROL.sub("", s)
    s = n._RUBY.sub("", s)
    s = n._SPACES.sub(" ", s)
    s = n._MULTI_SPACE.sub(" ", s).strip()
    assert normalize_line(text) == n._STRAY_SPACE.sub("", s)
