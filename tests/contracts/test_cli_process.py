"""One run per pure subcommand through ``python -m orglife``, as a user runs it.

The rest of the contract suite calls ``orglife.cli.main`` in this process; these show the
installed entry point gives the same output and exit code (packaging, imports, encodings).
"""

from __future__ import annotations

from tests.contracts.conftest import SEED, orglife_in_process, orglife_process


def test_it_parses_the_same_through_the_entry_point():
    process = orglife_process("parse", SEED, "--format", "json")
    assert process.code == 0, process.err
    assert process.json() == orglife_in_process(["parse", str(SEED), "--format", "json"]).json()


def test_it_checks_the_same_through_the_entry_point():
    process = orglife_process("check", SEED, "--format", "json")
    in_process = orglife_in_process(["check", str(SEED), "--format", "json"])
    assert (process.code, process.json()) == (in_process.code, in_process.json())
    assert process.json(), "the seed has findings"


def test_it_renders_through_the_entry_point(tmp_path):
    out = tmp_path / "out.docx"
    process = orglife_process("render", SEED, "-o", out)
    assert process.code == 0, process.err
    assert out.read_bytes()[:2] == b"PK"


def test_it_compares_through_the_entry_point(tmp_path):
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    process = orglife_process("similar", tmp_path, "--format", "json")
    assert process.code == 0, process.err
    assert (
        process.json() == orglife_in_process(["similar", str(tmp_path), "--format", "json"]).json()
    )
    assert len(process.json()) == 1


def test_it_refuses_bad_input_through_the_entry_point(tmp_path):
    process = orglife_process("parse", tmp_path / "missing.docx")
    assert process.code == 2 and "Traceback" not in process.err
