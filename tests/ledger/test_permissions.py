"""ledger/permissions.py: typed seats, asked by views, enforced by services."""

import pytest

from orglife.ledger import permissions
from orglife.ledger.models import Category, ItemEvent, Kind, Source, Status
from orglife.ledger.permissions import Seat
from orglife.ledger.transitions import TRANSITIONS
from tests.ledger.factories import make_item


def test_it_names_every_seat_of_the_table_with_the_enum():
    for t in TRANSITIONS.values():
        assert all(isinstance(s, Seat) for s in t.allowed | t.refused)


def test_it_gives_typed_seats(world):
    item = make_item(world)
    assert permissions.item_seats(world.member_a, item) == {Seat.OWNER}
    assert permissions.item_seats(world.committee_a, item) == {Seat.LEADER, Seat.COMMITTEE}
    assert permissions.item_seats(world.secretary_a, item) == {Seat.MANAGER, Seat.COMMITTEE}
    assert permissions.item_seats(world.secretary_b, item) == frozenset()


@pytest.mark.parametrize(
    ("who", "edit", "contribute", "decide"),
    [
        ("member_a", False, True, False),
        ("committee_a", True, True, False),
        ("secretary_a", True, True, True),
        ("reviewer", True, True, True),
        ("secretary_b", False, False, False),
    ],
)
def test_it_answers_the_may_questions(world, who, edit, contribute, decide):
    seats = permissions.item_seats(getattr(world, who), make_item(world))
    assert permissions.may_edit(seats) is edit
    assert permissions.may_contribute(seats) is contribute
    assert permissions.may_decide_extension(seats) is decide


def test_it_lists_every_choice_in_the_openapi_document(world, api):
    doc = api(world.member_a).get("/api/openapi.json").json()
    enums = {tuple(sorted(s["enum"])) for s in doc["components"]["schemas"].values() if "enum" in s}
    for choices in (Status, Kind, Category, Source, ItemEvent.Action):
        assert tuple(sorted(choices.values)) in enums, choices
    assert tuple(sorted(TRANSITIONS)) in enums


def test_it_keeps_the_json_values_plain_strings(world, api):
    item = make_item(world)
    body = api(world.member_a).get(f"/api/ledger/items/{item.pk}").json()
    assert (body["status"], body["kind"], body["category"], body["source"]) == (
        "open",
        "deadline",
        "theory_study",
        "meeting",
    )
