import pytest

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.core.workflow import Move, Workflow

FLOW = Workflow(
    "plan",
    (
        Move(
            "submit",
            "报送审核",
            frozenset({"draft", "returned"}),
            "submitted",
            allowed=frozenset({"secretary"}),
        ),
        Move(
            "approve",
            "批准",
            frozenset({"submitted"}),
            "approved",
            allowed=frozenset({"reviewer"}),
            refused=frozenset({"author"}),
        ),
        Move(
            "return",
            "退回修改",
            frozenset({"submitted"}),
            "returned",
            allowed=frozenset({"reviewer"}),
            needs_note=True,
            note_label="退回意见",
        ),
    ),
    status_labels={"draft": "草稿", "submitted": "待审核"},
)


def test_it_answers_the_move_when_everything_fits():
    move = FLOW.check(action="submit", status="draft", seats={"secretary"})
    assert move.target == "submitted"


def test_it_refuses_an_unknown_action_with_422():
    with pytest.raises(Invalid, match="不支持的操作"):
        FLOW.check(action="delete", status="draft", seats={"secretary"})


def test_it_refuses_a_move_from_the_wrong_status_with_409():
    with pytest.raises(Conflict, match="待审核"):
        FLOW.check(action="submit", status="submitted", seats={"secretary"})


def test_it_refuses_a_seat_not_allowed_with_403():
    with pytest.raises(Forbidden):
        FLOW.check(action="approve", status="submitted", seats={"secretary"})


def test_it_refuses_a_refused_seat_even_when_another_allows():
    with pytest.raises(Forbidden):
        FLOW.check(action="approve", status="submitted", seats={"reviewer", "author"})


def test_it_requires_the_note_a_move_names():
    with pytest.raises(Invalid, match="退回意见"):
        FLOW.check(action="return", status="submitted", seats={"reviewer"}, note="  ")


def test_it_lists_only_the_moves_a_person_can_make_now():
    assert [m.action for m in FLOW.available(status="submitted", seats={"reviewer"})] == [
        "approve",
        "return",
    ]
    assert FLOW.available(status="submitted", seats={"secretary"}) == []
