"""formulation-variant and formulation-items (提法)."""

from __future__ import annotations

import pytest

from .helpers import hits, para, run

Y2023 = "2023年度组织生活会对照检查材料"


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        (
            "深入学习习近平新时代中国特色社会主义理论。",
            "习近平新时代中国特色社会主义理论",
            "习近平新时代中国特色社会主义思想",
        ),
        (
            "始终同以习近平为核心的党中央保持高度一致。",
            "以习近平为核心的党中央",
            "以习近平同志为核心的党中央",
        ),
        (
            "始终同以习近平总书记为核心的党中央保持一致。",
            "以习近平总书记为核心的党中央",
            "以习近平同志为核心的党中央",
        ),
        ("严格落实中央八条规定精神。", "中央八条规定", "中央八项规定"),
        ("认真学习党的第二十大精神。", "党的第二十大", "党的二十大"),
        ("坚定“三个自信”。", "三个自信", "四个自信"),
        ("反对形式主义、官僚主义、享乐主义和奢靡主义。", "奢靡主义", "奢靡之风"),
        (
            "坚决维护习近平总书记在党中央和全党的核心地位。",
            "坚决维护习近平总书记在党中央和全党的核心地位",
            "坚决维护习近平总书记党中央的核心、全党的核心地位",
        ),
        (
            "坚决维护党中央的权威和集中统一领导。",
            "坚决维护党中央的权威和集中统一领导",
            "坚决维护党中央权威和集中统一领导",
        ),
    ],
)
def test_it_flags_a_wrong_name_as_an_error(text: str, wrong: str, right: str) -> None:
    findings = run(para(text, title=Y2023), "formulation-variant")
    assert [text[f.start : f.end] for f in findings] == [wrong]
    assert findings[0].suggestion == right
    assert findings[0].severity == "error"


def test_a_bare_congress_name_is_a_warning() -> None:
    findings = run(para("认真学习二十大精神。", title=Y2023), "formulation-variant")
    assert [(f.suggestion, f.severity) for f in findings] == [("党的二十大", "warning")]


def test_missing_qi_in_the_eight_rules_is_a_warning() -> None:
    findings = run(para("落实中央八项规定及实施细则精神。"), "formulation-variant")
    assert [(f.suggestion, f.severity) for f in findings] == [
        ("中央八项规定及其实施细则", "warning")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "深入学习习近平新时代中国特色社会主义思想。",
        "始终同以习近平同志为核心的党中央保持高度一致。",
        "持之以恒落实中央八项规定及其实施细则精神。",
        "贯彻党的二十大精神，学习党的十八大、十九大、二十大报告。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。",
        "确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。",
    ],
)
def test_it_accepts_the_right_names(text: str) -> None:
    assert hits(para(text, title=Y2023), "formulation-variant") == []


def test_three_confidences_were_right_before_2016() -> None:
    assert (
        hits(para("坚定“三个自信”。", title="2014年度民主生活会材料"), "formulation-variant") == []
    )


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("增强大局意识、政治意识、核心意识、看齐意识。", "顺序错误"),
        ("增强政治意识、大局意识、看齐意识。", "缺少核心意识"),
        ("坚定道路自信、制度自信、理论自信、文化自信。", "顺序错误"),
        ("一体推进不敢腐、不想腐、不能腐。", "顺序错误"),
        ("不断提高政治判断力、政治执行力。", "缺少政治领悟力"),
        ("聚焦学思想、重实践、强党性、建新功总要求。", "顺序错误"),
        ("“四风”即形式主义、官僚主义问题。", "缺少享乐主义、奢靡之风"),
    ],
)
def test_it_flags_items_out_of_order_or_missing(text: str, message_part: str) -> None:
    findings = run(para(text, title=Y2023), "formulation-items")
    assert len(findings) == 1
    assert message_part in findings[0].message
    assert findings[0].severity == "error"


def test_it_suggests_the_full_list_when_an_item_is_missing() -> None:
    findings = run(para("增强政治意识、大局意识、看齐意识。", title=Y2023), "formulation-items")
    assert findings[0].suggestion == "政治意识、大局意识、核心意识、看齐意识"


def test_an_outdated_item_is_reported_with_the_year() -> None:
    text = "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。"
    findings = run(para(text, title=Y2023), "formulation-items")
    assert [text[f.start : f.end] for f in findings] == ["全面建成小康社会"]
    assert findings[0].suggestion == "全面建设社会主义现代化国家"
    assert run(para(text, title="2019年度组织生活会材料"), "formulation-items") == []


@pytest.mark.parametrize(
    "text",
    [
        "增强政治意识、大局意识、核心意识、看齐意识。",
        "聚焦学思想、强党性、重实践、建新功总要求。",
        "深入领悟以学铸魂、以学增智、以学正风、以学促干的丰富内涵。",
        "不断提高政治判断力、政治领悟力、政治执行力。",
        "反对形式主义、官僚主义、享乐主义和奢靡之风。",
        "整治形式主义、官僚主义。",
        "一体推进不敢腐、不能腐、不想腐。",
        "落实支部党员大会、支部委员会、党小组会和党课制度。",
        "强化大局意识和责任意识。",
        "加强政治建设、思想建设。",
    ],
)
def test_it_accepts_complete_ordered_or_partial_lists(text: str) -> None:
    assert hits(para(text, title=Y2023), "formulation-items") == []


@pytest.mark.parametrize(
    ("text", "wrong", "right"),
    [
        ("增强政治意识、大局意识、责任意识、看齐意识。", "责任意识", "核心意识"),
        ("坚定道路自信、理论自信、历史自信、文化自信。", "历史自信", "制度自信"),
        ("一体推进不敢腐、不愿腐、不想腐。", "不愿腐", "不能腐"),
    ],
)
def test_it_flags_a_wrong_word_in_an_items_place(text: str, wrong: str, right: str) -> None:
    findings = run(para(text, title=Y2023), "formulation-items")
    assert [(text[f.start : f.end], f.suggestion) for f in findings] == [(wrong, right)]


def test_a_longer_list_that_merely_includes_items_is_not_judged() -> None:
    text = "增强政治意识、责任意识、大局意识和服务意识。"
    assert hits(para(text, title=Y2023), "formulation-items") == []
