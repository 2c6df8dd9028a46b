"""Shared helpers of the contract suite: the seed, the CLI, a media root.

These tests exercise docs/contracts.md's contracts from outside, as the benchmarks and the
hidden tests do: the command through its entry point (in this process for the pure
subcommands, one test each through ``python -m orglife``), the API through the HTTP client,
never through services.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import traceback
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


# The subcommands that need no Django: run in this process (a subprocess would only add the
# interpreter's start-up). The others load their own settings and database, as a user's do.
IN_PROCESS = {"parse", "check", "render", "similar"}


def orglife(
    *args: str | os.PathLike, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> Run:
    """Run ``orglife`` (``env`` values of None unset a variable): ``orglife.cli.main`` in this
    process for the pure subcommands, a subprocess for the Django ones."""
    argv = [str(a) for a in args]
    if argv and argv[0] in IN_PROCESS:
        return orglife_in_process(argv, cwd=cwd, env=env)
    return orglife_process(*argv, cwd=cwd, env=env)


def orglife_in_process(
    argv: list[str], cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> Run:
    """``orglife.cli.main(argv)`` with its stdout, stderr (log lines included, at the level
    the command sets up for itself) and exit code, as the process would give them."""
    from orglife.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved_env = {k: os.environ.get(k) for k in (env or {})}
    saved_cwd = os.getcwd()
    log_handler = logging.StreamHandler(err)
    log_handler.setLevel(os.environ.get("ORGLIFE_LOG_LEVEL", "WARNING"))
    root = logging.getLogger()
    try:
        _set_env(env or {})
        if cwd is not None:
            os.chdir(cwd)
        root.addHandler(log_handler)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # what the interpreter would print, and its exit code
                traceback.print_exc()
                code = 1
    finally:
        root.removeHandler(log_handler)
        os.chdir(saved_cwd)
        _set_env(saved_env)
    return Run(code, out.getvalue(), err.getvalue())


def _set_env(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def orglife_process(
    *args: str | os.PathLike, cwd: Path | None = None, env: dict[str, str | None] | None = None
) -> Run:
    """Run ``orglife`` as a user would, through ``python -m orglife``: with the default
    settings, not the test settings pytest put in the environment."""
    full_env = {
        **os.environ,
        "PYTHONIOENCODING": "utf-8",
        "DJANGO_SETTINGS_MODULE": None,
        **(env or {}),
    }
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
