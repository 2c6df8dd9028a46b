"""Shared material for the similarity tests: the seed and unrelated synthetic texts."""

from __future__ import annotations

from pathlib import Path

from tests.similarity.synthetic import SyntheticCorpus

SEED_PATH = (
    Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"
)
SEED = SEED_PATH.read_text(encoding="utf-8")
SEED_PARAGRAPHS = [p for p in SEED.split("\n") if p.strip()]

# the seed's preamble: the theme sentence and the procedure formula every material opens with
PREAMBLE = "\n".join(SEED_PARAGRAPHS[1:3])
FORMULATIONS = (
    "深刻领悟了“两个确立”的决定性意义，增强了“四个意识”，坚定了“四个自信”，做到了“两个维护”，"
    "在思想上和行动上始终同以习近平同志为核心的党中央保持高度一致。"
)

_corpus = SyntheticCorpus(40, seed=7, planted_share=0.0)  # nothing planted: all unrelated


def unrelated(i: int) -> str:
    """Body text of synthetic material ``i`` (headings and preamble stripped): a few
    thousand characters that share no passage with any other ``unrelated(j)``."""
    lines = _corpus.text(i).split("\n")
    return "\n".join(ln for ln in lines[2:] if len(ln) > 60 and "上一次组织生活会查摆" not in ln)


def long_paragraph() -> str:
    """The seed's longest paragraph (section 四's typical case, ~1,500 characters)."""
    return max(SEED_PARAGRAPHS, key=len)


def mid_paragraph() -> str:
    """A seed paragraph of a few hundred characters (理论学习方面)."""
    return next(p for p in SEED_PARAGRAPHS if p.startswith("理论学习不够全面透彻"))
