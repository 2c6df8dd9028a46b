"""Word segmentation (jieba) for the rules that need word boundaries.

jieba is loaded on first use and only ever run on short windows around a suspect
character, never on a whole material: that keeps a check far faster than segmenting
the text once. The HMM guesser is off so unknown character runs stay single
characters instead of being glued into made-up words (it would turn 此此 into a word).
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from typing import Any


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    from orglife.review.data import load

    for word in load("domain_words")["words"]:
        jieba.add_word(word, freq=max(jieba.get_FREQ(word) or 0, 2000))
    return jieba


@lru_cache(maxsize=4096)
def cut(text: str) -> tuple[str, ...]:
    """The words of ``text`` (dictionary only, no HMM)."""
    return tuple(_jieba().lcut(text, HMM=False))


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
    dt = _jieba().dt
    dag = dt.get_DAG(text)
    route: dict[int, tuple[float, int]] = {}
    dt.calc(text, dag, route)
    return float(route[0][0]) if text else 0.0


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
