"""Inline enumerations (一是…二是…) for the review engine."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orglife.documents.enumerate import announced_count, enumerations
from orglife.documents.numerals import int_to_cn
from orglife.documents.parse import parse_text


def test_it_finds_a_shi_series_with_offsets() -> None:
    text = "存在以下不足：一是学习不深，流于形式。二是调研不够。"
    (e,) = enumerations(text)
    assert (e.style, e.count) == ("shi", 2)
    assert [i.head for i in e.items] == ["学习不深", "调研不够"]
    assert text[e.items[0].start : e.items[0].end] == "一是学习不深，流于形式。"
    assert text[e.items[1].start : e.items[1].end] == "二是调研不够。"
    assert e.intro == "存在以下不足："


def test_it_splits_two_series_in_one_paragraph(seed_text: str) -> None:
    case = parse_text(seed_text).section("case_analysis")
    assert case is not None
    series = enumerations(case.paragraphs[0])
    assert [e.count for e in series] == [5, 4]
    assert series[0].items[-1].head == "督导不专业"
    # The first series stops where the second one's intro sentence begins.
    assert case.paragraphs[0][series[0].end :].startswith("牢牢掌握安全生产工作主动权")
    assert series[1].intro == "牢牢掌握安全生产工作主动权，需在以下几个方面综合发力："


def test_it_does_not_read_words_as_markers() -> None:
    assert enumerations("坚持统一是前提，唯一是目标。") == []
    assert enumerations("增长了1.5倍，达到2023、2024年的水平。") == []


def test_it_reports_a_lone_yi_shi_but_not_a_lone_number() -> None:
    assert [e.count for e in enumerations("主要是：一是学习不够。")] == [1]
    assert enumerations("详见（一）部分。") == []


def test_it_reads_other_marker_styles() -> None:
    styles = {
        "（一）学习。（二）调研。（三）整改。": ("cn_paren", 3),
        "主要有：1.学习；2.调研；3.整改。": ("arabic", 3),
        "主要有：①学习；②调研。": ("circled", 2),
        "第一，学习；第二，调研。": ("di", 2),
        "要求：(1)学习；(2)调研。": ("arabic_paren", 2),
    }
    for text, expected in styles.items():
        (e,) = enumerations(text)
        assert (e.style, e.count) == expected, text


def test_it_stops_a_series_at_a_gap() -> None:
    (e,) = enumerations("一是学习。三是调研。")
    assert e.count == 1


def test_it_reads_stated_counts() -> None:
    assert announced_count("主要有以下四个方面原因:") == 4
    assert announced_count("存在以下3个问题") == 3
    assert announced_count("两方面不足") == 2
    assert announced_count("需在以下几个方面综合发力：") is None
    assert enumerations("存在以下三个方面问题：一是甲。二是乙。")[0].announced == 3


@given(
    st.lists(
        st.text(alphabet="学习调研整改落实推动加强深入", min_size=1, max_size=8),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from(["shi", "cn_paren", "arabic"]),
)
def test_it_finds_every_generated_series_with_exact_offsets(points: list[str], style: str) -> None:
    marker = {
        "shi": lambda k: f"{int_to_cn(k)}是",
        "cn_paren": lambda k: f"（{int_to_cn(k)}）",
        "arabic": lambda k: f"{k}.",
    }[style]
    parts = [f"{marker(k)}{p}。" for k, p in enumerate(points, start=1)]
    text = "存在以下问题：" + "".join(parts)
    found = enumerations(text)
    if style != "shi" and len(points) == 1:
        assert found == []
        return
    (e,) = found
    assert e.style == style and e.count == len(points)
    assert [text[i.start : i.end] for i in e.items] == parts
    assert [i.head for i in e.items] == points
