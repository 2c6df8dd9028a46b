"""How much a single uploaded material may hold, and the work budget for reading one.

Real self-inspection materials hold 3,000–30,000 characters; the limits below
leave a wide margin over the largest while refusing crafted files long before
they cost memory or time. Limits count characters (what a reader sees), not
bytes, and are enforced while reading: a file over the limit is refused
without its whole text ever being built.
"""

from __future__ import annotations

from typing import BinaryIO

from orglife.errors import InputError

_CHUNK = 1024 * 1024

# Characters of text in one material (≈ 17× the largest real one).
MAX_TEXT_CHARS = 500_000
# No encoding we read spends more than 4 bytes on a character, so a text file
# longer than this holds more than MAX_TEXT_CHARS characters whatever it is.
BYTES_PER_CHAR = 4
MAX_TEXT_BYTES = MAX_TEXT_CHARS * BYTES_PER_CHAR
# Paragraphs (lines) in one material: a real one has a few hundred.
MAX_LINES = 20_000
# XML elements of word/document.xml we are willing to walk. A formatted real
# material has a few elements per character of text; this is 40× the largest.
MAX_XML_ELEMENTS = 2_000_000
# numbering.xml and styles.xml are read whole: real ones are 10–500 KB.
MAX_AUX_PART_BYTES = 8 * 1024 * 1024
# Steps spent resolving list definitions and style chains (basedOn, numStyleLink).
MAX_NUMBERING_STEPS = 200_000


def text_too_long(limit: int) -> InputError:
    """The refusal for a material with more than ``limit`` characters of text."""
    return InputError(
        f"文本过长（超过 {limit:,} 字），已拒绝；请检查是否上传了正确的文件",
        f"text too long (over {limit} characters)",
    )


def too_complex(what: str) -> InputError:
    """The refusal for a file whose structure exceeds the work budget."""
    return InputError(
        "文件结构异常复杂（超出处理上限），已拒绝", f"work budget exceeded while reading {what}"
    )


class Budget:
    """A running count of characters and steps spent on one file; raises when exceeded.

    One Budget is created per file read and passed down, so every loop that a
    crafted file could stretch spends from it and stops with InputError.
    """

    def __init__(
        self,
        *,
        chars: int | None = None,
        lines: int | None = None,
        elements: int | None = None,
        steps: int | None = None,
    ) -> None:
        # The module's limits are read now, not at import, so a deployment (or a test)
        # can change them in one place.
        self.max_chars = MAX_TEXT_CHARS if chars is None else chars
        self.max_lines = MAX_LINES if lines is None else lines
        self.max_elements = MAX_XML_ELEMENTS if elements is None else elements
        self.max_steps = MAX_NUMBERING_STEPS if steps is None else steps
        self.chars = self.lines = self.elements = self.steps = 0

    def spend_chars(self, n: int) -> None:
        """Count ``n`` characters of text read; refuse past the character limit."""
        self.chars += n
        if self.chars > self.max_chars:
            raise text_too_long(self.max_chars)

    def spend_lines(self, n: int = 1) -> None:
        """Count paragraphs handed to the parser; refuse past the line limit."""
        self.lines += n
        if self.lines > self.max_lines:
            raise InputError(
                f"段落过多（超过 {self.max_lines:,} 段），已拒绝",
                f"too many paragraphs (over {self.max_lines})",
            )

    def spend_elements(self, n: int = 1) -> None:
        """Count XML elements walked; refuse past the element limit."""
        self.elements += n
        if self.elements > self.max_elements:
            raise too_complex("word/document.xml")

    def step(self, what: str, n: int = 1) -> None:
        """Count one step of resolving numbering or styles; refuse past the step limit."""
        self.steps += n
        if self.steps > self.max_steps:
            raise too_complex(what)


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """Read a binary stream (an upload, an open file) but never more than ``limit`` bytes:
    a longer one is refused after ``limit + 1`` bytes, without reading the rest."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise InputError(
            f"文件过大，上限为 {limit / 1024 / 1024:.0f} MB", f"file too large (over {limit} bytes)"
        )
    return b"".join(chunks)
