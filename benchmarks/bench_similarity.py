"""Copy detection: orglife.similarity beside rensa and datasketch (MinHash + LSH).

    python benchmarks/bench_similarity.py               # N = 20,000 (a few minutes)
    python benchmarks/bench_similarity.py --n 100000    # the province-scale run
    python benchmarks/bench_similarity.py --smoke       # 600 materials, seconds (run by a test)

One synthetic corpus (``tests/similarity/synthetic.py``: ~3,000 characters per material,
shared boilerplate, stock sentences, planted copies of five kinds) is generated once and
handed to each method, which runs in its own process (``ru_maxrss`` is its own peak) and
does the same two things:

* **interactive** — the index holds every material but ``--queries`` held-out ones (half
  of them planted copies, half unrelated); each held-out material is then checked
  against everything stored (timed: one new material against the corpus, the upload
  case) and stored (timed apart). Recall: the share of held-out copies whose source is
  reported.
* **batch** — the time to index all N materials (the adds above) plus finding every
  pair among them; recall per planted kind and precision (share of reported pairs that
  were planted) over all pairs.

orglife reports passages with exact offsets and text (it is given the stored texts, as
the web app has them); the baselines only say "similar". Baselines: character 5-gram
shingles (letters and digits), MinHash with 128 permutations, LSH at threshold 0.5; a
pair is an LSH candidate whose estimated Jaccard reaches the threshold (rensa:
``RMinHash`` + ``RMinHashLSH`` with 16 bands; datasketch: ``MinHash`` + ``MinHashLSH``).
Text generation is outside every timing. Ratios are baseline time / orglife time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the synthetic corpus lives with the tests

from tests.similarity.synthetic import KINDS, SyntheticCorpus  # noqa: E402

SHINGLE = 5
NUM_PERM = 128


@dataclass
class Plan:
    """What every method is given: the texts, ids, and which ones are held out."""

    ids: list[str]
    texts: list[str]
    held_out: list[int]  # checked one at a time, then stored
    sources: dict[int, int]  # held-out copy -> its planted source
    truth: dict[tuple[str, str], str]  # planted pair (sorted ids) -> kind

    @property
    def stored_first(self) -> list[int]:
        out = set(self.held_out)
        return [i for i in range(len(self.ids)) if i not in out]


def make_plan(n: int, seed: int, queries: int) -> Plan:
    corpus = SyntheticCorpus(n, seed)
    rng = np.random.default_rng([seed, 99])
    by_kind: dict[str, list[tuple[int, int]]] = {k: [] for k in KINDS}
    for p in corpus.plants:
        by_kind[p.kind].append((p.copy, p.base))
    copies: dict[int, int] = {}
    per_kind = max(1, queries // 2 // len(KINDS))
    for k in KINDS:
        pick = rng.permutation(len(by_kind[k]))[:per_kind].tolist()
        copies.update(by_kind[k][j] for j in pick)
    planted = {p.base for p in corpus.plants} | {p.copy for p in corpus.plants}
    free = [i for i in rng.permutation(n).tolist() if i not in planted]
    held = sorted(copies) + free[: max(0, queries - len(copies))]
    order = rng.permutation(len(held)).tolist()  # uploads arrive in no particular order
    return Plan(
        ids=[corpus.doc_id(i) for i in range(n)],
        texts=[corpus.text(i) for i in range(n)],
        held_out=[held[j] for j in order],
        sources=copies,
        truth=corpus.truth(),
    )


def kind_of(plan: Plan, i: int) -> str:
    a, b = sorted((plan.ids[i], plan.ids[plan.sources[i]]))
    return plan.truth[(a, b)]


def evaluate(plan: Plan, found: Iterable[tuple[str, str]]) -> dict[str, object]:
    pairs = {tuple(sorted(p)) for p in found}
    hit = Counter(plan.truth[p] for p in pairs if p in plan.truth)
    total = Counter(plan.truth.values())
    tp = sum(hit.values())
    return {
        "reported": len(pairs),
        "precision": tp / len(pairs) if pairs else 1.0,
        "recall": {k: hit[k] / total[k] if total[k] else 1.0 for k in KINDS},
    }


class Method:
    """One method under test: ``add`` stores, ``query`` checks one new text (ids of the
    stored materials reported), ``pairs`` finds every pair among the stored ones."""

    def add(self, i: int) -> None:
        raise NotImplementedError

    def query(self, i: int) -> set[str]:
        raise NotImplementedError

    def pairs(self) -> Iterable[tuple[str, str]]:
        raise NotImplementedError


class Orglife(Method):
    def __init__(self, plan: Plan, threshold: float) -> None:
        from orglife.similarity.index import SimilarityIndex

        self.plan, self.threshold = plan, threshold
        self.index = SimilarityIndex()
        self.pos = {d: i for i, d in enumerate(plan.ids)}

    def text_of(self, doc_id: str) -> str:
        return self.plan.texts[self.pos[doc_id]]

    def add(self, i: int) -> None:
        self.index.add(self.plan.ids[i], self.plan.texts[i])

    def query(self, i: int) -> set[str]:
        found = self.index.query(self.plan.texts[i], self.threshold, texts=self.text_of)
        return {r.b for r in found}

    def pairs(self) -> Iterable[tuple[str, str]]:
        return [(r.a, r.b) for r in self.index.pairs(self.threshold, texts=self.text_of)]


def shingles(text: str) -> list[str]:
    norm = "".join(c for c in text if c.isalnum())
    return list({norm[j : j + SHINGLE] for j in range(len(norm) - SHINGLE + 1)})


class Rensa(Method):
    def __init__(self, plan: Plan, threshold: float) -> None:
        from rensa import RMinHashLSH

        self.plan, self.threshold = plan, threshold
        self.lsh = RMinHashLSH(threshold=threshold, num_perm=NUM_PERM, num_bands=16)
        self.sigs: dict[int, object] = {}

    def sketch(self, i: int) -> object:
        from rensa import RMinHash

        m = RMinHash(num_perm=NUM_PERM, seed=42)
        m.update(shingles(self.plan.texts[i]))
        return m

    def add(self, i: int) -> None:
        m = self.sketch(i)
        self.lsh.insert(i, m)
        self.sigs[i] = m

    def _similar(self, m: object, exclude: int) -> list[int]:
        return [
            j
            for j in self.lsh.query(m)
            if j != exclude and m.jaccard(self.sigs[j]) >= self.threshold  # type: ignore[attr-defined]
        ]

    def query(self, i: int) -> set[str]:
        return {self.plan.ids[j] for j in self._similar(self.sketch(i), i)}

    def pairs(self) -> Iterable[tuple[str, str]]:
        ids = self.plan.ids
        return [
            (ids[i], ids[j]) for i, m in self.sigs.items() for j in self._similar(m, i) if j > i
        ]


class Datasketch(Rensa):
    def __init__(self, plan: Plan, threshold: float) -> None:
        from datasketch import MinHashLSH

        self.plan, self.threshold = plan, threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs = {}

    def sketch(self, i: int) -> object:
        from datasketch import MinHash

        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(self.plan.texts[i])])
        return m


METHODS: dict[str, Callable[[Plan, float], Method]] = {
    "orglife": Orglife,
    "rensa": Rensa,
    "datasketch": Datasketch,
}


def run(name: str, plan: Plan, threshold: float) -> dict[str, object]:
    """Interactive then batch for one method (see the module docstring).

    Wall and CPU time are both taken: on a shared machine the CPU time of the process
    is the steadier measure, wall time is what a person waits.
    """
    wall, cpu = time.perf_counter, time.process_time
    t0, c0 = wall(), cpu()
    method = METHODS[name](plan, threshold)
    for i in plan.stored_first:
        method.add(i)
    t_index, c_index = wall() - t0, cpu() - c0
    lat: list[float] = []
    lat_cpu: list[float] = []
    hits: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for i in plan.held_out:
        t, c = wall(), cpu()
        found = method.query(i)
        lat.append(wall() - t)
        lat_cpu.append(cpu() - c)
        t, c = wall(), cpu()
        method.add(i)
        t_index += wall() - t
        c_index += cpu() - c
        if i in plan.sources:
            kind = kind_of(plan, i)
            asked[kind] += 1
            hits[kind] += plan.ids[plan.sources[i]] in found
    t, c = wall(), cpu()
    found_pairs = method.pairs()
    t_pairs, c_pairs = wall() - t, cpu() - c
    out = evaluate(plan, found_pairs)

    def pct(x: list[float], q: int) -> float:
        return float(np.percentile(x, q)) * 1e3 if x else 0.0

    out.update(
        batch=t_index + t_pairs,
        index_s=t_index,
        pairs_s=t_pairs,
        cpu=c_index + c_pairs,
        index_cpu=c_index,
        pairs_cpu=c_pairs,
        p50_ms=pct(lat, 50),
        p95_ms=pct(lat, 95),
        p50_cpu_ms=pct(lat_cpu, 50),
        p95_cpu_ms=pct(lat_cpu, 95),
        query_recall={k: hits[k] / asked[k] if asked[k] else 1.0 for k in KINDS},
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    return out


def _worker(name: str, path: str, threshold: float) -> None:
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    plan = Plan(
        ids=raw["ids"],
        texts=raw["texts"],
        held_out=raw["held_out"],
        sources={int(k): v for k, v in raw["sources"].items()},
        truth={tuple(k.split("|")): v for k, v in raw["truth"].items()},  # type: ignore[misc]
    )
    print(json.dumps(run(name, plan, threshold)))


def report(n: int, results: dict[str, dict], queries: int) -> list[str]:
    head = (
        f"{'method':<11}{'batch s':>8}{'CPU s':>7}{'peak MB':>8}"
        f"{'q p50 ms':>9}{'p95':>7}{'p50 CPU':>8}{'p95 CPU':>8}"
        + "".join(f"{'R ' + k:>11}" for k in KINDS)
        + f"{'precision':>10}{'pairs':>7}"
    )
    lines = [head, "-" * len(head)]
    for m, r in results.items():
        rec = r["recall"]
        lines.append(
            f"{m:<11}{r['batch']:>8.1f}{r['cpu']:>7.1f}{r['peak_rss_mb']:>8.0f}"
            f"{r['p50_ms']:>9.2f}{r['p95_ms']:>7.2f}{r['p50_cpu_ms']:>8.2f}{r['p95_cpu_ms']:>8.2f}"
            + "".join(f"{rec[k]:>11.1%}" for k in KINDS)
            + f"{r['precision']:>10.1%}{r['reported']:>7}"
        )
    lines.append(
        f"interactive recall ({queries} held-out uploads checked one by one, half of them copies):"
    )
    for m, r in results.items():
        q = r["query_recall"]
        lines.append(f"  {m:<11}" + "  ".join(f"{k} {q[k]:.0%}" for k in KINDS))
    for m, r in results.items():
        lines.append(
            f"  {m}: index {r['index_s']:.1f}s ({r['index_cpu']:.1f}s CPU) + all pairs "
            f"{r['pairs_s']:.1f}s ({r['pairs_cpu']:.1f}s CPU)"
            + (" with exact passages" if m == "orglife" else "")
        )
    ol = results.get("orglife")
    for m, r in results.items():
        if m == "orglife" or ol is None:
            continue

        def ratio(key: str, r: dict = r) -> str:
            return f"{r[key] / max(ol[key], 1e-9):.2f}x"

        lines.append(
            f"{m} / orglife (>1: orglife faster): batch wall {ratio('batch')}, "
            f"CPU {ratio('cpu')}; query p50 {ratio('p50_ms')}, p95 {ratio('p95_ms')} "
            f"(CPU {ratio('p50_cpu_ms')}, {ratio('p95_cpu_ms')})"
        )
    return [f"N = {n:,} materials, {queries} checked one at a time as uploads", *lines]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--queries", type=int, default=200, help="held-out uploads checked")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--methods", default="orglife,rensa,datasketch")
    ap.add_argument("--smoke", action="store_true", help="600 materials, in this process")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--plan", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.plan, args.threshold)
        return 0
    if args.smoke:
        args.n, args.queries = 600, 40
    methods = [m for m in args.methods.split(",") if m]
    t = time.perf_counter()
    plan = make_plan(args.n, args.seed, args.queries)
    kinds = Counter(plan.truth.values())
    print(
        f"corpus generated in {time.perf_counter() - t:.0f}s (not timed below); planted pairs: "
        + ", ".join(f"{k} {kinds[k]}" for k in KINDS),
        flush=True,
    )
    results: dict[str, dict] = {}
    if args.smoke:
        for m in methods:
            results[m] = run(m, plan, args.threshold)
    else:
        with tempfile.TemporaryDirectory() as d:
            path = str(Path(d) / "plan.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(
                    {
                        "ids": plan.ids,
                        "texts": plan.texts,
                        "held_out": plan.held_out,
                        "sources": plan.sources,
                        "truth": {"|".join(k): v for k, v in plan.truth.items()},
                    },
                    f,
                    ensure_ascii=False,
                )
            del plan.texts[:]
            for m in methods:
                cmd = [sys.executable, __file__, "--worker", m, "--plan", path,
                       "--threshold", str(args.threshold)]  # fmt: skip
                proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
                if proc.returncode != 0:
                    print(f"{m} failed:\n{proc.stderr}", file=sys.stderr)
                    return 1
                results[m] = json.loads(proc.stdout.strip().splitlines()[-1])
                print(f"  {m} done", flush=True)
    print("\n".join(report(args.n, results, args.queries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
