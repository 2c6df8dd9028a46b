"""The upload size limit (ORGLIFE_UPLOAD_MAX_BYTES), checked the same way everywhere."""

from __future__ import annotations

from django.conf import settings

from orglife.core.errors import TooLarge


def size_label(n: int) -> str:
    """A size for people: "20 MB", "512 KB", "100 字节"."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):g} MB"
    if n >= 1024:
        return f"{n / 1024:g} KB"
    return f"{n} 字节"


def refuse_oversize(size: int | None) -> None:
    """Raise TooLarge (413) when ``size`` bytes exceed the upload limit."""
    limit = settings.ORGLIFE_UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise TooLarge(f"文件过大：上限为 {size_label(limit)}", log=f"upload {size} > {limit}")
