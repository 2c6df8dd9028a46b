"""The review engine: run the registered rules over a Material.

Rules live in ``orglife.review.rules`` (one module per family) and register themselves
on import; profiles (``data/profiles.toml``) say which rules a meeting theme switches off
and what structure it requires.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from orglife.documents.model import Material
from orglife.errors import InputError
from orglife.review import rules as _rules  # noqa: F401  (registers every rule)
from orglife.review.data import load
from orglife.review.finding import Finding
from orglife.review.kinds import SURE, DocumentKind, detect_kind
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


# Families that judge a self-inspection material's structure and substance: they run only
# on materials, and only as warnings when the kind was read with low confidence.
MATERIAL_FAMILIES = frozenset({"structure", "substance"})
# A half-width mark used this often is a habit of the whole text: one finding lists them all.
GROUP_MIN = 5
_MARK_NAMES = {
    ",": "逗号",
    ":": "冒号",
    ";": "分号",
    "?": "问号",
    "!": "叹号",
    ".": "句号",
    "(": "括号",
    ")": "括号",
    '"': "引号",
}


@dataclass
class Review:
    """A review's result: the document's kind (with its confidence) and the findings."""

    kind: DocumentKind
    findings: list[Finding]


def review_material(
    material: Material,
    *,
    profile: str | None = None,
    disabled: Iterable[str] = frozenset(),
    lines: Sequence[str] | None = None,
) -> Review:
    """The document's kind and every finding on it (see ``check_material``)."""
    kind = detect_kind(material)
    findings = check_material(material, profile=profile, disabled=disabled, lines=lines, kind=kind)
    return Review(kind, findings)


def _drop_covered(findings: list[Finding]) -> list[Finding]:
    """A doubled character inside a typo already named (住住是 → 往往是) is one slip, not two."""
    typos = [(f.paragraph, f.start, f.end) for f in findings if f.rule == "typo"]
    if not typos:
        return findings
    return [
        f
        for f in findings
        if f.rule != "repeated-char"
        or not any(p == f.paragraph and a <= f.start and f.end <= b for p, a, b in typos)
    ]


def _group_habits(findings: list[Finding]) -> list[Finding]:
    """One finding per half-width mark used GROUP_MIN times or more, listing every place."""
    by_mark: dict[str, list[Finding]] = {}
    for f in findings:
        if f.rule == "halfwidth-punct" and f.end - f.start == 1:
            by_mark.setdefault(f.suggestion, []).append(f)
    grouped = {id(f) for group in by_mark.values() if len(group) >= GROUP_MIN for f in group}
    if not grouped:
        return findings
    out = [f for f in findings if id(f) not in grouped]
    for full, group in by_mark.items():
        if len(group) < GROUP_MIN:
            continue
        first = group[0]
        half = first.message[-2]  # …半角标点“,” / …半角引号“"”
        name = _MARK_NAMES.get(half, "标点")
        out.append(
            replace(
                first,
                message=f"全文 {len(group)} 处半角{name}“{half}”，中文中应使用全角"
                + (f"“{full}”" if len(full) == 1 else full),
                suggestion=f"全部改为“{full}”",
                places=[(f.paragraph, f.start, f.end) for f in group],
            )
        )
    return out


def check_material(
    material: Material,
    *,
    profile: str | None = None,
    disabled: Iterable[str] = frozenset(),
    lines: Sequence[str] | None = None,
    kind: DocumentKind | None = None,
) -> list[Finding]:
    """Every finding on ``material``, sorted by paragraph and offset.

    ``profile`` is a profile id (``list_profiles()``), detected from the title when None.
    ``disabled`` holds rule ids or family names to skip, on top of the profile's own.
    ``lines`` are the source lines the material was parsed from, when at hand
    (``source_lines``): only they show how heading numbers were written.
    ``kind`` is the document's kind (``review.kinds.detect_kind``), detected when None:
    structure rules run only on self-inspection materials, as warnings when unsure.
    A half-width mark used throughout the text is one finding with every place listed.
    """
    if kind is None:
        kind = detect_kind(material)
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
        kind=kind,
    )
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, int, str]] = set()
    for r in RULES.values():
        if r.id in off or r.family in off:
            continue
        if r.family in MATERIAL_FAMILIES and not kind.is_material:
            continue
        ctx.rule_id = r.id
        ctx.severity = overrides.get(r.id, r.severity)
        if r.family in MATERIAL_FAMILIES and kind.confidence < SURE:
            ctx.severity = "warning" if ctx.severity == "error" else ctx.severity
        for f in r.func(ctx):
            ident = (f.rule, f.paragraph, f.start, f.end, f.message)
            if ident not in seen:
                seen.add(ident)
                findings.append(f)
    findings = _group_habits(_drop_covered(findings))
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
