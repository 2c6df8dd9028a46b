"""Punctuation in Chinese text (GB/T 15834-2011).

Half-width , : ; . ? ! ( ) " touching Chinese text, unbalanced paired marks, doubled
marks. Decimals (3.5), times (10:30), thousands (1,000), URLs, e-mail addresses and
English phrases stay silent: only a mark with a Chinese character beside it is Chinese
punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from orglife.documents.model import Item, Section
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK, is_cjk

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", ".": "。"}
_URLISH = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MARK = re.compile(r"\.{2,}|[,:;?!.\"]")
_CJK_ANY = re.compile(f"[{CJK}]")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
# Marks that count as Chinese context when next to a half-width mark.
_CN_MARKS = set("“”‘’《》（）【】、。，；：？！")


def _cn(ch: str) -> bool:
    return is_cjk(ch) or ch in _CN_MARKS


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _URLISH.finditer(text)]


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in spans)


@rule("halfwidth-punct", family="punctuation", name="中文中使用半角标点", severity="warning")
def halfwidth_punct(ctx: Context) -> Iterator[Finding]:
    """A half-width mark with Chinese beside it: suggest the full-width mark."""
    for block in ctx.blocks:
        text = block.text
        if not any(c in text for c in ',:;?!."()'):
            continue
        masked = _masked(text)
        paren_done: set[int] = set()
        for m in _PAREN_PAIR.finditer(text):
            a, b = m.start(), m.end()
            if _inside(a, masked):
                continue
            inner = m.group(1)
            before = text[a - 1] if a else ""
            after = text[b] if b < len(text) else ""
            if any(is_cjk(c) for c in inner) or _cn(before) or _cn(after):
                paren_done.update((a, b - 1))
                yield ctx.finding(block, a, b, "中文中使用了半角括号“( )”", f"（{inner}）")
        for i, ch in enumerate(text):
            if ch in "()" and i not in paren_done and not _inside(i, masked):
                before = text[i - 1] if i else ""
                after = text[i + 1] if i + 1 < len(text) else ""
                if _cn(before) or _cn(after):
                    full = "（" if ch == "(" else "）"
                    yield ctx.finding(block, i, i + 1, f"中文中使用了半角括号“{ch}”", full)
        for m in _MARK.finditer(text):
            i, j = m.start(), m.end()
            if _inside(i, masked):
                continue
            mark = m.group()
            before = text[i - 1] if i else ""
            after_idx = j
            while after_idx < len(text) and text[after_idx] == " ":
                after_idx += 1
            after = text[after_idx] if after_idx < len(text) else ""
            if mark.startswith(".."):
                if _cn(before):
                    yield ctx.finding(block, i, j, "中文中省略号应为“……”", "……")
                continue
            if mark in ",:" and before.isdigit() and after.isdigit():
                continue  # 1,000 and 10:30
            if mark == ".":
                # Only a sentence end: Chinese before, and Chinese, a space or the end after.
                # "1.理论学习" (numbering) and 3.5 (decimal) have a digit before.
                at_end = not after and j == len(text.rstrip()) and _CJK_ANY.search(text)
                sentence = is_cjk(before) or before in "”’）》" or (at_end and before in "%％")
                if not sentence or (after and not _cn(after)):
                    continue
            elif mark == '"':
                if not (_cn(before) or _cn(after)):
                    continue
                yield ctx.finding(block, i, j, '中文中使用了半角引号“"”', "“”")
                continue
            elif not (_cn(before) or _cn(after)):
                continue
            yield ctx.finding(block, i, j, f"中文中使用了半角标点“{mark}”", FULL_WIDTH[mark])


_OPENERS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "(": "）",
    "【": "】",
    "〔": "〕",
    "「": "」",
    "『": "』",
}
_CLOSERS = {
    "”": "”",
    "’": "’",
    "》": "》",
    "）": "）",
    ")": "）",
    "】": "】",
    "〕": "〕",
    "」": "」",
    "』": "』",
}
_NAMES = {
    "”": "引号",
    "’": "单引号",
    "》": "书名号",
    "）": "括号",
    "】": "方头括号",
    "〕": "六角括号",
    "」": "直角引号",
    "』": "直角引号",
}


# A number closed by a lone bracket, at the start or after a mark: 1） 2) 一）.
_LIST_NUMBER = re.compile(r"(?:^|[\s，,；;。：:、])(?:\d{1,2}|[一二三四五六七八九十]{1,3})$")
_PAIR_MARK = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + "]")


@rule("unbalanced-pair", family="punctuation", name="成对标点不配对", severity="error")
def unbalanced_pair(ctx: Context) -> Iterator[Finding]:
    """Quotes, title marks and brackets that open without closing or close without opening."""
    for block in ctx.blocks:
        text = block.text
        backwards = {i for a, b in reversed_quotes(text) for i in (a, b)}
        stack: list[tuple[int, str]] = []  # (position, the closer it expects)
        bad: list[tuple[int, str]] = []
        for mark in _PAIR_MARK.finditer(text):
            i, ch = mark.start(), mark.group()
            if i in backwards:
                continue  # reversed-quote reports these
            if ch in _OPENERS:
                stack.append((i, _OPENERS[ch]))
            elif ch in _CLOSERS:
                want = _CLOSERS[ch]
                if (
                    want == "）"
                    and _LIST_NUMBER.search(text, 0, i)
                    and not any(w == "）" for _, w in stack)
                ):
                    continue  # 1）学习不够；2）… : a list number, not half a pair
                if stack and stack[-1][1] == want:
                    stack.pop()
                elif any(w == want for _, w in stack):
                    while stack[-1][1] != want:
                        bad.append(stack.pop())
                    stack.pop()
                else:
                    bad.append((i, ""))
        bad.extend(stack)
        for i, want in sorted(bad):
            ch = text[i]
            if want:
                name = _NAMES[want]
                msg = f"{name}不配对：“{ch}”没有对应的“{want}”"
                sugg = f"补上“{want}”"
            else:
                name = _NAMES[_CLOSERS[ch]]
                msg = f"{name}不配对：“{ch}”前面没有与之对应的前半个{name}"
                sugg = "补上前半或删去多余的标点"
            yield ctx.finding(block, i, i + 1, msg, sugg)


_DOUBLED = re.compile(r"[，。、；：]{2,}|([？！])\1+")
# Two of those marks side by side somewhere (the simplified text holds the same marks):
# most texts have none, and this pattern, a character class first, is searched much
# faster than _DOUBLED in every block.
_TWO_MARKS = re.compile("[，。、；：？！][，。、；：？！]")


@rule("doubled-punct", family="punctuation", name="标点重复", severity="warning")
def doubled_punct(ctx: Context) -> Iterator[Finding]:
    """Two marks where one belongs (，，  。。  ，。); ellipsis …… and dash —— are fine."""
    if _TWO_MARKS.search(ctx.joined()[0]) is None:
        return
    for block in ctx.blocks:
        for m in _DOUBLED.finditer(block.text):
            run = m.group()
            keep = "。" if "。" in run else run[0]
            yield ctx.finding(block, m.start(), m.end(), f"标点重复“{run}”", keep)


_DQUOTES = re.compile("[“”]")


def reversed_quotes(text: str) -> list[tuple[int, int]]:
    """The (”, “) spans of a block whose double quotes all run backwards: ”…“ ”…“.

    Only a block whose every quote alternates starting with a closing one counts; a mix
    is unbalanced-pair's business.
    """
    close, open_ = text.find("”"), text.find("“")
    if close < 0 or 0 <= open_ < close:
        return []
    marks = [(m.start(), m.group()) for m in _DQUOTES.finditer(text)]
    if not marks or len(marks) % 2 or marks[0][1] != "”":
        return []
    if any(ch != ("”" if k % 2 == 0 else "“") for k, (_, ch) in enumerate(marks)):
        return []
    return [(marks[k][0], marks[k + 1][0]) for k in range(0, len(marks), 2)]


@rule("reversed-quote", family="punctuation", name="引号方向颠倒", severity="error")
def reversed_quote(ctx: Context) -> Iterator[Finding]:
    """Double quotes typed backwards (”四个意识“): the opening one is “, the closing ”."""
    for block in ctx.blocks:
        if "”" not in block.text:
            continue
        for a, b in reversed_quotes(block.text):
            inner = block.text[a + 1 : b]
            yield ctx.finding(
                block, a, b + 1, f"引号方向颠倒：“{block.text[a : b + 1]}”", f"“{inner}”"
            )


@rule("heading-colon", family="punctuation", name="标题中使用半角冒号", severity="warning")
def heading_colon(ctx: Context) -> Iterator[Finding]:
    """A heading followed by a half-width colon (理论学习方面:一是…, 存在的问题:).

    The parser drops the colon of a heading that stands alone, so the source lines are
    read when at hand; a run-in heading keeps its colon as ``run_in_sep``.
    """
    headings = {}
    for k, section in enumerate(ctx.material.sections):
        nodes: list[tuple[int | None, Section | Item]] = [(None, section)]
        nodes.extend(enumerate(section.items))
        for n, node in nodes:
            block = next(
                (
                    b
                    for b in ctx.blocks
                    if b.section_index == k and b.item == n and b.text == node.heading
                ),
                None,
            )
            if block is not None and node.heading:
                headings[node.heading] = (block, node.run_in and node.run_in_sep == ":")
    flagged: set[int] = set()
    for block, run_in_colon in headings.values():
        if run_in_colon:
            flagged.add(block.index)
    for line, mark in ctx.marked_lines():
        rest = mark.rest if mark is not None else line
        colon = rest.find(":")
        if 0 < colon <= 20 and rest[:colon] in headings:
            flagged.add(headings[rest[:colon]][0].index)
    for index in sorted(flagged):
        b = ctx.blocks[index]
        end = len(b.text)
        yield ctx.finding(b, end, end, "标题后使用了半角冒号“:”", "：")


# The space first, then a look back at the character before it: a pattern that starts
# with the lookbehind would be tried at every place of every line.
_STRAY = re.compile(f"[ \u3000\u00a0](?<=[{CJK}].)[ \u3000\u00a0]*(?=[{CJK}])")
_SENTENCE_MARK = re.compile("[，。；]")


@rule("stray-space", family="punctuation", name="汉字之间有多余空格", severity="warning")
def stray_space(ctx: Context) -> Iterator[Finding]:
    """Spaces between Chinese characters in the source (read past, but left in the file).

    The parser drops them, so the places are source lines: one finding for the text.
    """
    if not ctx.lines or not ctx.blocks or (ctx.kind is not None and ctx.kind.kind == "list"):
        return  # a list pasted from a table separates its columns with spaces
    # Only running text: a signature (局长 俞金华) or a table row is laid out with spaces.
    n = sum(len(_STRAY.findall(line.strip())) for line in ctx.lines if _SENTENCE_MARK.search(line))
    if n:
        yield ctx.material_finding(
            f"原文汉字之间有 {n} 处多余空格（多为从 PDF 或网页复制所致）", "删去汉字之间的空格"
        )
