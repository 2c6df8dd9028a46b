"""Copy detection at scale: orglife.similarity against datasketch MinHash + MinHashLSH.

    python benchmarks/bench_similarity.py              # N = 5,000 (a couple of minutes)
    python benchmarks/bench_similarity.py --n 100000   # the province-scale run

Times exclude generating the texts; CPU time is printed beside wall time because the
machine may be shared. Both methods run on the same synthetic corpus (``orglife.similarity.synthetic``: about
3,000 characters per material, shared boilerplate, stock sentences, planted pairs of four
kinds) in separate subprocesses, so each one's peak memory (``ru_maxrss``) is its own.
Texts are generated on the fly and the generation time is subtracted from each wall
time; both processes pay the same small memory for the generator.

Baseline: per material, character 5-gram shingles of the text (letters and digits),
``MinHash(num_perm=128).update_batch``, inserted into ``MinHashLSH(threshold=0.5)``; a
pair is every LSH candidate whose estimated Jaccard reaches the threshold.

Recall is per planted kind; precision is the share of reported pairs that were planted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable

from orglife.similarity.synthetic import KINDS, SyntheticCorpus


class Timed:
    """Wraps ``corpus.text`` so generation time can be subtracted from a method's time."""

    def __init__(self, corpus: SyntheticCorpus) -> None:
        self.corpus = corpus
        self.seconds = 0.0
        self.cpu = 0.0
        self.by_id = {corpus.doc_id(i): i for i in range(corpus.n)}

    def text(self, i: int) -> str:
        t, c = time.perf_counter(), time.process_time()
        s = self.corpus.text(i)
        self.seconds += time.perf_counter() - t
        self.cpu += time.process_time() - c
        return s

    def of_id(self, doc_id: str) -> str:
        return self.text(self.by_id[doc_id])


def evaluate(corpus: SyntheticCorpus, found: Iterable[tuple[str, str]]) -> dict[str, object]:
    truth = corpus.truth()
    pairs = {tuple(sorted(p)) for p in found}
    hit = Counter(truth[p] for p in pairs if p in truth)
    total = Counter(truth.values())
    tp = sum(hit.values())
    return {
        "reported": len(pairs),
        "precision": tp / len(pairs) if pairs else 1.0,
        "recall": {k: hit[k] / total[k] if total[k] else 1.0 for k in KINDS},
        "planted": dict(total),
    }


def run_orglife(corpus: SyntheticCorpus, threshold: float) -> dict[str, object]:
    from orglife.similarity.index import SimilarityIndex

    gen = Timed(corpus)
    t0, c0 = time.perf_counter(), time.process_time()
    index = SimilarityIndex()
    for i in range(corpus.n):
        index.add(corpus.doc_id(i), gen.text(i))
    t_add = time.perf_counter() - t0 - gen.seconds
    g0 = gen.seconds
    t1 = time.perf_counter()
    pairs = index.pairs(threshold, texts=gen.of_id)
    t_pairs = time.perf_counter() - t1 - (gen.seconds - g0)
    cpu = time.process_time() - c0 - gen.cpu
    out: dict[str, object] = evaluate(corpus, ((p.a, p.b) for p in pairs))
    out["seconds"] = t_add + t_pairs
    out["cpu"] = cpu
    out["detail"] = f"add {t_add:.1f}s, pairs+passages {t_pairs:.1f}s"
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the incremental claim: save, load (the first index gone), add 100 more, pair again
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "index.npz")
        t = time.perf_counter()
        index.save(path)
        size = os.path.getsize(path)
        del index, pairs
        loaded = SimilarityIndex.load(path)
        t_io = time.perf_counter() - t
    more = SyntheticCorpus(corpus.n + 100, corpus.seed)
    t = time.perf_counter()
    for i in range(corpus.n, corpus.n + 100):
        loaded.add(f"new{i}", more.text(i))
    t_add100 = time.perf_counter() - t
    t = time.perf_counter()
    again = loaded.pairs(threshold)
    t_again = time.perf_counter() - t
    out["incremental"] = (
        f"index file {size / 1e6:.0f} MB, save + load {t_io:.1f}s, add 100 more "
        f"{t_add100:.2f}s (incl. generation), pairs again without texts {t_again:.1f}s "
        f"({len(again)} pairs)"
    )
    return out


def run_datasketch(corpus: SyntheticCorpus, threshold: float) -> dict[str, object]:
    from datasketch import MinHash, MinHashLSH

    gen = Timed(corpus)
    t0, c0 = time.perf_counter(), time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sigs = {}
    for i in range(corpus.n):
        text = gen.text(i)
        norm = "".join(c for c in text if c.isalnum())
        shingles = {norm[j : j + 5] for j in range(len(norm) - 4)}
        m = MinHash(num_perm=128)
        m.update_batch([s.encode("utf-8") for s in shingles])
        key = corpus.doc_id(i)
        lsh.insert(key, m)
        sigs[key] = m
    found = []
    for key, m in sigs.items():
        for other in lsh.query(m):
            if other > key and m.jaccard(sigs[other]) >= threshold:
                found.append((key, other))
    elapsed = time.perf_counter() - t0 - gen.seconds
    cpu = time.process_time() - c0 - gen.cpu
    out: dict[str, object] = evaluate(corpus, found)
    out["seconds"] = elapsed
    out["cpu"] = cpu
    out["detail"] = "5-gram shingles, num_perm 128"
    return out


METHODS: dict[str, Callable[[SyntheticCorpus, float], dict[str, object]]] = {
    "orglife": run_orglife,
    "datasketch": run_datasketch,
}


def worker(method: str, n: int, seed: int, threshold: float) -> None:
    corpus = SyntheticCorpus(n, seed)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = METHODS[method](corpus, threshold)
    out["rss_start_mb"] = rss0 / 1024
    out.setdefault("peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--no-baseline", action="store_true", help="run orglife only")
    ap.add_argument("--worker", choices=sorted(METHODS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.worker, args.n, args.seed, args.threshold)
        return 0

    methods = ["orglife"] + ([] if args.no_baseline else ["datasketch"])
    corpus = SyntheticCorpus(args.n, args.seed)
    kinds = Counter(p.kind for p in corpus.plants)
    print(
        f"N = {args.n:,} synthetic materials, threshold {args.threshold}; planted pairs: "
        + ", ".join(f"{k} {kinds[k]}" for k in KINDS)
    )
    results = {}
    for m in methods:
        cmd = [sys.executable, __file__, "--worker", m, "--n", str(args.n),
               "--seed", str(args.seed), "--threshold", str(args.threshold)]  # fmt: skip
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(f"{m} failed:\n{proc.stderr}", file=sys.stderr)
            return 1
        results[m] = json.loads(proc.stdout.strip().splitlines()[-1])

    head = (
        f"{'method':<11} {'wall s':>8} {'CPU s':>8} {'peak MB':>8} "
        + " ".join(f"{'R ' + k:>12}" for k in KINDS)
        + f" {'precision':>9} {'reported':>8}"
    )
    print(head)
    print("-" * len(head))
    for m, r in results.items():
        rec = r["recall"]
        print(
            f"{m:<11} {r['seconds']:>8.1f} {r['cpu']:>8.1f} {r['peak_rss_mb']:>8.0f} "
            + " ".join(f"{rec[k]:>12.1%}" for k in KINDS)
            + f" {r['precision']:>9.1%} {r['reported']:>8}"
        )
    for m, r in results.items():
        print(f"  {m}: {r['detail']}; process RSS at start {r['rss_start_mb']:.0f} MB")
        if "incremental" in r:
            print(f"  {m}: {r['incremental']}")
    if "datasketch" in results:
        ds, ol = results["datasketch"], results["orglife"]
        wall = ds["seconds"] / max(ol["seconds"], 1e-9)
        cpu = ds["cpu"] / max(ol["cpu"], 1e-9)
        print(
            f"orglife is {wall:.1f}x faster than the datasketch baseline ({cpu:.1f}x in CPU time)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
