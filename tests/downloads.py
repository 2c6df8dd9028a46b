"""Exports streamed from a temporary file: read them back, and check they are streamed."""

from __future__ import annotations

from django.http import FileResponse


def streamed(response) -> bytes:
    """The body of a download that must be a FileResponse (streamed from disk, not memory)."""
    assert response.status_code == 200, (response.status_code, response.get("Content-Type"))
    assert isinstance(response, FileResponse) and response.streaming, type(response)
    return b"".join(response.streaming_content)
