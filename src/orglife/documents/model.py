"""The Material model: a self-inspection material (对照检查材料) as structure.

The JSON of docs/contracts.md ("Material JSON") is exactly ``Material.to_dict()``.
Everything downstream (review findings, similarity offsets, the web page that
highlights findings) addresses text through ``Material.blocks()``: the flat,
ordered list of text blocks, so that a finding's ``paragraph`` is a block index
and its ``start``/``end`` are offsets in that block's text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SectionRole = Literal[
    "previous_rectification",
    "preparation",
    "problems",
    "case_analysis",
    "governance_review",
    "causes",
    "measures",
    "other",
]
Aspect = Literal[
    "theory_study",
    "political_quality",
    "capability",
    "responsibility",
    "work_style",
    "integrity",
]
MaterialKind = Literal["branch", "individual", "unknown"]

SECTION_ROLES: tuple[str, ...] = (
    "previous_rectification",
    "preparation",
    "problems",
    "case_analysis",
    "governance_review",
    "causes",
    "measures",
    "other",
)
ASPECTS: tuple[str, ...] = (
    "theory_study",
    "political_quality",
    "capability",
    "responsibility",
    "work_style",
    "integrity",
)
ASPECT_LABELS: dict[str, str] = {
    "theory_study": "理论学习",
    "political_quality": "政治素质",
    "capability": "能力本领",
    "responsibility": "担当作为",
    "work_style": "工作作风",
    "integrity": "廉洁自律",
}
ROLE_LABELS: dict[str, str] = {
    "previous_rectification": "上一次组织生活会问题整改落实情况",
    "preparation": "会前准备情况",
    "problems": "存在的问题",
    "case_analysis": "典型案例剖析",
    "governance_review": "政绩观和基层治理检视剖析",
    "causes": "原因分析",
    "measures": "整改措施",
    "other": "其他",
}


# Keys of sections and items that only carry how a heading looked, not structure.
LAYOUT_KEYS = ("run_in", "run_in_sep")


@dataclass
class Item:
    """A numbered (or unnumbered) point inside a section.

    ``run_in`` is True when the heading is run into its first sentence
    (``（一）制定会议方案。支部班子…``), so a render keeps the original look;
    the first paragraph is then the text after the heading, and ``run_in_sep``
    is the mark between them (``。``, or ``：`` for ``理论学习方面：一是…``).
    """

    number: str | None = None
    heading: str = ""
    aspect: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    run_in: bool = False
    run_in_sep: str = "。"


@dataclass
class Section:
    """A top-level part of a material (``三、存在的问题与不足``); see ``Item`` for ``run_in``."""

    number: str | None = None
    heading: str = ""
    role: str = "other"
    paragraphs: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    run_in: bool = False
    run_in_sep: str = "。"


@dataclass
class Material:
    """A whole self-inspection material: title, kind, preamble and sections."""

    title: str = ""
    kind: str = "unknown"
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    def to_dict(self, *, layout: bool = False) -> dict[str, Any]:
        """The Material JSON of docs/contracts.md, with exactly its keys.

        ``layout=True`` adds the look hints (``run_in``, ``run_in_sep``) that let a
        render reproduce run-in headings; the structure is the same either way, so
        parse(render(parse(x))) == parse(x) holds on the contract keys alone.
        """
        data = asdict(self)
        if not layout:
            for section in data["sections"]:
                for node in (section, *section["items"]):
                    for key in LAYOUT_KEYS:
                        node.pop(key, None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Material:
        """Inverse of ``to_dict``; unknown keys are ignored, missing ones defaulted."""
        sections = []
        for s in data.get("sections") or []:
            items = [
                Item(
                    number=i.get("number"),
                    heading=i.get("heading") or "",
                    aspect=i.get("aspect"),
                    paragraphs=list(i.get("paragraphs") or []),
                    run_in=bool(i.get("run_in", False)),
                    run_in_sep=i.get("run_in_sep") or "。",
                )
                for i in s.get("items") or []
            ]
            sections.append(
                Section(
                    number=s.get("number"),
                    heading=s.get("heading") or "",
                    role=s.get("role") or "other",
                    paragraphs=list(s.get("paragraphs") or []),
                    items=items,
                    run_in=bool(s.get("run_in", False)),
                    run_in_sep=s.get("run_in_sep") or "。",
                )
            )
        return cls(
            title=data.get("title") or "",
            kind=data.get("kind") or "unknown",
            preamble=list(data.get("preamble") or []),
            sections=sections,
        )

    def section(self, role: str) -> Section | None:
        """The first section with this role, or None."""
        return next((s for s in self.sections if s.role == role), None)

    def blocks(self) -> list[Block]:
        """Every text of the material in reading order, each addressable by index."""
        out: list[Block] = []

        def add(kind: str, text: str, k: int | None, item: int | None) -> None:
            out.append(
                Block(
                    index=len(out),
                    kind=kind,
                    text=text,
                    section=self.sections[k].number if k is not None else None,
                    section_index=k,
                    item=item,
                )
            )

        if self.title:
            add("title", self.title, None, None)
        for p in self.preamble:
            add("preamble", p, None, None)
        # The position, not sections.index(s): that compares whole sections, slowly, and
        # names the first of two equal ones.
        for k, s in enumerate(self.sections):
            if s.heading:
                add("section_heading", s.heading, k, None)
            for p in s.paragraphs:
                add("paragraph", p, k, None)
            for n, it in enumerate(s.items):
                if it.heading:
                    add("item_heading", it.heading, k, n)
                for p in it.paragraphs:
                    add("item_paragraph", p, k, n)
        return out

    def text(self) -> str:
        """The plain text, one block a line (what similarity offsets refer to)."""
        return "\n".join(b.text for b in self.blocks())


@dataclass(frozen=True)
class Block:
    index: int
    kind: str  # title | preamble | section_heading | paragraph | item_heading | item_paragraph
    text: str
    section: str | None  # the section's number, e.g. "三"
    section_index: int | None
    item: int | None  # index of the item within its section
