"""The safety demo: branch A's risk points in four colours, an inspection and hazards."""

import io
from datetime import date

import pytest

from orglife.ledger.models import RectificationItem
from orglife.safety.models import HazardDetail, Inspection, RiskPoint
from orglife.site.demo import load_demo


@pytest.fixture
def loaded(db, monkeypatch, today):
    today(date(2026, 12, 1))  # the demo's story is told from today
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


def test_it_renders_every_safety_page_on_the_demo(loaded):
    from django.test import Client

    from orglife.orgs.models import User

    orgs, _ = loaded
    hazard = HazardDetail.objects.filter(item__org=orgs["a"], grade="major").first()
    risk = RiskPoint.objects.filter(org=orgs["a"]).first()
    inspection = Inspection.objects.get(org=orgs["a"])
    paths = [
        "/safety/",
        "/safety/risks/new/",
        f"/safety/risks/{risk.pk}/",
        "/safety/hazards/",
        "/safety/hazards/?overdue=1",
        "/safety/hazards/new/",
        f"/safety/hazards/{hazard.pk}/",
        f"/safety/inspections/?year={inspection.held_on.year}&month={inspection.held_on.month}",
        "/safety/inspections/new/",
        f"/safety/inspections/{inspection.pk}/",
        f"/safety/stats/?org={orgs['a'].pk}&year={inspection.held_on.year}&quarter=0",
    ]
    for username in ("secretary_a", "member_a", "reviewer"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for path in paths:
            r = client.get(path)
            assert r.status_code == 200, (username, path, r.status_code)
    from orglife.materials.models import InspectionMaterial

    seed = InspectionMaterial.objects.get(org=orgs["a"], kind="branch", year=2023)
    page = client.get(f"/safety/cases/{seed.pk}/")
    assert page.status_code == 200 and "强化隐患整治不松劲" in page.content.decode()
    outsider = Client()
    outsider.force_login(User.objects.get(username="member_b"))
    assert outsider.get(f"/safety/hazards/{hazard.pk}/").status_code == 404
