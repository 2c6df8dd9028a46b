"""Issue 10.7, 10.8 (extension on a 长期坚持 item) and 10.15 (pending extension on close).

After the work starts the deadline moves only through an approved extension, whatever the
kind switches to and back; an extension that has no deadline left to move is closed with a
recorded reason, never approved into a 500.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orglife.core.errors import ApplicationError, Conflict
from orglife.ledger import services
from orglife.ledger.models import ExtensionRequest, ItemEvent, Kind, Status
from tests.ledger.factories import make_item, move

PROMISED = date(2024, 1, 20)
LATER = date(2024, 3, 1)

SEQUENCES = [
    [{"kind": "immediate"}, {"deadline": LATER}, {"kind": "deadline"}],
    [{"kind": "immediate", "deadline": LATER}, {"kind": "deadline"}],
    [{"kind": "long_term"}, {"kind": "deadline", "deadline": LATER}],
    [{"kind": "long_term", "deadline": None}, {"kind": "immediate", "deadline": LATER}],
    [{"kind": "immediate"}, {"kind": "long_term"}, {"kind": "deadline", "deadline": LATER}],
    [{"deadline": LATER}],
    [{"kind": "deadline", "deadline": LATER}],
]


def _started(world):
    return move(make_item(world, deadline=PROMISED), (world.member_a, "start", ""))


def _apply(world, api, channel, item, patch):
    item.refresh_from_db()
    if channel == "service":
        try:
            services.item_update(
                item=item, actor=world.secretary_a, data=patch, version=item.version
            )
        except ApplicationError as exc:
            return exc.status
        return 200
    body = {"version": item.version} | {
        k: (v.isoformat() if isinstance(v, date) else v) for k, v in patch.items()
    }
    return (
        api(world.secretary_a)
        .patch(f"/api/ledger/items/{item.pk}", body, content_type="application/json")
        .status_code
    )


@pytest.mark.parametrize("sequence", SEQUENCES)
@pytest.mark.parametrize("channel", ["service", "api"])
def test_it_never_moves_a_started_deadline_by_switching_kinds(world, api, sequence, channel):
    item = _started(world)
    for patch in sequence:
        assert _apply(world, api, channel, item, patch) in (200, 409, 422)
    item.refresh_from_db()
    assert item.kind != Kind.LONG_TERM and item.deadline == PROMISED
    assert item.original_deadline is None


def test_it_says_why_a_kind_switch_is_refused(world):
    item = _started(world)
    with pytest.raises(Conflict, match="延期申请"):
        services.item_update(
            item=item, actor=world.secretary_a, data={"kind": "long_term"}, version=item.version
        )


def test_it_still_switches_between_deadline_kinds_keeping_the_date(world):
    item = _started(world)
    item = services.item_update(
        item=item, actor=world.secretary_a, data={"kind": "immediate"}, version=item.version
    )
    assert item.kind == Kind.IMMEDIATE and item.deadline == PROMISED


def test_it_lets_the_kind_and_deadline_change_freely_before_the_start(world):
    item = make_item(world, deadline=PROMISED)
    for patch in SEQUENCES[0]:
        item.refresh_from_db()
        item = services.item_update(
            item=item, actor=world.secretary_a, data=patch, version=item.version
        )
    assert item.deadline == LATER


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "kind": st.sampled_from(list(Kind.values)),
                "deadline": st.one_of(st.none(), st.dates(date(2023, 1, 1), date(2026, 1, 1))),
            },
        ),
        min_size=1,
        max_size=5,
    )
)
def test_it_keeps_the_started_deadline_under_any_kind_sequence(world, sequence):
    item = _started(world)
    for patch in sequence:
        assert _apply(world, None, "service", item, patch) in (200, 409, 422)
    item.refresh_from_db()
    # The only way a long-term started item gets a deadline is nothing: it had one.
    assert item.deadline == PROMISED and item.kind != Kind.LONG_TERM


def test_it_closes_a_pending_extension_when_the_item_becomes_long_term(world):
    item = make_item(world, deadline=PROMISED)
    request = services.item_extension_request(
        item=item, actor=world.member_a, new_deadline=LATER, reason="需要更多时间"
    )
    item = services.item_update(
        item=item, actor=world.secretary_a, data={"kind": "long_term"}, version=item.version
    )
    request.refresh_from_db()
    assert request.status == ExtensionRequest.State.REFUSED and "长期坚持" in request.decision_note
    with pytest.raises(Conflict):
        services.item_extension_decide(request=request, actor=world.secretary_a, approve=True)
    item.refresh_from_db()
    assert item.deadline is None


def test_it_answers_409_not_500_to_approving_an_extension_of_a_long_term_item(world, api):
    item = make_item(world, deadline=PROMISED)
    request = services.item_extension_request(
        item=item, actor=world.member_a, new_deadline=LATER, reason="需要更多时间"
    )
    # Even if a request stayed pending (older data), approving cannot break the invariant.
    type(item).objects.filter(pk=item.pk).update(kind=Kind.LONG_TERM, deadline=None)
    r = api(world.secretary_a).post(
        f"/api/ledger/extensions/{request.pk}/decision",
        {"approve": True},
        content_type="application/json",
    )
    assert r.status_code == 409 and "长期坚持" in r.json()["detail"]


@pytest.mark.parametrize("closer", ["secretary_a", "reviewer", "committee_a"])
def test_it_closes_a_pending_extension_when_the_item_is_closed(world, closer):
    item = move(make_item(world, deadline=PROMISED), (world.member_a, "start", ""))
    request = services.item_extension_request(
        item=item, actor=world.member_a, new_deadline=LATER, reason="需要更多时间"
    )
    item = move(item, (world.member_a, "submit", ""))
    item = services.item_transition(
        item=item, actor=getattr(world, closer), action="verify", note="已整改到位"
    )
    assert item.status == Status.CLOSED
    request.refresh_from_db()
    assert request.status == ExtensionRequest.State.REFUSED
    assert request.decision_note and request.decided_at is not None
    last = item.events.order_by("-pk").first()
    assert last.action == ItemEvent.Action.EXTENSION_REFUSE and "销号" in last.note
    assert not item.extension_requests.filter(status="pending").exists()
    assert item.deadline == PROMISED
