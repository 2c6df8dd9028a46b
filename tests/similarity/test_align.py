"""Exact extension of matches: string comparisons against a character loop."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orglife.similarity.align import _backward, _forward

texts = st.text(alphabet="甲乙丙", max_size=300)


def loop_forward(a: str, b: str, i: int, j: int) -> int:
    n = 0
    while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
        n += 1
    return n


def loop_backward(a: str, b: str, i: int, j: int) -> int:
    n = 0
    while i - n > 0 and j - n > 0 and a[i - n - 1] == b[j - n - 1]:
        n += 1
    return n


@given(texts, texts, st.data())
def test_it_extends_a_match_exactly_as_far_as_the_texts_agree(a: str, b: str, data) -> None:
    common = data.draw(st.text(alphabet="甲乙", max_size=200))
    a, b = a + common + a, b + common + b  # long agreements, not only chance ones
    i = data.draw(st.integers(0, len(a)))
    j = data.draw(st.integers(0, len(b)))
    assert _forward(a, b, i, j) == loop_forward(a, b, i, j)
    assert _backward(a, b, i, j) == loop_backward(a, b, i, j)
