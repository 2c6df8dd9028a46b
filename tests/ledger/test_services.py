"""Services directly: the rules that hold whatever page or endpoint calls them."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.ledger import services
from orglife.ledger.models import ExtensionRequest, RectificationItem
from tests.ledger.factories import closed_item, make_item, move


def test_it_refuses_closure_by_the_owner_in_the_database_too(world):
    item = make_item(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(
            status="closed", verified_by=world.member_a, closed_at=timezone.now()
        )


def test_it_refuses_a_closed_item_without_a_verifier_in_the_database(world):
    item = make_item(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(status="closed")


def test_it_refuses_a_long_term_item_with_a_deadline_in_the_database(world):
    item = make_item(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(kind="long_term")


def test_it_records_no_change_when_nothing_changed(world):
    item = make_item(world, description="第一行\n第二行")
    same = services.item_update(
        item=item,
        actor=world.secretary_a,
        data={"description": "第一行\r\n第二行", "title": item.title},
        version=1,
    )
    assert same.version == 1 and not item.events.filter(action="update").exists()


def test_it_switches_a_deadline_item_to_long_term(world):
    item = make_item(world)
    item = services.item_update(
        item=item, actor=world.secretary_a, data={"kind": "long_term"}, version=1
    )
    assert item.deadline is None and item.progress_interval_days == 30
    assert item.events.get(action="update").changes["deadline"] == ["2024-01-20", None]


def test_it_refuses_an_extension_decided_by_its_requester(world):
    item = move(make_item(world, owner=world.secretary_a), (world.secretary_a, "start", ""))
    req = services.item_extension_request(
        item=item, actor=world.secretary_a, new_deadline=date(2024, 2, 1), reason="跨月"
    )
    with pytest.raises(Forbidden):
        services.item_extension_decide(request=req, actor=world.secretary_a, approve=True)
    services.item_extension_decide(request=req, actor=world.reviewer, approve=True)
    assert RectificationItem.objects.get(pk=item.pk).deadline == date(2024, 2, 1)


def test_it_refuses_an_earlier_date_a_second_request_and_long_term_extensions(world):
    item = make_item(world)
    with pytest.raises(Invalid, match="晚于"):
        services.item_extension_request(
            item=item, actor=world.member_a, new_deadline=date(2024, 1, 19), reason="x"
        )
    services.item_extension_request(
        item=item, actor=world.member_a, new_deadline=date(2024, 2, 1), reason="x"
    )
    with pytest.raises(Conflict, match="待审批"):
        services.item_extension_request(
            item=item, actor=world.member_a, new_deadline=date(2024, 2, 2), reason="y"
        )
    long_term = make_item(world, kind="long_term", deadline=None)
    with pytest.raises(Invalid, match="长期坚持"):
        services.item_extension_request(
            item=long_term, actor=world.member_a, new_deadline=date(2024, 2, 1), reason="x"
        )


def test_it_refuses_an_extension_without_a_reason_on_refusal(world):
    item = make_item(world)
    req = services.item_extension_request(
        item=item, actor=world.member_a, new_deadline=date(2024, 2, 1), reason="x"
    )
    with pytest.raises(Invalid):
        services.item_extension_decide(request=req, actor=world.secretary_a, approve=False)
    services.item_extension_decide(
        request=req, actor=world.secretary_a, approve=False, note="时间充足"
    )
    assert ExtensionRequest.objects.get(pk=req.pk).status == "refused"
    assert RectificationItem.objects.get(pk=item.pk).deadline == date(2024, 1, 20)


def test_it_keeps_the_first_original_deadline_over_two_extensions(world):
    item = make_item(world)
    for new in (date(2024, 2, 1), date(2024, 3, 1)):
        req = services.item_extension_request(
            item=item, actor=world.member_a, new_deadline=new, reason="x"
        )
        services.item_extension_decide(request=req, actor=world.secretary_a, approve=True)
    item = RectificationItem.objects.get(pk=item.pk)
    assert item.deadline == date(2024, 3, 1) and item.original_deadline == date(2024, 1, 20)


def test_it_refuses_progress_dated_in_the_future(world):
    item = make_item(world, kind="long_term", deadline=None)
    with pytest.raises(Invalid):
        services.item_progress_add(item=item, actor=world.member_a, text="x", on=date(2024, 1, 11))


def test_it_refuses_a_negative_amount(world):
    with pytest.raises(Invalid, match="资金"):
        make_item(world, funds="-5")


def test_it_registers_items_only_in_a_branch(world):
    with pytest.raises(Invalid, match="党支部"):
        services.item_create(org=world.committee, actor=world.reviewer, data={"title": "x"})


def test_it_refuses_edits_to_a_closed_item_before_looking_at_the_version(world):
    item = closed_item(world)
    with pytest.raises(Conflict, match="销号"):
        services.item_update(item=item, actor=world.secretary_a, data={"title": "x"}, version=None)


def test_it_takes_owners_by_username_and_refuses_outsiders(world):
    item = make_item(world, owner="committee_a", leader="secretary_a")
    assert item.owner == world.committee_a and item.leader == world.secretary_a
    with pytest.raises(Invalid, match="member_b"):
        services.item_update(
            item=item, actor=world.secretary_a, data={"owner": "member_b"}, version=1
        )


def test_it_refuses_an_owner_object_from_another_branch(world):
    with pytest.raises(Invalid, match="member_b"):
        make_item(world, owner=world.member_b)
