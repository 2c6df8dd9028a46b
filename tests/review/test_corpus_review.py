"""The review corpus (tests/fixtures/corpus, paraphrases of real texts): kinds as labelled,
no false errors.

Labels live in tests/fixtures/corpus/manifest.toml: every finding a reviewer agrees with,
per text. An error-level finding that is not labelled is a false error, and a reviewer who
meets one stops trusting all of them.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from orglife.documents.parse import parse_file
from orglife.review.engine import check_text, review_material
from orglife.review.kinds import KINDS

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
MANIFEST = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["text"]
IDS = [t["file"] for t in MANIFEST]


def test_the_corpus_has_every_kind_three_times_and_names_its_sources() -> None:
    assert len(MANIFEST) >= 25
    assert {t["file"] for t in MANIFEST} == {p.name for p in CORPUS.glob("*.txt")}
    kinds = Counter(t["kind"] for t in MANIFEST)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 3
    for t in MANIFEST:
        assert t["source"] and (t["synthetic"] or t["source"].startswith(("http", "the project")))
        # A public page's text may not be copied verbatim: only a paraphrase of it is kept.
        assert not t["source"].startswith("http") or t.get("derived") == "paraphrase", t["file"]


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_it_detects_the_kind_as_labelled(entry: dict) -> None:
    kind = review_material(parse_file(CORPUS / entry["file"])).kind
    assert kind.kind == entry["kind"], kind.reason
    assert 0 < kind.confidence <= 1


@pytest.mark.parametrize("entry", MANIFEST, ids=IDS)
def test_it_raises_no_false_error_and_finds_the_labelled_ones(entry: dict) -> None:
    text = (CORPUS / entry["file"]).read_text(encoding="utf-8")
    from orglife.documents.parse import parse_text

    blocks = parse_text(text).blocks()
    got = {
        (f.rule, blocks[f.paragraph].text[f.start : f.end], f.severity) for f in check_text(text)
    }
    expected = {tuple(e) for e in entry["expected"]}
    false_errors = {g for g in got - expected if g[2] == "error"}
    assert not false_errors
    assert {e for e in expected if e[2] == "error"} <= got
