"""The rule registry: every rule is a small function registered with ``@rule``.

A rule takes a :class:`Context` (the material, its blocks, the theme profile and the
material's year) and yields findings. The engine decides which rules run and with
which severity; a rule never needs to know.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from orglife.documents.headings import Mark, heading_mark
from orglife.documents.model import Block, Material
from orglife.documents.normalize import has_traditional, normalize_line, to_simplified
from orglife.review.finding import Finding
from orglife.review.kinds import DocumentKind
from orglife.review.text import excerpt
from orglife.review.wordscan import WordSet

FAMILIES: dict[str, str] = {
    "counts": "数量与编号",
    "doubles": "重复字",
    "typos": "错别字",
    "residue": "模板残留",
    "punctuation": "标点符号",
    "formulations": "规范提法",
    "structure": "结构完整",
    "wording": "用词",
    "substance": "内容具体",
}


@dataclass
class Context:
    """What a rule sees: the material, its blocks, the active profile and the year."""

    material: Material
    blocks: list[Block]
    profile: dict[str, Any]
    year: int
    severity: str = "warning"
    rule_id: str = ""
    lines: list[str] | None = None  # the source lines, when the caller has them
    cache: dict[str, Any] = field(default_factory=dict)
    kind: DocumentKind | None = None  # what kind of document this is (review.kinds)

    def simplified(self, block: Block) -> str:
        """``block.text`` with traditional characters read as simplified (same offsets)."""
        texts = self.cache.get("simplified")
        if texts is None:
            # One search over the whole text: most texts hold no traditional character,
            # and then every block is its own simplified text.
            if has_traditional("".join(b.text for b in self.blocks)):
                texts = [to_simplified(b.text) for b in self.blocks]
            else:
                texts = [b.text for b in self.blocks]
            self.cache["simplified"] = texts
        return texts[block.index]  # type: ignore[no-any-return]

    def marked_lines(self) -> list[tuple[str, Mark | None]]:
        """The source lines normalized as the parser reads them, each with its heading number.

        Computed once per check for the rules that read the source lines.
        """
        marked = self.cache.get("marked_lines")
        if marked is None:
            marked = []
            for raw in self.lines or ():
                line = normalize_line(raw)
                marked.append((line, heading_mark(line) if line else None))
            self.cache["marked_lines"] = marked
        return marked  # type: ignore[no-any-return]

    def joined(self, *, simplified: bool = True) -> tuple[str, list[int]]:
        """The texts of all blocks joined by newlines, and where each block starts.

        ``simplified``: traditional characters read as simplified (``simplified()``).
        One scan of the whole text costs far less than one per block.
        """
        key = "joined" if simplified else "joined_raw"
        joined = self.cache.get(key)
        if joined is None:
            texts = [self.simplified(b) if simplified else b.text for b in self.blocks]
            starts = [0]
            for t in texts:
                starts.append(starts[-1] + len(t) + 1)
            joined = self.cache[key] = ("\n".join(texts), starts)
        return joined  # type: ignore[no-any-return]

    def locate(self, pos: int, *, simplified: bool = True) -> tuple[Block, int]:
        """The block holding offset ``pos`` of ``joined()``, and the offset inside it."""
        starts = self.joined(simplified=simplified)[1]
        k = bisect.bisect_right(starts, pos) - 1
        return self.blocks[k], pos - starts[k]

    def scan(self, words: WordSet) -> Iterator[tuple[Block, int, int, str]]:
        """(block, start, end, word) for every listed word in the simplified text, in order."""
        for a, b, word in words.finditer(self.joined()[0]):
            block, start = self.locate(a)
            yield block, start, start + b - a, word

    def finding(
        self,
        block: Block,
        start: int,
        end: int,
        message: str,
        suggestion: str = "",
        *,
        severity: str | None = None,
    ) -> Finding:
        """A finding of the running rule on ``block.text[start:end]``."""
        return Finding(
            rule=self.rule_id,
            severity=severity or self.severity,
            message=message,
            suggestion=suggestion,
            section=block.section,
            paragraph=block.index,
            start=start,
            end=end,
            excerpt=excerpt(block.text, start, end),
        )

    def material_finding(self, message: str, suggestion: str = "") -> Finding:
        """A finding about the material as a whole, pinned to its first block."""
        if self.blocks:
            return self.finding(self.blocks[0], 0, 0, message, suggestion)
        return Finding(self.rule_id, self.severity, message, suggestion, None, 0, 0, 0, "")


RuleFunc = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A registered rule with its metadata."""

    id: str
    family: str
    name: str
    severity: str
    func: RuleFunc

    def describe(self) -> dict[str, str]:
        """The rule as ``list_rules()`` reports it."""
        return {
            "id": self.id,
            "family": self.family,
            "family_name": FAMILIES[self.family],
            "name": self.name,
            "severity": self.severity,
        }


RULES: dict[str, Rule] = {}


def rule(rule_id: str, *, family: str, name: str, severity: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` as rule ``rule_id`` of ``family`` with a default severity."""
    if family not in FAMILIES:
        raise ValueError(f"unknown rule family {family!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id!r} registered twice")
        RULES[rule_id] = Rule(rule_id, family, name, severity, func)
        return func

    return register
