"""Ledger test helpers: items made through the services (so history exists) and tiny files."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from orglife.ledger import services
from orglife.ledger.models import RectificationItem

FIXED_TODAY = date(2024, 1, 10)


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"\x00\xff\x00\x00"  # one red pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def ooxml_bytes(main: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/x" ContentType="{main}"/></Types>',
        )
    return buf.getvalue()


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def upload(name: str = "photo.png", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes() if data is None else data)


def make_item(world, **overrides) -> RectificationItem:
    data = {
        "title": "理论学习不够全面透彻",
        "description": "支部集中学习侧重文件传达，结合本单位实际交流研讨较少。",
        "category": "theory_study",
        "source": "meeting",
        "kind": "deadline",
        "owner": world.member_a,
        "leader": world.committee_a,
        "measures": "每月开展一次专题研讨。",
        "deadline": date(2024, 1, 20),
        "meeting_year": 2023,
    } | overrides
    return services.item_create(org=world.branch_a, actor=world.secretary_a, data=data)


def move(item: RectificationItem, *steps: tuple) -> RectificationItem:
    """Apply (actor, action, note) steps through the service; evidence first for submit."""
    for actor, action, note in steps:
        if action == "submit" and not item.evidence.exists():
            services.item_evidence_add(item=item, actor=actor, upload=upload())
        item = services.item_transition(item=item, actor=actor, action=action, note=note)
    return item


def closed_item(world, **overrides) -> RectificationItem:
    item = make_item(world, **overrides)
    return move(
        item,
        (world.member_a, "start", ""),
        (world.member_a, "submit", ""),
        (world.secretary_a, "verify", "每月专题研讨已开展三次，学习记录齐全。"),
    )
