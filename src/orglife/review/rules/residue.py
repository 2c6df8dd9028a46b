"""Template residue: placeholders left in from a template (**, ××, XX, 某某, [填写], 20__年)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orglife.documents.normalize import traditional_count
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(p["regex"]), p["what"]) for p in load("residue")["pattern"]]


_HAN = re.compile("[\u3400-\u9fff]")
# Every placeholder holds one of these characters: blocks without any are skipped.
_TRIGGER = re.compile(r"[*×XxＸｘ某○〇△□\[【［〔(（_＿]")


@rule("template-residue", family="residue", name="模板占位符未替换", severity="error")
def template_residue(ctx: Context) -> Iterator[Finding]:
    """Every placeholder match; overlapping patterns report the earliest, longest match once."""
    for block in ctx.blocks:
        if _TRIGGER.search(block.text) is None:
            continue
        spans: list[tuple[int, int, str]] = []
        for pattern, what in _patterns():
            for m in pattern.finditer(block.text):
                spans.append((m.start(), m.end(), what))
        spans.sort(key=lambda s: (s[0], -s[1]))
        last_end = -1
        for start, end, what in spans:
            if start < last_end:
                continue
            last_end = end
            yield ctx.finding(
                block,
                start,
                end,
                f"模板残留：{what}“{block.text[start:end]}”未替换为实际内容"
                if block.text[start:end] not in what
                else f"模板残留：{what}未替换为实际内容",
                "替换为实际内容",
            )


# A text this much in traditional characters was written or converted in traditional script.
MIN_TRADITIONAL = 20
MIN_TRADITIONAL_SHARE = 0.1


@rule("traditional-script", family="residue", name="使用繁体字", severity="warning")
def traditional_script(ctx: Context) -> Iterator[Finding]:
    """A document in traditional characters: official documents use 规范汉字 (simplified)."""
    whole = "\n".join(b.text for b in ctx.blocks)
    n = traditional_count(whole)
    if n < MIN_TRADITIONAL:
        return
    cjk = len(_HAN.findall(whole))
    if n >= MIN_TRADITIONAL and n >= MIN_TRADITIONAL_SHARE * cjk:
        yield ctx.material_finding(
            f"全文有 {n} 个繁体字，公文应使用规范汉字（简体字）", "转换为简体字"
        )
