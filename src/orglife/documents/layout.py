"""The lines of a rendered material, shared by the text and the Word renderer.

Each line is a heading part and a body part (a run-in heading has both). The
numbering style of each level is chosen so that parsing the result finds the
same structure again: a section marker never appears at the start of any other
line, and an item marker is never a style that the section's paragraphs use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orglife.documents.glued import split_glued
from orglife.documents.headings import MAX_PLAIN_HEADING, heading_mark, split_run_in
from orglife.documents.model import Item, Material, Section
from orglife.documents.normalize import display_width, ends_sentence
from orglife.documents.numerals import CIRCLED, cn_to_int
from orglife.documents.wraps import join_wraps

_MULTI = re.compile(r"\d{1,2}(?:\.\d{1,2})+")

# number kind -> marker styles to try, in order of preference.
_SECTION_STYLES = {
    "cn": ("cn", "cn_paren", "chapter"),
    "arabic": ("arabic", "arabic_paren", "circled"),
    "multi": ("multi",),
}
_ITEM_STYLES = {
    "cn": ("cn_paren", "cn", "chapter"),
    "arabic": ("arabic", "arabic_paren", "circled"),
    "multi": ("multi",),
}


@dataclass(frozen=True)
class Line:
    """One paragraph of output: ``role`` picks its look, ``head`` + ``body`` is its text.

    Roles: ``title``, ``body``, ``section`` (一、 level), ``item_kai`` (（一） level,
    楷体), ``item_bold`` (1. level, bold 仿宋), ``item_plain`` ((1) level, 仿宋).
    """

    role: str
    head: str
    body: str = ""

    @property
    def text(self) -> str:
        return self.head + self.body


def _kind(number: str) -> str:
    if number.isdigit():
        return "arabic"
    if _MULTI.fullmatch(number):
        return "multi"
    if cn_to_int(number) is not None:
        return "cn"
    return "other"


def _marker(style: str, number: str) -> str:
    if style == "cn":
        return f"{number}、"
    if style in ("cn_paren", "arabic_paren"):
        return f"（{number}）"
    if style == "chapter":
        return f"第{number}章"
    if style == "arabic":
        return f"{number}."
    if style == "circled":
        return CIRCLED[int(number) - 1]
    if style == "multi":
        return f"{number} "
    return f"{number}、"


# A full stop followed by something that could start a number.
_AFTER_STOP = re.compile(r"(?<=[。！？；])(?=[第一二三四五六七八九十（(0-9０-９①-⑳])")


def _styles_in(texts: list[str]) -> tuple[set[str], set[str]]:
    """Numbering styles at the start of texts (hard) and right after a full stop in them (soft).

    A marker style found at a line start must never be chosen: that line would
    become a heading. One found after a full stop is best avoided too, since the
    parser splits off a heading glued to a paragraph's end when its number
    continues the current series.
    """
    hard: set[str] = set()
    soft: set[str] = set()
    for text in texts:
        mark = heading_mark(text)
        if mark is not None:
            hard.add(mark.style)
        for m in _AFTER_STOP.finditer(text):
            glued = heading_mark(text[m.end() : m.end() + 40])  # the number is all we need
            if glued is not None:
                soft.add(glued.style)
    return hard, soft


def _reads_back(style: str, nodes: list[Section] | list[Item]) -> bool:
    """True when every numbered heading, written in ``style``, parses to its own number and text."""
    for node in nodes:
        if not node.number:
            continue
        mark = heading_mark(_marker(style, node.number) + node.heading)
        if mark is None or mark.style != style or mark.number != node.number:
            return False
        if mark.rest != node.heading:
            return False
    return True


def _candidates(
    nodes: list[Section] | list[Item],
    options: dict[str, tuple[str, ...]],
    hard: set[str],
    soft: set[str],
) -> tuple[list[str | None], str | None]:
    """The styles that can number ``nodes`` safely, best first, and the best style of all.

    Safe styles are those no text of the level starts with; the best of all may be a
    clashing one, for when nothing else is left.
    """
    numbers = [n.number for n in nodes if n.number]
    kinds = {_kind(n) for n in numbers}
    if len(kinds) != 1 or (kind := kinds.pop()) not in options:
        return [None], None
    usable = [
        style
        for style in options[kind]
        if not (style == "circled" and any(int(n) > len(CIRCLED) for n in numbers))
    ]
    reads = {s: _reads_back(s, nodes) for s in usable if s not in hard}
    preferences = (
        [s for s in usable if reads.get(s) and s not in soft],
        [s for s in usable if reads.get(s)],
        [s for s in usable if s not in hard],
        usable,
    )
    best = next((p[0] for p in preferences if p), options[kind][0])
    safe: list[str | None] = list(dict.fromkeys(s for p in preferences[:3] for s in p))
    return safe or [best], best


_ITEM_ROLE = {
    "cn_paren": "item_kai",
    "cn": "item_kai",
    "chapter": "item_kai",
    "arabic": "item_bold",
    "multi": "item_bold",
    "arabic_paren": "item_plain",
    "circled": "item_plain",
}


def _heading_line(
    role: str, marker: str, node: Section | Item, paragraphs: list[str]
) -> tuple[Line, list[str]]:
    if node.run_in and node.heading:
        sep = node.run_in_sep or "。"
        first = paragraphs[0] if paragraphs else ""
        return Line(role, marker + node.heading + sep, first), paragraphs[1:]
    return Line(role, marker + node.heading), paragraphs


def _texts(node: Section | Item) -> list[str]:
    """The texts of a node as they start lines: a run-in first paragraph follows its heading."""
    paragraphs = list(node.paragraphs)
    if node.run_in and node.heading and paragraphs:
        paragraphs[0] = node.heading + (node.run_in_sep or "。") + paragraphs[0]
    return paragraphs


def _styles(material: Material) -> tuple[str | None, list[str | None]]:
    """The numbering style of the sections and, per section, of its items.

    Each level takes its best style, unless the parser would then split a heading off a
    paragraph that the material keeps whole: a number glued after a full stop (the soft
    styles of ``_styles_in``) is split off when it continues its style's series, and the
    series runs through the headings as written here. So the lines are checked with the
    parser's own splitting, and the section whose text changes tries its next style.
    """
    inner = [t for s in material.sections for t in _texts(s)]
    inner += [t for s in material.sections for i in s.items for t in _texts(i)]
    sec_options, sec_best = _candidates(material.sections, _SECTION_STYLES, *_styles_in(inner))
    texts = [_texts(s) + [t for i in s.items for t in _texts(i)] for s in material.sections]
    found = [_styles_in(t) for t in texts]

    def item_candidates(sec_style: str | None) -> list[tuple[list[str | None], str | None]]:
        return [
            _candidates(
                section.items, _ITEM_STYLES, hard | {sec_style} if sec_style else hard, soft
            )
            for section, (hard, soft) in zip(material.sections, found, strict=True)
        ]

    for sec_style in sec_options:
        item_options = [safe for safe, _ in item_candidates(sec_style)]
        chosen = [0] * len(item_options)
        # Each step moves ``chosen`` forward in lexicographic order, so the search ends; the
        # cap keeps a long material with many clashes from trying every combination.
        for _ in range(4 * len(item_options) + 4):
            item_styles = [o[k] for o, k in zip(item_options, chosen, strict=True)]
            owner = _first_split(material, sec_style, item_styles)
            if owner is None:
                return sec_style, item_styles
            # The owner's own next style first; failing that an earlier section's, since the
            # series a split continues may run through an earlier section's item headings.
            step = next(
                (j for j in range(owner, -1, -1) if chosen[j] + 1 < len(item_options[j])), None
            )
            if step is None:
                break  # this section style cannot be kept whole: try the next one
            chosen[step] += 1
            if step < owner:
                chosen[step + 1 :] = [0] * (len(chosen) - step - 1)
    # Nothing reads back whole: the preferred styles, as before the check.
    return sec_best, [best for _, best in item_candidates(sec_best)]


def _first_split(
    material: Material, sec_style: str | None, item_styles: list[str | None]
) -> int | None:
    """The section of the first line the parser would split, -1 before any, None if none."""
    lines, owners = _lines(material, sec_style, item_styles)
    texts = [line.text for line in lines[1 if material.title else 0 :]]
    owners = owners[1 if material.title else 0 :]
    split = split_glued(texts)
    if split == texts:
        return None
    at = next((i for i, (a, b) in enumerate(zip(texts, split, strict=False)) if a != b), 0)
    return owners[at]


def heading_markers(material: Material) -> dict[tuple[int, int | None], str]:
    """The number written before each numbered heading, as the rendered text shows it.

    Keyed by (section index, item index) with ``None`` for the section heading itself,
    so a page that shows the material by blocks can show ``一、`` and ``（一）`` too.
    """
    sec_style, item_styles = _styles(material)
    out: dict[tuple[int, int | None], str] = {}
    for si, section in enumerate(material.sections):
        if section.number:
            out[(si, None)] = _marker(sec_style or "", section.number)
        for ii, item in enumerate(section.items):
            if item.number:
                out[(si, ii)] = _marker(item_styles[si] or "", item.number)
    return out


def layout(material: Material) -> list[Line]:
    """The material as output lines, title first."""
    lines = _lines(material, *_styles(material))[0]
    return _keep_stops(lines, 1 if material.title else 0)


def _keep_stops(lines: list[Line], start: int) -> list[Line]:
    """The lines, with the final 。 written back on headings the parser would otherwise join.

    The parser drops the 。 that ends a heading with no text after it ("（一）…问题。"). A long
    heading written without it no longer ends a sentence, and hard-wrap detection may then
    take it for a cut line and join the next line to it: the stop reads back to the same
    heading, so such a heading gets it back. Other headings are written as before.
    """
    if not any(_may_take_stop(line) for line in lines[start:]):
        return lines  # nearly always: skip the join
    out = list(lines)
    for _ in range(len(out)):
        texts = [line.text for line in out[start:]]
        joined = join_wraps(texts)
        if joined == texts:
            break
        at = start + next(i for i, (a, b) in enumerate(zip(texts, joined, strict=False)) if a != b)
        if not _may_take_stop(out[at]):
            break
        out[at] = Line(out[at].role, out[at].head + "。")
    return out


def _may_take_stop(line: Line) -> bool:
    """A numbered heading alone on its line, too long to count as closed (so a wrap join may
    take it for a cut line), that reads back the same with a final 。."""
    if line.role in ("title", "body") or line.body:
        return False
    mark = heading_mark(line.head)
    return (
        mark is not None
        and not ends_sentence(mark.rest)
        and display_width(mark.rest) > MAX_PLAIN_HEADING
        and split_run_in(mark.rest + "。") == (mark.rest, "", "")
    )


def _lines(
    material: Material, sec_style: str | None, item_styles: list[str | None]
) -> tuple[list[Line], list[int]]:
    """The output lines in the given styles, and the index of the section each belongs to
    (-1 for the title and preamble)."""
    out: list[Line] = []
    owners: list[int] = []
    if material.title:
        out.append(Line("title", material.title))
    out.extend(Line("body", "", p) for p in material.preamble)
    owners.extend([-1] * len(out))
    for si, (section, item_style) in enumerate(zip(material.sections, item_styles, strict=True)):
        marker = _marker(sec_style or "", section.number) if section.number else ""
        line, rest = _heading_line("section", marker, section, list(section.paragraphs))
        out.append(line)
        out.extend(Line("body", "", p) for p in rest)
        for item in section.items:
            if item.number:
                role = _ITEM_ROLE.get(item_style or "", "item_kai")
                marker = _marker(item_style or "", item.number)
            else:
                role, marker = ("item_bold" if item.run_in else "item_kai"), ""
            line, rest = _heading_line(role, marker, item, list(item.paragraphs))
            out.append(line)
            out.extend(Line("body", "", p) for p in rest)
        owners.extend([si] * (len(out) - len(owners)))
    return out, owners
