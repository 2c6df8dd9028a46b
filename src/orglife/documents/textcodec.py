"""Decoding the bytes of a .txt material: UTF-8 (with or without BOM), UTF-16, GB18030/GBK."""

from __future__ import annotations

import codecs
import functools
from pathlib import Path

from orglife.documents import limits
from orglife.errors import InputError

_CHINESE = {"big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "hz", "cp936"}


def read_text(data: bytes, *, max_chars: int | None = None) -> str:
    """Decode a text file's bytes; raise InputError when it is not text in a known encoding
    or holds more than ``max_chars`` characters or ``limits.MAX_LINES`` lines.

    UTF-8 is tried first (strictly: GBK bytes are almost never valid UTF-8), then
    GB18030, which covers GBK and GB2312; UTF-16 only with its BOM. No encoding we
    read spends more than 4 bytes on a character, so a file over ``4 × max_chars``
    bytes is refused before any of it is decoded (``limits.MAX_TEXT_BYTES``).
    """
    if max_chars is None:
        max_chars = limits.MAX_TEXT_CHARS
    if len(data) > max_chars * limits.BYTES_PER_CHAR:
        raise limits.text_too_long(max_chars)
    text = _decode(data)
    if len(text) > max_chars:
        raise limits.text_too_long(max_chars)
    limits.Budget(chars=max_chars).spend_lines(
        text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    )
    return text


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("文本编码无法识别", f"undecodable UTF-16 text: {exc}") from exc
    if b"\x00" in data:
        raise InputError("这不是文本文件（含有二进制内容）", "binary content, not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_text(text) and _plausible_chinese(text):
        return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
    except Exception:  # a detector failure means "unknown encoding", nothing more
        best = None
    # Only Chinese encodings count: a detector can always name some Latin code page.
    if (
        best is not None
        and best.encoding in _CHINESE
        and _mostly_text(str(best))
        and _plausible_chinese(str(best))
    ):
        return str(best)
    raise InputError(
        "文本编码无法识别，请另存为 UTF-8 或 GBK 编码的 .txt",
        "undecodable text: save it as UTF-8 or GBK",
    )


def _mostly_text(text: str) -> bool:
    """Decoded garbage is full of control and private-use characters; real text is not."""
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t") or 0xE000 <= ord(c) <= 0xF8FF)
    return bad * 50 < max(len(text), 1)


@functools.cache
def _common_han() -> frozenset[str]:
    return frozenset((Path(__file__).parent / "data" / "common_han.txt").read_text("utf-8").strip())


def _plausible_chinese(text: str) -> bool:
    """Real Chinese text draws ~95% of its characters from the 1,500 most common ones;
    Korean, Japanese or Latin-1 bytes read as GB18030 come out as other characters
    (the seed: 96%; Korean misread: under 35%; Japanese: 0%)."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    common = sum(1 for c in han if c in _common_han())
    if len(han) < 4:
        return common == len(han)  # a few stray rare characters in Latin text: misread bytes
    return common * 10 >= len(han) * 6
