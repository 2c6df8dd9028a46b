"""``orglife check FILE... [--format json|text] [--profile ID]``.

Exit 0 when no finding has severity error, 1 when one has, 2 on bad input (the
dispatcher in ``orglife.cli`` prints an ``InputError`` as one Chinese+English line).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from orglife.review.engine import check_material, get_profile, source_lines
from orglife.review.finding import SEVERITY_LABELS, Finding


def format_text(findings: list[Finding]) -> str:
    """One readable line per finding: ``file:paragraph:start rule severity message → suggestion``."""
    lines = []
    for f in findings:
        where = f"{f.file}:{f.paragraph}:{f.start}" if f.file else f"{f.paragraph}:{f.start}"
        label = SEVERITY_LABELS.get(f.severity, f.severity)
        line = f"{where} {f.rule} {label} {f.message}"
        if f.suggestion:
            line += f" → {f.suggestion}"
        lines.append(line)
    return "\n".join(lines)


def cmd_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Check every file; print findings; 1 if any finding is an error, else 0."""
    from orglife.documents.parse import parse_file

    out = out or sys.stdout
    profile: str | None = getattr(args, "profile", None)
    if profile:
        get_profile(profile)  # an unknown profile is bad input before any file is read
    # Parse everything first: one bad file is bad input, reported before any finding.
    materials = [(path, parse_file(path)) for path in args.files]
    findings: list[Finding] = []
    for path, material in materials:
        lines = source_lines(Path(path).read_bytes(), path)
        for f in check_material(material, profile=profile, lines=lines):
            f.file = path
            findings.append(f)
    if getattr(args, "format", "text") == "json":
        text = json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
    else:
        errors = sum(f.severity == "error" for f in findings)
        text = (format_text(findings) + "\n" if findings else "") + (
            f"共 {len(findings)} 条审核意见（错误 {errors} 条），{len(materials)} 个文件"
            f" / {len(findings)} findings ({errors} errors) in {len(materials)} file(s)\n"
        )
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        # `orglife check … | head`: the reader left; that is not an error of the check.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  (silence the flush at exit)
    return 1 if any(f.severity == "error" for f in findings) else 0
