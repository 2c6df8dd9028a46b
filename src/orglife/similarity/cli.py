"""``orglife similar FILE|DIR... [--threshold 0.5] [--format json|text]``.

Offsets in the output are character offsets in the text each file is compared on:
for a ``.txt`` file, the decoded file text with line ends normalised to ``\\n``; for a
``.docx`` file, ``Material.text()`` of the parsed material (one block a line).

Exit codes: 0 when the comparison ran — whether or not pairs were found (a list of
suspicious pairs is a report for a reviewer, not an error); 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from orglife.errors import InputError
from orglife.similarity.index import PairResult, SimilarityIndex

SUFFIXES = (".txt", ".docx")
MAX_TXT_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes) -> str:
    """Text of a ``.txt`` file, decoded by the documents package's reader; line ends
    normalised to ``\\n``."""
    from orglife.documents.parse import read_text

    return read_text(data).replace("\r\n", "\n").replace("\r", "\n")


def read_material_text(path: Path) -> str:
    """The text a file is compared on (see the module docstring)."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        if path.stat().st_size > MAX_TXT_BYTES:
            raise InputError(f"文件过大：{path}", f"file too large: {path}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"无法读取文件：{path}", f"cannot read {path}: {exc}") from exc
        return decode_text(data)
    if suffix == ".docx":
        from orglife.documents.parse import parse_file

        material = parse_file(path)
        return str(material.text())
    raise InputError(
        f"不支持的文件类型（只接受 .txt 和 .docx）：{path}",
        f"unsupported file type (only .txt and .docx): {path}",
    )


def collect(paths: Iterable[str]) -> list[tuple[str, Path]]:
    """(display name, path) of every material named or found in the directories given.

    A named file must be a .txt or .docx; in a directory other files are skipped, so a
    folder of downloads can be checked as it is. Names are the paths as given, joined
    with the path inside a directory, so the output points at files the user knows.
    """
    out: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"找不到文件或目录：{raw}", f"no such file or directory: {raw}")
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for fname in sorted(files):
                    if fname.startswith((".", "~$")) or not fname.lower().endswith(SUFFIXES):
                        continue
                    found.append(Path(root) / fname)
            items = [(str(f), f) for f in found]
        else:
            if p.suffix.lower() not in SUFFIXES:
                raise InputError(
                    f"不支持的文件类型（只接受 .txt 和 .docx）：{raw}",
                    f"unsupported file type (only .txt and .docx): {raw}",
                )
            items = [(raw, p)]
        for name, path in items:
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                out.append((name, path))
    return out


def find_similar(named_texts: list[tuple[str, str]], threshold: float = 0.5) -> list[PairResult]:
    """Pairs among ``(name, text)`` documents, ``a`` always the one given first."""
    index = SimilarityIndex()
    texts = dict(named_texts)
    for name, text in named_texts:
        index.add(name, text)
    return index.pairs(threshold, texts=texts)


def _text_report(pairs: list[PairResult]) -> str:
    if not pairs:
        return "未发现相似材料 / no similar pairs found"
    lines = []
    for r in pairs:
        lines.append(
            f"{r.a} ↔ {r.b}  相似度 similarity {r.similarity:.2f}  "
            f"包含度 containment {r.containment:.2f}  共同段落 passages {len(r.passages)}"
        )
        for p in r.passages:
            excerpt = p.text.replace("\n", " ")
            if len(excerpt) > 60:
                excerpt = excerpt[:60] + "…"
            lines.append(f"    [{p.a_start}-{p.a_end}] ↔ [{p.b_start}-{p.b_end}] {excerpt}")
    return "\n".join(lines)


def cmd_similar(args: argparse.Namespace) -> int:
    """Run ``orglife similar``; returns the exit code (0 ran, 2 bad input via InputError)."""
    threshold = float(args.threshold)
    # 0 would mean "every pair is similar": a threshold is a share above nothing.
    if not 0.0 < threshold <= 1.0:
        raise InputError(
            f"阈值须大于 0、不超过 1：{threshold}",
            f"threshold must be above 0 and at most 1: {threshold}",
        )
    files = collect(args.paths)
    if not files:
        raise InputError("没有找到 .txt 或 .docx 材料", "no .txt or .docx materials found")
    named = [(name, read_material_text(path)) for name, path in files]
    pairs = find_similar(named, threshold)
    if getattr(args, "format", "text") == "json":
        doc: dict[str, Any] = {"pairs": [p.to_dict() for p in pairs]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_text_report(pairs) + "\n")
    return 0
