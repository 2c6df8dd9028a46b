"""The similarity benchmark runs end to end at a small size (no timing asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_similarity.py"


def test_it_runs_the_benchmark_in_smoke_mode_beside_both_baselines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("bench_similarity", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_similarity", bench)  # dataclasses look it up
    spec.loader.exec_module(bench)
    assert bench.main(["--smoke"]) == 0
    out = capsys.readouterr().out
    rows: dict[str, str] = {}
    for line in out.splitlines():
        if line.strip():
            rows.setdefault(line.split()[0], line)  # the table's row comes first
    for method in ("orglife", "rensa", "datasketch"):
        assert method in rows
    # orglife finds every planted copy, of every kind, in batch and as uploads arrive
    assert rows["orglife"].count("100.0%") >= len(bench.KINDS)
    [interactive] = [ln for ln in out.splitlines() if ln.split()[:2] == ["orglife", "whole"]]
    assert all(f"{k} 100%" in interactive for k in bench.KINDS)
    assert "rensa / orglife (>1: orglife faster): batch wall" in out and "query p50" in out
