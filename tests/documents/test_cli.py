"""``orglife parse`` and ``orglife render`` through the real command dispatcher."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orglife.cli import main
from orglife.documents.model import Material
from orglife.documents.parse import parse_file

from .conftest import CORPUS, seed_path


def test_it_prints_material_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed_path()), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "branch"
    assert [s["role"] for s in data["sections"]][:3] == [
        "previous_rectification",
        "preparation",
        "problems",
    ]
    assert data["sections"][2]["items"][0] | {"paragraphs": []} == {
        "number": "1",
        "heading": "理论学习方面",
        "aspect": "theory_study",
        "paragraphs": [],
    }  # exactly the keys of docs/contracts.md: layout hints stay out of the contract
    assert Material.from_dict(data).to_dict() == parse_file(seed_path()).to_dict()


def test_it_prints_an_outline_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed_path())]) == 0
    out = capsys.readouterr().out
    assert "三、存在的问题与不足  [problems] 1 段，6 条" in out
    assert "1.理论学习方面 [theory_study]" in out
    assert "（一）制定会议方案" in out


def test_it_exits_2_with_one_line_for_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"%PDF-1.4 nothing")
    assert main(["parse", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and "error:" in err[0]


@pytest.mark.parametrize("source", ["txt", "json", "json-layout", "docx"])
def test_it_renders_txt_json_and_docx(tmp_path: Path, source: str) -> None:
    m = parse_file(seed_path())
    src = tmp_path / f"in.{source.split('-')[0]}"
    if source == "txt":
        src.write_bytes(seed_path().read_bytes())
    elif source.startswith("json"):
        data = m.to_dict(layout=source == "json-layout")
        src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        assert main(["render", str(seed_path()), "-o", str(src)]) == 0
    out = tmp_path / "out.docx"
    assert main(["render", str(src), "-o", str(out)]) == 0
    if source == "json":
        # The contract JSON has no look hints: run-in headings come back on their own line,
        # the structure is the same.
        assert parse_file(out).to_dict() == m.to_dict()
    else:
        assert parse_file(out) == m
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".orglife-")] == []


def test_it_writes_nothing_when_the_input_is_bad(tmp_path: Path) -> None:
    src = tmp_path / "broken.json"
    src.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out.docx"
    assert main(["render", str(src), "-o", str(out)]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json"]


def test_it_keeps_an_existing_output_when_rendering_fails(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    assert main(["render", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert out.read_bytes() == b"old"


def test_it_refuses_an_output_in_a_missing_directory(tmp_path: Path) -> None:
    out = tmp_path / "no" / "out.docx"
    assert main(["render", str(CORPUS / "chapters.txt"), "-o", str(out)]) == 2
    assert not out.parent.exists()


def test_it_renders_to_text_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert main(["render", str(CORPUS / "chapters.txt"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(
        "机关党委第三党支部专题组织生活会对照检查材料\n"
    )


def _bad_inputs() -> dict[str, bytes]:
    def zipped(parts: dict[str, bytes]) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in parts.items():
                zf.writestr(name, data)
        return buf.getvalue()

    xlsx = io.BytesIO()
    openpyxl.Workbook().save(xlsx)
    good = (CORPUS / "chapters.txt").read_bytes()
    return {
        "empty.txt": b"",
        "renamed-pdf.docx": b"%PDF-1.7\n1 0 obj\n",
        "renamed-xlsx.docx": xlsx.getvalue(),
        "corrupt.docx": zipped({"word/document.xml": good})[:-30],
        "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 512,
        "bomb.docx": zipped({"word/document.xml": b"<w:document>" + b" " * (8 << 20)}),
        "xxe.docx": zipped(
            {
                "word/document.xml": b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
            }
        ),
        "undecodable.txt": b"\x80\xff" * 100,
    }


@pytest.mark.parametrize("name", sorted(_bad_inputs()))
def test_it_refuses_bad_input_cleanly_and_writes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / name
    src.write_bytes(_bad_inputs()[name])
    out = tmp_path / "out.docx"
    assert main(["render", str(src), "-o", str(out)]) == 2
    assert main(["parse", str(src)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]
    assert lines[0].startswith("错误：") and " / error: " in lines[0]
    assert "Traceback" not in captured.err and captured.out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_it_refuses_a_missing_file_and_an_oversized_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse", str(tmp_path / "missing.docx")]) == 2
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(20 * 1024 * 1024 + 1)
    assert main(["render", str(big), "-o", str(tmp_path / "o.docx")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert "找不到文件" in err[0] and "20 MB" in err[1]
    assert not (tmp_path / "o.docx").exists()


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {"title": 3},
        {"sections": {"a": 1}},
        {"sections": [{"heading": "问题", "paragraphs": [1, 2]}]},
        {"sections": [{"heading": "问题", "items": [{"heading": "x", "paragraphs": "abc"}]}]},
        {"sections": ["x"]},
    ],
)
def test_it_refuses_malformed_material_json(
    doc: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "m.json"
    src.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["render", str(src), "-o", str(tmp_path / "o.docx")]) == 2
    assert "不是有效的材料 JSON" in capsys.readouterr().err
    assert not (tmp_path / "o.docx").exists()
