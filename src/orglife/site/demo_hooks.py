"""Each app adds its part of the demo here, after the organizations and people exist."""

from __future__ import annotations

import importlib
from typing import TextIO

# Modules with a ``load(*, orgs, out) -> list[str]`` function, run in this order.
HOOKS = [
    "orglife.materials.demo",
    "orglife.ledger.demo",
    "orglife.safety.demo",
    "orglife.meetings.demo",
]


def run_hooks(*, orgs: dict, out: TextIO) -> list[str]:
    lines: list[str] = []
    for name in HOOKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        lines.extend(module.load(orgs=orgs, out=out) or [])
    return lines
