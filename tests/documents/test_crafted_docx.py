"""Crafted .docx files: every value read is validated and every loop spends from a budget.

Each crafted file must either be read or be refused with InputError (one Chinese +
English line); nothing else may escape, and the work is bounded structurally by
``limits.Budget``, whose enforcement is tested here rather than timed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orglife.cli import main
from orglife.documents import limits
from orglife.documents.docx_read import (
    MAX_START,
    Numbering,
    _format,
    _roman,
    _stream_body,
    docx_lines,
    read_numbering,
)
from orglife.documents.limits import Budget
from orglife.documents.parse import parse_bytes
from orglife.errors import InputError

from .docx_factory import W_NS, escape, level_xml, paragraph_xml, raw_docx

HOSTILE_NUMBERS = [
    "abc",
    "-1",
    "9",
    "10",
    "99999",
    "²",
    "١",
    "1" * 5000,
    "1" * 31,
    "1e30",
    "0x1F",
    "",
    " 1 ",
    "3.5",
    "+2",
    "٣",
]
FORMATS = [
    "upperRoman",
    "lowerRoman",
    "chineseCounting",
    "decimalEnclosedCircle",
    "decimalFullWidth",
    "lowerLetter",
    "upperLetter",
    "bullet",
    "none",
    "x" * 5000,
]


def outcome(data: bytes) -> list[str] | InputError:
    """Read a crafted file: its lines, or the InputError it was refused with. Anything
    else escaping (ValueError, IndexError, RecursionError …) fails the test."""
    try:
        lines = docx_lines(data)
        parse_bytes(data, "crafted.docx")
    except InputError as exc:
        assert exc.line().startswith("错误：") and " / error: " in exc.line()
        assert "\n" not in exc.line()
        return exc
    assert all(isinstance(x, str) for x in lines)
    return lines


def numbered(levels: str, *, num_ilvl: str = "0", overrides: str = "", styles: str = "") -> bytes:
    numbering = (
        f'<w:abstractNum w:abstractNumId="1">{levels}</w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="1"/>{overrides}</w:num>'
    )
    body = paragraph_xml("某支部对照检查材料") + "".join(
        paragraph_xml(t, num=("1", num_ilvl)) for t in ("存在的问题", "原因分析", "整改措施")
    )
    return raw_docx(body, numbering=numbering, styles=styles)


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_it_reads_or_refuses_any_level_number(value: str) -> None:
    outcome(numbered(level_xml(value)))
    outcome(numbered(level_xml("0"), num_ilvl=value))
    outcome(numbered(level_xml("0"), overrides=f'<w:lvlOverride w:ilvl="{escape(value)}"/>'))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("start", HOSTILE_NUMBERS)
def test_it_reads_or_refuses_any_start_value(start: str, fmt: str) -> None:
    result = outcome(numbered(level_xml("0", start=start, fmt=fmt)))
    over = f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{escape(start)}"/></w:lvlOverride>'
    outcome(numbered(level_xml("0", fmt=fmt), overrides=over))
    if isinstance(result, list):  # a label is never longer than a sane number
        assert all(len(line) < 40 for line in result)


def test_it_ignores_a_start_value_with_thousands_of_digits() -> None:
    lines = outcome(numbered(level_xml("0", start="9" * 5000, fmt="upperRoman")))
    assert isinstance(lines, list)
    assert lines[1:4] == ["I.存在的问题", "II.原因分析", "III.整改措施"]


def test_it_formats_huge_numbers_without_looping_over_them() -> None:
    # The old Roman loop took n / 1000 steps: 1e30 spun for ever.
    assert _roman(10**30) == str(10**30)
    assert _roman(3999) == "MMMCMXCIX"
    assert _format(10**30, "upperRoman") == str(10**30)
    assert _format(MAX_START + 5, "lowerRoman") == str(MAX_START + 5)


def test_it_gives_no_number_for_an_absurd_level_text() -> None:
    lines = outcome(numbered(level_xml("0", text="%1" * 5000)))
    assert isinstance(lines, list) and lines[1] == "存在的问题"


@pytest.mark.parametrize(
    "levels",
    [
        level_xml("8", text="%9%8%7%6%5%4%3%2%1"),
        level_xml("0", text="%0%10%99"),
        "<w:lvl/>",
        '<w:lvl w:ilvl="0"><w:start/></w:lvl>',
        level_xml("0") * 200,
    ],
)
def test_it_reads_or_refuses_odd_level_definitions(levels: str) -> None:
    outcome(numbered(levels, num_ilvl="8"))
    outcome(numbered(levels))


def cyclic_links(n: int) -> str:
    """abstractNum k takes its levels from list style S(k+1) defined by abstractNum k+1, … and
    the last one links back to the first: no definition anywhere."""
    out = []
    for k in range(n):
        out.append(
            f'<w:abstractNum w:abstractNumId="{k}"><w:styleLink w:val="S{k}"/>'
            f'<w:numStyleLink w:val="S{(k + 1) % n}"/></w:abstractNum>'
        )
    out += [f'<w:num w:numId="{k + 1}"><w:abstractNumId w:val="{k}"/></w:num>' for k in range(n)]
    return "".join(out)


def test_it_ends_a_cycle_of_list_style_links() -> None:
    num = read_numbering(
        f'<w:numbering xmlns:w="{W_NS}">{cyclic_links(50)}</w:numbering>'.encode(), None
    )
    assert num.label("1", 0) == ""


def test_it_follows_a_list_style_link_to_its_definition() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Outline"/></w:abstractNum>'
        f'<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="Outline"/>'
        f"{level_xml('0', fmt='chineseCounting', text='%1、')}</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    )
    body = paragraph_xml("某支部对照检查材料") + paragraph_xml("存在的问题", num=("1", "0"))
    assert docx_lines(raw_docx(body, numbering=numbering))[1] == "一、存在的问题"


def style_chain(n: int) -> str:
    """Styles S0 … Sn, each based on the next; only the last carries a list."""
    chain = "".join(
        f'<w:style w:type="paragraph" w:styleId="S{k}"><w:basedOn w:val="S{k + 1}"/></w:style>'
        for k in range(n)
    )
    return chain + (
        f'<w:style w:type="paragraph" w:styleId="S{n}"><w:pPr><w:numPr><w:ilvl w:val="0"/>'
        '<w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )


def test_it_resolves_a_long_style_chain_in_linear_steps() -> None:
    # The old loop walked the whole chain for every style: n² steps for n styles.
    n = 3000
    budget = Budget()
    numbering = f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1">'
    numbering += level_xml("0") + '</w:abstractNum><w:num w:numId="1">'
    numbering += '<w:abstractNumId w:val="1"/></w:num></w:numbering>'
    styles = f'<w:styles xmlns:w="{W_NS}">{style_chain(n)}</w:styles>'
    num = read_numbering(numbering.encode(), styles.encode(), budget=budget)
    assert num.style_num["S0"] == ("1", 0)
    assert budget.steps <= 3 * n


def test_it_refuses_a_style_chain_beyond_the_budget() -> None:
    numbering = f'<w:numbering xmlns:w="{W_NS}"></w:numbering>'
    styles = f'<w:styles xmlns:w="{W_NS}">{style_chain(500)}</w:styles>'
    with pytest.raises(InputError) as info:
        read_numbering(numbering.encode(), styles.encode(), budget=Budget(steps=100))
    assert "处理上限" in info.value.message


def test_it_ends_a_cycle_of_based_on_styles() -> None:
    styles = "".join(
        f'<w:style w:styleId="S{k}"><w:basedOn w:val="S{(k + 1) % 40}"/></w:style>'
        for k in range(40)
    )
    body = paragraph_xml("某支部对照检查材料") + paragraph_xml("存在的问题", style="S3")
    numbering = '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    assert outcome(raw_docx(body, numbering=numbering, styles=styles)) == [
        "某支部对照检查材料",
        "存在的问题",
    ]


def test_it_refuses_text_over_the_character_budget() -> None:
    body = paragraph_xml("某支部对照检查材料") + paragraph_xml("学习不够深入。" * 30)
    data = raw_docx(body)
    assert docx_lines(data, budget=Budget(chars=300))
    with pytest.raises(InputError) as info:
        docx_lines(data, budget=Budget(chars=100))
    assert "文本过长" in info.value.message


def test_it_refuses_a_docx_over_the_default_text_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 5_000)
    body = "".join(paragraph_xml("学习不够深入，联系实际不够。" * 10) for _ in range(40))
    with pytest.raises(InputError) as info:
        parse_bytes(raw_docx(body), "long.docx")
    assert "5,000" in info.value.message


def test_it_stops_reading_the_body_as_soon_as_the_budget_is_spent() -> None:
    # 1,000 chunks of 100 paragraphs; the budget is spent in the second: the rest of the
    # document is never inflated, parsed or turned into text.
    consumed = 0

    def chunks() -> Iterator[bytes]:
        nonlocal consumed
        yield f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
        for _ in range(1000):
            consumed += 1
            yield (paragraph_xml("学习不够深入。") * 100).encode()
        yield b"</w:body></w:document>"

    with pytest.raises(InputError):
        _stream_body(chunks(), Numbering(), Budget(chars=1000))
    assert consumed <= 2


def test_it_refuses_a_document_with_too_many_elements() -> None:
    empty_runs = "<w:p>" + "<w:r/>" * 2000 + "</w:p>"
    data = raw_docx(paragraph_xml("标题") + empty_runs)
    assert docx_lines(data, budget=Budget(elements=5000))
    with pytest.raises(InputError) as info:
        docx_lines(data, budget=Budget(elements=1000))
    assert "处理上限" in info.value.message


def test_it_refuses_a_document_with_too_many_paragraphs() -> None:
    data = raw_docx("".join(paragraph_xml(f"第{k}段。") for k in range(50)))
    assert len(docx_lines(data, budget=Budget(lines=50))) == 50
    with pytest.raises(InputError) as info:
        docx_lines(data, budget=Budget(lines=49))
    assert "段落过多" in info.value.message


def test_it_refuses_numbering_part_over_its_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("orglife.documents.docx_read.MAX_AUX_PART_BYTES", 1000)
    data = numbered(level_xml("0") * 50)
    assert isinstance(outcome(data), InputError)


def test_it_counts_list_resolution_steps() -> None:
    nums = "".join(
        f'<w:num w:numId="{k}"><w:abstractNumId w:val="1"/></w:num>' for k in range(1, 400)
    )
    numbering = f'<w:abstractNum w:abstractNumId="1">{level_xml("0")}</w:abstractNum>{nums}'
    body = "".join(paragraph_xml("问题。", num=(str(k), "0")) for k in range(1, 400))
    data = raw_docx(body, numbering=numbering)
    assert docx_lines(data, budget=Budget(steps=2000))[0] == "1.问题。"
    with pytest.raises(InputError):
        docx_lines(data, budget=Budget(steps=500))


attribute_values = st.one_of(
    st.sampled_from(HOSTILE_NUMBERS + FORMATS),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
)


@st.composite
def numbering_parts(draw: st.DrawFn) -> tuple[str, str, list[tuple[str, str]]]:
    ids = st.one_of(st.integers(0, 6).map(str), attribute_values)
    abstracts = []
    for aid in draw(st.lists(ids, max_size=4)):
        levels = "".join(
            level_xml(
                draw(attribute_values),
                start=draw(attribute_values),
                fmt=draw(st.sampled_from(FORMATS[:-1]) | attribute_values),
                text=draw(
                    st.sampled_from(["%1.", "（%2）", "%1、", "%1.%2.%3"]) | attribute_values
                ),
            )
            for _ in range(draw(st.integers(0, 4)))
        )
        link = ""
        if draw(st.booleans()):
            link = f'<w:numStyleLink w:val="{escape(draw(ids))}"/>'
        if draw(st.booleans()):
            link += f'<w:styleLink w:val="{escape(draw(ids))}"/>'
        abstracts.append(
            f'<w:abstractNum w:abstractNumId="{escape(aid)}">{link}{levels}</w:abstractNum>'
        )
    nums = "".join(
        f'<w:num w:numId="{escape(n)}"><w:abstractNumId w:val="{escape(draw(ids))}"/>'
        f'<w:lvlOverride w:ilvl="{escape(draw(attribute_values))}">'
        f'<w:startOverride w:val="{escape(draw(attribute_values))}"/></w:lvlOverride></w:num>'
        for n in draw(st.lists(ids, max_size=4))
    )
    styles = "".join(
        f'<w:style w:styleId="{escape(s)}"><w:basedOn w:val="{escape(draw(ids))}"/>'
        f'<w:pPr><w:numPr><w:ilvl w:val="{escape(draw(attribute_values))}"/>'
        f'<w:numId w:val="{escape(draw(ids))}"/></w:numPr></w:pPr></w:style>'
        for s in draw(st.lists(ids, max_size=4))
    )
    refs = draw(st.lists(st.tuples(ids, attribute_values), min_size=1, max_size=8))
    return "".join(abstracts) + nums, styles, refs


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(numbering_parts())
def test_it_reads_or_refuses_any_crafted_numbering(
    parts: tuple[str, str, list[tuple[str, str]]],
) -> None:
    numbering, styles, refs = parts
    body = paragraph_xml("某支部对照检查材料") + "".join(
        paragraph_xml(f"第{k}条。", num=ref, style=ref[0]) for k, ref in enumerate(refs)
    )
    outcome(raw_docx(body, numbering=numbering, styles=styles))


@pytest.mark.parametrize("command", ["parse", "check", "render"])
@pytest.mark.parametrize(
    "case",
    ["over_text_budget", "style_chain_over_budget", "doctype_in_numbering", "not_xml"],
)
def test_it_refuses_crafted_files_from_the_command_line_with_one_line(
    command: str,
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 2_000)
    if case == "over_text_budget":
        data = raw_docx(paragraph_xml("学习不够深入。" * 400))
    elif case == "style_chain_over_budget":
        monkeypatch.setattr(limits, "MAX_NUMBERING_STEPS", 100)
        data = raw_docx(
            paragraph_xml("某支部对照检查材料"),
            numbering='<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
            styles=style_chain(500),
        )
    elif case == "doctype_in_numbering":
        data = raw_docx(
            paragraph_xml("某支部对照检查材料"),
            extra={"word/numbering.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'},
        )
    else:
        data = raw_docx("<w:p>")
    path = tmp_path / "crafted.docx"
    path.write_bytes(data)
    args = [command, str(path)] + (
        ["-o", str(tmp_path / "out.docx")] if command == "render" else []
    )
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("错误：") and " / error: " in err and "Traceback" not in err
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("command", ["parse", "check"])
def test_it_reads_hostile_numbering_from_the_command_line(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "numbered.docx"
    path.write_bytes(numbered(level_xml("0", start="1" * 31, fmt="upperRoman"), num_ilvl="²"))
    assert main([command, str(path)]) in (0, 1)
    assert "Traceback" not in capsys.readouterr().err
