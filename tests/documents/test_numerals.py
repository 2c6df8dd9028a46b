"""Chinese numerals as headings use them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orglife.documents.headings import heading_mark
from orglife.documents.numerals import circled_to_int, cn_to_int, int_to_cn


@given(st.integers(1, 99))
def test_it_writes_and_reads_back_every_number_to_99(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


def test_it_reads_the_usual_forms() -> None:
    assert [cn_to_int(s) for s in ("一", "十", "十一", "二十", "二十三", "九十九")] == [
        1,
        10,
        11,
        20,
        23,
        99,
    ]
    assert cn_to_int("一二") is None and cn_to_int("是") is None and cn_to_int("") is None
    assert circled_to_int("⑳") == 20 and circled_to_int("a") is None


def test_it_reads_heading_marks_but_not_look_alikes() -> None:
    cases = {
        "一、存在的问题": ("cn", "一", "存在的问题"),
        "十二、其他": ("cn", "十二", "其他"),
        "（三）学习": ("cn_paren", "三", "学习"),
        "(三) 学习": ("cn_paren", "三", "学习"),
        "1.学习": ("arabic", "1", "学习"),
        "１．学习": ("arabic", "1", "学习"),
        "2、学习": ("arabic", "2", "学习"),
        "（4）学习": ("arabic_paren", "4", "学习"),
        "4）学习": ("arabic_paren", "4", "学习"),
        "⑤学习": ("circled", "5", "学习"),
        "第三章 措施": ("chapter", "三", "措施"),
        "第二部分：问题": ("chapter", "二", "问题"),
        "2.3 学习": ("multi", "2.3", "学习"),
    }
    for line, expected in cases.items():
        mark = heading_mark(line)
        assert mark is not None, line
        assert (mark.style, mark.number, mark.rest) == expected, line
    for line in ("一是学习", "2023年工作", "1.5倍", "第一次会议", "十分重要", "一、", ""):
        mark = heading_mark(line)
        assert mark is None or mark.rest == "", line
