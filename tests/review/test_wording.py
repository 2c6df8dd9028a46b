"""de-di-de: 的/地 misuse in unambiguous patterns only."""

from __future__ import annotations

import pytest

from .helpers import hits, para, run


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("对工作开展缺乏总体地谋划和思考。", "的"),
        ("对问题进行深入地研究。", "的"),
        ("开展广泛地宣传教育。", "的"),
        ("最大程度的把大家的积极性调动起来。", "地"),
        ("要认真的把文件精神传达到位。", "地"),
    ],
)
def test_it_flags_a_clear_misuse(text: str, suggestion: str) -> None:
    findings = run(para(text), "de-di-de")
    assert len(findings) == 1
    assert findings[0].suggestion == suggestion
    assert text[findings[0].start] in "的地"


@pytest.mark.parametrize(
    "text",
    [
        "重业务、轻党建的倾向一定程度地存在。",
        "开展实地调研，深入各地基层。",
        "没有认真地学习文件。",
        "对形势的把握不准确。",
        "党员的将来发展。",
        "进行就地整改，各地区开展工作。",
        "缺乏扎实的理论功底。",
        "深入地学习贯彻党的二十大精神。",
    ],
)
def test_it_leaves_correct_usage_alone(text: str) -> None:
    assert hits(para(text), "de-di-de") == []


@pytest.mark.parametrize("text", ["在政治理论学习上抓的不紧，学的不透。", "这项工作做的很好。"])
def test_it_flags_de_before_a_complement_of_degree(text: str) -> None:
    findings = run(para(text), "de-di-de")
    assert findings and all(f.suggestion == "得" for f in findings)
    assert all(text[f.start] == "的" for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "在政治理论学习上抓得不紧，学得不透。",
        "我们做的不是表面文章，做的很多工作得到认可。",
        "对问题的看法的不够全面。",
        "所学的不够系统。",
    ],
)
def test_it_leaves_de_before_other_words_alone(text: str) -> None:
    assert hits(para(text), "de-di-de") == []
