"""``orglife similar``: JSON shape, text output, exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orglife.cli import main

from .helpers import SEED, mid_paragraph, unrelated


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def test_it_prints_pairs_with_passages_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    para = mid_paragraph()
    x = unrelated(1) + "\n" + para
    y = para + "\n" + unrelated(2)
    write(tmp_path / "dir/x.txt", x)
    write(tmp_path / "dir/y.txt", y)
    write(tmp_path / "dir/z.txt", unrelated(3))
    write(tmp_path / "dir/notes.md", x)  # not a material: skipped inside a directory
    code = main(["similar", "--format", "json", str(tmp_path / "dir")])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    [pair] = out["pairs"]
    assert set(pair) == {"a", "b", "similarity", "containment", "passages"}
    assert (pair["a"], pair["b"]) == (str(tmp_path / "dir/x.txt"), str(tmp_path / "dir/y.txt"))
    assert 0 <= pair["similarity"] < 0.5 and 0 < pair["containment"] <= 1
    [p] = pair["passages"]
    assert set(p) == {"a_start", "a_end", "b_start", "b_end", "text"}
    assert x[p["a_start"] : p["a_end"]] == para == p["text"]
    assert y[p["b_start"] : p["b_end"]] == para


def test_offsets_are_in_the_text_with_normalised_line_ends(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    para = mid_paragraph()
    x = unrelated(4) + "\n" + para
    write(tmp_path / "x.txt", x.replace("\n", "\r\n"))
    write(tmp_path / "y.txt", para, encoding="gb18030")
    main(["similar", "--format", "json", str(tmp_path / "x.txt"), str(tmp_path / "y.txt")])
    [pair] = json.loads(capsys.readouterr().out)["pairs"]
    [p] = pair["passages"]
    assert x[p["a_start"] : p["a_end"]] == para
    assert (p["b_start"], p["b_end"]) == (0, len(para))


def test_it_exits_0_and_says_so_when_nothing_is_similar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.txt", unrelated(5))
    write(tmp_path / "b.txt", unrelated(6))
    assert main(["similar", str(tmp_path)]) == 0
    assert "未发现相似材料" in capsys.readouterr().out
    assert main(["similar", "--format", "json", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == {"pairs": []}


def test_text_output_lists_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "a.txt", SEED)
    write(tmp_path / "b.txt", SEED.replace("此此", "此次"))
    assert main(["similar", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    out = capsys.readouterr().out
    assert "a.txt ↔" in out and "相似度 similarity 1.00" in out


@pytest.mark.parametrize(
    "args",
    [
        ["missing.txt"],
        ["bad.pdf"],
        ["empty_dir"],
        ["--threshold", "1.5", "a.txt"],
        ["--threshold", "0", "a.txt"],
        ["binary.txt"],
        ["corrupt.docx"],
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    write(tmp_path / "a.txt", unrelated(1))
    write(tmp_path / "bad.pdf", "%PDF-1.4")
    (tmp_path / "empty_dir").mkdir()
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not a zip archive")
    argv = ["similar"] + [
        a if a.startswith("-") or a[0].isdigit() else str(tmp_path / a) for a in args
    ]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "error:" in err
    assert len(err.splitlines()) == 1


def test_it_reads_docx_materials(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docx = pytest.importorskip("docx")
    parse = pytest.importorskip("orglife.documents.parse")
    para = mid_paragraph()
    d = docx.Document()
    d.add_paragraph("2023年主题教育专题组织生活会个人对照检查材料")
    for line in unrelated(10).split("\n")[:4]:
        d.add_paragraph(line)
    d.add_paragraph(para)
    d.save(str(tmp_path / "a.docx"))
    write(tmp_path / "b.txt", unrelated(11) + "\n" + para)
    assert (
        main(["similar", "--format", "json", str(tmp_path / "a.docx"), str(tmp_path / "b.txt")])
        == 0
    )
    [pair] = json.loads(capsys.readouterr().out)["pairs"]
    [p] = pair["passages"]
    text = parse.parse_file(tmp_path / "a.docx").text()
    assert text[p["a_start"] : p["a_end"]] == para
