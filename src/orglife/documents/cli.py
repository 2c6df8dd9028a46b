"""``orglife parse`` and ``orglife render`` (DESIGN.md, "The orglife command")."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

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
    if not isinstance(data, dict) or not isinstance(data.get("sections", []), list):
        raise InputError(f"不是有效的材料 JSON：{p}", "invalid Material JSON: expected an object")
    try:
        return Material.from_dict(data)
    except (AttributeError, TypeError) as exc:
        raise InputError(f"不是有效的材料 JSON：{p}", f"invalid Material JSON: {exc}") from exc


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
