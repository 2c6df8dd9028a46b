"""A review finding: one thing a reviewer would send a material back for.

``Finding.to_dict()`` is exactly the Finding JSON of docs/contracts.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Finding:
    """One finding, addressed by block index (``paragraph``) and offsets in that block."""

    rule: str
    severity: str
    message: str
    suggestion: str
    section: str | None
    paragraph: int
    start: int
    end: int
    excerpt: str
    file: str | None = None
    # A grouped finding (one habit across the text, "全文 31 处半角逗号") lists every place
    # as (paragraph, start, end) so a page can highlight them all; not part of the JSON.
    places: list[tuple[int, int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The Finding JSON of docs/contracts.md, keys in its order."""
        return {
            "file": self.file,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "section": self.section,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
        }

    def key(self) -> str:
        """A stable key for storing a dismissal.

        Built from the rule, the paragraph and a hash of the excerpt (the matched text
        with a little context), not from offsets: editing elsewhere in the paragraph
        keeps a dismissed finding dismissed, while two identical matches in different
        places of one paragraph keep distinct keys.
        """
        digest = hashlib.sha1(f"{self.message}\x00{self.excerpt}".encode()).hexdigest()[:16]
        return f"{self.rule}:{self.paragraph}:{digest}"
