"""Property tests: any valid material survives render → parse, as text and as .docx.

"Valid" means what a parse can produce: paragraphs are sentences (they end in
。 and their first sentence has a comma, so they never read as headings),
headings are short phrases, numbers run 1, 2, 3 …, a section's items share one
numbering, and unnumbered run-in items come at least two at a time.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orglife.documents.model import Item, Material, Section
from orglife.documents.numerals import int_to_cn
from orglife.documents.parse import parse_bytes, parse_text
from orglife.documents.render import render_docx, render_text
from orglife.documents.roles import is_section_name, item_aspect, material_kind, section_role

# Ordinary characters of these texts, without numerals, brackets or colons.
ALPHABET = "学习思想工作建设推动落实提高能力加强深入开展要求服务群众发展质量责任意识政治理论制度管理组织教育活动创新实践经验精神文化安全生产规范标准目标任务方法环境基础"
SECTION_NAMES = [
    "上一次组织生活会问题整改落实情况",
    "会前准备情况",
    "存在的问题与不足",
    "典型案例剖析情况",
    "树立和践行正确政绩观和基层治理检视剖析",
    "原因分析",
    "整改措施和努力方向",
    "学习收获",
]

words = st.text(alphabet=ALPHABET, min_size=2, max_size=12)
short = st.text(alphabet=ALPHABET, min_size=2, max_size=12).filter(lambda h: not is_section_name(h))


@st.composite
def paragraphs(draw: st.DrawFn, min_size: int = 0, max_size: int = 3) -> list[str]:
    n = draw(st.integers(min_size, max_size))
    out = []
    for _ in range(n):
        sentences = draw(st.lists(st.tuples(words, words), min_size=1, max_size=3))
        out.append("".join(f"{a}，{b}。" for a, b in sentences))
    return out


@st.composite
def items(draw: st.DrawFn, role: str) -> list[Item]:
    mode = draw(st.sampled_from(["none", "cn", "arabic", "plain", "run_in"]))
    if mode == "none":
        return []
    count = draw(st.integers(2 if mode == "run_in" else 1, 5))
    out = []
    for k in range(1, count + 1):
        if mode == "plain":
            item = Item(heading=draw(short), paragraphs=draw(paragraphs(1)))
        elif mode == "run_in":
            item = Item(heading=draw(short), run_in=True, paragraphs=draw(paragraphs(1)))
        else:
            run_in = draw(st.booleans())
            item = Item(
                number=int_to_cn(k) if mode == "cn" else str(k),
                heading=draw(short),
                run_in=run_in,
                run_in_sep=draw(st.sampled_from(["。", "："])) if run_in else "。",
                paragraphs=draw(paragraphs(1 if run_in else 0)),
            )
        if role == "problems":
            item.aspect = item_aspect(item.heading)
        out.append(item)
    return out


@st.composite
def materials(draw: st.DrawFn) -> Material:
    numbered = draw(st.sampled_from([None, "cn", "arabic"]))
    names = draw(st.lists(st.sampled_from(SECTION_NAMES), min_size=0, max_size=5, unique=True))
    sections = []
    for k, name in enumerate(names, start=1):
        role = section_role(name)
        run_in = numbered is not None and draw(st.booleans())
        section = Section(
            number=None if numbered is None else int_to_cn(k) if numbered == "cn" else str(k),
            heading=name,
            role=role,
            run_in=run_in,
            paragraphs=draw(paragraphs(1 if run_in else 0, 2)),
            items=draw(items(role)),
        )
        sections.append(section)
    title = draw(st.one_of(st.just(""), words.map(lambda w: w + "党支部对照检查材料")))
    m = Material(title=title, preamble=draw(paragraphs(0, 2)), sections=sections)
    texts = m.preamble + [p for s in sections for p in s.paragraphs]
    texts += [p for s in sections for i in s.items for p in i.paragraphs]
    m.kind = material_kind(title, texts)
    return m


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(materials())
def test_it_round_trips_generated_materials_through_text(m: Material) -> None:
    assert parse_text(render_text(m)) == m


@SETTINGS
@given(materials())
def test_it_round_trips_generated_materials_through_docx(m: Material) -> None:
    assert parse_bytes(render_docx(m), "m.docx") == m


# Marker styles as people type them; numbers are given in order per style, as in real texts.
MARKERS = {
    "": lambda n: "",
    "cn": lambda n: f"{int_to_cn(n)}、",
    "cn_paren": lambda n: f"（{int_to_cn(n)}）",
    "cn_half": lambda n: f"({int_to_cn(n)})",
    "arabic": lambda n: f"{n}.",
    "arabic_dun": lambda n: f"{n}、",
    "arabic_paren": lambda n: f"（{n}）",
    "circled": lambda n: "①②③④⑤⑥⑦⑧⑨⑩"[n - 1],
    "chapter": lambda n: f"第{int_to_cn(n)}章",
}
PHRASES = [
    "存在的问题",
    "原因分析",
    "整改措施",
    "学习收获",
    "理论学习方面",
    "支部班子学习不够深入",
    "本人调研不够",
    "一是学习不够，二是研讨不深",
    "对照检查材料",
    "支 部 班 子",
]
ENDS = ["", "。", "，", "：", "。支部班子认真学习，深入研讨。"]


@st.composite
def untidy_texts(draw: st.DrawFn) -> str:
    counters = dict.fromkeys(MARKERS, 0)
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        parts = []
        # Several parts on one line: a next heading glued to the end of a paragraph.
        for _ in range(draw(st.integers(1, 3))):
            style = draw(st.sampled_from(sorted(MARKERS)))
            # "1." and "1、" (and "(一)" and "（一）") are one numbering to a reader.
            key = {"arabic_dun": "arabic", "cn_half": "cn_paren"}.get(style, style)
            counters[key] = min(counters[key] + 1, 10)
            parts.append(MARKERS[style](counters[key]))
            parts.append(draw(st.sampled_from(PHRASES)))
            parts.append(draw(st.sampled_from(ENDS)))
        lines.append("".join(parts))
    # Three lines at most: hard-wrap detection needs four, and its column-width guess is a
    # heuristic that tidy output can change; wrapped texts are covered by the corpus.
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(untidy_texts())
def test_it_reaches_a_fixed_point_on_untidy_text(text: str) -> None:
    # docs/contracts.md: parse(render(parse(x))) == parse(x), for untidy input too.
    m = parse_text(text)
    assert parse_text(render_text(m)) == m


def test_it_joins_a_wrap_that_only_a_split_heading_reveals() -> None:
    # Found by hypothesis: the glued "1.…" hid the wrap after "，" until it was split off.
    text = "存在的问题存在的问题存在的问题\n存在的问题，\n存在的问题。1.存在的问题"
    m = parse_text(text)
    assert m.sections[0].paragraphs == ["存在的问题，存在的问题。"]
    assert parse_text(render_text(m)) == m


def test_it_keeps_a_glued_heading_whole_when_its_rendered_numbering_would_split_it() -> None:
    # Found by hypothesis: rendering item 二 as "第二章" made the glued "。第三章" continue the
    # 第N章 series, so the re-parse split it off where the first parse (which had only seen
    # 第一章) had not. The layout now picks numbering styles the parser does not re-split.
    text = (
        "第一章存在的问题存在的问题\n存在的问题第二章存在的问题一、存在的问题\n"
        "二、存在的问题。(一)存在的问题。第三章存在的问题。支部班子认真学习，深入研讨。"
    )
    m = parse_text(text)
    assert m.sections[0].items[0].paragraphs == [
        "(一)存在的问题。第三章存在的问题。支部班子认真学习，深入研讨。"
    ]
    assert parse_text(render_text(m)) == m


def test_it_writes_back_the_stop_of_a_long_heading_that_a_wrap_would_take() -> None:
    # Found by hypothesis: splitting "一、…。二、…" made four lines, enough for hard-wrap
    # detection, and the long heading, rendered without its final 。, counted as a cut line
    # and took the next line in.
    text = (
        "一、学习收获。二、整改措施\n"
        "1.学习不够，研讨不深，调研不够，作风不实，担当不足，创新不够，落实不力。\n"
        "支部班子认真学习，深入研讨，加强理论武装，提高政治站位，推动工作落实"
    )
    m = parse_text(text)
    assert len(m.sections[1].items[0].paragraphs) == 1
    rendered = render_text(m)
    assert "落实不力。\n" in rendered
    assert parse_text(rendered) == m


def test_it_guesses_the_wrap_width_without_the_heading_numbers() -> None:
    # Found by hypothesis: "(一)" rendered as "（一）" is one cell wider, enough to make the line
    # as wide as a wrapped one and join it to the next.
    text = (
        "一、学习收获。二、整改措施\n"
        "(一)理论学习方面：支部班子认真学习深入研讨加强理论\n"
        "支部班子认真学习，深入研讨，加强理论武装，提高政治站位，推动落实。\n"
        "支部班子认真学习，深入研讨，加强理论武装，提高政治站位，推动落实"
    )
    m = parse_text(text)
    assert m.sections[1].items[0].paragraphs[0] == "支部班子认真学习深入研讨加强理论"
    assert parse_text(render_text(m)) == m


def test_it_renumbers_an_earlier_section_when_its_items_would_continue_a_glued_series() -> None:
    # Found by hypothesis: item 一 of section 1 rendered as "（一）" began a （一） series that
    # "三、" no longer broke off, so the glued "(二)" of section 2 was split on the re-parse.
    text = (
        "1.学习收获\n一、理论学习方面\n2.整改措施\n第一章落实情况。（一）原因分析\n"
        "三、支部班子认真学习。(二)深入研讨：加强学习"
    )
    m = parse_text(text)
    assert m.sections[1].items[0].paragraphs[-1] == "三、支部班子认真学习。(二)深入研讨：加强学习"
    assert parse_text(render_text(m)) == m
