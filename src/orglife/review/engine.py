"""The review engine: run the registered rules over a Material.

Rules live in ``orglife.review.rules`` (one module per family) and register themselves
on import; profiles (``data/profiles.toml``) say which rules a meeting theme switches off
and what structure it requires.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from typing import Any

from orglife.documents.model import Material
from orglife.errors import InputError
from orglife.review import rules as _rules  # noqa: F401  (registers every rule)
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.registry import RULES, Context

DEFAULT_PROFILE = "default"
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


def list_rules() -> list[dict[str, str]]:
    """Every rule: id, family, Chinese family name, Chinese name, default severity."""
    return [r.describe() for r in RULES.values()]


def list_profiles() -> list[dict[str, str]]:
    """Every theme profile: id, Chinese name and description."""
    return [
        {"id": pid, "name": p["name"], "description": p.get("description", "")}
        for pid, p in load("profiles").items()
    ]


def material_year(material: Material, today: datetime.date | None = None) -> int:
    """The year a material is written for: the first ``20xx年`` of title or preamble."""
    for text in [material.title, *material.preamble[:2]]:
        m = _YEAR_RE.search(text)
        if m:
            return int(m.group(1))
    return (today or datetime.date.today()).year


def detect_profile(material: Material, year: int) -> str:
    """The profile whose title words and years match the material, else ``default``."""
    for pid, p in load("profiles").items():
        match = p.get("match", {})
        words = match.get("title", [])
        if not words:
            continue
        years = match.get("years", [])
        if all(w in material.title for w in words) and (not years or year in years):
            return pid
    return DEFAULT_PROFILE


def get_profile(profile_id: str) -> dict[str, Any]:
    """The profile's data; an unknown id is bad input."""
    profiles = load("profiles")
    if profile_id not in profiles:
        known = "、".join(profiles)
        raise InputError(
            f"未知的主题配置“{profile_id}”（可用：{known}）",
            f"unknown profile {profile_id!r} (known: {', '.join(profiles)})",
        )
    return dict(profiles[profile_id], id=profile_id)


def check_material(
    material: Material,
    *,
    profile: str | None = None,
    disabled: Iterable[str] = frozenset(),
    lines: Sequence[str] | None = None,
) -> list[Finding]:
    """Every finding on ``material``, sorted by paragraph and offset.

    ``profile`` is a profile id (``list_profiles()``), detected from the title when None.
    ``disabled`` holds rule ids or family names to skip, on top of the profile's own.
    ``lines`` are the source lines the material was parsed from, when at hand
    (``source_lines``): only they show how heading numbers were written.
    """
    year = material_year(material)
    prof = get_profile(profile or detect_profile(material, year))
    off = set(disabled) | set(prof.get("disabled", []))
    overrides: dict[str, str] = prof.get("severity", {})
    ctx = Context(
        material=material,
        blocks=material.blocks(),
        profile=prof,
        year=year,
        lines=list(lines) if lines is not None else None,
    )
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, int, str]] = set()
    for r in RULES.values():
        if r.id in off or r.family in off:
            continue
        ctx.rule_id = r.id
        ctx.severity = overrides.get(r.id, r.severity)
        for f in r.func(ctx):
            ident = (f.rule, f.paragraph, f.start, f.end, f.message)
            if ident not in seen:
                seen.add(ident)
                findings.append(f)
    findings.sort(key=lambda f: (f.paragraph, f.start, f.end, f.rule))
    return findings


def source_lines(data: bytes, filename: str) -> list[str]:
    """The lines of a file as the parser reads them (call after parsing succeeded)."""
    if data.startswith(b"PK\x03\x04") or filename.lower().endswith(".docx"):
        from orglife.documents.docx_read import docx_lines

        return docx_lines(data)
    from orglife.documents.textcodec import read_text

    return read_text(data).splitlines()


def check_text(
    text: str, *, profile: str | None = None, disabled: Iterable[str] = frozenset()
) -> list[Finding]:
    """Parse plain text as a material and check it."""
    from orglife.documents.parse import parse_text

    return check_material(
        parse_text(text), profile=profile, disabled=disabled, lines=text.splitlines()
    )


def check_bytes(
    data: bytes,
    filename: str,
    *,
    profile: str | None = None,
    disabled: Iterable[str] = frozenset(),
) -> list[Finding]:
    """Parse an uploaded file (.txt or .docx) and check it; findings carry ``filename``.

    Bad input raises ``orglife.errors.InputError`` from the parser.
    """
    from orglife.documents.parse import parse_bytes

    material = parse_bytes(data, filename)
    findings = check_material(
        material, profile=profile, disabled=disabled, lines=source_lines(data, filename)
    )
    for f in findings:
        f.file = filename
    return findings
