"""``orglife parse`` and ``orglife render`` (docs/contracts.md, "The orglife command")."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from orglife.documents.limits import Budget
from orglife.documents.model import Material
from orglife.documents.parse import parse_file
from orglife.documents.render import render_docx, render_text
from orglife.documents.safe_zip import check_size
from orglife.errors import InputError


def outline(material: Material) -> str:
    """A human-readable outline of a material's structure (``--format text``)."""
    kinds = {"branch": "党支部（班子）", "individual": "个人", "unknown": "未识别"}
    out = [
        f"标题：{material.title or '（无）'}",
        f"类型：{kinds.get(material.kind, material.kind)} ({material.kind})",
        f"前言：{len(material.preamble)} 段",
    ]
    for s in material.sections:
        num = f"{s.number}、" if s.number else ""
        out.append(f"{num}{s.heading}  [{s.role}] {len(s.paragraphs)} 段，{len(s.items)} 条")
        for it in s.items:
            if not it.number:
                label = "·"
            elif it.number[0].isdigit():
                label = f"{it.number}."
            else:
                label = f"（{it.number}）"
            aspect = f" [{it.aspect}]" if it.aspect else ""
            out.append(f"    {label}{it.heading}{aspect}  {len(it.paragraphs)} 段")
    return "\n".join(out)


def cmd_parse(args: argparse.Namespace) -> int:
    """Print a material's structure as JSON or as an outline."""
    material = parse_file(args.file)
    if getattr(args, "format", "text") == "json":
        _emit(json.dumps(material.to_dict(), ensure_ascii=False, indent=2))
    else:
        _emit(outline(material))
    return 0


def _emit(text: str) -> None:
    """Print to stdout; a reader that stops early (``| head``) is not an error."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def load_material(path: str) -> Material:
    """A material from .json (Material JSON), .txt or .docx; InputError for anything else."""
    p = Path(path)
    if p.suffix.lower() != ".json":
        return parse_file(p)
    try:
        size = p.stat().st_size
        check_size(size)
        data = json.loads(p.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise InputError(f"找不到文件：{p}", f"no such file: {p}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"不是有效的材料 JSON：{p}", f"invalid Material JSON: {exc}") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件：{p}", f"cannot read {p}: {exc.strerror}") from exc
    problem = json_problem(data)
    if problem:
        raise InputError(
            f"不是有效的材料 JSON（{problem}）：{p}", f"invalid Material JSON: {problem}"
        )
    _spend_json_text(data)
    return Material.from_dict(data)


def _spend_json_text(data: dict[str, object]) -> None:
    """Hold a Material JSON to the same character and paragraph limits as a .txt or .docx."""
    budget = Budget()
    texts: list[object] = [data.get("title"), *(data.get("preamble") or [])]  # type: ignore[misc]
    for s in data.get("sections") or []:  # type: ignore[attr-defined]
        texts += [s.get("heading"), *(s.get("paragraphs") or [])]
        for it in s.get("items") or []:
            texts += [it.get("heading"), *(it.get("paragraphs") or [])]
    for text in texts:
        if isinstance(text, str):
            budget.spend_chars(len(text))
            budget.spend_lines()


def _texts_ok(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def _opt_str(value: object) -> bool:
    return value is None or isinstance(value, str)


def json_problem(data: object) -> str | None:
    """What is wrong with a Material JSON document, or None when it can be rendered."""
    if not isinstance(data, dict):
        return "not an object"
    if not all(_opt_str(data.get(k)) for k in ("title", "kind")):
        return "title/kind must be strings"
    if not _texts_ok(data.get("preamble") or []):
        return "preamble must be a list of strings"
    sections = data.get("sections") or []
    if not isinstance(sections, list):
        return "sections must be a list"
    for n, s in enumerate(sections):
        if not isinstance(s, dict):
            return f"sections[{n}] is not an object"
        if not all(_opt_str(s.get(k)) for k in ("number", "heading", "role", "run_in_sep")):
            return f"sections[{n}]: number/heading/role must be strings"
        if not _texts_ok(s.get("paragraphs") or []):
            return f"sections[{n}].paragraphs must be a list of strings"
        items = s.get("items") or []
        if not isinstance(items, list):
            return f"sections[{n}].items must be a list"
        for k, it in enumerate(items):
            if not isinstance(it, dict):
                return f"sections[{n}].items[{k}] is not an object"
            if not all(_opt_str(it.get(f)) for f in ("number", "heading", "aspect", "run_in_sep")):
                return f"sections[{n}].items[{k}]: number/heading/aspect must be strings"
            if not _texts_ok(it.get("paragraphs") or []):
                return f"sections[{n}].items[{k}].paragraphs must be a list of strings"
    return None


def write_atomically(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure leaves nothing behind."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError(
            f"输出目录不存在：{directory}", f"output directory does not exist: {directory}"
        )
    fd, tmp = tempfile.mkstemp(prefix=".orglife-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_render(args: argparse.Namespace) -> int:
    """Render a material (.json, .txt or .docx) to an official-format .docx (or .txt)."""
    material = load_material(args.file)
    if str(args.output).lower().endswith(".txt"):
        data = render_text(material).encode("utf-8")
    else:
        data = render_docx(material)
    try:
        write_atomically(args.output, data)
    except OSError as exc:
        raise InputError(
            f"无法写入文件：{args.output}", f"cannot write {args.output}: {exc.strerror}"
        ) from exc
    print(f"已生成 / written: {args.output}")
    return 0
