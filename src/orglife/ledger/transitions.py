"""The closed loop of an item as a declared table (STYLE.md, like django-oscar's pipeline).

``services.item_transition`` is the only code that moves an item's status; it reads this
table for what is allowed, by whom, and what each move needs. Who is named by seat:

- ``owner``: the item's 责任人; ``leader``: its 责任领导;
- ``manager``: the branch secretary/deputy, a reviewer (or secretary) above, the admin;
- ``committee``: a 支委 of the branch (as well as the managers).
"""

from __future__ import annotations

from dataclasses import dataclass

from orglife.ledger.models import Status


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    source: str
    target: str
    allowed: frozenset[str]
    # Seats refused even when another seat would allow it (separation of duties).
    refused: frozenset[str] = frozenset()
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
            allowed=frozenset({"owner", "leader", "manager"}),
        ),
        Transition(
            "submit",
            "提交验收",
            Status.IN_PROGRESS,
            Status.SUBMITTED,
            allowed=frozenset({"owner", "leader", "manager", "committee"}),
            needs_evidence=True,
        ),
        # 对账销号: checked by someone other than the owner (docs/domain.md, ISO 45001 §10.2).
        Transition(
            "verify",
            "验收销号",
            Status.SUBMITTED,
            Status.CLOSED,
            allowed=frozenset({"leader", "manager"}),
            refused=frozenset({"owner"}),
            needs_note=True,
            note_label="整改实效",
            button="success",
        ),
        Transition(
            "reject",
            "退回整改",
            Status.SUBMITTED,
            Status.IN_PROGRESS,
            allowed=frozenset({"leader", "manager"}),
            refused=frozenset({"owner"}),
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
            allowed=frozenset({"manager"}),
            refused=frozenset({"owner"}),
            needs_note=True,
            note_label="重新打开理由",
            button="danger",
        ),
    ]
}

ACTIONS = tuple(TRANSITIONS)

STATUS_LABELS = dict(Status.choices)


def refusal_reason(transition: Transition, status: str) -> str:
    """The Chinese reason a move does not fit the item's status (answered with 409)."""
    here = STATUS_LABELS.get(status, status)
    need = STATUS_LABELS[transition.source]
    if status == Status.CLOSED:
        return f"事项已销号，不能“{transition.label}”；如需继续整改，请先由书记或上级审核人重新打开"
    return f"事项当前为“{here}”，只有“{need}”的事项才能“{transition.label}”"


def permits(transition: Transition, seats: set[str]) -> bool:
    """True when one of the person's seats allows the move and none refuses it."""
    return bool(seats & transition.allowed) and not (seats & transition.refused)
