"""Plant known defects into clean materials, to measure the review engine (benchmarks only).

Each planter takes a clean Material and a random generator and returns a copy with one
defect of its family planted, and where that defect is (a ``Plant``), or None when the
material offers no place for it. ``benchmarks/bench_review.py`` plants many defects of
every family at random places and counts how many the engine finds (recall); findings
on the clean materials themselves are false alarms.
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from orglife.documents.model import Material
from orglife.review.enumeration import find_series
from orglife.review.finding import Finding
from orglife.review.registry import RULES
from orglife.review.text import CJK, cn_int, cn_str, count_numeral, is_cjk

BODY_KINDS = ("preamble", "paragraph", "item_paragraph")


@dataclass(frozen=True)
class Plant:
    """A planted defect: its family, what was done, and where it now is."""

    family: str
    kind: str
    paragraph: int
    start: int
    end: int
    note: str


def found(plant: Plant, findings: list[Finding], slack: int = 2) -> bool:
    """True when a finding of the plant's family covers (or touches) the planted span.

    A grouped finding ("全文 12 处半角逗号") counts for every place it lists.
    """
    for f in findings:
        if RULES[f.rule].family != plant.family:
            continue
        for paragraph, start, end in [(f.paragraph, f.start, f.end), *f.places]:
            if paragraph != plant.paragraph:
                continue
            if start <= plant.end + slack and plant.start <= end + slack:
                return True
    return False


def with_block_text(material: Material, index: int, text: str) -> Material:
    """A copy of ``material`` with block ``index`` (as in ``blocks()``) set to ``text``."""
    m = copy.deepcopy(material)
    n = 0

    def hit() -> bool:
        nonlocal n
        n += 1
        return n - 1 == index

    if m.title and hit():
        m.title = text
        return m
    for k in range(len(m.preamble)):
        if hit():
            m.preamble[k] = text
            return m
    for s in m.sections:
        if s.heading and hit():
            s.heading = text
            return m
        for k in range(len(s.paragraphs)):
            if hit():
                s.paragraphs[k] = text
                return m
        for it in s.items:
            if it.heading and hit():
                it.heading = text
                return m
            for k in range(len(it.paragraphs)):
                if hit():
                    it.paragraphs[k] = text
                    return m
    raise IndexError(index)


def _body(material: Material) -> list[tuple[int, str]]:
    return [(b.index, b.text) for b in material.blocks() if b.kind in BODY_KINDS and b.text]


def _pick_match(
    material: Material, pattern: re.Pattern[str], rng: random.Random
) -> tuple[int, str, re.Match[str]] | None:
    spots = [(i, t, m) for i, t in _body(material) for m in pattern.finditer(t)]
    return rng.choice(spots) if spots else None


# ---- doubles ---------------------------------------------------------------------


def plant_double(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Type one character twice (组织 → 组组织)."""
    spots = [
        (i, t, k)
        for i, t in _body(material)
        for k, c in enumerate(t)
        if is_cjk(c) and (k == 0 or t[k - 1] != c) and (k + 1 >= len(t) or t[k + 1] != c)
    ]
    if not spots:
        return None
    i, t, k = rng.choice(spots)
    new = t[: k + 1] + t[k] + t[k + 1 :]
    return with_block_text(material, i, new), Plant(
        "doubles", "double", i, k, k + 2, new[k : k + 2]
    )


# ---- residue ---------------------------------------------------------------------

PLACEHOLDERS = (
    "**",
    "××",
    "XX",
    "XXX",
    "X名",
    "某某",
    "○○",
    "[填写]",
    "【请填写】",
    "20__年",
    "（单位名称）",
)
_TWO_CJK = re.compile(f"[{CJK}]{{2}}")


def plant_placeholder(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Leave a template placeholder where two characters of real text were."""
    pick = _pick_match(material, _TWO_CJK, rng)
    if pick is None:
        return None
    i, t, m = pick
    ph = rng.choice(PLACEHOLDERS)
    new = t[: m.start()] + ph + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "residue", "placeholder", i, m.start(), m.start() + len(ph), ph
    )


# ---- punctuation -----------------------------------------------------------------

_HALF = {"，": ",", "：": ":", "；": ";", "？": "?", "！": "!", "。": "."}
_FULL_MARK = re.compile("[，：；？！。]")
_PAIRS = {"“": "”", "《": "》", "（": "）", "‘": "’", "【": "】"}


def plant_halfwidth(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Type a Chinese mark half-width (原因： → 原因:)."""
    pick = _pick_match(material, _FULL_MARK, rng)
    if pick is None:
        return None
    i, t, m = pick
    k = m.start()
    new = t[:k] + _HALF[t[k]] + t[k + 1 :]
    return with_block_text(material, i, new), Plant("punctuation", "halfwidth", i, k, k + 1, t[k])


def plant_unbalanced(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Drop one half of a pair of quotes, title marks or brackets."""
    spots = []
    for i, t in _body(material):
        stack: list[int] = []
        for k, c in enumerate(t):
            if c in _PAIRS:
                stack.append(k)
            elif stack and c == _PAIRS[t[stack[-1]]]:
                spots.append((i, t, stack.pop(), k))
    if not spots:
        return None
    i, t, a, b = rng.choice(spots)
    if rng.random() < 0.5:  # drop the closer: the opener is left alone
        new = t[:b] + t[b + 1 :]
        return with_block_text(material, i, new), Plant(
            "punctuation", "unbalanced", i, a, a + 1, t[a]
        )
    new = t[:a] + t[a + 1 :]
    return with_block_text(material, i, new), Plant("punctuation", "unbalanced", i, b - 1, b, t[b])


def plant_doubled_mark(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Type a comma or full stop twice."""
    pick = _pick_match(material, re.compile("[，。、；]"), rng)
    if pick is None:
        return None
    i, t, m = pick
    k = m.start()
    new = t[: k + 1] + t[k] + t[k + 1 :]
    return with_block_text(material, i, new), Plant("punctuation", "doubled", i, k, k + 2, t[k] * 2)


# ---- counts ----------------------------------------------------------------------

_COUNT = re.compile(
    "(?<=以下)([一二两三四五六七八九十])(?=个方面|方面|点|条|项|个)|([一二两三四五六七八九十])(?=个方面)"
)


def plant_count(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Change a count so it no longer matches its list (以下三个方面 → 以下四个方面)."""
    pick = _pick_match(material, _COUNT, rng)
    if pick is None:
        return None
    i, t, m = pick
    value = cn_int(m.group())
    if value is None:
        return None
    wrong = value + rng.choice([-1, 1]) if value > 2 else value + 1
    numeral = count_numeral(wrong, m.group())
    new = t[: m.start()] + numeral + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "counts", "count", i, m.start(), m.start() + len(numeral), f"{m.group()}→{numeral}"
    )


def plant_series(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Make an inline series skip or repeat (一是…二是…三是 → 一是…二是…四是)."""
    blocks = material.blocks()
    marks = [mk for s in find_series(blocks) if len(s.markers) >= 2 for mk in s.markers[1:]]
    if not marks:
        return None
    mk = rng.choice(marks)
    text = blocks[mk.block].text
    wrong = mk.value + 1 if rng.random() < 0.5 else mk.value - 1
    numeral = str(wrong) if mk.numeral.isdigit() else cn_str(wrong)
    if mk.style == "circled":
        numeral = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[wrong - 1]
    marker = text[mk.start : mk.end].replace(mk.numeral, numeral, 1)
    new = text[: mk.start] + marker + text[mk.end :]
    return with_block_text(material, mk.block, new), Plant(
        "counts", "series", mk.block, mk.start, mk.start + len(marker), marker
    )


def plant_item_number(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Make numbered items skip or repeat (（一）（二）（三） → （一）（二）（四）)."""
    spots = [
        (k, n)
        for k, s in enumerate(material.sections)
        if sum(1 for it in s.items if it.number) >= 2
        for n in range(1, len(s.items))
        if s.items[n].number and cn_int(s.items[n].number or "")
    ]
    if not spots:
        return None
    k, n = rng.choice(spots)
    m = copy.deepcopy(material)
    item = m.sections[k].items[n]
    value = cn_int(item.number or "") or 1
    wrong = value + 1 if rng.random() < 0.5 else value - 1
    item.number = str(wrong) if (item.number or "").isdigit() else cn_str(wrong)
    block = next(b for b in m.blocks() if b.section_index == k and b.item == n)
    return m, Plant("counts", "item_number", block.index, 0, len(block.text), item.number)


# ---- formulations ----------------------------------------------------------------

_WRONG_NAMES = {
    "以习近平同志为核心的党中央": "以习近平为核心的党中央",
    "习近平新时代中国特色社会主义思想": "习近平新时代中国特色社会主义理论",
    "中央八项规定": "中央八条规定",
    "党的二十大": "党的第二十大",
    "四个自信": "三个自信",
    "奢靡之风": "奢靡主义",
    "及其实施细则": "及实施细则",
}
_NAMES = re.compile("|".join(map(re.escape, _WRONG_NAMES)))


def plant_wrong_name(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Replace a fixed name by a known wrong variant (…思想 → …理论)."""
    pick = _pick_match(material, _NAMES, rng)
    if pick is None:
        return None
    i, t, m = pick
    wrong = _WRONG_NAMES[m.group()]
    new = t[: m.start()] + wrong + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "formulations", "name", i, m.start(), m.start() + len(wrong), wrong
    )


def _item_lists() -> list[list[str]]:
    from orglife.review.data import load

    return [f["items"] for f in load("formulations")["formulation"] if len(f["items"]) >= 3]


# Plausible wrong words a drafter puts in an item's place.
DECOYS: dict[str, tuple[str, ...]] = {
    "意识": ("责任意识", "忧患意识", "服务意识", "宗旨意识"),
    "自信": ("历史自信", "民族自信", "文明自信"),
    "力": ("政治鉴别力", "政治把握力", "政治洞察力"),
    "主义": ("拜金主义", "本位主义", "个人主义"),
    "之风": ("奢侈之风", "浮夸之风"),
    "腐": ("不愿腐", "不必腐"),
    "建设": ("党的建设", "思想建设", "组织建设"),
    "以学": ("以学明理", "以学促行", "以学固本"),
}


def _decoy(item: str, rng: random.Random) -> str | None:
    for key, words in DECOYS.items():
        if item.endswith(key) or item.startswith(key):
            return rng.choice(words)
    return None


def plant_item_substitute(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Put a plausible wrong word in one item's place (政治意识、大局意识、责任意识、看齐意识)."""
    spots = []
    for items in _item_lists():
        pattern = re.compile("|".join(map(re.escape, ["、".join(items)])))
        for i, t in _body(material):
            for m in pattern.finditer(t):
                for k, item in enumerate(items):
                    if _decoy(item, rng):
                        spots.append((i, t, m, items, k))
    if not spots:
        return None
    i, t, m, items, k = rng.choice(spots)
    words = list(items)
    words[k] = _decoy(words[k], rng) or words[k]
    joined = "、".join(words)
    new = t[: m.start()] + joined + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "formulations", "substitute", i, m.start(), m.start() + len(joined), words[k]
    )


def plant_item_order(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Swap two neighbouring items of a spelled-out formulation, or drop one."""
    spots = []
    for items in _item_lists():
        pattern = re.compile("(" + ")(、|，|和)(".join(map(re.escape, items)) + ")")
        for i, t in _body(material):
            for m in pattern.finditer(t):
                spots.append((i, t, m, items))
    if not spots:
        return None
    i, t, m, items = rng.choice(spots)
    parts = [m.group(k + 1) for k in range(2 * len(items) - 1)]
    words, seps = parts[0::2], parts[1::2]
    if rng.random() < 0.5:
        j = rng.randrange(len(words) - 1)
        words[j], words[j + 1] = words[j + 1], words[j]
        kind = "order"
    else:
        j = rng.randrange(len(words))
        del words[j]
        del seps[min(j, len(seps) - 1)]
        kind = "missing"
    joined = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    new = t[: m.start()] + joined + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "formulations", kind, i, m.start(), m.start() + len(joined), joined
    )


# ---- structure -------------------------------------------------------------------


def plant_drop_section(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Leave out a section the meeting requires (原因分析, 整改措施, …)."""
    required = {"problems", "causes", "measures"}
    spots = [k for k, s in enumerate(material.sections) if s.role in required]
    if len(spots) < 2 or material.kind not in ("branch", "individual"):
        return None  # (dropping a material's only part leaves no material to judge)
    if not _is_material(material):
        return None
    m = copy.deepcopy(material)
    gone = m.sections.pop(rng.choice(spots))
    return m, Plant("structure", "drop_section", 0, 0, 0, gone.heading)


def plant_empty_section(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Leave a section's heading with nothing under it."""
    if not material.sections or not _is_material(material):
        return None
    m = copy.deepcopy(material)
    k = rng.randrange(len(m.sections))
    s = m.sections[k]
    s.paragraphs = []
    s.items = []
    s.run_in = False
    block = next(b for b in m.blocks() if b.section_index == k and b.kind == "section_heading")
    return m, Plant("structure", "empty_section", block.index, 0, len(block.text), s.heading)


def plant_drop_aspect(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Leave one of the required aspects (廉洁自律 …) out of the problems."""
    if "主题教育" not in material.title:
        return None
    k = next((k for k, s in enumerate(material.sections) if s.role == "problems"), None)
    if k is None or len(material.sections[k].items) < 6:
        return None
    m = copy.deepcopy(material)
    items = m.sections[k].items
    gone = items.pop(rng.randrange(len(items)))
    for n, it in enumerate(items):  # renumber, so only the aspect is missing
        if it.number and it.number.isdigit():
            it.number = str(n + 1)
        elif it.number:
            it.number = cn_str(n + 1)
    block = next(b for b in m.blocks() if b.section_index == k and b.kind == "section_heading")
    return m, Plant("structure", "drop_aspect", block.index, 0, len(block.text), gone.heading)


# ---- wording ---------------------------------------------------------------------

_DE_AS_DI = re.compile(
    f"(?<=缺乏|缺少|进行|开展|作出|做出|给予)[{CJK}]{{2,4}}?(的)(?=[{CJK}]{{2}})"
)
_DI_AS_DE = re.compile(f"(?<=[{CJK}]{{2}})(地)(?=[把将])")
_DE_AS_DE = re.compile(
    "(?<=[做学干抓想看讲写办管谋悟读])(得)(?=不够|不太|很|非常|不深|不透|不实|不细|不紧|不多)"
)


def plant_de_di(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Swap 的/地/得 in a clear pattern (进行深入的研究 → 进行深入地研究, 悟得不透 → 悟的不透)."""
    spots = [("地", i, t, m) for i, t in _body(material) for m in _DE_AS_DI.finditer(t)]
    spots += [("的", i, t, m) for i, t in _body(material) for m in _DI_AS_DE.finditer(t)]
    spots += [("的", i, t, m) for i, t in _body(material) for m in _DE_AS_DE.finditer(t)]
    if not spots:
        return None
    to, i, t, m = rng.choice(spots)
    k = m.start(1)
    new = t[:k] + to + t[k + 1 :]
    return with_block_text(material, i, new), Plant("wording", "de_di", i, k, k + 1, to)


# ---- typos -----------------------------------------------------------------------

_COMMA = re.compile(f"(?<=[{CJK}])，(?=[{CJK}])")


def _insert_at_comma(
    material: Material, rng: random.Random, phrase: str
) -> tuple[Material, int, int] | None:
    """Insert ``phrase`` as a clause of its own after a comma; (material, block, start)."""
    pick = _pick_match(material, _COMMA, rng)
    if pick is None:
        return None
    i, t, m = pick
    k = m.end()
    new = t[:k] + phrase + "，" + t[k:]
    return with_block_text(material, i, new), i, k


def plant_typo(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """A wrong form of the confusion set: 部署 → 布署, or the wrong form put in a clause."""
    from orglife.review.data import load

    pairs = [(w, r) for w, r, _ in load("typos")["pair"]]
    present = [(w, r) for w, r in pairs if any(r in t for _, t in _body(material))]
    if present and rng.random() < 0.7:
        wrong, right = rng.choice(present)
        i, t, m = _pick_match(material, re.compile(re.escape(right)), rng)  # type: ignore[misc]
        new = t[: m.start()] + wrong + t[m.end() :]
        return with_block_text(material, i, new), Plant(
            "typos", "confusion", i, m.start(), m.start() + len(wrong), wrong
        )
    wrong, _ = rng.choice(pairs)
    done = _insert_at_comma(material, rng, f"坚持{wrong}")
    if done is None:
        return None
    new_m, i, k = done
    return new_m, Plant("typos", "confusion", i, k + 2, k + 2 + len(wrong), wrong)


def plant_dropped_char(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """A four-character set phrase with its last character dropped, as a clause: 久久为，."""
    from orglife.review import segment
    from orglife.review.data import load

    while True:  # 凝心聚力 without 心 is 凝聚力, a word: no slip to find
        phrase = rng.choice(load("typos")["idioms"])
        k = rng.choice([1, 2, 3])
        rest = phrase[:k] + phrase[k + 1 :]
        if not segment.freq(rest):
            break
    done = _insert_at_comma(material, rng, rest)
    if done is None:
        return None
    new_m, i, at = done
    return new_m, Plant("typos", "dropped", i, at, at + len(rest), f"{phrase}→{rest}")


# ---- numbered formulations and exact names --------------------------------------

_NUMERALS = "两三四五六七八九十"
_DECOY_CHARS = "定认立护识信面代确务明结局"


def _changed_name(rng: random.Random) -> str:
    from orglife.review.data import load

    known = {n["name"] for n in load("numbered")["name"]}
    names = [n["name"] for n in load("numbered")["name"] if n.get("protected")]
    while True:  # a change that lands on another real name (三个务必 → 两个务必) is no defect
        name = rng.choice([n for n in names if n[0] in "一" + _NUMERALS])
        if rng.random() < 0.5:
            wrong = rng.choice([c for c in _NUMERALS if c != name[0]]) + name[1:]
        else:
            k = len(name) - 1
            wrong = name[:k] + rng.choice([c for c in _DECOY_CHARS if c != name[k]])
        if wrong not in known:
            return wrong


def plant_numbered(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """A numbered formulation with its number or a word changed: “三个意识”, “两个确定”."""
    wrong = _changed_name(rng)
    done = _insert_at_comma(material, rng, f"增强“{wrong}”")
    if done is None:
        return None
    new_m, i, k = done
    return new_m, Plant("formulations", "numbered", i, k + 3, k + 3 + len(wrong), wrong)


_EXACT_WRONG = (
    "习近平新时代特色社会主义思想",
    "习近平新世代中国特色社会主义思想",
    "习近平新时代中国特色社会思想",
    "二十大三中全会",
    "十九大四中全会",
    "《中国共产党纪律处份条例》",
    "《关于新形势下党内政治生活的若干规则》",
)


def plant_exact_name(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """A name that must be exact, written wrong: 习近平新时代特色社会主义思想, 二十大三中全会."""
    wrong = rng.choice(_EXACT_WRONG)
    done = _insert_at_comma(material, rng, f"学习{wrong}")
    if done is None:
        return None
    new_m, i, k = done
    return new_m, Plant("formulations", "exact", i, k + 2, k + 2 + len(wrong), wrong)


# ---- punctuation and residue of issue 14 ----------------------------------------------


def plant_reversed_quotes(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Type every double quote of a paragraph backwards: ”四个意识“."""
    spots = [
        (i, t)
        for i, t in _body(material)
        if t.count("“") == t.count("”") > 0 and re.fullmatch("(?:[^“”]*“[^“”]*”)*[^“”]*", t)
    ]
    if not spots:
        pick = _pick_match(material, _TWO_CJK, rng)
        if pick is None:
            return None
        i, t, m = pick
        new = t[: m.start()] + "”" + m.group() + "“" + t[m.end() :]
        return with_block_text(material, i, new), Plant(
            "punctuation", "reversed", i, m.start(), m.start() + 4, new[m.start() : m.start() + 4]
        )
    i, t = rng.choice(spots)
    new = t.translate(str.maketrans("“”", "”“"))
    a = new.index("”")
    return with_block_text(material, i, new), Plant("punctuation", "reversed", i, a, a + 1, "”")


_SINGLE_PLACEHOLDERS = ("星期x", "〔*〕", "20*年", "*年度", "第X次", "x名")


def plant_single_placeholder(
    material: Material, rng: random.Random
) -> tuple[Material, Plant] | None:
    """A single * × x X left for a number or name: 星期x, 〔*〕, 20*年."""
    pick = _pick_match(material, _TWO_CJK, rng)
    if pick is None:
        return None
    i, t, m = pick
    ph = rng.choice(_SINGLE_PLACEHOLDERS)
    new = t[: m.start()] + ph + t[m.end() :]
    return with_block_text(material, i, new), Plant(
        "residue", "single", i, m.start(), m.start() + len(ph), ph
    )


# ---- substance ---------------------------------------------------------------------


def _is_material(material: Material) -> bool:
    from orglife.review.kinds import detect_kind

    return detect_kind(material).is_material


def plant_vague(material: Material, rng: random.Random) -> tuple[Material, Plant] | None:
    """Rewrite one problem in stock phrases only, with no example: 大而化之."""
    from orglife.review.data import load

    if not _is_material(material):
        return None
    k = next((k for k, s in enumerate(material.sections) if s.role == "problems"), None)
    if k is None:
        return None
    stock = [w for w in load("substance")["stock"] if len(w) >= 4]
    clauses = [
        "理论学习" + rng.choice(stock),
        "学用结合" + rng.choice(stock),
        "联系实际不够紧密",
        "宗旨意识" + rng.choice(stock),
        "工作主动性、创造性有待提升",
        "攻坚克难的精神" + rng.choice(stock),
        "调查研究不够经常",
    ]
    rng.shuffle(clauses)
    text = "，".join(clauses) + "。"
    m = copy.deepcopy(material)
    section = m.sections[k]
    if section.items:
        n = rng.randrange(len(section.items))
        section.items[n].paragraphs = [text]
        section.items[n].run_in = False
        block = next(b for b in m.blocks() if b.section_index == k and b.item == n)
    else:
        section.paragraphs = [text]
        block = next(b for b in m.blocks() if b.section_index == k and b.kind == "paragraph")
    return m, Plant("substance", "vague", block.index, 0, len(block.text), text[:12])


Planter = Callable[[Material, random.Random], "tuple[Material, Plant] | None"]

PLANTERS: dict[str, list[Planter]] = {
    "counts": [plant_count, plant_series, plant_item_number],
    "doubles": [plant_double],
    "typos": [plant_typo, plant_dropped_char],
    "residue": [plant_placeholder, plant_single_placeholder],
    "punctuation": [plant_halfwidth, plant_unbalanced, plant_doubled_mark, plant_reversed_quotes],
    "formulations": [
        plant_wrong_name,
        plant_item_order,
        plant_item_substitute,
        plant_numbered,
        plant_exact_name,
    ],
    "structure": [plant_drop_section, plant_empty_section, plant_drop_aspect],
    "wording": [plant_de_di],
    "substance": [plant_vague],
}


# ---- heading numbers (text level: the Material does not keep how numbers were written) --

_HEADING_SWAPS = (
    (re.compile(r"^（([一二三四五六七八九十]{1,3})）"), r"(\1)"),
    (re.compile(r"^(\d{1,2})\.(?!\d)"), r"\1、"),
    (re.compile(r"^(\d{1,2})、"), r"\1."),
    (re.compile(r"^([一二三四五六七八九十]{1,3})、"), r"\1．"),
)


def plant_heading_style(text: str, rng: random.Random) -> tuple[str, int] | None:
    """Write one heading number another way ((一) for （一）, 1、 for 1.); returns the new
    text and the line number changed."""
    lines = text.splitlines()
    spots = [
        (n, pattern, repl)
        for n, line in enumerate(lines)
        for pattern, repl in _HEADING_SWAPS
        if pattern.match(line)
    ]
    if not spots:
        return None
    n, pattern, repl = rng.choice(spots)
    lines[n] = pattern.sub(repl, lines[n], count=1)
    return "\n".join(lines) + "\n", n
