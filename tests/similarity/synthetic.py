"""Synthetic self-inspection materials with planted copies (tests and benchmarks only).

A corpus of ``n`` materials of about 3,000 characters. Each has the boilerplate real
materials share — a title, the theme preamble, the seven section headings, a template
sentence most of them copy (learned as boilerplate by document frequency) — and a body
of sentences drawn from a vocabulary of the seed material's words (``vocab.txt``,
weighted by frequency; ``vocab.txt`` beside this file), with a few *stock sentences* that circulate among a handful of
materials (shared, but mostly too short to be a copied passage: the rare one of 50
characters or more *is* a shared passage, is reported, and counts against precision in
the benchmark, since it was not planted). Unrelated materials are
therefore alike in everything but content, as real ones are.

Planted pairs ``(base, copy, kind)``:

* ``whole``     — the base's body unchanged (the frame around it drawn anew);
* ``light``     — the base with a word changed in a third of its sentences;
* ``rewrite20`` — the base with 20% of its sentences rewritten;
* ``half``      — a new material whose first half of body paragraphs is the base's;
* ``paragraph`` — a new material with one body paragraph (~10%) taken from the base.

Every text is a pure function of ``(seed, doc number)``: ``text(i)`` can be called at
any time, in any process, so a benchmark of 100,000 materials never holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

KINDS = ("whole", "light", "rewrite20", "half", "paragraph")

_HEADINGS = (
    "一、上一次组织生活会问题整改落实情况",
    "二、会前准备情况",
    "三、存在的问题与不足",
    "四、典型案例剖析情况",
    "五、树立和践行正确政绩观和基层治理检视剖析",
    "六、原因分析",
    "七、整改措施和努力方向",
)
_PREAMBLE = (
    "根据学习贯彻习近平新时代中国特色社会主义思想主题教育总体部署，今天我们召开主题教育专题组织生活会。"
    "本次组织生活会的主题是：学习贯彻习近平新时代中国特色社会主义思想，聚焦学思想、强党性、重实践、"
    "建新功总要求，对照凝心铸魂筑牢根本、锤炼品格强化忠诚、实干担当促进发展、践行宗旨为民造福、"
    "廉洁奉公树立新风具体目标，深入学习领悟以学铸魂、以学增智、以学正风、以学促干的丰富内涵和实践要求，"
    "通过开展批评和自我批评，检视问题抓好整改，推动形成统一思想、统一意志、统一行动，"
    "坚定拥护“两个确立”、坚决做到“两个维护”。"
)
# Not in the phrase list: a template sentence most materials copy; only document
# frequency can tell it is boilerplate.
TEMPLATE_SENTENCE = (
    "针对上一次组织生活会查摆出来的问题，支部班子注重在理论武装中磨砺思想品质、"
    "在组织生活中锤炼党性修养、在工作实践中锻炼能力素质，问题基本得到整改落实。"
)
_FUNCTION = ("的", "和", "在", "中", "对", "是", "了", "与", "把", "将", "还", "有", "为", "上")
_BODY_PARAGRAPHS = 10
_SENTENCES_PER_PARAGRAPH = (6, 11)


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, ...], np.ndarray]:
    """Words of the seed material and their sampling weights."""
    text = (Path(__file__).parent / "vocab.txt").read_text("utf-8")
    words, counts = [], []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        w, c = line.split()
        words.append(w)
        counts.append(float(c))
    weights = np.sqrt(np.asarray(counts))  # flatter than the seed: more varied texts
    return tuple(words), weights / weights.sum()


Doc = list[list[str]]  # paragraphs of sentences


@dataclass(frozen=True)
class Plant:
    base: int
    copy: int
    kind: str


class SyntheticCorpus:
    """``n`` materials; ``text(i)`` is deterministic; ``plants`` lists the copies."""

    def __init__(self, n: int, seed: int = 0, planted_share: float = 0.4) -> None:
        self.n = n
        self.seed = seed
        rng = np.random.default_rng([seed, 0])
        per_kind = int(n * planted_share / 2 / len(KINDS))
        order = rng.permutation(n)
        self._role: dict[int, tuple[str, int]] = {}
        plants = []
        j = 0
        for kind in KINDS:
            for _ in range(per_kind):
                base, copy = int(order[j]), int(order[j + 1])
                j += 2
                self._role[copy] = (kind, base)
                plants.append(Plant(base, copy, kind))
        self.plants: tuple[Plant, ...] = tuple(plants)
        words, p = vocabulary()
        self._words = list(words)
        self._p = p
        self._cdf = np.minimum(np.cumsum(p), 1.0)
        self._cdf[-1] = 1.0
        # stock sentences: a pool about as large as the corpus, four per material, so
        # each is shared by a handful of materials at every corpus size
        self._n_stock = max(50, n // 2)

    def doc_id(self, i: int) -> str:
        """The id of material ``i`` (zero-padded so ids sort like numbers)."""
        return f"m{i:07d}"

    def _rng(self, *key: int) -> np.random.Generator:
        return np.random.default_rng([self.seed, *key])

    def _sentences(self, rng: np.random.Generator, count: int) -> list[str]:
        """``count`` random sentences, drawn in a few vector calls (generation speed
        decides how long a 100,000-material benchmark takes)."""
        lengths = rng.integers(7, 15, size=count)
        total = int(lengths.sum())
        words = np.searchsorted(self._cdf, rng.random(total)).tolist()
        extra = (rng.random(total) < 0.25).tolist()
        fn = rng.integers(len(_FUNCTION), size=total).tolist()
        commas = rng.integers(3, lengths[:, None], size=(count, 2)).tolist()
        out: list[str] = []
        at = 0
        for n, cm in zip(lengths.tolist(), commas, strict=True):
            parts: list[str] = []
            for j in range(n):
                if j in cm:
                    parts.append("，")
                parts.append(self._words[words[at + j]])
                if extra[at + j]:
                    parts.append(_FUNCTION[fn[at + j]])
            parts.append("。")
            out.append("".join(parts))
            at += n
        return out

    def _sentence(self, rng: np.random.Generator) -> str:
        return self._sentences(rng, 1)[0]

    def stock_sentence(self, s: int) -> str:
        """Stock sentence ``s`` of the pool (shared by a few materials)."""
        return self._sentence(self._rng(2, s))

    def _fresh(self, i: int) -> Doc:
        rng = self._rng(1, i)
        body: Doc = []
        counts = rng.integers(*_SENTENCES_PER_PARAGRAPH, size=_BODY_PARAGRAPHS).tolist()
        sentences = self._sentences(rng, sum(counts))
        at = 0
        for n in counts:
            body.append(sentences[at : at + n])
            at += n
        for _ in range(4):
            para = body[int(rng.integers(len(body)))]
            para.insert(
                int(rng.integers(len(para) + 1)),
                self.stock_sentence(int(rng.integers(self._n_stock))),
            )
        return body

    def _body(self, i: int) -> Doc:
        role = self._role.get(i)
        if role is None:
            return self._fresh(i)
        kind, base = role
        src = self._fresh(base)
        rng = self._rng(3, i)
        if kind == "whole":
            return src
        if kind == "light":
            out = []
            for para in src:
                new = []
                for s in para:
                    if rng.random() < 0.33 and len(s) > 6:
                        cut = int(rng.integers(1, len(s) - 3))
                        word = self._words[int(np.searchsorted(self._cdf, rng.random()))]
                        s = s[:cut] + word + s[cut + 2 :]
                    new.append(s)
                out.append(new)
            return out
        if kind == "rewrite20":
            out = [list(p) for p in src]
            slots = [(a, b) for a, p in enumerate(out) for b in range(len(p))]
            for k in rng.choice(len(slots), size=max(1, len(slots) // 5), replace=False).tolist():
                a, b = slots[k]
                out[a][b] = self._sentence(rng)
            return out
        own = self._fresh(i)
        if kind == "half":
            half = len(own) // 2
            return src[:half] + own[half:]
        # paragraph: one of the base's body paragraphs replaces one of this material's
        out = [list(p) for p in own]
        out[int(rng.integers(len(out)))] = list(src[int(rng.integers(len(src)))])
        return out

    def text(self, i: int) -> str:
        """The full text of material ``i``."""
        rng = self._rng(4, i)
        kind = "党支部" if rng.random() < 0.5 else "个人"
        body = self._body(i)
        lines = [f"2023年主题教育专题组织生活会{kind}对照检查材料", _PREAMBLE]
        per_section = [1, 1, 3, 1, 1, 1, 2]
        b = 0
        for h, count in zip(_HEADINGS, per_section, strict=True):
            lines.append(h)
            if h.startswith("一") and rng.random() < 0.7:
                lines.append(TEMPLATE_SENTENCE)
            for _ in range(count):
                if b < len(body):
                    lines.append("".join(body[b]))
                    b += 1
        lines.extend("".join(p) for p in body[b:])
        return "\n".join(lines)

    def texts(self) -> dict[str, str]:
        """All texts by id (small corpora only)."""
        return {self.doc_id(i): self.text(i) for i in range(self.n)}

    def truth(self) -> dict[tuple[str, str], str]:
        """Planted pairs as ``(id, id)`` sorted, mapped to their kind."""
        out = {}
        for p in self.plants:
            a, b = sorted((self.doc_id(p.base), self.doc_id(p.copy)))
            out[(a, b)] = p.kind
        return out
