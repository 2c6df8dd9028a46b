"""Zip checks for spreadsheet uploads (roster .xlsx), the same as a .docx gets.

The .docx checks live in ``documents.safe_zip`` (pure core, Word-specific messages); this
is the generic part for other zip-based uploads: entry count, declared sizes against a
budget and a compression ratio (zip bombs), and no DTD in any XML part (XXE).
"""

from __future__ import annotations

import io
import zipfile

from orglife.documents import safe_zip
from orglife.errors import InputError
from orglife.site.errors import Invalid

# A 5,000-person roster is a few megabytes of XML; far more is not a roster.
MAX_UNCOMPRESSED = 50 * 1024 * 1024


def check_zip(data: bytes, *, what: str = "Excel 文件") -> None:
    """Raise Invalid (422) with a Chinese reason unless ``data`` is a harmless zip."""
    if not data.startswith(safe_zip.ZIP_MAGIC):
        raise Invalid(f"无法读取该 {what}，请确认是 .xlsx 格式", log="upload is not a zip")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise Invalid(f"无法读取该 {what}，文件已损坏", log=f"corrupt zip: {exc}") from exc
    bomb = Invalid(f"{what}解压后体积异常（疑似压缩炸弹），已拒绝", log="zip bomb refused")
    if len(infos) > safe_zip.MAX_ENTRIES:
        raise bomb
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > safe_zip.MAX_RATIO:
            raise bomb
    if total > MAX_UNCOMPRESSED:
        raise bomb
    read = 0
    try:
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                # Declared sizes can lie: read_part reads with a cap and refuses DTDs.
                read += len(safe_zip.read_part(zf, info.filename) or b"")
                if read > MAX_UNCOMPRESSED:
                    raise bomb
    except InputError as exc:
        raise Invalid(exc.message, log=exc.english) from exc
