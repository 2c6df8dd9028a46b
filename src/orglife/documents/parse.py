"""Reading a material (.txt or .docx) into the Material model.

The pipeline is the same for both formats: the file becomes lines (one
paragraph each), lines are cleaned (``normalize``), the title is taken, PDF
hard wraps are joined and headings glued to a paragraph's end are split off;
then sections and items are found by their numbering and roles by meaning.

Which numbering opens a section is not fixed: the style of the first numbered
line (``一、``, ``第一章``, ``1.`` …) is the section style, and within a section
the first other style is the item style. When unnumbered section names
(``学习收获``, ``存在的问题``) come before any number, they are the sections.
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from orglife.documents.docx_read import docx_lines
from orglife.documents.glued import split_glued as _split_glued
from orglife.documents.headings import (
    Mark,
    heading_mark,
    is_plain_heading,
    run_in_head,
    split_run_in,
)
from orglife.documents.model import Item, Material, Section
from orglife.documents.normalize import (
    display_width,
    ends_sentence,
    normalize_line,
    to_simplified,
)
from orglife.documents.roles import is_section_name, item_aspect, material_kind, section_role
from orglife.documents.safe_zip import MAX_BYTES, OLE_MAGIC, ZIP_MAGIC, check_size, refuse_non_docx
from orglife.documents.textcodec import read_text
from orglife.documents.wraps import join_wraps
from orglife.errors import InputError

__all__ = ["MAX_BYTES", "build_material", "parse_bytes", "parse_file", "parse_text", "read_text"]

# What a title ends with: the name of the document's kind, perhaps followed by a short
# bracketed suffix ("…对照检查材料（含典型案例剖析）"), which never makes it a section.
_TITLE_END = re.compile(
    r"(材料|提纲|发言|报告|讲话|对照检查|清单|台账|方案|通知|通报|制度|办法|纪要|总结|规定|"
    r"实施意见|决定|公告|一览表)[）)]?(?:[（(][^（()）]{1,20}[）)])?$"
)
_DATE_LINE = re.compile(r"^\d{4}\s*年(\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?)?$")
_MAX_TITLE = 80
_SHI = re.compile(r"[一二三四五六七八九十]{1,3}是")
# Page numbers and page counters copied from a PDF along with the text.
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*\d{1,3}[-—–－\s]*|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3})$"
)


def parse_text(text: str, *, title_hint: str | None = None) -> Material:
    """Parse the plain text of a material; ``title_hint`` is used when the text has no title."""
    return build_material(text.splitlines(), title_hint=title_hint)


def parse_bytes(data: bytes, filename: str) -> Material:
    """Parse a file's bytes, choosing .docx or text by content (the name only breaks ties).

    Raises InputError for empty, oversized, undecodable, encrypted, corrupt or
    hostile input, with a Chinese message and an English line.
    """
    check_size(len(data))
    name = filename.lower()
    if data.startswith((ZIP_MAGIC, OLE_MAGIC, b"%PDF", b"{\\rtf")) or name.endswith(
        (".docx", ".doc")
    ):
        refuse_non_docx(data)
        return build_material(docx_lines(data))
    return parse_text(read_text(data))


def parse_file(path: str | PathLike[str]) -> Material:
    """Read and parse a .txt or .docx file; missing, unreadable or bad files raise InputError."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{p}", f"no such file: {p}") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}", f"cannot read {p}: {exc.strerror}") from exc
    if p.is_dir():
        raise InputError(f"这是一个文件夹，不是文件：{p}", f"is a directory: {p}")
    check_size(size)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}", f"cannot read {p}: {exc.strerror}") from exc
    return parse_bytes(data, p.name)


def _title_end(line: str) -> bool:
    return bool(_TITLE_END.search(to_simplified(line)))


def _title_like(line: str) -> bool:
    return (
        heading_mark(line) is None
        and not ends_sentence(line)
        and display_width(line) <= _MAX_TITLE
        and "，" not in line
        and not _DATE_LINE.match(line)
        and (_title_end(line) or not is_section_name(line))
    )


def _take_title(lines: list[str]) -> tuple[str, list[str]]:
    if not lines or not _title_like(lines[0]):
        return "", lines
    first = lines[0]
    title, i = first, 1
    # A long title broken over two lines: "2023年…组织生活会" / "党支部对照检查材料".
    if (
        i < len(lines)
        and lines[i] != first
        and not _title_end(first)
        and _title_end(lines[i])
        and _title_like(lines[i])
    ):
        title, i = first + lines[i], i + 1
    while i < len(lines) and lines[i] in (title, first):  # duplicated title lines
        i += 1
    return title, lines[i:]


# A heading number that can open a heading inside a whole material pasted as one line:
# "…报告于后：一、行政效率方面存在的问题及整改措施（一）存在的问题1、政治学习不够…".
_INLINE_MARK = re.compile(
    r"(?<=[：:。；！？\u3400-\u9fff])(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|\d{1,2}、|[①-⑳])"
)
_ONE_LINE_MIN = 200  # characters: a line this long holding a whole material
_HEAD_MAX = 30  # a heading before the next number is this short and unpunctuated


def _split_one_line(lines: list[str]) -> list[str]:
    """Split a whole material that arrived as one or two long lines at its heading numbers.

    Only for texts of at most three lines (a rendered material has many): a number cuts
    the line when it continues its numbering style (or starts one at 1) and what stands
    before it is a sentence end, a colon, or a short unpunctuated heading.
    """
    if len(lines) > 3 or not any(len(x) >= _ONE_LINE_MIN for x in lines):
        return lines
    out: list[str] = []
    for line in lines:
        if len(line) < _ONE_LINE_MIN:
            out.append(line)
            continue
        last: dict[str, int] = {}
        order: list[str] = []  # styles in the order met: a higher level restarts the deeper
        start = 0
        for m in _INLINE_MARK.finditer(line):
            mark = heading_mark(line[m.start() :])
            if mark is None or mark.value is None:
                continue
            if mark.value != last.get(mark.style, 0) + 1:
                continue
            before = line[start : m.start()]
            head = heading_mark(before)
            body = head.rest if head is not None else before
            if line[m.start() - 1] not in "：:。；！？" and (
                head is None or display_width(body) > _HEAD_MAX or re.search(r"[，,；;。、]", body)
            ):
                continue
            if mark.style in order:
                for deeper in order[order.index(mark.style) + 1 :]:
                    last.pop(deeper, None)
            else:
                order.append(mark.style)
            last[mark.style] = mark.value
            if m.start() > start:
                out.append(line[start : m.start()])
            start = m.start()
        out.append(line[start:])
    return out


def _section_starts(lines: list[str], marks: list[Mark | None]) -> list[int]:
    """Where sections begin: named lines (学习收获, 存在的问题) when they come before any
    number, otherwise every line numbered in the style of the first numbered line."""
    named = [
        i
        for i, line in enumerate(lines)
        if marks[i] is None and is_plain_heading(line) and is_section_name(line)
    ]
    first_num = next((i for i, m in enumerate(marks) if m is not None), None)
    if named and (first_num is None or named[0] < first_num):
        return named
    if first_num is None:
        return []
    style = marks[first_num].style  # type: ignore[union-attr]
    return [i for i, m in enumerate(marks) if m is not None and m.style == style]


def _plain_item_heading(line: str) -> bool:
    return is_plain_heading(line) and "。" not in line and not _DATE_LINE.match(line)


def _fill(section: Section, body: list[str], marks: list[Mark | None]) -> None:
    """Put a section's lines into its paragraphs and items."""
    item_style = next((m.style for m in marks if m is not None), None)
    heads: list[int]
    if item_style is not None:
        heads = [j for j, m in enumerate(marks) if m is not None and m.style == item_style]
        mode = "numbered"
    else:
        # A short unpunctuated line heads an item only when a sentence follows it: a
        # signature ("张三") or a date closing the text is not a heading.
        heads = [
            j
            for j, line in enumerate(body)
            if _plain_item_heading(line)
            and j + 1 < len(body)
            and ends_sentence(body[j + 1])
            and not _plain_item_heading(body[j + 1])
        ]
        mode = "plain"
        if not heads:
            # Lines opening with 一是/二是 are points of one enumeration, kept as paragraphs.
            heads = [j for j, line in enumerate(body) if run_in_head(line) and not _SHI.match(line)]
            mode = "run_in"
            # One short first sentence is a paragraph; a series of them is a list.
            if len(heads) < 2:
                heads = []
    first = heads[0] if heads else len(body)
    section.paragraphs.extend(body[:first])
    for n, j in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(body)
        line = body[j]
        if mode == "numbered":
            mark = marks[j]
            assert mark is not None
            head, sep, rest = split_run_in(mark.rest)
            item = Item(number=mark.number, heading=head, run_in=bool(sep), run_in_sep=sep or "。")
        elif mode == "plain":
            item, rest = Item(heading=line), ""
        else:
            head = run_in_head(line) or ""
            item = Item(heading=head, run_in=True)
            rest = line[len(head) + 1 :]
        if rest:
            item.paragraphs.append(rest)
        item.paragraphs.extend(body[j + 1 : end])
        if section.role == "problems":
            item.aspect = item_aspect(item.heading)
        section.items.append(item)


def build_material(raw_lines: list[str], *, title_hint: str | None = None) -> Material:
    """Build the Material from a file's lines (one paragraph per line, as read)."""
    lines = [x for x in map(normalize_line, raw_lines) if x and not _PAGE_NUMBER.match(x)]
    lines = _split_one_line(lines)
    title, lines = _take_title(lines)
    # Joining wraps and splitting glued headings feed each other (a split can leave a line
    # ending in "，" that a wrap join then takes up): repeat both to a fixed point, so that
    # parsing a rendering (already joined and split) makes the same cuts. Each round only
    # joins or splits, so a handful of rounds always settles; the cap is a guard.
    for _ in range(20):
        joined = join_wraps(lines)
        while (split := _split_glued(joined)) != joined:
            joined = split
        if joined == lines:
            break
        lines = joined
    marks = [heading_mark(line) for line in lines]
    starts = _section_starts(lines, marks)
    material = Material(title=title or (title_hint or ""))
    material.preamble = lines[: starts[0]] if starts else list(lines)
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        mark = marks[start]
        if mark is None:
            section = Section(heading=lines[start])
        else:
            head, sep, rest = split_run_in(mark.rest)
            section = Section(
                number=mark.number, heading=head, run_in=bool(sep), run_in_sep=sep or "。"
            )
            if rest:
                section.paragraphs.append(rest)
        section.role = section_role(section.heading)
        _fill(section, lines[start + 1 : end], marks[start + 1 : end])
        material.sections.append(section)
    texts = (
        material.preamble
        + [p for s in material.sections for p in s.paragraphs]
        + [p for s in material.sections for i in s.items for p in i.paragraphs]
    )
    material.kind = material_kind(material.title, texts)
    return material
