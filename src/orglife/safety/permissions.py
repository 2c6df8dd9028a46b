"""Who may do what in 安全生产, asked in one place (services enforce, views ask).

A hazard is a ledger item, so its seats and moves are the ledger's; risk points,
inspections and reports follow who may register ledger items in the unit. Everything the
safety app needs from the ledger's permission rules goes through this module.
"""

from __future__ import annotations

from orglife.ledger import permissions as ledger_permissions
from orglife.ledger import selectors as ledger_selectors
from orglife.ledger.models import RectificationItem
from orglife.ledger.transitions import TRANSITIONS, Transition
from orglife.orgs.models import Organization, User


def may_register_in(user: User, org: Organization) -> bool:
    """Risk points, inspections, hazards and reports: secretary, 支委, reviewer above, admin."""
    return ledger_permissions.may_register_in(user, org)


def units_for(user: User) -> list[Organization]:
    """The branches where this person may register safety records."""
    return ledger_selectors.branches_editable_by(user)


def may_plan(user: User, item: RectificationItem) -> bool:
    """The 治理方案: the owner and leader as well as the branch's editors."""
    return ledger_permissions.may_contribute(ledger_permissions.item_seats(user, item))


def moves_for(user: User, item: RectificationItem) -> list[Transition]:
    """The ledger moves this person may make on the hazard now (buttons on its page)."""
    seats = ledger_permissions.item_seats(user, item)
    return [
        t
        for t in TRANSITIONS.values()
        if t.source == item.status and ledger_permissions.may_make(t, seats)
    ]


def move_label(action: str) -> str:
    return TRANSITIONS[action].label
