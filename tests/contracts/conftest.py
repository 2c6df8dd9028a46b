"""Shared helpers of the contract suite: the seed, the CLI through a subprocess, a media root.

These tests exercise docs/contracts.md's contracts from outside, as the benchmarks and the
hidden tests do: the command through ``python -m orglife``, the API through the HTTP
client, never through services.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "src" / "orglife" / "site" / "data" / "2023-branch-self-inspection.txt"

FINDING_KEYS = [
    "file",
    "rule",
    "severity",
    "message",
    "suggestion",
    "section",
    "paragraph",
    "start",
    "end",
    "excerpt",
]
SEVERITIES = {"error", "warning", "info"}
ROLES = {
    "previous_rectification",
    "preparation",
    "problems",
    "case_analysis",
    "governance_review",
    "causes",
    "measures",
    "other",
}
ASPECTS = {
    "theory_study",
    "political_quality",
    "capability",
    "responsibility",
    "work_style",
    "integrity",
}

# A short material with nothing a reviewer would send back.
CLEAN_TEXT = (
    "关于开展学习的情况报告\n\n一、学习情况\n\n支部全体党员认真学习了有关文件，取得了较好效果。\n"
)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def orglife(
    *args: str | os.PathLike, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> Run:
    """Run ``orglife`` as a user would (``env`` values of None unset a variable)."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full_env = {k: v for k, v in full_env.items() if v is not None}
    p = subprocess.run(
        [sys.executable, "-m", "orglife", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=full_env,
        timeout=300,  # a safety net against a hang, not a measured claim
    )
    return Run(p.returncode, p.stdout, p.stderr)


def assert_bad_input(run: Run) -> None:
    """Exit 2, one clear Chinese+English line on stderr, no traceback."""
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err, run.err
    lines = [x for x in run.err.splitlines() if x.strip()]
    assert len(lines) == 1, run.err
    line = lines[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line), line
    assert any("a" <= ch.lower() <= "z" for ch in line), line


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files go to a temporary media root."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
