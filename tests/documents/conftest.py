"""Shared helpers for the documents tests: the seed and the fixture corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seeds" / "2023-branch-self-inspection.txt"
CORPUS = ROOT / "tests" / "fixtures" / "materials"


def seed_path() -> Path:
    """The seed material; a copy lives in the corpus so the tests run anywhere."""
    copy = CORPUS / "seed-2023-branch.txt"
    return copy if copy.exists() else SEED


@pytest.fixture
def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")
