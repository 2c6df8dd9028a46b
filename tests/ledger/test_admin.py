"""Issue 10.10: the admin site cannot bypass the ledger's audit trail."""

from __future__ import annotations

import pytest

from orglife.ledger import services
from orglife.ledger.models import (
    Evidence,
    ExtensionRequest,
    ItemEvent,
    ProgressEntry,
    RectificationItem,
)
from tests.ledger.factories import closed_item, make_item

MODELS = [RectificationItem, ItemEvent, Evidence, ProgressEntry, ExtensionRequest]


@pytest.fixture
def records(world):
    closed_item(world)
    other = make_item(world, title="另一事项")
    services.item_progress_add(item=other, actor=world.member_a, text="进展")
    services.item_extension_request(
        item=other, actor=world.member_a, new_deadline="2024-03-01", reason="需要时间"
    )
    return {m: m.objects.first() for m in MODELS}


def _url(model, what: str, pk=None) -> str:
    base = f"/admin/ledger/{model._meta.model_name}/"
    return base + ("add/" if what == "add" else f"{pk}/{what}/" if what != "list" else "")


def _counts():
    return {m: m.objects.count() for m in MODELS}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_offers_no_delete_of_audited_records(world, records, model):
    admin = world.client(world.admin)
    before = _counts()
    obj = records[model]
    assert admin.get(_url(model, "delete", obj.pk)).status_code == 403
    assert admin.post(_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    r = admin.post(
        _url(model, "list"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert r.status_code in (200, 302)
    assert _counts() == before


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_offers_no_add_or_change(world, records, model):
    admin = world.client(world.admin)
    assert admin.get(_url(model, "add")).status_code == 403
    obj = records[model]
    r = admin.post(_url(model, "change", obj.pk), {"title": "改掉", "note": "改掉", "text": "改掉"})
    assert r.status_code == 403
    assert admin.get(_url(model, "change", obj.pk)).status_code == 200  # still readable


def test_it_refuses_a_forged_closed_item_with_a_verifier(world):
    admin = world.client(world.admin)
    before = RectificationItem.objects.count()
    r = admin.post(
        _url(RectificationItem, "add"),
        {
            "org": world.branch_a.pk,
            "title": "伪造的已销号事项",
            "category": "other",
            "source": "meeting",
            "kind": "deadline",
            "deadline": "2024-01-20",
            "status": "closed",
            "verified_by": world.reviewer.pk,
            "closed_at_0": "2024-01-10",
            "closed_at_1": "12:00:00",
            "version": 1,
        },
    )
    assert r.status_code == 403 and RectificationItem.objects.count() == before
