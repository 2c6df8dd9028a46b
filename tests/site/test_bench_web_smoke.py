"""benchmarks/bench_web.py at a tiny size: generates, serves with gunicorn, puts every page
under load with locust and prints the table (no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_web.py"


def test_it_runs_the_web_benchmark_in_smoke_mode(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["TMPDIR"] = str(tmp_path)  # its database lives in a temporary directory under here
    r = subprocess.run(
        [sys.executable, str(BENCH), "--smoke", "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout
    for page in ("/healthz", "/ledger/", "/api/ledger/items", "/review/materials/", "/orgs/"):
        assert f"\n{page} " in out or f"\n{page}?" in out
    assert "p95 / healthz" in out and "queries" in out
    assert "no request reached" not in out  # locust opened every page
    assert "worker memory (RSS, MiB, per worker): first" in out
