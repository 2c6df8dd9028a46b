"""Guards other apps put on ledger moves, keyed by an item's source and the move's action.

The transition table says who may make a move; a guard says whether this item is ready
for it (e.g. a 重大事故隐患 needs its 治理方案 before ``start``). Apps register theirs in
``AppConfig.ready``; ``services.item_transition`` runs them under the item's row lock, so
the ledger names no other app and carries no ``if source == …`` chain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orglife.ledger.models import RectificationItem

# A guard raises a domain error (usually Conflict, 409) with a Chinese reason to refuse.
Guard = Callable[["RectificationItem"], None]

_GUARDS: dict[tuple[str, str], list[Guard]] = {}


def register(*, source: str, action: str, guard: Guard) -> None:
    """Run ``guard`` before ``action`` on items of ``source``; registering twice is a no-op."""
    guards = _GUARDS.setdefault((source, action), [])
    if guard not in guards:
        guards.append(guard)


def unregister(*, source: str, action: str, guard: Guard) -> None:
    guards = _GUARDS.get((source, action), [])
    if guard in guards:
        guards.remove(guard)


def check(item: RectificationItem, action: str) -> None:
    """Run every guard registered for this item's source and this action."""
    for guard in _GUARDS.get((item.source, action), ()):
        guard(item)
