"""Review engine: recall and false alarms per rule family, and speed on the seed.

Claims measured (issue 4):
- recall >= 95% per family on defects planted at random places in clean materials;
- <= 1 false alarm per 10,000 characters of clean text;
- >= 100 seed-sized materials checked per second, printed beside a baseline of
  segmenting the whole seed with jieba in the same run.

Clean corpus: tests/fixtures/review/clean/*.txt (written for this purpose, in the
register of real materials). Planters: orglife.review.planter. Exit 1 when a quality
target is missed (speed depends on the machine and is only reported).

    .venv/bin/python benchmarks/bench_review.py [--trials N] [--seed S] [--verbose]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from orglife.documents.parse import parse_file, parse_text
from orglife.review import segment
from orglife.review.engine import check_material, check_text
from orglife.review.planter import PLANTERS, found, plant_heading_style
from orglife.review.registry import FAMILIES, RULES

ROOT = Path(__file__).resolve().parents[1]
CLEAN = sorted((ROOT / "tests" / "fixtures" / "review" / "clean").glob("*.txt"))
SEED = ROOT / "tests" / "fixtures" / "review" / "seed.txt"

RECALL_TARGET = 0.95
FA_TARGET = 1.0  # per 10,000 characters
SPEED_TARGET = 100.0  # materials per second


def false_alarms(materials: list) -> tuple[Counter[str], int, list[str]]:
    """Findings per family on clean materials, their character count, and the findings."""
    per_family: Counter[str] = Counter()
    chars = 0
    shown = []
    for path, m in materials:
        chars += sum(len(b.text) for b in m.blocks())
        # check_text, not check_material: with the source lines every rule runs.
        for f in check_text(path.read_text(encoding="utf-8")):
            per_family[RULES[f.rule].family] += 1
            shown.append(f"{path.name}:{f.paragraph}:{f.start} {f.rule} {f.message} | {f.excerpt}")
    return per_family, chars, shown


def recall(materials: list, trials: int, seed: int, verbose: bool) -> dict[str, tuple[int, int]]:
    """Planted and found defects per family (and per planter kind, when verbose)."""
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
                        text = new.blocks()[plant.paragraph].text
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
            if not hit:
                misses["punctuation"].append(f"heading_style in {heading[:30]}")
    if verbose:
        print("\n  by planter kind:")
        for kind, (n, hit) in sorted(kinds.items()):
            print(f"    {kind:<14} {hit:>4}/{n:<4} {hit / n:6.1%}")
        for family, lines in misses.items():
            print(f"\n  missed ({family}), first {min(len(lines), 60)} of {len(lines)}:")
            for line in lines[:60]:
                print("    " + line)
    return {f: (n, hit) for f, (n, hit) in result.items()}


def speed(rounds: int) -> tuple[float, float, float]:
    """Seed materials per second: check only, parse + check, and jieba on the whole text."""
    text = SEED.read_text(encoding="utf-8")
    material = parse_file(SEED)
    check_material(material)  # warm: jieba dictionary, homophone index, rule data
    t = time.perf_counter()
    for _ in range(rounds):
        check_material(material)
    check_rate = rounds / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(rounds):
        check_text(text)
    full_rate = rounds / (time.perf_counter() - t)
    jieba = segment._jieba()
    jieba.lcut(text)
    t = time.perf_counter()
    for _ in range(rounds):
        jieba.lcut(text)
    jieba_rate = rounds / (time.perf_counter() - t)
    return check_rate, full_rate, jieba_rate


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--trials", type=int, default=100, help="plants per planter per material")
    p.add_argument("--seed", type=int, default=20231127)
    p.add_argument("--rounds", type=int, default=200, help="timed checks of the seed")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args()

    segment.warm_up()  # dictionary load is start-up cost, not per-material cost
    materials = [(path, parse_file(path)) for path in CLEAN]
    ok = True

    per_family, chars, shown = false_alarms(materials)
    total_fa = sum(per_family.values())
    rate = total_fa / chars * 10_000
    print(f"clean corpus: {len(materials)} materials, {chars} characters")
    print(f"false alarms: {total_fa} ({rate:.2f} per 10,000 characters; target <= {FA_TARGET})")
    for line in shown:
        print("  " + line)
    ok &= rate <= FA_TARGET

    print(
        f"\nrecall on planted defects ({args.trials} plants per planter per material, seed {args.seed}):"
    )
    print(f"  {'family':<14}{'name':<8}{'found':>12}{'recall':>9}  false alarms/10k chars")
    results = recall(materials, args.trials, args.seed, args.verbose)
    for family, name in FAMILIES.items():
        n, hit = results.get(family, (0, 0))
        fa = per_family.get(family, 0) / chars * 10_000
        r = hit / n if n else 0.0
        print(f"  {family:<14}{name:<8}{hit:>6}/{n:<5}{r:>9.1%}  {fa:.2f}")
        ok &= n > 0 and r >= RECALL_TARGET
    planted = sum(n for n, _ in results.values())
    hits = sum(h for _, h in results.values())
    print(f"  {'all':<14}{'':<8}{hits:>6}/{planted:<5}{hits / planted:>9.1%}")

    check_rate, full_rate, jieba_rate = speed(args.rounds)
    print(f"\nspeed on the seed ({SEED.stat().st_size} bytes, {args.rounds} rounds):")
    print(
        f"  check_material             {check_rate:8.1f} materials/s (target >= {SPEED_TARGET:.0f})"
    )
    print(f"  check_text (parse + check) {full_rate:8.1f} materials/s")
    print(f"  baseline: jieba.lcut(seed) {jieba_rate:8.1f} materials/s")
    print(f"  ratio check/jieba          {check_rate / jieba_rate:8.2f}x")
    print("\nquality targets " + ("met" if ok else "MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
