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
from collections.abc import Iterator
from os import PathLike
from typing import IO, BinaryIO

from orglife.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
# Real .docx parts compress 5–20×; a ratio far beyond that with a large size is a bomb.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 5000
_SMALL_PART = 1024 * 1024
CHUNK = 64 * 1024
_DTD_OVERLAP = 64  # longer than "<!DOCTYPE" with any spacing or UTF-16 NULs we look through

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


ZipSource = bytes | str | PathLike[str] | BinaryIO


def check_zip(
    source: ZipSource,
    *,
    max_ratio: float = MAX_RATIO,
    max_total: int = MAX_UNCOMPRESSED,
    max_entries: int = MAX_ENTRIES,
    max_part: int = MAX_PART,
) -> None:
    """Refuse a zip-based upload (.docx, .xlsx, a zipped evidence file) that is not a
    readable zip, is encrypted, or would expand beyond ``max_total`` bytes in all, beyond
    ``max_part`` in one entry, or with one large entry compressed more than ``max_ratio``.

    ``source`` is the file's bytes, a path, or a binary file object (seekable; its
    position is restored). Only the central directory is read: nothing is decompressed.
    Python's ``zipfile`` (and openpyxl, which reads through it) never yields more than an
    entry's declared size, so declared sizes checked here bound what a reader inflates.
    Raises InputError with a Chinese message and an English line.
    """
    position = None
    if isinstance(source, bytes):
        fh: BinaryIO | str | PathLike[str] = io.BytesIO(source)
    else:
        fh = source
        if hasattr(source, "tell"):
            position = source.tell()
    try:
        with zipfile.ZipFile(fh) as zf:
            _check_infos(
                zf.infolist(),
                max_ratio=max_ratio,
                max_total=max_total,
                max_entries=max_entries,
                max_part=max_part,
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        if isinstance(exc, FileNotFoundError):
            raise InputError(
                f"找不到文件：{exc.filename}", f"no such file: {exc.filename}"
            ) from exc
        raise InputError(
            "文件已损坏（不是有效的压缩文件），无法打开", f"corrupt zip: {exc}"
        ) from exc
    finally:
        if position is not None and hasattr(source, "seek"):
            source.seek(position)


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
    _check_infos(
        infos,
        max_ratio=MAX_RATIO,
        max_total=MAX_UNCOMPRESSED,
        max_entries=MAX_ENTRIES,
        max_part=MAX_PART,
    )
    return zf


def _check_infos(
    infos: list[zipfile.ZipInfo],
    *,
    max_ratio: float,
    max_total: int,
    max_entries: int,
    max_part: int,
) -> None:
    if len(infos) > max_entries:
        raise InputError("文件结构异常（条目过多），已拒绝", "too many zip entries (zip bomb?)")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError("文件已加密（设置了密码），请取消密码后再上传", "encrypted zip entry")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        # Small parts of repeated XML compress very well; only a large one is a bomb.
        if info.file_size > max_part or (info.file_size > _SMALL_PART and ratio > max_ratio):
            raise InputError(
                "文件解压后体积异常（疑似压缩炸弹），已拒绝",
                f"suspicious compression of {info.filename} (zip bomb)",
            )
    if total > max_total:
        raise InputError(
            "文件解压后体积过大（疑似压缩炸弹），已拒绝", "uncompressed size too large (zip bomb)"
        )


def _open_part(zf: zipfile.ZipFile, name: str) -> IO[bytes] | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    try:
        return zf.open(info)
    except RuntimeError as exc:  # zipfile raises RuntimeError for password-protected entries
        raise InputError("文件已加密，无法读取", "encrypted zip entry") from exc
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise _corrupt(name, exc) from exc


def _corrupt(name: str, exc: BaseException) -> InputError:
    if "encrypted" in str(exc).lower():
        return InputError("文件已加密，无法读取", "encrypted zip entry")
    return InputError("文件已损坏，无法作为 Word 文档打开", f"corrupt part {name}: {exc}")


def iter_part(zf: zipfile.ZipFile, name: str, *, limit: int = MAX_PART) -> Iterator[bytes] | None:
    """A part's bytes in chunks, never more than ``limit`` in all, with DTDs refused as they
    stream by; None when the part is absent. Nothing holds the whole part in memory."""
    fh = _open_part(zf, name)
    if fh is None:
        return None
    return _chunks(fh, name, limit)


def _chunks(fh: IO[bytes], name: str, limit: int) -> Iterator[bytes]:
    total = 0
    tail = b""  # the end of the previous chunk, so a declaration split between two is seen
    with fh:
        while True:
            try:
                chunk = fh.read(CHUNK)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
                raise _corrupt(name, exc) from exc
            if not chunk:
                return
            total += len(chunk)
            if total > limit:
                raise InputError(
                    "文件解压后体积异常（疑似压缩炸弹），已拒绝", f"{name} too large (zip bomb)"
                )
            refuse_dtd(tail + chunk, name)
            tail = chunk[-_DTD_OVERLAP:]
            yield chunk


def read_part(zf: zipfile.ZipFile, name: str, *, limit: int = MAX_PART) -> bytes | None:
    """A part's bytes, read with a cap (declared sizes can lie), DTDs refused; None if absent."""
    chunks = iter_part(zf, name, limit=limit)
    return None if chunks is None else b"".join(chunks)


def scan_part(zf: zipfile.ZipFile, name: str) -> None:
    """Stream a part once to refuse a DTD or a corrupt entry, keeping nothing in memory."""
    chunks = iter_part(zf, name)
    if chunks is not None:
        for _ in chunks:
            pass


def refuse_dtd(data: bytes, name: str) -> None:
    """Refuse XML that declares a DTD: Word never writes one, attacks always do."""
    # UTF-16 XML would hide "<!DOCTYPE" behind NUL bytes.
    probe = data.replace(b"\x00", b"") if b"\x00" in data[:64] else data
    if _DTD.search(probe):
        raise InputError(
            "文件含有不允许的 XML 声明（DOCTYPE/实体），已拒绝",
            f"{name} declares a DTD/entity (XXE); refused",
        )
