"""Fixed formulations (提法): exact names, known wrong variants, items in their order.

Data: ``data/formulations.toml``. A list of a formulation's items (政治意识、大局意识…)
is found wherever two or more of them stand together, with or without the name; it
must keep the fixed order, use the wording in force in the material's year, and be
complete when it is clearly meant to be the whole list.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from orglife.documents.model import Block
from orglife.documents.trie import trie_regex
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK

# What may stand between two items of one list: 、 ， 和 与 及 以及 and quotes.
_GAP = re.compile(r"[、，,；;和与及以“”‘’\s]{0,4}")
# What may stand between the name and its spelled-out items: 四个意识（政治意识、…）, 即, 是.
_BRIDGE = re.compile(f"[、，,](?P<word>[{CJK}]{{2,8}})[、，,和与及]")
_NAME_GAP = re.compile(r"[”\"’（(：:，,即是指包括]{0,4}")


@dataclass(frozen=True)
class Version:
    name: str
    items: tuple[str, ...]
    since: int
    until: int | None
    min_run: int


@cache
def _versions() -> tuple[Version, ...]:
    return tuple(
        Version(
            f["name"],
            tuple(f["items"]),
            int(f.get("since", 0)),
            f.get("until"),
            int(f.get("min_run", 2)),
        )
        for f in load("formulations")["formulation"]
    )


@cache
def _item_regex() -> re.Pattern[str]:
    return re.compile(trie_regex(sorted({i for v in _versions() for i in v.items})))


@cache
def _variants() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    return [(re.compile(v["pattern"]), v) for v in load("formulations")["variant"]]


def _in_force(name: str, year: int) -> Version | None:
    for v in _versions():
        if v.name == name and v.since <= year and (v.until is None or year < v.until):
            return v
    return None


@rule("formulation-variant", family="formulations", name="提法错误或不规范", severity="error")
def formulation_variant(ctx: Context) -> Iterator[Finding]:
    """Names that must never change and known wrong variants (…理论, 八条规定, 三个自信)."""
    # One scan of the whole text per variant (blocks joined by newlines, which no pattern
    # crosses) is several times faster than a scan per block.
    whole = ctx.joined(simplified=False)[0]
    found: list[tuple[int, int, int, str, dict[str, Any]]] = []
    for pattern, v in _variants():
        if ctx.year < int(v.get("since", 0)):
            continue
        for m in pattern.finditer(whole):
            block, a = ctx.locate(m.start(), simplified=False)
            found.append((block.index, a, a + m.end() - m.start(), m.group(), v))
    found.sort(key=lambda x: (x[0], x[1], -x[2]))
    taken: list[tuple[int, int, int]] = []
    for k, a, b, matched, v in found:
        if any(k == k2 and a < b2 and a2 < b for k2, a2, b2 in taken):
            continue  # 中央八条规定 is one slip, not two
        taken.append((k, a, b))
        yield ctx.finding(
            ctx.blocks[k],
            a,
            b,
            f"提法有误：“{matched}”，{v['why']}",
            str(v["right"]).format(matched),
            severity=v.get("severity"),
        )


def _runs(text: str) -> Iterator[tuple[list[re.Match[str]], list[tuple[int, int]]]]:
    """Maximal runs of formulation items separated only by list punctuation.

    A run may bridge one foreign word standing between two items (政治意识、大局意识、
    责任意识、看齐意识): it is returned with the run as a (start, end) span, so that a
    wrong word in an item's place can be told from a list that merely ends.
    """
    run: list[re.Match[str]] = []
    bridges: list[tuple[int, int]] = []
    for m in _item_regex().finditer(text):
        if run and _GAP.fullmatch(text, run[-1].end(), m.start()) is None:
            bridge = _BRIDGE.fullmatch(text, run[-1].end(), m.start())
            # Only a word between two items of one formulation can stand in an item's place.
            if bridge is not None and _names_of(run[-1].group()) & _names_of(m.group()):
                bridges.append((bridge.start("word"), bridge.end("word")))
            else:
                yield run, bridges
                run, bridges = [], []
        run.append(m)
    if run:
        yield run, bridges


@cache
def _names_of(item: str) -> frozenset[str]:
    return frozenset(v.name for v in _versions() if item in v.items)


@rule("formulation-items", family="formulations", name="提法各项缺漏或顺序错误", severity="error")
def formulation_items(ctx: Context) -> Iterator[Finding]:
    """Spelled-out items of a formulation: outdated, out of order, or incomplete."""
    # The blocks that hold an item at all, found in one scan of the whole text.
    whole = ctx.joined(simplified=False)[0]
    holding = sorted(
        {ctx.locate(m.start(), simplified=False)[0].index for m in _item_regex().finditer(whole)}
    )
    for k in holding:
        block = ctx.blocks[k]
        text = block.text
        for run, bridges in _runs(text):
            if len(run) < 2:
                continue
            counts: dict[str, int] = {}
            for m in run:
                for name in _names_of(m.group()):
                    counts[name] = counts.get(name, 0) + 1
            for name in sorted(counts, key=lambda n: -counts[n]):
                yield from _check_list(ctx, block, name, run, bridges)


def _check_list(
    ctx: Context,
    block: Block,
    name: str,
    run: list[re.Match[str]],
    bridges: list[tuple[int, int]],
) -> Iterator[Finding]:
    """The items of formulation ``name`` in one run: outdated, wrong, out of order, missing."""
    text = block.text
    current = _in_force(name, ctx.year)
    if current is None:
        return
    mine = [m for m in run if name in _names_of(m.group())]
    if len(mine) < current.min_run:
        return
    positions: list[int] = []
    for m in mine:
        item = m.group()
        if item in current.items:
            positions.append(current.items.index(item))
            continue
        old = next(v for v in _versions() if v.name == name and item in v.items)
        k = old.items.index(item)
        positions.append(k)
        yield ctx.finding(
            block,
            m.start(),
            m.end(),
            f"提法已更新：“{name}”中的“{item}”自{current.since}年起为“{current.items[k]}”",
            current.items[k],
        )
    # A foreign word exactly where one item belongs: a wrong item, not a short list.
    ordered = list(positions)  # the items as written, for the order check
    for (p, q), (m1, m2) in zip(itertools.pairwise(ordered), itertools.pairwise(mine), strict=True):
        for x0, x1 in bridges:
            if q == p + 2 and m1.end() < x0 < m2.start():
                positions.append(p + 1)
                right = current.items[p + 1]
                yield ctx.finding(
                    block,
                    x0,
                    x1,
                    f"提法有误：“{name}”中的“{text[x0:x1]}”应为“{right}”",
                    right,
                )
    a, b = mine[0].start(), mine[-1].end()
    full = "、".join(current.items)
    if any(q <= p for p, q in itertools.pairwise(ordered)):
        yield ctx.finding(
            block,
            a,
            b,
            f"提法顺序错误：“{name}”应依次为{full}",
            "、".join(current.items[p] for p in sorted(set(ordered))),
        )
    missing = [i for k, i in enumerate(current.items) if k not in positions]
    if not missing or len(current.items) < 3:
        return
    named = text.rfind(name, 0, a)
    introduced = named >= 0 and _NAME_GAP.fullmatch(text, named + len(name), a) is not None
    if introduced or len(set(positions)) >= len(current.items) - 1:
        yield ctx.finding(
            block,
            a,
            b,
            f"提法不完整：“{name}”缺少{'、'.join(missing)}",
            full,
        )
