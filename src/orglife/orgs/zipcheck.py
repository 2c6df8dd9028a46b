"""Zip checks for the roster .xlsx: the same as every zip upload gets, plus no DTD.

``documents.safe_zip.check_zip`` refuses a zip that is corrupt, encrypted or would expand
too far (zip bomb), from the central directory alone. A roster is small, so its budget is
tighter than a .docx's; and its XML parts are read (bounded) to refuse a DTD (XXE), as a
.docx's are, before openpyxl sees them.
"""

from __future__ import annotations

import io
import zipfile

from orglife.core.errors import Invalid
from orglife.documents import safe_zip
from orglife.errors import InputError

# A 5,000-person roster is a few megabytes of XML; far more is not a roster.
MAX_UNCOMPRESSED = 50 * 1024 * 1024


def check_xlsx_zip(data: bytes, *, what: str = "Excel 文件") -> None:
    """Raise Invalid (422) with a Chinese reason unless ``data`` is a harmless .xlsx zip."""
    if not data.startswith(safe_zip.ZIP_MAGIC):
        raise Invalid(f"无法读取该 {what}，请确认是 .xlsx 格式", log="upload is not a zip")
    try:
        safe_zip.check_zip(data, max_total=MAX_UNCOMPRESSED)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.filename.lower().endswith((".xml", ".rels")):
                    safe_zip.read_part(zf, info.filename)  # bounded; refuses a DTD
    except InputError as exc:
        raise Invalid(exc.message, log=exc.english) from exc
