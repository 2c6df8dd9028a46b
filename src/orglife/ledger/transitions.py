"""The closed loop of an item as a declared table (STYLE.md, like django-oscar's pipeline).

``services.item_transition`` is the only code that moves an item's status; it reads this
table for what is allowed, by whom, and what each move needs. Who is named by seat
(``permissions.Seat``: owner, leader, manager, committee, round_doer).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from orglife.ledger.models import Status
from orglife.ledger.permissions import Seat, Seats


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: str
    target: str
    allowed: Seats
    # Seats refused even when another seat would allow it (separation of duties).
    refused: Seats = frozenset()
    needs_note: bool = False
    note_label: str = "说明"
    needs_evidence: bool = False
    button: str = "primary"


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "start",
            "开始整改",
            Status.OPEN,
            Status.IN_PROGRESS,
            allowed=frozenset({Seat.OWNER, Seat.LEADER, Seat.MANAGER}),
        ),
        Transition(
            "submit",
            "提交验收",
            Status.IN_PROGRESS,
            Status.SUBMITTED,
            allowed=frozenset({Seat.OWNER, Seat.LEADER, Seat.MANAGER, Seat.COMMITTEE}),
            needs_evidence=True,
        ),
        # 对账销号: checked by someone other than the owner (docs/domain.md, ISO 45001 §10.2),
        # nor by anyone who held the owner seat (or left a leader seat) during this round.
        Transition(
            "verify",
            "验收销号",
            Status.SUBMITTED,
            Status.CLOSED,
            allowed=frozenset({Seat.LEADER, Seat.MANAGER}),
            refused=frozenset({Seat.OWNER, Seat.ROUND_DOER}),
            needs_note=True,
            note_label="整改实效",
            button="success",
        ),
        Transition(
            "reject",
            "退回整改",
            Status.SUBMITTED,
            Status.IN_PROGRESS,
            allowed=frozenset({Seat.LEADER, Seat.MANAGER}),
            refused=frozenset({Seat.OWNER, Seat.ROUND_DOER}),
            needs_note=True,
            note_label="退回理由",
            button="warning",
        ),
        # Reopening a closed item is its own act, by someone above the owner, with a reason.
        Transition(
            "reopen",
            "重新打开",
            Status.CLOSED,
            Status.IN_PROGRESS,
            allowed=frozenset({Seat.MANAGER}),
            refused=frozenset({Seat.OWNER, Seat.ROUND_DOER}),
            needs_note=True,
            note_label="重新打开理由",
            button="danger",
        ),
    ]
}

ACTIONS = tuple(TRANSITIONS)

# The moves as a typed choice (the API's schema lists them): start, submit, verify, ...
TransitionAction = StrEnum("TransitionAction", {a.upper(): a for a in ACTIONS})  # type: ignore[misc]

STATUS_LABELS = dict(Status.choices)


def refusal_reason(transition: Transition, status: str) -> str:
    """The Chinese reason a move does not fit the item's status (answered with 409)."""
    here = STATUS_LABELS.get(status, status)
    need = STATUS_LABELS[transition.source]
    if status == Status.CLOSED:
        return f"事项已销号，不能“{transition.label}”；如需继续整改，请先由书记或上级审核人重新打开"
    return f"事项当前为“{here}”，只有“{need}”的事项才能“{transition.label}”"
