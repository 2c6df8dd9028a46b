"""Issue 10.1: nobody verifies their own work by handing the item to someone else.

Owner and leader are fixed while an item is submitted; whoever held the owner seat (or left
the leader seat) during the current round may not verify or reject it — through the API and
the pages, as a 支委 and as the secretary.
"""

from __future__ import annotations

import itertools

import pytest

from orglife.ledger import services
from orglife.ledger.models import RectificationItem, Status
from tests.ledger.factories import make_item, move, upload

# (attacker, the item's leader at the start, the reassignments the attacker makes).
# A 支委 needs the leader seat to verify; the secretary verifies as manager anyway.
ATTACKS = {
    "committee_a": [
        {"owner": "member_a", "leader": "committee_a"},
        {"owner": None, "leader": "committee_a"},
        {"owner": "secretary_a", "leader": "committee_a"},
    ],
    "secretary_a": [
        {"owner": "member_a"},
        {"owner": None},
        {"owner": "committee_a", "leader": "member_a"},
        {"owner": "member_a", "leader": None},
        {"owner": "committee_a", "leader": "secretary_a"},
    ],
}
CASES = [(who, patch) for who, patches in ATTACKS.items() for patch in patches]
CHANNELS = ["api", "page"]


def _item(world, attacker: str) -> RectificationItem:
    owner = getattr(world, attacker)
    leader = world.secretary_a if attacker == "committee_a" else world.committee_a
    return make_item(world, owner=owner, leader=leader)


def _started(world, attacker: str) -> RectificationItem:
    item = _item(world, attacker)
    return move(item, (getattr(world, attacker), "start", ""))


def _submitted(world, attacker: str) -> RectificationItem:
    item = _started(world, attacker)
    return move(item, (getattr(world, attacker), "submit", ""))


def _patch(world, api, channel: str, user, item: RectificationItem, patch: dict):
    item.refresh_from_db()
    if channel == "api":
        return api(user).patch(
            f"/api/ledger/items/{item.pk}",
            {"version": item.version, **patch},
            content_type="application/json",
        )
    from orglife.ledger.forms import ItemForm

    initial = ItemForm.initial_for(item)
    form = {k: v for k, v in initial.items() if v is not None}
    form["owner"] = item.owner_id or ""
    form["leader"] = item.leader_id or ""
    form["deadline"] = item.deadline.isoformat() if item.deadline else ""
    for key, username in patch.items():
        form[key] = getattr(world, username).pk if username else ""
    form["version"] = item.version
    return world.client(user).post(f"/ledger/{item.pk}/edit/", form)


def _verify(world, api, channel: str, user, item: RectificationItem):
    if channel == "api":
        return api(user).post(
            f"/api/ledger/items/{item.pk}/transitions",
            {"action": "verify", "note": "已整改到位"},
            content_type="application/json",
        )
    return world.client(user).post(
        f"/ledger/{item.pk}/transition/", {"action": "verify", "note": "已整改到位"}
    )


@pytest.mark.parametrize(("attacker", "patch"), CASES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_it_refuses_changing_owner_or_leader_while_submitted(world, api, attacker, patch, channel):
    item = _submitted(world, attacker)
    r = _patch(world, api, channel, getattr(world, attacker), item, patch)
    assert r.status_code == 409, r.content
    item.refresh_from_db()
    assert item.owner == getattr(world, attacker)


@pytest.mark.parametrize(("attacker", "patch"), CASES)
@pytest.mark.parametrize("channel", CHANNELS)
def test_it_refuses_verification_by_whoever_owned_the_item_this_round(
    world, api, attacker, patch, channel
):
    user = getattr(world, attacker)
    item = _started(world, attacker)
    r = _patch(world, api, channel, user, item, patch)
    assert r.status_code in (200, 302), r.content
    item.refresh_from_db()
    services.item_evidence_add(item=item, actor=world.secretary_a, upload=upload())
    item = services.item_transition(item=item, actor=world.secretary_a, action="submit")
    r = _verify(world, api, channel, user, item)
    assert r.status_code == 403, r.content
    body = r.json()["detail"] if channel == "api" else r.content.decode()
    assert "本轮整改" in body
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED and item.verified_by is None


def test_it_refuses_a_leader_who_stepped_down_this_round(world):
    # The secretary leads, hands the leader seat to 支委, and would verify as manager.
    item = make_item(world, owner=world.member_a, leader=world.secretary_a)
    item = move(item, (world.member_a, "start", ""))
    item = services.item_update(
        item=item, actor=world.secretary_a, data={"leader": world.committee_a}, version=2
    )
    item = move(item, (world.member_a, "submit", ""))
    with pytest.raises(services.Forbidden):
        services.item_transition(item=item, actor=world.secretary_a, action="verify", note="好")
    # The reviewer above, who never held a seat, still verifies; so does the new leader.
    services.item_transition(item=item, actor=world.committee_a, action="verify", note="已整改")


def test_it_lets_a_former_owner_verify_after_a_new_round(world):
    # Handed over in the first round; the reject begins a round the secretary had no seat in.
    item = make_item(world, owner=world.secretary_a, leader=world.committee_a)
    item = move(item, (world.secretary_a, "start", ""))
    item = services.item_update(
        item=item, actor=world.secretary_a, data={"owner": world.member_a}, version=item.version
    )
    item = move(item, (world.member_a, "submit", ""))
    with pytest.raises(services.Forbidden):
        services.item_transition(item=item, actor=world.secretary_a, action="verify", note="好")
    item = services.item_transition(
        item=item, actor=world.reviewer, action="reject", note="佐证不足"
    )
    item = move(item, (world.member_a, "submit", ""))
    done = services.item_transition(
        item=item, actor=world.secretary_a, action="verify", note="已整改"
    )
    assert done.status == Status.CLOSED


@pytest.mark.parametrize("steps", list(itertools.permutations(["owner", "leader", "back"], 3)))
def test_it_remembers_every_owner_of_the_round_whatever_the_order(world, steps):
    # The committee member owns it, then seats are shuffled in any order while in progress.
    item = _started(world, "committee_a")
    for step in steps:
        data = {
            "owner": {"owner": world.member_a},
            "leader": {"leader": world.committee_a},
            "back": {"owner": world.member_a, "leader": world.committee_a},
        }[step]
        item.refresh_from_db()
        item = services.item_update(
            item=item, actor=world.secretary_a, data=data, version=item.version
        )
    item = move(item, (world.secretary_a, "submit", ""))
    with pytest.raises(services.Forbidden):
        services.item_transition(item=item, actor=world.committee_a, action="verify", note="好")
