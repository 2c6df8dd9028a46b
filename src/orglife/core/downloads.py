"""Large downloads written to a temporary file on disk and streamed from it.

An export of a whole ledger or audit log is built row by row (openpyxl write-only) into
an unnamed temporary file, then sent as a ``FileResponse``: the worker holds neither the
workbook nor the finished file in memory, and the file is gone once the response closes
(or, should the process die, once its descriptor does: it has no name on disk).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import IO

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spooled_download(
    write: Callable[[IO[bytes]], None], *, filename: str, content_type: str = XLSX
) -> FileResponse:
    """``write(out)`` fills a temporary file; the answer streams it as an attachment."""
    # Not a `with`: the response owns the handle and closes it once the file is sent.
    handle = tempfile.TemporaryFile(prefix="orglife-download-")  # noqa: SIM115
    try:
        write(handle)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    # FileResponse closes the handle when the response is closed; it sets Content-Length.
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
