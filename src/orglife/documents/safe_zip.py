"""Refusing hostile or wrong files before any XML parser sees them.

A .docx is a zip of XML parts. Before reading one we check, in this order:
size, that it is a zip at all (and not an encrypted OLE file, a PDF or an
Excel workbook), that its declared sizes cannot blow up memory (zip bomb),
and that no part declares a DTD (external entities, billion laughs).
"""

from __future__ import annotations

import io
import re
import zipfile

from orglife.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
# Real .docx parts compress 5–20×; a ratio far beyond that with a large size is a bomb.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_size(size: int) -> None:
    """Refuse empty input and input over ``MAX_BYTES``."""
    if size == 0:
        raise InputError("文件为空", "the file is empty")
    if size > MAX_BYTES:
        raise InputError(
            f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 20 MB",
            f"file too large ({size} bytes; limit is 20 MB)",
        )


def refuse_non_docx(data: bytes) -> None:
    """Raise a clear error for the binary formats people rename to .docx by mistake."""
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise InputError(
                "文件已加密（设置了打开密码），请取消密码后再上传",
                "the .docx is encrypted (password protected)",
            )
        raise InputError(
            "这是旧版 Word（.doc）或其他 Office 二进制文件，请另存为 .docx 后再上传",
            "legacy binary Office file (.doc/.xls); save it as .docx",
        )
    if data.startswith(b"%PDF"):
        raise InputError("这是 PDF 文件，不是 Word 文档（.docx）", "a PDF file, not a .docx")
    if data.startswith(b"{\\rtf"):
        raise InputError(
            "这是 RTF 文件，请在 Word 或 WPS 中另存为 .docx 后再上传", "an RTF file, not a .docx"
        )
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<html", b"<!doctype html", b"mime-version")):
        # Many systems export "Word" files that are really web pages.
        raise InputError(
            "这是网页格式（HTML/MHT）的文档，请在 Word 或 WPS 中另存为 .docx 后再上传",
            "an HTML/MHT file saved as .doc/.docx",
        )
    if not data.startswith(ZIP_MAGIC) and not data.startswith(b"PK"):
        raise InputError("不是有效的 Word 文档（.docx）", "not a .docx file")


def open_docx_zip(data: bytes) -> zipfile.ZipFile:
    """Open ``data`` as the zip of a .docx after every check; raise InputError otherwise."""
    check_size(len(data))
    refuse_non_docx(data)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError("文件已损坏，无法作为 Word 文档打开", f"corrupt zip: {exc}") from exc
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise InputError(
                "这是 Excel 文件，不是 Word 文档（.docx）", "an Excel file, not a .docx"
            )
        if "ppt/presentation.xml" in names:
            raise InputError(
                "这是 PowerPoint 文件，不是 Word 文档（.docx）", "a PowerPoint file, not a .docx"
            )
        raise InputError(
            "压缩包中没有 Word 正文，不是有效的 .docx", "no word/document.xml: not a .docx"
        )
    _check_bomb(infos)
    return zf


def _check_bomb(infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_ENTRIES:
        raise InputError("文件结构异常（条目过多），已拒绝", "too many zip entries (zip bomb?)")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise InputError(
                "文件解压后体积异常（疑似压缩炸弹），已拒绝",
                f"suspicious compression of {info.filename} (zip bomb)",
            )
    if total > MAX_UNCOMPRESSED:
        raise InputError(
            "文件解压后体积过大（疑似压缩炸弹），已拒绝", "uncompressed size too large (zip bomb)"
        )


def read_part(zf: zipfile.ZipFile, name: str) -> bytes | None:
    """A part's bytes, read with a cap (declared sizes can lie), DTDs refused; None if absent."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_PART + 1)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        if "encrypted" in str(exc).lower():
            raise InputError("文件已加密，无法读取", "encrypted zip entry") from exc
        raise InputError(
            "文件已损坏，无法作为 Word 文档打开", f"corrupt part {name}: {exc}"
        ) from exc
    except RuntimeError as exc:  # zipfile raises RuntimeError for password-protected entries
        raise InputError("文件已加密，无法读取", "encrypted zip entry") from exc
    if len(data) > MAX_PART:
        raise InputError(
            "文件解压后体积异常（疑似压缩炸弹），已拒绝", f"{name} too large (zip bomb)"
        )
    refuse_dtd(data, name)
    return data


def refuse_dtd(data: bytes, name: str) -> None:
    """Refuse XML that declares a DTD: Word never writes one, attacks always do."""
    # UTF-16 XML would hide "<!DOCTYPE" behind NUL bytes.
    probe = data.replace(b"\x00", b"") if b"\x00" in data[:64] else data
    if _DTD.search(probe):
        raise InputError(
            "文件含有不允许的 XML 声明（DOCTYPE/实体），已拒绝",
            f"{name} declares a DTD/entity (XXE); refused",
        )


def check_zip_upload(data: bytes) -> None:
    """The size and zip-bomb checks of a .docx, for any zip-based upload (.xlsx)."""
    check_size(len(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise InputError("文件已损坏或不是 .xlsx 文件", f"corrupt zip: {exc}") from exc
    _check_bomb(infos)
