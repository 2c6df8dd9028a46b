"""The audit log as .xlsx: every value written as text, so nothing in it runs as a formula.

Written row by row (openpyxl write-only) into a file: the view streams it from a temporary
file, so an export of 100,000 entries holds one chunk of them in memory, not the log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from orglife.audit.models import AuditEntry

HEADERS = ["时间", "操作人", "事件", "对象", "地址", "详情"]
MAX_ROWS = 100_000


def write_entries(out: IO[bytes], entries: Iterable[AuditEntry]) -> None:
    """At most ``MAX_ROWS`` entries as an .xlsx into ``out``."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("审计日志")

    def text(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # a value starting with "=" stays a string, never a formula
        return cell

    ws.append([text(h) for h in HEADERS])
    for n, e in enumerate(entries):
        if n >= MAX_ROWS:
            break
        ws.append(
            [
                text(timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S")),
                text(e.actor),
                text(e.get_action_display()),
                text(e.target),
                text(e.address or ""),
                text(json.dumps(e.detail, ensure_ascii=False) if e.detail else ""),
            ]
        )
    wb.save(out)
