"""Doubled characters from typing (此此 → 此次), with reduplications and words that
merely meet (学习习近平, 人民民主, 工作作风) left alone.

A double AA is suspect when jieba, cutting a short window around it, leaves one of the
two characters as a word on its own: 开好/此/此/组织, 加强/组/组织. When both
characters belong to longer words (学习/习近平) or to one word (层层, 条条框框) it is
text, not a typo.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache

from orglife.review import segment
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import Context, rule
from orglife.review.text import CJK, is_cjk

_PAIR = re.compile(f"([{CJK}])\\1")
_CLAUSE_END = re.compile(f"[^{CJK}A-Za-z0-9]")
WINDOW = 8
# A homophone word must be at least this common to be offered as the intended word.
MIN_SUGGEST_FREQ = 200
# A word a reduplication may have swallowed the end of (经/常常) must be this common.
MIN_SWALLOW_FREQ = 500
# The same, when lone characters stand on both sides of the reduplication (网/格格/员).
MIN_FLANKED_FREQ = 20
# How much likelier (natural log) the clause must read without one of two characters
# where two words meet for that to count as a slip: random joins of common words pass
# this bar under 1% of the time, typed doubles mostly do.
MIN_LM_GAIN = 7.0
# A word typed with one character twice across a seam (经常/常性 for 经常性) must be this common.
MIN_SEAM_FREQ = 100


@cache
def _whitelist() -> dict[str, list[tuple[str, int]]]:
    """AA pair -> [(whitelisted word, offset of the pair in it)]."""
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for word in load("doubles")["whitelist"]:
        for k in range(len(word) - 1):
            if word[k] == word[k + 1]:
                index[word[k : k + 2]].append((word, k))
    return dict(index)


def _whitelisted(
    text: str, i: int, *, longer_only: bool = False, starts: set[int] | None = None
) -> bool:
    """True when the pair at ``i`` sits inside a whitelisted word (of 3+ chars if asked).

    With ``starts`` (word starts of the segmented text), a whitelisted word that begins
    before the pair must begin at a word boundary: 进一步步 holds 一步步, but 一 belongs to
    进一步 there. (One that begins with the pair, 县县委, ends a place name with its first
    character, so it cannot be held to that.)
    """
    for word, k in _whitelist().get(text[i : i + 2], ()):
        if longer_only and len(word) == 2:
            continue
        a = i - k
        if a >= 0 and text[a : a + len(word)] == word and (starts is None or k == 0 or a in starts):
            return True
    return False


def _window(text: str, i: int) -> tuple[int, int]:
    """The clause around the pair at ``i``, at most WINDOW characters either side."""
    a = max(0, i - WINDOW)
    for m in _CLAUSE_END.finditer(text, a, i):
        a = m.end()
    b = min(len(text), i + 2 + WINDOW)
    stop = _CLAUSE_END.search(text, i + 2, b)
    if stop:
        b = stop.start()
    return a, b


@cache
def _homophone_index() -> dict[str, list[tuple[int, str]]]:
    """Character -> common two-character words that start or end with it (by frequency)."""
    jieba = segment._jieba()
    index: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for word, f in jieba.dt.FREQ.items():
        if len(word) == 2 and f >= MIN_SUGGEST_FREQ and word[0] != word[1]:
            index[word[0]].append((f, word))
            index[word[1]].append((f, word))
    for v in index.values():
        v.sort(reverse=True)
    return dict(index)


@cache
def _readings(ch: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def suggest(text: str, i: int, lone_left: bool, lone_right: bool) -> str:
    """The likely intended text for the pair ``text[i:i+2]``.

    One stray character next to a word (组/组织) is an extra keystroke: keep one.
    Two lone characters (此/此) are usually a homophone typed twice by the input method:
    offer the most common word made of the character and a homophone of it (此次).
    """
    pair = text[i : i + 2]
    fixed = load("doubles").get("suggest", {})
    if pair in fixed:
        return str(fixed[pair])
    ch = pair[0]
    if lone_left and lone_right:
        sounds = _readings(ch)
        for _, word in _homophone_index().get(ch, ()):
            other = word[1] if word[0] == ch else word[0]
            if _readings(other) & sounds:
                return word
    return ch


def _swallowed(words: tuple[str, ...], k: int) -> bool:
    """True when the reduplication ``words[k]`` (AA) ate the end of a real word: 经/常常.

    The lone character beside it must make a common word with A (经常), common enough
    to be likelier than the reduplication itself; 为/人人 (为人 is rare) stays silent.
    """
    word = words[k]
    ch = word[0]
    aa = segment.freq(word)
    lone_both = 0 < k < len(words) - 1 and len(words[k - 1]) == len(words[k + 1]) == 1
    # Between two lone characters (网/格格/员) the reduplication is a stray; a rarer word
    # on either side is evidence enough.
    least = MIN_FLANKED_FREQ if lone_both else MIN_SWALLOW_FREQ
    for joined in (
        words[k - 1] + ch if k > 0 and len(words[k - 1]) == 1 else "",
        ch + words[k + 1] if k + 1 < len(words) and len(words[k + 1]) == 1 else "",
    ):
        f = segment.freq(joined) if joined else 0
        if f >= least and (lone_both or 2 * f >= aa):
            return True
    return False


_NAME_END = set('，、。；：！？）”" \u3000')


def _given_name(text: str, i: int) -> bool:
    """True for a doubled given name after a surname: 赵芳芳、 郑伟伟主任 林楠楠同志."""
    data = load("doubles")
    if i == 0 or text[i - 1] not in data["surnames"]:
        return False
    if segment.freq(text[i - 1 : i + 1]) >= MIN_SWALLOW_FREQ:
        return False  # 方案案, 任务务: the "surname" begins a word, the pair ends it
    after = text[i + 2 : i + 5]
    if not after or after[0] in _NAME_END:
        return True
    return any(after.startswith(w) for w in data["name_followers"])


def _dangling(word: str, text: str, i: int) -> bool:
    """An adverb reduplication (大大, 常常) that ends its clause modifies nothing: 不够大大。"""
    if word not in load("doubles").get("adverbs", []):
        return False
    after = text[i + 2 : i + 3]
    return not after or not (is_cjk(after) or after.isalnum())


# Last characters of organization names (宣传部, 统计局, 办公室): rarer than their stems
# (宣传, 统计) without being slips.
_BODY_SUFFIXES = set("部局处科室厅委院所站队组会办县市区省镇乡村团校社党司厂库中心")


def _rare_glue(left: str, right: str) -> bool:
    """技术工/工作: a rare word glued from a common one and the doubled character.

    Read without the extra character the text is two common words (技术/工作); the rare
    three-character word (技术工) only exists because of the slip. Words of two
    characters are never judged so (学习/习近平, 工作/作风 keep their reading).
    """
    for rare, common, other in ((left, left[:-1], right), (right, right[1:], left)):
        if len(rare) < 3 or (rare is left and rare[-1] in _BODY_SUFFIXES):
            continue  # 宣传部/部署, 管理局/局面: an organization's name, not a slip
        base = segment.freq(common)
        if (
            base >= MIN_SWALLOW_FREQ
            and segment.freq(other) >= MIN_SWALLOW_FREQ
            and segment.freq(rare) * 20 <= base
        ):
            return True
    return False


def _modified(text: str, i: int) -> bool:
    """A reduplication after a digit (12次次) or after 不/够/很 (不高高, 不够细细).

    Reduplicated measure words count only after 一 (一次次), and a reduplicated
    adjective takes no negation or degree adverb: either way the pair is a slip.
    """
    if i == 0:
        return False
    before = text[i - 1]
    return before.isdigit() or before in load("doubles")["no_reduplication_after"]


def _abb_slip(word: str) -> bool:
    """干部部, 学学习: a common word with one character typed twice, glued by jieba.

    一个个, 一次次 (measure reduplication) start with 一 and are text; 谈谈心, 见见面
    (verb reduplication) are in the whitelist.
    """
    if word[0] == "一":
        return False
    base = word[:2] if word[1] == word[2] else word[1:]
    return segment.freq(base) >= MIN_SWALLOW_FREQ and segment.freq(base) >= 50 * max(
        segment.freq(word), 1
    )


@cache
def _numeral_run() -> re.Pattern[str]:
    return re.compile(load("doubles")["numeral_run"])


def _family(text: str, i: int) -> bool:
    """True when the pair belongs to a family of legitimate doubles (see doubles.toml).

    Numeral runs (十五五, 二〇二二), AAB set phrases (红红脸, 扯扯袖子) and ABB adjectives
    (硬邦邦, 沉甸甸) are recognised by their shape, not listed one by one.
    """
    data = load("doubles")
    a = text[i]
    for m in _numeral_run().finditer(text, max(0, i - 6), min(len(text), i + 8)):
        if m.start() <= i and i + 2 <= m.end():
            return True
    if i > 0 and is_cjk(text[i - 1]) and text[i : i + 2] in data["abb_suffixes"]:
        return True
    # AAB: the pair must stand on its own; after a word it ends (政治/治执行力, 意见/见建议,
    # 对照/照党章) the pair is that word typed with one character twice.
    glued = i > 0 and segment.freq(text[i - 1] + a) >= MIN_SWALLOW_FREQ
    if a in data["aab_verbs"] and i + 2 < len(text) and not glued:
        nxt = segment.tag(text[i + 2 : i + 6])
        if nxt:
            word, flag = nxt[0]
            if word in data["aab_objects"] or (
                len(word) >= 2 and flag.startswith("n") and flag != "ng"
            ):
                return True
    return False


def judge(text: str, i: int) -> str | None:
    """The suggestion when the pair at ``text[i]`` looks like a typo, else None."""
    suggestion = _judge(text, i)
    # The family test comes last: it is needed only for the few pairs judged slips.
    if suggestion is None or _family(text, i):
        return None
    return suggestion


def _judge(text: str, i: int) -> str | None:
    if _given_name(text, i):
        return None
    a, b = _window(text, i)
    words = segment.cut(text[a:b])
    spans = segment.spans(words)
    starts = {a + s for s, _ in spans}
    if _whitelisted(text, i, longer_only=True, starts=starts):
        return None
    left = next(k for k, (s, e) in enumerate(spans) if s <= i - a < e)
    right = next(k for k, (s, e) in enumerate(spans) if s <= i + 1 - a < e)
    if left == right:
        word = words[left]
        if len(word) == 2 and (
            _swallowed(words, left) or _dangling(word, text, i) or _modified(text, i)
        ):
            return text[i]
        if len(word) == 3 and _abb_slip(word):
            return text[i]
        return None
    lone_left = len(words[left]) == 1
    lone_right = len(words[right]) == 1
    if not (lone_left or lone_right):
        # Two words that merely meet (学习/习近平) — unless dropping one character makes one
        # common word across the seam: 经常/常性 is 经常性 typed with an extra 常.
        joined = words[left] + words[right][1:]
        if segment.freq(joined) >= MIN_SEAM_FREQ or _rare_glue(words[left], words[right]):
            return text[i]
        # Last resort, by jieba's word model: the clause read with one character fewer is
        # far likelier (党工/工委 → 党工委, 其实/实施 → 其实施). Legitimate meetings score
        # well below the bar (学习习近平 0.3, 人民民主 2.0, 宣传部部署 2.7).
        clause = text[a:b]
        k = i - a
        if segment.log_prob(clause[:k] + clause[k + 1 :]) - segment.log_prob(clause) >= MIN_LM_GAIN:
            return text[i]
        return None
    # A known reduplication jieba lacks (both characters left alone) is text; one that
    # jieba splits as 支/支部 or 问/问题 is a slip whatever the list says.
    if lone_left and lone_right and _whitelisted(text, i):
        return None
    return suggest(text, i, lone_left, lone_right)


@rule("repeated-char", family="doubles", name="疑似重复字", severity="error")
def repeated_char(ctx: Context) -> Iterator[Finding]:
    """Every doubled character that segmentation shows to be a typing slip."""
    for block in ctx.blocks:
        text = ctx.simplified(block)  # 黨委委員 is read as 党委委员
        for m in _PAIR.finditer(text):
            i = m.start()
            suggestion = judge(text, i)
            if suggestion is not None:
                pair = block.text[i : i + 2]
                yield ctx.finding(block, i, i + 2, f"疑似重复字“{pair}”", suggestion)
