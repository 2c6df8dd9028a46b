"""Review engine on real documents: kinds, findings, false findings, recall, speed.

Claims measured (issues 4 and 14):
- on the corpus (tests/fixtures/corpus: paraphrases of real texts keeping their layout and
  defects; labels in its manifest.toml), per document
  kind: findings per 10,000 characters and the share judged false against the labels;
  no false error-level finding at all; the kind detected as labelled for every text;
- recall >= 90% per rule family on defects planted at random places in the corpus texts
  (and, for continuity, in the clean materials of tests/fixtures/review/clean);
- >= 100 seed-sized materials checked per second per core (CPU time), beside a baseline
  of segmenting the whole seed with jieba in the same run. benchmarks/bench_review_speed.py
  measures speed alone, in more detail (cold caches, per rule family, more baselines).

Planters: tests/review/planter.py. Exit 1 when a quality target is missed (speed depends
on the machine and is only reported).

    .venv/bin/python benchmarks/bench_review.py [--trials N] [--seed S] [--verbose]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the planters live beside the tests

from tests.review.planter import PLANTERS, found, plant_heading_style  # noqa: E402

from orglife.documents.parse import parse_file, parse_text  # noqa: E402
from orglife.review import segment  # noqa: E402
from orglife.review.engine import check_material, check_text  # noqa: E402
from orglife.review.kinds import KINDS, detect_kind  # noqa: E402
from orglife.review.registry import FAMILIES, RULES  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
CLEAN = sorted((ROOT / "tests" / "fixtures" / "review" / "clean").glob("*.txt"))
SEED = ROOT / "tests" / "fixtures" / "review" / "seed.txt"

RECALL_TARGET = 0.90
SPEED_TARGET = 100.0  # materials per second


def corpus_report(manifest: list[dict]) -> bool:
    """Findings per kind against the labels; True when no false error and every kind right."""
    ok = True
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    shown: list[str] = []
    for entry in manifest:
        path = CORPUS / entry["file"]
        text = path.read_text(encoding="utf-8")
        material = parse_text(text)
        blocks = material.blocks()
        kind = detect_kind(material)
        expected = {tuple(e) for e in entry["expected"]}
        row = rows[entry["kind"]]
        row["texts"] += 1
        row["chars"] += sum(len(b.text) for b in blocks)
        row["kind_ok"] += kind.kind == entry["kind"]
        if kind.kind != entry["kind"]:
            shown.append(f"{entry['file']}: kind {kind.kind}, labelled {entry['kind']}")
        for f in check_text(text):
            got = (f.rule, blocks[f.paragraph].text[f.start : f.end], f.severity)
            row["findings"] += 1
            row[f.severity] += 1
            if got not in expected:
                row["false"] += 1
                row[f"false_{f.severity}"] += 1
                shown.append(f"{entry['file']}: FALSE {f.severity} {f.rule} {f.message}")
    print(f"real corpus: {sum(r['texts'] for r in rows.values())} texts (labels: manifest.toml)")
    print(
        f"  {'kind':<20}{'texts':>6}{'chars':>8}{'kind ok':>9}{'findings':>9}"
        f"{'/10k':>7}{'errors':>7}{'false':>6}{'false %':>8}{'false err':>10}"
    )
    total: Counter[str] = Counter()
    for kind in KINDS:
        r = rows.get(kind, Counter())
        total.update(r)
        per = r["findings"] / r["chars"] * 10_000 if r["chars"] else 0.0
        share = r["false"] / r["findings"] if r["findings"] else 0.0
        print(
            f"  {kind:<20}{r['texts']:>6}{r['chars']:>8}{r['kind_ok']:>6}/{r['texts']:<2}"
            f"{r['findings']:>9}{per:>7.1f}{r['error']:>7}{r['false']:>6}{share:>8.1%}"
            f"{r['false_error']:>10}"
        )
    per = total["findings"] / total["chars"] * 10_000
    share = total["false"] / total["findings"] if total["findings"] else 0.0
    print(
        f"  {'all':<20}{total['texts']:>6}{total['chars']:>8}{total['kind_ok']:>6}/{total['texts']:<2}"
        f"{total['findings']:>9}{per:>7.1f}{total['error']:>7}{total['false']:>6}{share:>8.1%}"
        f"{total['false_error']:>10}"
    )
    for line in shown:
        print("  " + line)
    ok &= total["false_error"] == 0 and total["kind_ok"] == total["texts"]
    return ok


def recall(
    materials: list, trials: int, seed: int, verbose: bool
) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """Planted and found defects per family, and per planter kind."""
    rng = random.Random(seed)
    result: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: dict[str, list[str]] = defaultdict(list)
    for family, planters in PLANTERS.items():
        for planter in planters:
            for _, m in materials:
                for _ in range(trials):
                    planted = planter(m, rng)
                    if planted is None:
                        break
                    new, plant = planted
                    hit = found(plant, check_material(new))
                    result[family][0] += 1
                    result[family][1] += hit
                    kinds[plant.kind][0] += 1
                    kinds[plant.kind][1] += hit
                    if not hit:
                        blocks = new.blocks()
                        text = blocks[plant.paragraph].text if plant.paragraph < len(blocks) else ""
                        ctx = text[max(0, plant.start - 8) : plant.end + 8]
                        misses[family].append(f"{plant.kind} {plant.note!r} in …{ctx}…")
    # Heading numbers are planted in the text: the Material does not keep their look.
    for path, _ in materials:
        text = path.read_text(encoding="utf-8")
        for _ in range(trials):
            planted_text = plant_heading_style(text, rng)
            if planted_text is None:
                break
            new_text, line_no = planted_text
            heading = new_text.splitlines()[line_no]
            blocks = parse_text(new_text).blocks()
            hit = any(
                f.rule == "heading-style" and blocks[f.paragraph].text in heading
                for f in check_text(new_text)
            )
            result["punctuation"][0] += 1
            result["punctuation"][1] += hit
            kinds["heading_style"][0] += 1
            kinds["heading_style"][1] += hit
    if verbose:
        for family, lines in misses.items():
            print(f"\n  missed ({family}), first {min(len(lines), 30)} of {len(lines)}:")
            for line in lines[:30]:
                print("    " + line)
    return (
        {f: (n, hit) for f, (n, hit) in result.items()},
        {k: (n, hit) for k, (n, hit) in kinds.items()},
    )


def print_recall(title: str, results: dict[str, tuple[int, int]], kinds: dict) -> bool:
    ok = True
    print(f"\n{title}")
    print(f"  {'family':<14}{'name':<8}{'found':>12}{'recall':>9}")
    for family, name in FAMILIES.items():
        n, hit = results.get(family, (0, 0))
        r = hit / n if n else 0.0
        print(f"  {family:<14}{name:<8}{hit:>6}/{n:<5}{r:>9.1%}")
        ok &= n > 0 and r >= RECALL_TARGET
    planted = sum(n for n, _ in results.values())
    hits = sum(h for _, h in results.values())
    print(f"  {'all':<14}{'':<8}{hits:>6}/{planted:<5}{hits / planted:>9.1%}")
    print("  by planter kind: " + ", ".join(f"{k} {h}/{n}" for k, (n, h) in sorted(kinds.items())))
    return ok


def speed(rounds: int) -> tuple[float, float, float]:
    """Seed materials per CPU second: check only, parse + check, and jieba on the whole text.

    CPU time of this process (time.process_time), not wall time: on a shared machine
    wall time also counts the other jobs.
    """
    text = SEED.read_text(encoding="utf-8")
    material = parse_file(SEED)
    check_material(material)  # warm: jieba dictionary, homophone index, rule data
    t = time.process_time()
    for _ in range(rounds):
        check_material(material)
    check_rate = rounds / (time.process_time() - t)
    t = time.process_time()
    for _ in range(rounds):
        check_text(text)
    full_rate = rounds / (time.process_time() - t)
    jieba = segment._jieba()
    jieba.lcut(text)
    jieba_rounds = max(1, rounds // 4)  # the slow baseline needs fewer rounds
    t = time.process_time()
    for _ in range(jieba_rounds):
        jieba.lcut(text)
    jieba_rate = jieba_rounds / (time.process_time() - t)
    return check_rate, full_rate, jieba_rate


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--trials", type=int, default=10, help="plants per planter per text")
    p.add_argument("--seed", type=int, default=20231127)
    p.add_argument("--rounds", type=int, default=200, help="timed checks of the seed")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()

    segment.warm_up()  # dictionary load is start-up cost, not per-material cost
    manifest = tomllib.loads((CORPUS / "manifest.toml").read_text(encoding="utf-8"))["text"]
    ok = corpus_report(manifest)

    real = [(CORPUS / e["file"], parse_file(CORPUS / e["file"])) for e in manifest]
    results, kinds = recall(real, args.trials, args.seed, args.verbose)
    ok &= print_recall(
        f"recall on defects planted in the corpus texts ({args.trials} per planter per text, "
        f"seed {args.seed}):",
        results,
        kinds,
    )
    clean = [(path, parse_file(path)) for path in CLEAN]
    results, kinds = recall(clean, args.trials, args.seed, False)
    print_recall("recall on defects planted in the clean materials (issue 4):", results, kinds)

    check_rate, full_rate, jieba_rate = speed(args.rounds)
    print(f"\nspeed on the seed ({SEED.stat().st_size} bytes, {args.rounds} rounds, CPU time):")
    print(
        f"  check_material             {check_rate:8.1f} materials/s per core "
        f"(target >= {SPEED_TARGET:.0f})"
    )
    print(f"  check_text (parse + check) {full_rate:8.1f} materials/s")
    print(f"  baseline: jieba.lcut(seed) {jieba_rate:8.1f} materials/s")
    print(f"  ratio check/jieba          {check_rate / jieba_rate:8.2f}x")
    rules = Counter(r.family for r in RULES.values())
    print(f"\n{len(RULES)} rules in {len(rules)} families")
    print("quality targets " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
