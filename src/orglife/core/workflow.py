"""Workflows as declared transition tables (the ledger's pattern, made reusable).

A ``Workflow`` is a frozen table of ``Move``s: from which status, to which, which seats
may make it, which seats are refused even so (separation of duties), whether a note is
required, and the name of the side effect the service runs. A service locks its object,
asks ``flow.check(...)`` for the move (raising the domain error with a Chinese reason),
sets the status, writes its history row and runs ``effects[move.effect]``: no
``if action == …`` chains in services.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from orglife.core.errors import Conflict, Forbidden, Invalid


@dataclass(frozen=True)
class Move:
    action: str
    label: str
    source: frozenset[str]
    target: str
    allowed: frozenset[str]
    refused: frozenset[str] = frozenset()
    needs_note: bool = False
    note_label: str = "说明"
    effect: str | None = None
    button: str = "primary"

    def permits(self, seats: Iterable[str]) -> bool:
        """True when one of the seats allows the move and none refuses it."""
        held = set(seats)
        return bool(held & self.allowed) and not (held & self.refused)


@dataclass(frozen=True)
class Workflow:
    """A named table of moves over a status field whose labels are ``status_labels``."""

    name: str
    moves: tuple[Move, ...]
    status_labels: Mapping[str, str] = field(default_factory=dict)

    def move(self, action: str) -> Move:
        for m in self.moves:
            if m.action == action:
                return m
        choices = "、".join(m.action for m in self.moves)
        raise Invalid(
            f"不支持的操作：{action}（可选：{choices}）", log=f"{self.name}: bad action {action!r}"
        )

    def check(self, *, action: str, status: str, seats: Iterable[str], note: str = "") -> Move:
        """The move, or the domain error a person should see: 422, 409 or 403."""
        m = self.move(action)
        if status not in m.source:
            here = self.status_labels.get(status, status)
            raise Conflict(
                f"当前状态为“{here}”，不能“{m.label}”",
                log=f"{self.name}: {action} from {status} refused",
            )
        if not m.permits(seats):
            raise Forbidden(
                f"您无权“{m.label}”", log=f"{self.name}: {action} by seats {sorted(seats)} refused"
            )
        if m.needs_note and not note.strip():
            raise Invalid(f"请填写{m.note_label}", log=f"{self.name}: {action} needs a note")
        return m

    def available(self, *, status: str, seats: Iterable[str]) -> list[Move]:
        """The moves this person can make now: for showing buttons, never for enforcing."""
        held = set(seats)
        return [m for m in self.moves if status in m.source and m.permits(held)]
