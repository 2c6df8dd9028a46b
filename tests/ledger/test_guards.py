"""The ledger's guard hook: other apps refuse a move for items of their source."""

import pytest

from orglife.core.errors import Conflict
from orglife.ledger import guards
from orglife.ledger.models import ItemEvent
from tests.ledger.factories import make_item


@pytest.fixture
def refuse_start():
    def guard(item):
        raise Conflict("未满足开始条件", log="test guard")

    guards.register(source="supervision", action="start", guard=guard)
    yield guard
    guards.unregister(source="supervision", action="start", guard=guard)


def test_it_runs_a_guard_registered_for_the_items_source(world, api, refuse_start):
    item = make_item(world, source="supervision")
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/transitions", {"action": "start"}, "application/json"
    )
    assert r.status_code == 409
    assert r.json()["detail"] == "未满足开始条件"
    item.refresh_from_db()
    assert item.status == "open"
    assert not ItemEvent.objects.filter(item=item, action="start").exists()


def test_it_leaves_items_of_other_sources_alone(world, api, refuse_start):
    item = make_item(world, source="meeting")
    r = api(world.member_a).post(
        f"/api/ledger/items/{item.pk}/transitions", {"action": "start"}, "application/json"
    )
    assert r.status_code == 200 and r.json()["status"] == "in_progress"


def test_it_checks_permission_before_the_guard(world, api, refuse_start):
    item = make_item(world, source="supervision")
    r = api(world.secretary_b).post(
        f"/api/ledger/items/{item.pk}/transitions", {"action": "start"}, "application/json"
    )
    assert r.status_code == 404


def test_it_registers_a_guard_once():
    def guard(item):
        return None

    guards.register(source="x", action="start", guard=guard)
    guards.register(source="x", action="start", guard=guard)
    assert guards._GUARDS[("x", "start")] == [guard]
    guards.unregister(source="x", action="start", guard=guard)
    assert guards._GUARDS[("x", "start")] == []
