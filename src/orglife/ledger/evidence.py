"""What an evidence file really is, judged by its bytes, not by its name.

Accepted: pictures (png, jpeg, gif, webp), PDF, Word and Excel (.docx/.xlsx as zip
packages with the right ``[Content_Types].xml``; .doc/.xls as OLE compound files).
The file name's extension must agree with the content, so a renamed file is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from orglife.core.errors import Invalid

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class FileType:
    name: str
    content_type: str
    extensions: tuple[str, ...]
    label: str


TYPES = {
    t.name: t
    for t in [
        FileType("png", "image/png", (".png",), "PNG 图片"),
        FileType("jpeg", "image/jpeg", (".jpg", ".jpeg"), "JPEG 图片"),
        FileType("gif", "image/gif", (".gif",), "GIF 图片"),
        FileType("webp", "image/webp", (".webp",), "WebP 图片"),
        FileType("pdf", "application/pdf", (".pdf",), "PDF 文件"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
            "Word 文档",
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            (".xlsx",),
            "Excel 表格",
        ),
        FileType("doc", "application/msword", (".doc",), "Word 97-2003 文档"),
        FileType("xls", "application/vnd.ms-excel", (".xls",), "Excel 97-2003 表格"),
    ]
}

ACCEPTED_EXTENSIONS = sorted({e for t in TYPES.values() for e in t.extensions})
ACCEPT_ATTR = ",".join(ACCEPTED_EXTENSIONS)

_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
# Content-types of a package stay small; a huge one is not an office file we want.
_MAX_CONTENT_TYPES = 1024 * 1024


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("[Content_Types].xml")
            if info.file_size > _MAX_CONTENT_TYPES:
                return None
            types = z.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError):
        return None
    if _DOCX_MAIN in types:
        return "docx"
    if _XLSX_MAIN in types:
        return "xlsx"
    return None


def _ole_kind(data: bytes) -> str | None:
    # The directory of a compound file names its streams in UTF-16LE.
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return None


def sniff(data: bytes) -> str | None:
    """The type name of these bytes, or None when it is not an accepted kind."""
    head = data[:16]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(data)
    return None


def check_evidence(*, data: bytes, filename: str) -> FileType:
    """The accepted type of an upload, or ``Invalid`` (422) with a Chinese reason."""
    ext = PurePath(filename or "").suffix.lower()
    if ext not in ACCEPTED_EXTENSIONS:
        raise Invalid(
            "只接受图片（png/jpg/gif/webp）、PDF、Word 或 Excel 文件",
            log=f"evidence refused: extension {ext!r}",
        )
    kind = sniff(data)
    if kind is None:
        raise Invalid(
            "文件内容不是可接受的图片、PDF、Word 或 Excel 文件，可能已损坏或被改了扩展名",
            log=f"evidence refused: content of {filename!r} not recognised",
        )
    ftype = TYPES[kind]
    if ext not in ftype.extensions:
        raise Invalid(
            f"文件扩展名 {ext} 与内容（{ftype.label}）不符，请上传原始文件",
            log=f"evidence refused: {filename!r} is {kind}",
        )
    return ftype
