"""Numbered formulations as a family (“两个确立”, “四个意识”, “三不腐” …), names that must be
exact (习近平新时代中国特色社会主义思想, 二十届三中全会) and document titles in 《》.

Data: ``data/numbered.toml`` (names with the years they hold, and their sources).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule

_NUMERAL = "一二两三四五六七八九十"
_QUOTED = re.compile(f'[“"「]([{_NUMERAL}]{{1,3}}[\u4e00-\u9fff]{{1,7}})[”"」]')
_SPLIT = re.compile(f"^([{_NUMERAL}]{{1,3}})(.+)$")
# After an unquoted name: the end of the name (a mark, or a word that cannot continue it).
_NAME_END = re.compile(r"$|[^\u4e00-\u9fff]|[的和与及等]")
NEAR = 30  # characters: an unknown numbered name this close to a known one is worth a look


@dataclass(frozen=True)
class Name:
    name: str
    num: str
    rest: str
    since: int
    until: int | None
    protected: bool
    replaced_by: str


@cache
def _names() -> dict[str, Name]:
    out = {}
    for n in load("numbered")["name"]:
        m = _SPLIT.match(n["name"])
        num, rest = (m.group(1), m.group(2)) if m else ("", n["name"])
        out[n["name"]] = Name(
            n["name"],
            num,
            rest,
            int(n.get("since", 0)),
            n.get("until"),
            bool(n.get("protected", False)),
            n.get("replaced_by", ""),
        )
    return out


@cache
def _by_rest() -> dict[str, list[Name]]:
    index: dict[str, list[Name]] = {}
    for n in _names().values():
        if n.num:
            index.setdefault(n.rest, []).append(n)
    return index


@cache
def _unquoted() -> re.Pattern[str]:
    """Protected names of three characters or more after the numeral (个意识), unquoted."""
    rests = sorted(
        {n.rest for n in _names().values() if n.protected and n.num and len(n.rest) >= 3}
    )
    # [N][N]{0,2}, not [N]{1,3}: a character class first lets the search jump to numerals.
    return re.compile(f"([{_NUMERAL}][{_NUMERAL}]{{0,2}})({'|'.join(map(re.escape, rests))})")


def _one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _judge(name: str, year: int) -> tuple[str, str, str] | None:
    """(severity, message, suggestion) for a numbered name, or None when it is fine/unknown."""
    known = _names().get(name)
    if known is not None:
        if known.until is not None and year >= known.until:
            return (
                "warning",
                f"提法已更新：“{name}”自{known.until}年前后起为“{known.replaced_by}”",
                known.replaced_by,
            )
        return None
    m = _SPLIT.match(name)
    if not m:
        return None
    num, rest = m.groups()
    same_rest = _by_rest().get(rest, [])
    if same_rest:
        right = same_rest[0]
        severity = "error" if right.protected and len(same_rest) == 1 else "warning"
        return severity, f"提法数字有误：“{name}”应为“{right.name}”", right.name
    for n in _names().values():
        if n.num == num and n.protected and _one_off(n.rest, rest):
            return "error", f"提法有误：“{name}”应为“{n.name}”", n.name
    return None


@rule("numbered-formulation", family="formulations", name="数字式提法有误", severity="error")
def numbered_formulation(ctx: Context) -> Iterator[Finding]:
    """A numbered name with its number or a word changed, unknown beside known, or outdated."""
    known = _names()
    for block in ctx.blocks:
        text = ctx.simplified(block)
        if "个" not in text and not any(q in text for q in '“"「'):
            continue
        quoted = list(_QUOTED.finditer(text))
        spans: list[tuple[int, int]] = []
        for m in quoted:
            name = m.group(1)
            a, b = m.start(1), m.end(1)
            spans.append((a, b))
            verdict = _judge(name, ctx.year)
            if verdict is not None:
                severity, message, suggestion = verdict
                yield ctx.finding(block, a, b, message, suggestion, severity=severity)
            elif (
                name not in known
                and _SPLIT.match(name)
                and any(
                    q is not m and q.group(1) in known and abs(q.start() - m.start()) <= NEAR
                    for q in quoted
                )
            ):
                yield ctx.finding(
                    block,
                    a,
                    b,
                    f"未收录的数字式提法“{name}”，请核对是否为规范提法",
                    "核对提法",
                    severity="warning",
                )
        for m in _unquoted().finditer(text) if "个" in text else ():
            a, b = m.span()
            if any(x <= a < y for x, y in spans) or not _NAME_END.match(text, b):
                continue
            if a > 0 and text[a - 1] in _NUMERAL + "第":
                continue  # 十四个坚持 read from its middle
            verdict = _judge(m.group(), ctx.year)
            if verdict is not None and verdict[0] == "error":
                yield ctx.finding(block, a, b, verdict[1], verdict[2], severity="error")


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@cache
def _exact() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    return [(re.compile(e["near"]), e) for e in load("numbered")["exact"]]


@cache
def _patterns() -> list[tuple[re.Pattern[str], dict[str, Any]]]:
    return [(re.compile(p["regex"]), p) for p in load("numbered")["pattern"]]


@cache
def _title_verdict(title: str) -> tuple[str, int] | None:
    """The known title a 《》 title is a slip of, and how many characters differ."""
    titles: list[str] = load("numbered")["titles"]
    if title in titles:
        return None
    near = [t for t in titles if abs(len(t) - len(title)) <= 2 and len(t) >= 6]
    if not near:
        return None
    best = min(near, key=lambda t: _distance(t, title))
    d = _distance(best, title)
    return (best, d) if d <= 2 else None


@rule("exact-name", family="formulations", name="规范名称有误", severity="error")
def exact_name(ctx: Context) -> Iterator[Finding]:
    """Names that must be exact, congress wordings, and document titles in 《》."""
    for block in ctx.blocks:
        text = ctx.simplified(block)
        if "习近平" in text:
            for pattern, e in _exact():
                if ctx.year < int(e.get("since", 0)):
                    continue
                for m in pattern.finditer(text):
                    got, right = m.group(), e["right"]
                    if got != right and _distance(got, right) <= int(e["max_edits"]):
                        yield ctx.finding(
                            block,
                            m.start(),
                            m.end(),
                            f"规范名称有误：“{block.text[m.start() : m.end()]}”应为“{right}”",
                            right,
                        )
        if "全会" in text:
            for pattern, p in _patterns():
                for m in pattern.finditer(text):
                    right = str(p["right"]).format(*m.groups())
                    yield ctx.finding(
                        block,
                        m.start(),
                        m.end(),
                        f"提法有误：“{m.group()}”，{p['why']}",
                        right,
                        severity=p.get("severity"),
                    )
        if "《" in text:
            for m in re.finditer(r"《([^《》]{2,40})》", text):
                title = m.group(1)
                verdict = _title_verdict(title)
                if verdict is not None:
                    best, d = verdict
                    yield ctx.finding(
                        block,
                        m.start(1),
                        m.end(1),
                        f"文件名称有误：《{title}》应为《{best}》",
                        f"《{best}》",
                        severity="error" if d == 1 else "warning",
                    )
