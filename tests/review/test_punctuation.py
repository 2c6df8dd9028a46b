"""Punctuation rules (GB/T 15834): half-width marks, unbalanced pairs, doubled marks."""

from __future__ import annotations

import pytest

from .helpers import hits, para, run


@pytest.mark.parametrize(
    ("text", "mark", "full"),
    [
        ("主要有以下四个方面原因:", ":", "："),
        ("学习不深入,研究不透彻。", ",", "，"),
        ("一是学习不够;二是研究不够。", ";", "；"),
        ("这是为什么?值得深思。", "?", "？"),
        ("我们一定要做到!", "!", "！"),
        ("学习不够深入.", ".", "。"),
        ("问题依然存在...", "...", "……"),
        ("开展“三会一课”(含主题党日)活动。", "(含主题党日)", "（含主题党日）"),
        ('坚持"首题必政治"要求。', '"', "“”"),
    ],
)
def test_it_flags_half_width_marks_in_chinese(text: str, mark: str, full: str) -> None:
    findings = run(para(text), "halfwidth-punct")
    assert [text[f.start : f.end] for f in findings][:1] == [mark]
    assert findings[0].suggestion == full


@pytest.mark.parametrize(
    "text",
    [
        "全年支出1,000元，会议于10:30开始。",
        "完成率达到98.5%。",
        "详见 https://www.example.gov.cn/a,b.html 网页。",
        "联系邮箱 party.branch@example.cn 收取。",
        "将安全教育培训纳入“5+1+1”学习日。",
        "Hello, world: this is English.",
        "1.理论学习方面",
        "采用PDCA (Plan-Do-Check-Act) method for work.",
    ],
)
def test_it_leaves_numbers_urls_and_english_alone(text: str) -> None:
    assert hits(para(text), "halfwidth-punct") == []


@pytest.mark.parametrize(
    ("text", "mark"),
    [
        ("坚定拥护“两个确立，坚决做到两个维护。", "“"),
        ("坚定拥护两个确立”，坚决做到。", "”"),
        ("学习《党章和准则，深刻领会。", "《"),
        ("开展学习（含自学，不少于十次。", "（"),
        ("落实【重点任务，推动发展。", "【"),
    ],
)
def test_it_flags_an_unbalanced_pair(text: str, mark: str) -> None:
    assert hits(para(text), "unbalanced-pair") == [mark]


@pytest.mark.parametrize(
    "text",
    [
        "坚定拥护“两个确立”、坚决做到“两个维护”。",
        "学习《中国共产党章程》（2022年修订）。",
        "他说：“要做到‘四个自信’。”",
    ],
)
def test_it_accepts_balanced_pairs(text: str) -> None:
    assert hits(para(text), "unbalanced-pair") == []


def test_mixed_width_brackets_balance() -> None:
    assert hits(para("（一)制定会议方案。"), "unbalanced-pair") == []


@pytest.mark.parametrize(
    ("text", "run_", "keep"),
    [
        ("学习不够深入，，研究不够。", "，，", "，"),
        ("学习不够深入。。", "。。", "。"),
        ("学习不够深入，。", "，。", "。"),
        ("理论学习、、政治素质。", "、、", "、"),
        ("这是为什么？？", "？？", "？"),
    ],
)
def test_it_flags_doubled_marks(text: str, run_: str, keep: str) -> None:
    findings = run(para(text), "doubled-punct")
    assert [text[f.start : f.end] for f in findings] == [run_]
    assert findings[0].suggestion == keep


@pytest.mark.parametrize("text", ["学习……研究", "学习——研究", "真的吗？！", "他说：“好。”"])
def test_it_accepts_ellipsis_dash_and_combinations(text: str) -> None:
    assert hits(para(text), "doubled-punct") == []
