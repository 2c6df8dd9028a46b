"""A material from an uploaded file or pasted text, for the API and the pages alike."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from orglife.core.errors import Invalid, TooLarge
from orglife.core.uploads import refuse_oversize
from orglife.materials import services as material_services

MAX_PASTE_CHARS = 200_000


def read_upload(
    file: UploadedFile | None, text: str
) -> tuple[material_services.ParsedUpload, bool]:
    """The parsed material and whether it was pasted (Invalid/TooLarge with a Chinese reason)."""
    if file is not None:
        refuse_oversize(file.size)
        return material_services.material_parse(
            data=file.read(), filename=file.name or "upload"
        ), False
    text = text.strip()
    if not text:
        raise Invalid("请上传 .docx / .txt 文件，或粘贴材料全文")
    if len(text) > MAX_PASTE_CHARS:
        raise TooLarge(f"粘贴的文字超过 {MAX_PASTE_CHARS:,} 字，请改为上传文件")
    return material_services.material_parse(
        data=text.encode("utf-8"), filename="粘贴的文字.txt"
    ), True
