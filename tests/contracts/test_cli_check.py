"""`orglife check` (docs/contracts.md, "The orglife command" and "Finding JSON")."""

from __future__ import annotations

import pytest

from orglife.documents.parse import parse_file
from tests.contracts.conftest import (
    CLEAN_TEXT,
    FINDING_KEYS,
    SEED,
    SEVERITIES,
    assert_bad_input,
    orglife,
)


@pytest.fixture(scope="module")
def seed_findings():
    run = orglife("check", SEED, "--format", "json")
    assert run.code == 1, run.err  # the seed has errors (此此, **, 四个方面…)
    return run.json()


def _core(excerpt: str) -> str:
    return excerpt.strip("…")


def test_it_answers_a_list_of_findings_with_exactly_the_contract_keys(seed_findings):
    assert isinstance(seed_findings, list) and seed_findings
    for f in seed_findings:
        assert set(f) == set(FINDING_KEYS), f


def test_it_types_every_field(seed_findings):
    for f in seed_findings:
        assert f["file"] == str(SEED)
        assert isinstance(f["rule"], str) and f["rule"]
        assert f["severity"] in SEVERITIES
        assert isinstance(f["message"], str) and f["message"]
        assert isinstance(f["suggestion"], str)
        assert f["section"] is None or isinstance(f["section"], str)
        for key in ("paragraph", "start", "end"):
            assert isinstance(f[key], int) and not isinstance(f[key], bool), f
        assert 0 <= f["start"] < f["end"], f
        assert isinstance(f["excerpt"], str) and f["excerpt"]


def test_it_addresses_each_finding_by_block_and_offsets_in_that_block(seed_findings):
    blocks = parse_file(SEED).blocks()
    for f in seed_findings:
        assert 0 <= f["paragraph"] < len(blocks), f
        block = blocks[f["paragraph"]]
        assert f["end"] <= len(block.text), f
        assert f["section"] == block.section, (f, block)
        marked = block.text[f["start"] : f["end"]]
        core = _core(f["excerpt"])
        assert marked in core, (marked, f)
        # The excerpt is the text around [start:end] in that very block.
        spans = [i for i in range(len(block.text)) if block.text.startswith(core, i)]
        assert any(i <= f["start"] and f["end"] <= i + len(core) for i in spans), (f, block.text)


@pytest.mark.parametrize(
    ("rule", "marked", "suggestion"),
    [
        ("repeated-char", "此此", "此次"),
        ("template-residue", "**", None),
        ("count-mismatch", "四个方面", "五个方面"),
    ],
)
def test_it_finds_the_seeds_known_defects_as_errors(seed_findings, rule, marked, suggestion):
    blocks = parse_file(SEED).blocks()
    hits = [
        f
        for f in seed_findings
        if f["rule"] == rule and blocks[f["paragraph"]].text[f["start"] : f["end"]] == marked
    ]
    assert hits, [f for f in seed_findings if f["rule"] == rule]
    assert all(f["severity"] == "error" for f in hits)
    if suggestion is not None:
        assert any(f["suggestion"] == suggestion for f in hits)


def test_it_finds_the_halfwidth_colon_of_the_seed(seed_findings):
    blocks = parse_file(SEED).blocks()
    assert any(
        blocks[f["paragraph"]].text[f["start"] : f["end"]] == ":" and f["suggestion"] == "："
        for f in seed_findings
    )


def test_it_exits_0_with_an_empty_list_for_a_clean_material(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN_TEXT, encoding="utf-8")
    run = orglife("check", path, "--format", "json")
    assert run.code == 0, run.err
    assert run.json() == []


def test_it_exits_0_when_findings_are_only_warnings(tmp_path):
    path = tmp_path / "warn.txt"
    path.write_text(CLEAN_TEXT.replace("文件，", "文件,"), encoding="utf-8")
    run = orglife("check", path, "--format", "json")
    findings = run.json()
    assert findings and all(f["severity"] != "error" for f in findings)
    assert run.code == 0


def test_it_exits_1_in_text_format_too():
    run = orglife("check", SEED)
    assert run.code == 1 and "此此" in run.out


def test_it_checks_several_files_and_names_each(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN_TEXT, encoding="utf-8")
    run = orglife("check", clean, SEED, "--format", "json")
    assert run.code == 1
    assert {f["file"] for f in run.json()} == {str(SEED)}


def test_it_checks_a_docx_rendered_from_the_seed(tmp_path):
    docx = tmp_path / "seed.docx"
    assert orglife("render", SEED, "-o", docx).code == 0
    run = orglife("check", docx, "--format", "json")
    assert run.code == 1
    findings = run.json()
    blocks = parse_file(docx).blocks()
    assert all(f["file"] == str(docx) for f in findings)
    assert any(blocks[f["paragraph"]].text[f["start"] : f["end"]] == "此此" for f in findings)


@pytest.mark.parametrize("command", ["check", "parse"])
def test_it_answers_a_missing_file_with_exit_2(tmp_path, command):
    assert_bad_input(orglife(command, tmp_path / "nope.txt"))


@pytest.mark.parametrize("command", ["check", "parse"])
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("not-word.docx", "这不是 Word 文件".encode()),
        ("corrupt.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("encrypted.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("gbk-garbage.txt", bytes(range(0x80, 0x100)) * 4 + b"\xff\xfe\x00\xd8"),
        ("empty.txt", b""),
    ],
)
def test_it_answers_bad_input_with_one_line_and_exit_2(tmp_path, command, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert_bad_input(orglife(command, path))


def test_it_refuses_a_file_over_the_size_limit_with_exit_2(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 21 MB written
        fh.truncate(21 * 1024 * 1024)
    assert_bad_input(orglife("check", path))


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-16"])
def test_a_short_chinese_material_reads_the_same_in_every_common_encoding(tmp_path, encoding):
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(CLEAN_TEXT, encoding="utf-8")
    other = tmp_path / f"{encoding}.txt"
    other.write_bytes(CLEAN_TEXT.encode(encoding))
    a = orglife("parse", utf8, "--format", "json")
    b = orglife("parse", other, "--format", "json")
    assert a.code == b.code == 0, b.err
    assert a.json() == b.json()


def test_it_reads_a_gb18030_material(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    run = orglife("check", path, "--format", "json")
    assert run.code == 1, run.err
    assert any(f["rule"] == "repeated-char" for f in run.json())


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("shift_jis", "これは日本語のテキストです。組織生活会の資料ではありません。"),
        ("euc-kr", "이것은 한국어 텍스트입니다. 조직 생활회 자료가 아닙니다."),
        ("latin-1", "Ceci est un texte français, très ordinaire."),
    ],
)
def test_it_refuses_a_material_in_a_wrong_encoding(tmp_path, encoding, text):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes((text + "\n").encode(encoding))
    assert_bad_input(orglife("parse", path, "--format", "json"))
