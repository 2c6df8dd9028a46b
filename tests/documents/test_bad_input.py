"""Bad input is refused with one clear Chinese + English line, never a traceback."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from orglife.documents.parse import MAX_BYTES, parse_bytes, parse_file, read_text
from orglife.errors import InputError

from .docx_factory import build_docx


def refused(data: bytes, name: str = "a.docx") -> InputError:
    with pytest.raises(InputError) as info:
        parse_bytes(data, name)
    line = info.value.line()
    assert line.startswith("错误：") and " / error: " in line
    return info.value


def make_zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


DOC_OK = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>"
)


def test_it_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        parse_file(tmp_path / "nope.docx")
    assert "找不到文件" in info.value.message


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as info:
        parse_file(empty)
    assert "文件为空" in info.value.message


def test_it_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        parse_file(tmp_path)


def test_it_refuses_a_renamed_pdf() -> None:
    assert "PDF" in refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").message


def test_it_refuses_a_renamed_pdf_even_as_txt() -> None:
    assert "PDF" in refused(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a.txt").message


def test_it_refuses_a_renamed_xlsx() -> None:
    buf = io.BytesIO()
    openpyxl.Workbook().save(buf)
    assert "Excel" in refused(buf.getvalue()).message


def test_it_refuses_a_docx_that_is_not_a_zip() -> None:
    assert "不是有效的 Word" in refused("一、存在的问题".encode()).message


def test_it_refuses_a_corrupt_zip() -> None:
    data = build_docx(["某支部对照检查材料", "一、存在的问题"])
    err = refused(data[: len(data) // 2])
    assert "损坏" in err.message


def test_it_refuses_an_encrypted_docx() -> None:
    # What Word writes for a password-protected .docx: an OLE file with an EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
    ole += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000
    assert "加密" in refused(ole).message


def test_it_refuses_a_legacy_doc() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    assert ".doc" in refused(ole, "old.doc").message


def test_it_refuses_a_zip_bomb() -> None:
    huge = DOC_OK[:-6] + b" " * (30 * 1024 * 1024) + b"</w:document>"
    data = make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": huge})
    assert len(data) < MAX_BYTES
    assert "压缩炸弹" in refused(data).message


def test_it_refuses_an_external_entity() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    err = refused(make_zip({"word/document.xml": xxe}))
    assert "DOCTYPE" in err.message


def test_it_refuses_a_billion_laughs_in_another_part() -> None:
    lol = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Types>&lol;</Types>'
    err = refused(make_zip({"[Content_Types].xml": lol, "word/document.xml": DOC_OK}))
    assert "DOCTYPE" in err.message


def test_it_refuses_a_dtd_hidden_in_utf16() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    data = make_zip({"word/document.xml": DOC_OK, "word/styles.xml": xml.encode("utf-16")})
    assert "DOCTYPE" in refused(data).message


def test_it_refuses_input_over_20_mb(tmp_path: Path) -> None:
    assert "20 MB" in refused(b"a" * (MAX_BYTES + 1), "big.txt").message
    big = tmp_path / "big.docx"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)  # sparse: the size check must come before reading
    with pytest.raises(InputError) as info:
        parse_file(big)
    assert "过大" in info.value.message


def test_it_refuses_undecodable_text() -> None:
    assert "编码" in refused(b"\x80\xff" * 200, "a.txt").message


def test_it_refuses_binary_text() -> None:
    assert "二进制" in refused(b"abc\x00\x01\x02def" * 10, "a.txt").message


def test_it_accepts_a_minimal_docx_without_styles() -> None:
    m = parse_bytes(make_zip({"word/document.xml": DOC_OK}), "min.docx")
    assert m.title == "text"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_it_decodes_the_common_chinese_encodings(encoding: str, seed_text: str) -> None:
    assert read_text(seed_text.encode(encoding)) == seed_text


def test_it_parses_gbk_text_like_utf8(seed_text: str) -> None:
    assert parse_bytes(seed_text.encode("gbk"), "seed.txt") == parse_bytes(
        seed_text.encode("utf-8"), "seed.txt"
    )


def test_it_refuses_rtf_even_named_txt() -> None:
    assert "RTF" in refused(b"{\\rtf1\\ansi\\deff0 {\\fonttbl}}", "a.txt").message


def test_it_refuses_a_web_page_saved_as_doc() -> None:
    page = "<html><body><p>一、存在的问题</p></body></html>".encode()
    assert "网页" in refused(page, "material.doc").message
    assert (
        "网页" in refused(b"MIME-Version: 1.0\r\nContent-Type: multipart/related", "a.docx").message
    )


def test_it_refuses_a_zip_with_a_password_protected_part() -> None:
    data = bytearray(make_zip({"word/document.xml": DOC_OK}))
    # Set the "encrypted" flag in the central directory entry, as a zip tool would.
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x01
    assert "加密" in refused(bytes(data)).message


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("shift_jis", "これは日本語のテキストです。組織生活会の資料ではありません。"),
        ("euc-kr", "이것은 한국어 텍스트입니다."),
        ("latin-1", "Ceci est un texte français, très ordinaire."),
    ],
)
def test_it_refuses_text_in_a_non_chinese_encoding(encoding: str, text: str) -> None:
    from orglife.documents.textcodec import read_text

    with pytest.raises(InputError):
        read_text((text + "\n").encode(encoding))


def test_it_still_reads_gbk_text_with_a_few_rare_characters() -> None:
    from orglife.documents.textcodec import read_text

    text = "支部书记李璟瑄同志主持会议，认真查摆问题，明确整改方向。" * 3
    assert read_text(text.encode("gb18030")) == text


def test_it_refuses_text_over_the_character_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from orglife.documents import limits

    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1_000)
    assert read_text(("学" * 1_000).encode()) == "学" * 1_000
    # Characters count, not bytes: 1,001 ASCII letters are over, 1,000 Chinese (3,000 bytes) not.
    assert "文本过长" in refused(b"a" * 1_001, "a.txt").message
    assert "1,000" in refused(("学" * 1_001).encode("gb18030"), "a.txt").message


def test_it_refuses_oversized_text_before_decoding_any_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from orglife.documents import limits, textcodec

    def no_decoding(data: bytes) -> str:
        raise AssertionError("decoded a text that its size alone rules out")

    monkeypatch.setattr(textcodec, "_decode", no_decoding)
    big = b"a" * (limits.MAX_TEXT_BYTES + 1)
    assert "文本过长" in refused(big, "big.txt").message


def test_it_refuses_a_19_mb_text_file_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from orglife.cli import main

    big = tmp_path / "big.txt"
    big.write_bytes("学习不够深入，联系实际不够。\n".encode() * (19 * 1024 * 1024 // 43))
    assert main(["parse", str(big)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "文本过长" in err and " / error: " in err


def test_it_refuses_text_with_too_many_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from orglife.documents import limits

    monkeypatch.setattr(limits, "MAX_LINES", 100)
    assert len(read_text(("某某，\n" * 99).encode()).splitlines()) == 99
    assert "段落过多" in refused(("某某，\n" * 200).encode(), "a.txt").message


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    wb = openpyxl.Workbook()
    wb.active.append(["用户名", "姓名"])
    wb.save(buf)
    return buf.getvalue()


def test_it_checks_any_zip_upload_by_bytes_path_or_file(tmp_path: Path) -> None:
    from orglife.documents.safe_zip import check_zip

    data = xlsx_bytes()
    check_zip(data)
    path = tmp_path / "roster.xlsx"
    path.write_bytes(data)
    check_zip(path)
    check_zip(str(path))
    with path.open("rb") as fh:
        fh.seek(7)
        check_zip(fh)
        assert fh.tell() == 7  # the caller reads on from where it was


def test_it_refuses_an_xlsx_bomb() -> None:
    from orglife.documents.safe_zip import check_zip

    # 418 KB that expands to 410 MB in the audit; here 20 MB of one repeated cell.
    sheet = b"<sheetData>" + b"<row><c><v>1</v></c></row>" * 800_000 + b"</sheetData>"
    bomb = make_zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": sheet})
    with pytest.raises(InputError) as info:
        check_zip(bomb)
    assert "压缩炸弹" in info.value.message
    with pytest.raises(InputError):
        check_zip(xlsx_bytes(), max_total=1_000)


@pytest.mark.parametrize(
    "data", [b"", b"not a zip at all", b"PK\x03\x04broken", xlsx_bytes()[:500]]
)
def test_it_refuses_a_zip_upload_that_is_not_a_zip(data: bytes) -> None:
    from orglife.documents.safe_zip import check_zip

    with pytest.raises(InputError) as info:
        check_zip(data)
    assert "损坏" in info.value.message


def test_it_refuses_an_encrypted_zip_upload() -> None:
    from orglife.documents.safe_zip import check_zip

    data = bytearray(xlsx_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x01
    with pytest.raises(InputError) as info:
        check_zip(bytes(data))
    assert "加密" in info.value.message


def test_it_reads_an_upload_only_up_to_its_limit() -> None:
    from orglife.documents.limits import read_capped

    class Stream(io.BytesIO):
        read_total = 0

        def read(self, n: int | None = -1) -> bytes:
            chunk = super().read(n)
            Stream.read_total += len(chunk)
            return chunk

    assert read_capped(io.BytesIO(b"x" * 100), 100) == b"x" * 100
    with pytest.raises(InputError) as info:
        read_capped(Stream(b"x" * 10_000_000), 1000)
    assert "过大" in info.value.message
    assert Stream.read_total == 1001


def test_it_refuses_a_material_json_over_the_text_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from orglife.cli import main
    from orglife.documents import limits

    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 1_000)
    section = {"number": "一", "heading": "存在的问题", "paragraphs": ["学习不够。" * 50]}
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"title": "材料", "sections": [section]}), "utf-8")
    assert main(["render", str(small), "-o", str(tmp_path / "small.docx")]) == 0
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"title": "材料", "sections": [section] * 5}), "utf-8")
    assert main(["render", str(big), "-o", str(tmp_path / "big.docx")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "文本过长" in err
    assert not (tmp_path / "big.docx").exists()


def test_it_reads_a_long_run_of_glued_restarting_items_in_few_passes(monkeypatch):
    """28,000 characters of "学习。N、方面" (numbering restarting at 1 after 9) once took 97 s:
    each pass peeled one trailing heading. The work is bounded by passes, not by time."""
    from orglife.documents import parse as parse_module

    calls = 0
    real = parse_module._split_glued

    def counting(lines):
        nonlocal calls
        calls += 1
        return real(lines)

    monkeypatch.setattr(parse_module, "_split_glued", counting)
    text = "".join(f"学习。{i % 9 + 1}、方面" for i in range(900))
    material = parse_module.parse_text(text)
    assert calls <= 10
    assert len(material.blocks()) == 901
