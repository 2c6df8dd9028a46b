"""的/地/得: the misuse reviewers notice, caught only in unambiguous patterns.

1. 地 inside the object of a noun-object verb: 缺乏总体地谋划 → 总体的谋划.
2. 的 before a preposition that starts a verb phrase: 最大程度的把大家… → 最大程度地把.
3. 的 before a complement of degree after a one-character verb: 抓的不紧 → 抓得不紧.
Both are confirmed with jieba on the clause, so 实地, 各地, 目的, 把握, 将来 stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from orglife.review import segment
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load("wording")
    verbs = "|".join(map(re.escape, data["noun_object_verbs"]))
    preps = "".join(data["prepositions"])
    # The modifier may not hold another of the verbs: the verb nearest to 地 governs it.
    # It has two characters at least: 就地, 实地, 各地 end in 地 as words of their own.
    di = re.compile(
        f"(?P<verb>{verbs})了?(?P<mod>(?:(?!{verbs})[{CJK}]){{2,4}}?)地(?=[{CJK}]{{2}})"
    )
    de = re.compile(f"的(?=[{preps}])")
    return di, de


@cache
def _complement() -> re.Pattern[str]:
    data = load("wording")
    verbs = data["complement_verbs"]
    degrees = "|".join(map(re.escape, data["degree_words"]))
    return re.compile(f"(?<=[{verbs}])的(?={degrees})")


def _de_for_complement(block_text: str) -> Iterator[tuple[int, str, str]]:
    for m in _complement().finditer(block_text):
        pos = m.start()
        a = max(0, pos - 4)
        words = _words_at(block_text, a, min(len(block_text), pos + 4))
        verb = [w for w in words if w[1] == pos]
        if not verb or len(verb[0][2]) != 1:
            continue  # 看法的, 所学的: the character belongs to a word before 的
        phrase = block_text[pos - 1 : pos + 3]
        yield pos, phrase, f"“{phrase}”中“的”引出程度补语，应用“得”"


def _words_at(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    words = segment.cut(text[a:b])
    return [(a + s, a + e, w) for (s, e), w in zip(segment.spans(words), words, strict=True)]


def _di_for_de(ctx: Context, block_text: str) -> Iterator[tuple[int, str, str]]:
    di, _ = _patterns()
    for m in di.finditer(block_text):
        pos = m.end() - 1  # the 地
        words = _words_at(block_text, m.start(), min(len(block_text), pos + 5))
        # 地 must be a word of its own, the verb too, and a real word must follow.
        at = [w for w in words if w[0] <= pos < w[1]]
        # 地 alone, or the adverb form of the modifier itself (jieba knows 系统地, 全面地).
        if not at or at[0][2] not in ("地", m.group("mod") + "地"):
            continue
        if words[0][2] != m.group("verb"):
            continue
        after = [w for w in words if w[0] == pos + 1]
        if not after or len(after[0][2]) < 2:
            continue
        phrase = block_text[m.start("mod") : after[0][1]]
        yield pos, phrase, f"“{phrase}”是“{m.group('verb')}”的宾语，修饰名词性成分应用“的”"


def _de_for_di(ctx: Context, block_text: str) -> Iterator[tuple[int, str, str]]:
    _, de = _patterns()
    data = load("wording")
    for m in de.finditer(block_text):
        pos = m.start()
        a = max(0, pos - 6)
        b = min(len(block_text), pos + 4)
        tagged = segment.tag(block_text[a:b])
        offs = segment.spans(tuple(w for w, _ in tagged))
        k = next((n for n, (s, _) in enumerate(offs) if s == pos - a), None)
        if k is None or tagged[k][0] != "的" or k == 0 or k + 1 >= len(tagged):
            continue
        prev_word, prev_tag = tagged[k - 1]
        if tagged[k + 1][0] not in data["prepositions"]:
            continue
        if prev_tag not in data["adverbial_tags"] and not any(
            prev_word.endswith(h) for h in data["adverbial_heads"]
        ):
            continue
        phrase = prev_word + "的" + tagged[k + 1][0]
        yield pos, phrase, f"“{phrase}”中“的”修饰后面的动作，应用“地”"


@rule("de-di-de", family="wording", name="“的、地、得”误用", severity="warning")
def de_di_de(ctx: Context) -> Iterator[Finding]:
    """地 used for 的 in a verb's object, 的 for 地 before 把/将, 的 for 得 before a degree."""
    for block in ctx.blocks:
        text = ctx.simplified(block)  # 對黨地統一 is read as 对党地统一
        if "地" in text:
            for pos, _, msg in _di_for_de(ctx, text):
                yield ctx.finding(block, pos, pos + 1, msg, "的")
        if "的把" in text or "的将" in text:
            for pos, _, msg in _de_for_di(ctx, text):
                yield ctx.finding(block, pos, pos + 1, msg, "地")
        if "的" in text:
            for pos, _, msg in _de_for_complement(text):
                yield ctx.finding(block, pos, pos + 1, msg, "得")
