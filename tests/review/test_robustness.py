"""Any text at all: the engine never raises, and every finding points inside its block."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orglife.documents.model import Item, Material, Section
from orglife.review.engine import check_material, check_text

# Characters the rules react to, mixed with ordinary ones, so hypothesis reaches them.
ALPHABET = st.sampled_from(
    list("一二三四五是的地把将此组织学习层人党（）()“”‘’《》【】，。：:；;、!?.*×Xx某○_[]填写")
    + list("1234567890 \n")
    + ["以下", "四个方面", "一是", "二是", "四是", "四个意识", "政治意识", "大局意识", "核心意识"]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join)


def _valid(material: Material) -> None:
    blocks = material.blocks()
    for f in check_material(material):
        assert 0 <= f.paragraph < max(len(blocks), 1)
        if blocks:
            assert 0 <= f.start <= f.end <= len(blocks[f.paragraph].text)
        f.to_dict()
        f.key()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, max_size=4), TEXT)
def test_any_paragraphs_check_cleanly(paragraphs: list[str], title: str) -> None:
    _valid(Material(title=title, kind="branch", preamble=paragraphs))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(TEXT, max_size=3),
    st.lists(st.tuples(st.sampled_from(["一", "2", "", "十一", "①", "x"]), TEXT), max_size=4),
)
def test_any_structure_checks_cleanly(paragraphs: list[str], items: list[tuple[str, str]]) -> None:
    section = Section(
        "三", "存在的问题", "problems", paragraphs, [Item(n, h, None, [h]) for n, h in items]
    )
    _valid(
        Material(
            "2023年主题教育材料", "individual", [], [section, Section("二", "", "measures", [], [])]
        )
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_any_text_parses_and_checks(text: str) -> None:
    for f in check_text(text):
        assert f.start <= f.end
