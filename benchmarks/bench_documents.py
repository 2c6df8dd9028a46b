"""Parsing and rendering speed of orglife.documents against bare python-docx, same run.

Claims (issue 3): parsing the seed is within 2x of python-docx merely opening the
same .docx and reading its paragraph texts; rendering is within 2x of python-docx
writing the same paragraphs with no formatting. Ratios > 1 mean orglife is slower.

Run: .venv/bin/python benchmarks/bench_documents.py
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

import docx

from orglife.documents.parse import parse_bytes, parse_text
from orglife.documents.render import render_docx, render_text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [
    ROOT / "tests" / "fixtures" / "materials" / "seed-2023-branch.txt",
    ROOT.parent / "shared" / "seeds" / "2023-branch-self-inspection.txt",
]


def rate(fn: Callable[[], object], seconds: float = 1.0) -> float:
    """Calls per second: the best of three timed rounds of about ``seconds`` / 3 each."""
    fn()  # warm caches and imports
    n = 1
    while True:  # find a batch size that takes ~50 ms
        t = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t > 0.05:
            break
        n *= 2
    best = 0.0
    for _ in range(3):
        deadline = time.perf_counter() + seconds / 3
        calls, start = 0, time.perf_counter()
        while time.perf_counter() < deadline:
            for _ in range(n):
                fn()
            calls += n
        best = max(best, calls / (time.perf_counter() - start))
    return best


def python_docx_read(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def python_docx_write(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def row(label: str, ours: float, base: float, base_label: str) -> float:
    ratio = base / ours  # time ratio: our seconds per call over the baseline's
    print(f"{label:<28} {ours:9.1f}/s   {base_label:<30} {base:9.1f}/s   ratio {ratio:5.2f}x")
    return ratio


def main() -> int:
    seed = next(p for p in SEEDS if p.exists())
    text = seed.read_text(encoding="utf-8")
    material = parse_text(text)
    docx_bytes = render_docx(material)
    paragraphs = render_text(material).splitlines()
    paragraphs = [p for p in paragraphs if p]
    print(
        f"seed: {seed.name}, {len(text)} characters, {len(paragraphs)} paragraphs, "
        f".docx {len(docx_bytes)} bytes; python {sys.version.split()[0]}, python-docx {docx.__version__}"
    )
    print("ratio = our time per call / baseline time per call (aim: <= 2.00x)\n")

    read_base = rate(lambda: python_docx_read(docx_bytes))
    write_base = rate(lambda: python_docx_write(paragraphs))
    ratios = [
        row(
            "parse .txt (bytes)",
            rate(lambda: parse_bytes(text.encode(), "seed.txt")),
            read_base,
            "python-docx read paragraphs",
        ),
        row(
            "parse .docx",
            rate(lambda: parse_bytes(docx_bytes, "seed.docx")),
            read_base,
            "python-docx read paragraphs",
        ),
        row(
            "render .docx",
            rate(lambda: render_docx(material)),
            write_base,
            "python-docx plain write",
        ),
        row(
            "render .txt",
            rate(lambda: render_text(material)),
            write_base,
            "python-docx plain write",
        ),
    ]
    worst = max(ratios)
    print(f"\nworst ratio {worst:.2f}x: {'within' if worst <= 2 else 'OVER'} the 2x aim")
    return 0


if __name__ == "__main__":
    sys.exit(main())
