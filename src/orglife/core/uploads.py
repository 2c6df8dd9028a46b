"""The upload size limit (ORGLIFE_UPLOAD_MAX_BYTES), checked the same way everywhere."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler

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


# Room for the form fields and multipart headers that travel with a file.
FORM_MARGIN_BYTES = 1024 * 1024


def request_limit() -> int:
    """The largest request body that may carry one file within the upload limit."""
    return settings.ORGLIFE_UPLOAD_MAX_BYTES + FORM_MARGIN_BYTES


class UploadTooBig(RequestDataTooBig):
    """An upload over ORGLIFE_UPLOAD_MAX_BYTES, found while the body streams in."""


def too_big_message(exc: Exception | None) -> str:
    """The Chinese line for a 413: the file limit for an upload, else the generic one."""
    if isinstance(exc, UploadTooBig):
        return f"文件过大：上限为 {size_label(settings.ORGLIFE_UPLOAD_MAX_BYTES)}"
    return "提交的内容过大"


class LimitedUploadHandler(FileUploadHandler):
    """First upload handler: refuses an oversized upload before it is read in full.

    A declared Content-Length over the limit is refused before a byte of the body is read;
    a body that lies about (or omits) its length is stopped at the first chunk past the
    limit. Either way Django answers 413 (RequestDataTooBig), on the API as JSON.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > request_limit():
            raise UploadTooBig(f"upload body {content_length} > {request_limit()}")
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = start + len(raw_data)
        if self.received > settings.ORGLIFE_UPLOAD_MAX_BYTES:
            raise UploadTooBig(f"upload file over {settings.ORGLIFE_UPLOAD_MAX_BYTES}")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file
