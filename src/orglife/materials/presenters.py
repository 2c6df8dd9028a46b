"""Turn a material and its findings into what a page shows: blocks with marked spans."""

from __future__ import annotations

from dataclasses import dataclass, field

from orglife.documents.model import Material
from orglife.review.finding import SEVERITY_LABELS, Finding

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Segment:
    text: str
    finding: Finding | None = None
    number: int | None = None  # the finding's number in the list beside the text


@dataclass
class ShownBlock:
    index: int
    kind: str
    marker: str = ""  # the heading's number as written out, e.g. "一、", "（一）"
    segments: list[Segment] = field(default_factory=list)
    notes: list[tuple[int, Finding]] = field(default_factory=list)  # findings with no span


def mark_blocks(material: Material, findings: list[Finding]) -> list[ShownBlock]:
    """Split every block's text at the findings' offsets.

    Overlapping spans keep the first (most severe, then earliest); the others are still
    listed beside the text, numbered, so nothing is hidden.
    """
    numbered = {id(f): n for n, f in enumerate(findings, start=1)}
    by_block: dict[int, list[Finding]] = {}
    for f in findings:
        by_block.setdefault(f.paragraph, []).append(f)
    from orglife.documents.layout import heading_markers

    markers = heading_markers(material)
    shown = []
    for block in material.blocks():
        marker = ""
        if block.kind in ("section_heading", "item_heading") and block.section_index is not None:
            marker = markers.get((block.section_index, block.item), "")
        sb = ShownBlock(index=block.index, kind=block.kind, marker=marker)
        spans = sorted(
            (f for f in by_block.get(block.index, []) if 0 <= f.start < f.end <= len(block.text)),
            key=lambda f: (f.start, SEVERITY_ORDER.get(f.severity, 3)),
        )
        pos = 0
        for f in spans:
            if f.start < pos:
                sb.notes.append((numbered[id(f)], f))
                continue
            if f.start > pos:
                sb.segments.append(Segment(block.text[pos : f.start]))
            sb.segments.append(Segment(block.text[f.start : f.end], f, numbered[id(f)]))
            pos = f.end
        if pos < len(block.text):
            sb.segments.append(Segment(block.text[pos:]))
        sb.notes.extend(
            (numbered[id(f)], f)
            for f in by_block.get(block.index, [])
            if not (0 <= f.start < f.end <= len(block.text))
        )
        shown.append(sb)
    return shown


def group_by_severity(findings: list[Finding]) -> list[dict]:
    """Findings grouped error → warning → info, each with its number in the text."""
    numbered = list(enumerate(findings, start=1))
    groups = []
    for severity in ("error", "warning", "info"):
        rows = [(n, f) for n, f in numbered if f.severity == severity]
        if rows:
            groups.append({"severity": severity, "label": SEVERITY_LABELS[severity], "rows": rows})
    return groups
