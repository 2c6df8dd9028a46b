"""``orglife check``: text and JSON output, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orglife.cli import main

from .helpers import SEED


def test_it_prints_json_findings_for_every_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("学习贯彻党的二十大精神。\n", encoding="utf-8")
    code = main(["check", "--format", "json", str(SEED), str(clean)])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert isinstance(out, list) and out
    assert {f["file"] for f in out} == {str(SEED)}
    assert {"repeated-char", "count-mismatch"} <= {f["rule"] for f in out}


def test_it_exits_0_on_a_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("学习贯彻党的二十大精神。\n", encoding="utf-8")
    assert main(["check", str(clean)]) == 0
    assert "共 0 条" in capsys.readouterr().out


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "w.txt"
    f.write_text("学习不够深入,研究不够透彻。\n", encoding="utf-8")
    assert main(["check", str(f)]) == 0
    assert "halfwidth-punct 警告" in capsys.readouterr().out


def test_text_format_is_one_readable_line_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert f"{SEED}:19:184 repeated-char 错误 疑似重复字“此此” → 此次" in lines
    assert lines[-1].startswith("共 8 条审核意见")


def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and "error:" in err[0]


def test_an_unknown_profile_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--profile", "nope", str(SEED)]) == 2
    assert "nope" in capsys.readouterr().err
