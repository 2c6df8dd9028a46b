"""Structure: the sections and aspects a meeting theme requires, empty sections, and
problems that no measure answers.

What is required comes from the theme profile (``data/profiles.toml``), per material
kind; a material whose kind the parser could not tell is only checked for emptiness.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from orglife.documents.model import ASPECT_LABELS, Block, Item, Section
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK


def _section_text(section: Section) -> str:
    parts = [section.heading, *section.paragraphs]
    for it in section.items:
        parts.append(it.heading)
        parts.extend(it.paragraphs)
    return "\n".join(parts)


def _heading(ctx: Context, section_index: int, item: int | None = None) -> Block | None:
    for b in ctx.blocks:
        if b.section_index == section_index and b.item == item:
            return b
    return None


@rule("required-section", family="structure", name="缺少必备部分", severity="error")
def required_section(ctx: Context) -> Iterator[Finding]:
    """Every section role the profile requires for this kind of material is present."""
    required = ctx.profile.get("required_sections", {}).get(ctx.material.kind, [])
    present = {s.role for s in ctx.material.sections}
    names = load("structure")["role_names"]
    for role in required:
        if role not in present:
            yield ctx.material_finding(
                f"缺少必备部分：“{names.get(role, role)}”（{ctx.profile['name']}）",
                f"补写“{names.get(role, role)}”部分",
            )


@rule("required-aspect", family="structure", name="问题未覆盖规定方面", severity="warning")
def required_aspect(ctx: Context) -> Iterator[Finding]:
    """The problems section covers every aspect the theme sets (理论学习 … 廉洁自律)."""
    required = ctx.profile.get("required_aspects", {}).get(ctx.material.kind, [])
    if not required:
        return
    for k, section in enumerate(ctx.material.sections):
        if section.role != "problems":
            continue
        covered = {it.aspect for it in section.items}
        missing = [a for a in required if a not in covered]
        if not covered - {None}:
            # Written as plain paragraphs: the aspects may still be named in the text.
            text = _section_text(section)
            missing = [a for a in missing if ASPECT_LABELS.get(a, a) not in text]
        if missing:
            labels = "、".join(ASPECT_LABELS.get(a, a) for a in missing)
            block = _heading(ctx, k)
            finding_block = block or (ctx.blocks[0] if ctx.blocks else None)
            if finding_block is None:
                return
            yield ctx.finding(
                finding_block,
                0,
                len(finding_block.text) if block else 0,
                f"查摆问题未覆盖规定方面：缺少{labels}",
                f"按{ctx.profile['name']}要求补充{labels}方面的问题",
            )
        return


# An item heading this long, or holding a comma, is a one-sentence item, not a title
# waiting for its text: "（一）对理论学习的重要性认识不足，没有真正把…".
SENTENCE_HEADING = 16


def _item_has_text(item: Item) -> bool:
    if any(p.strip() for p in item.paragraphs) or (item.run_in and item.heading):
        return True
    heading = item.heading.strip()
    return len(heading) >= SENTENCE_HEADING or any(c in heading for c in "，,；;。")


@rule("empty-section", family="structure", name="部分或条目内容为空", severity="error")
def empty_section(ctx: Context) -> Iterator[Finding]:
    """A section (or an item) with a heading and nothing under it."""
    for k, section in enumerate(ctx.material.sections):
        has_text = any(p.strip() for p in section.paragraphs) or any(
            _item_has_text(it) for it in section.items
        )
        if not has_text and not section.run_in:
            block = _heading(ctx, k)
            if block is not None:
                yield ctx.finding(
                    block, 0, len(block.text), f"“{section.heading}”部分没有内容", "补写该部分内容"
                )
            continue
        for n, it in enumerate(section.items):
            if it.heading and not _item_has_text(it):
                block = _heading(ctx, k, n)
                if block is not None:
                    yield ctx.finding(
                        block, 0, len(block.text), f"条目“{it.heading}”没有内容", "补写该条内容"
                    )


# Shared four-character terms that show a measure answers a problem.
MIN_SHARED_TERMS = 1
_CJK_RUN = re.compile(f"[{CJK}]{{4,}}")


def _grams(text: str) -> set[str]:
    """The four-character runs of ``text`` (its terms, roughly), minus stock phrases."""
    stock = set(load("structure").get("stock_phrases", []))
    out: set[str] = set()
    for m in _CJK_RUN.finditer(text):
        run = m.group()
        out.update(run[k : k + 4] for k in range(len(run) - 3))
    return out - stock


@rule("measure-coverage", family="structure", name="问题缺少对应整改措施", severity="warning")
def measure_coverage(ctx: Context) -> Iterator[Finding]:
    """Each problem aspect is answered somewhere in the measures section."""
    problems = ctx.material.section("problems")
    measures = ctx.material.section("measures")
    if problems is None or measures is None:
        return  # a missing section is required-section's finding
    text = _section_text(measures)
    keywords: dict[str, list[str]] = load("structure")["measure_keywords"]
    k = ctx.material.sections.index(problems)
    measure_grams: set[str] | None = None  # only needed when a keyword is missing
    for n, it in enumerate(problems.items):
        words = keywords.get(it.aspect or "")
        if not words or any(w in text for w in words):
            continue
        if measure_grams is None:
            measure_grams = _grams(text)
        # A measure that takes up the problem's own terms (智慧社区, 加装电梯) answers it too.
        if len(_grams("\n".join(it.paragraphs)) & measure_grams) >= MIN_SHARED_TERMS:
            continue
        block = _heading(ctx, k, n)
        if block is None:
            continue
        label = ASPECT_LABELS.get(it.aspect or "", it.heading)
        yield ctx.finding(
            block,
            0,
            len(block.text),
            f"“{label}”方面的问题在整改措施中没有对应内容",
            f"在整改措施中补充针对{label}问题的措施",
        )
