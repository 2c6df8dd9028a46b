"""Word segmentation (jieba) for the rules that need word boundaries.

jieba is loaded on first use and only ever run on short windows around a suspect
character, never on a whole material: that keeps a check far faster than segmenting
the text once. The HMM guesser is off so unknown character runs stay single
characters instead of being glued into made-up words (it would turn 此此 into a word).

The windows are mostly Chinese characters only; for those ``cut`` and ``log_prob``
walk jieba's own dictionary and unigram model here (``_route``: the same word graph,
the same scores, the same choice) with each word's log probability kept once computed,
about twice as fast as going through ``jieba.lcut``. Anything else goes to jieba.
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache
from math import log
from typing import Any

# What jieba's default cut hands to its dictionary walk as one piece (its re_han_default
# without the Latin letters, digits and marks, whose handling differs).
_HAN_ONLY = re.compile("[\u4e00-\u9fd5]+")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    from orglife.review.data import load

    for word in load("domain_words")["words"]:
        jieba.add_word(word, freq=max(jieba.get_FREQ(word) or 0, 2000))
    return jieba


@cache
def _model() -> tuple[dict[str, int], float, dict[str, float]]:
    """jieba's word counts, the log of their total, and a cache of word log probabilities.

    The dictionary is final once ``_jieba()`` has added the domain words.
    """
    dt = _jieba().dt
    return dt.FREQ, log(dt.total), {}


def _route(text: str) -> list[tuple[float, int]]:
    """jieba's best path through ``text``: for each start, (log probability, last index).

    ``Tokenizer.get_DAG`` and ``Tokenizer.calc`` step for step, so the floats and the
    ties come out identical (tests/review/test_segment.py compares the words).
    """
    freq, logtotal, logp = _model()
    n = len(text)
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    dag: list[list[int]] = []
    for k in range(n):
        ends = []
        i = k
        frag = text[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = text[k : i + 1]
        dag.append(ends or [k])
    for idx in range(n - 1, -1, -1):
        best: tuple[float, int] | None = None
        for x in dag[idx]:
            word = text[idx : x + 1]
            p = logp.get(word)
            if p is None:
                p = logp[word] = log(freq.get(word) or 1) - logtotal
            candidate = (p + route[x + 1][0], x)
            if best is None or candidate > best:
                best = candidate
        route[idx] = best  # type: ignore[assignment]
    return route


@lru_cache(maxsize=4096)
def cut(text: str) -> tuple[str, ...]:
    """The words of ``text`` (dictionary only, no HMM)."""
    if not _HAN_ONLY.fullmatch(text):
        return tuple(_jieba().lcut(text, HMM=False))
    route = _route(text)
    words = []
    x = 0
    while x < len(text):
        y = route[x][1] + 1
        words.append(text[x:y])
        x = y
    return tuple(words)


@lru_cache(maxsize=4096)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """The words of ``text`` with their part-of-speech tags (dictionary only)."""
    _jieba()
    import jieba.posseg

    return tuple((p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False))


def freq(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0 when not a word)."""
    return int(_jieba().get_FREQ(word) or 0)


@lru_cache(maxsize=4096)
def log_prob(text: str) -> float:
    """The log probability of jieba's best segmentation of ``text`` (its unigram model)."""
    return float(_route(text)[0][0]) if text else 0.0


def spans(words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Start and end offset of every word in the text it was cut from."""
    out, pos = [], 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def warm_up() -> None:
    """Load the dictionary now (benchmarks and servers call this before timing/serving)."""
    cut("学习贯彻")
    tag("学习贯彻")
