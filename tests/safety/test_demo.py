"""The safety demo: branch A's risk points in four colours, an inspection and hazards."""

import io

import pytest

from orglife.ledger.models import RectificationItem
from orglife.safety.models import HazardDetail, Inspection, RiskPoint
from orglife.site.demo import load_demo


@pytest.fixture
def loaded(db, monkeypatch, today):
    monkeypatch.setenv("ORGLIFE_DEMO_PASSWORD", "demo-pass-2026")
    out = io.StringIO()
    orgs = load_demo(out=out)
    return orgs, out.getvalue()


def test_it_has_risk_points_in_all_four_colours(loaded):
    orgs, out = loaded
    colours = {r.colour for r in RiskPoint.objects.filter(org=orgs["a"])}
    assert colours == {"red", "orange", "yellow", "blue"}
    assert "安全生产" in out


def test_it_has_an_inspection_and_hazards_open_overdue_and_closed(loaded):
    orgs, _ = loaded
    assert Inspection.objects.filter(org=orgs["a"]).count() == 1
    hazards = list(HazardDetail.objects.filter(item__org=orgs["a"]).select_related("item"))
    items = [h.item for h in hazards]
    assert any(i.status == "open" and not i.is_overdue for i in items)
    assert any(i.is_overdue for i in items)
    closed = [i for i in items if i.is_closed]
    assert closed and all(i.verified_by != i.owner for i in closed)
    major = [h for h in hazards if h.is_major]
    assert {h.item.status for h in major} == {"open", "in_progress"}
    assert all(h.plan_complete for h in major if h.item.status == "in_progress")
    assert not RiskPoint.objects.filter(org=orgs["b"]).exists()


def test_it_changes_nothing_when_run_again(loaded):
    counts = (RiskPoint.objects.count(), RectificationItem.objects.count())
    load_demo(out=io.StringIO())
    assert (RiskPoint.objects.count(), RectificationItem.objects.count()) == counts
