"""Who may do what to a ledger item: typed seats and the "may X" questions.

Services enforce these (raising Forbidden); views and the API only ask them, to show or
hide a button. Seeing an item at all is a selector's business (``items_visible_to``).

Seats towards an item:

- ``OWNER``: its 责任人; ``LEADER``: its 责任领导;
- ``MANAGER``: the branch secretary/deputy, a reviewer (or secretary) above, the admin;
- ``COMMITTEE``: a 支委 of the branch (managers hold it too);
- ``ROUND_DOER``: held the owner seat at some point of the item's current round (since the
  last start, reject or reopen), or a leader seat since left. Who did the work is a fact of
  the round: handing the item to someone else does not make its verification independent.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from orglife.ledger.models import ItemEvent, RectificationItem, Status
from orglife.orgs import permissions as org_permissions
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Membership, Organization, User

if TYPE_CHECKING:
    from orglife.ledger.transitions import Transition


class Seat(StrEnum):
    OWNER = "owner"
    LEADER = "leader"
    MANAGER = "manager"
    COMMITTEE = "committee"
    ROUND_DOER = "round_doer"


Seats = frozenset[Seat]

# The acts that begin a round of work on an item (its owner and leader answer for it).
ROUND_STARTS = (ItemEvent.Action.START, ItemEvent.Action.REJECT, ItemEvent.Action.REOPEN)


def round_people(item: RectificationItem) -> tuple[set[str], set[str]]:
    """Usernames that held the owner and the leader seat during the current round.

    Read from the history rows: the seat's value when the round began is the old value of
    the first change after it (or today's value when there was none), then every new value.
    """
    owners = {item.owner.username} if item.owner else set()
    leaders = {item.leader.username} if item.leader else set()
    start = (
        item.events.filter(action__in=ROUND_STARTS).order_by("-pk").values_list("pk", flat=True)
    ).first()
    events = item.events.filter(action=ItemEvent.Action.UPDATE)
    if start is not None:
        events = events.filter(pk__gt=start)
    for changes in events.values_list("changes", flat=True):
        for key, bucket in (("owner", owners), ("leader", leaders)):
            change = changes.get(key) if isinstance(changes, dict) else None
            if isinstance(change, list):
                bucket.update(v for v in change if isinstance(v, str) and v)
    return owners, leaders


def item_seats(user: User, item: RectificationItem) -> Seats:
    """The seats this person holds towards an item."""
    seats: set[Seat] = set()
    if not user.is_authenticated:
        return frozenset()
    if item.owner_id == user.pk:
        seats.add(Seat.OWNER)
    if item.leader_id == user.pk:
        seats.add(Seat.LEADER)
    if org_permissions.may_manage(user, item.org):
        seats |= {Seat.MANAGER, Seat.COMMITTEE}
    elif org_permissions.is_committee_member(user, item.org):
        seats.add(Seat.COMMITTEE)
    if item.status != Status.OPEN:
        owners, leaders = round_people(item)
        if user.username in owners or (user.username in leaders and Seat.LEADER not in seats):
            seats.add(Seat.ROUND_DOER)
    return frozenset(seats)


def _any(seats: Iterable[Seat], *wanted: Seat) -> bool:
    return any(s in seats for s in wanted)


def may_register_in(user: User, org: Organization) -> bool:
    """Secretary/deputy, 支委 of the branch, a reviewer above or the admin register items."""
    return org_permissions.may_manage(user, org) or org_permissions.is_committee_member(user, org)


def orgs_registrable_by(user: User) -> QuerySet[Organization]:
    """Every organization where ``may_register_in`` holds, as one queryset (a list page
    asks it of every branch at once, not branch by branch)."""
    if not user.is_authenticated:
        return Organization.objects.none()
    seated = Membership.objects.filter(user=user, role__in=Membership.COMMITTEE_MEMBER_SEATS)
    return Organization.objects.filter(
        Q(pk__in=org_selectors.orgs_managed_by(user).values("pk"))
        | Q(pk__in=seated.values("organization"))
    )


def may_edit(seats: Seats) -> bool:
    """Edit an item's fields (not its status): managers and 支委."""
    return _any(seats, Seat.MANAGER, Seat.COMMITTEE)


def may_contribute(seats: Seats) -> bool:
    """Evidence, progress and extension requests: the owner and leader as well as editors."""
    return _any(seats, Seat.OWNER, Seat.LEADER, Seat.MANAGER, Seat.COMMITTEE)


def may_decide_extension(seats: Seats) -> bool:
    """Approve or refuse an extension: the secretary or a reviewer above."""
    return Seat.MANAGER in seats


def may_make(transition: Transition, seats: Seats) -> bool:
    """True when one of the person's seats allows the move and none refuses it."""
    return bool(seats & transition.allowed) and not (seats & transition.refused)
