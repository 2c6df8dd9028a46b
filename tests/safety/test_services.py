"""Safety services: risk register with history, hazards on the ledger, the 治理方案 gate."""

from datetime import date
from decimal import Decimal

import pytest

from orglife.core.errors import Conflict, Forbidden, Invalid
from orglife.ledger import services as ledger_services
from orglife.ledger.models import Evidence, ItemEvent, RectificationItem
from orglife.safety import services
from orglife.safety.models import HazardDetail, RiskAssessment
from tests.ledger.factories import png_bytes, upload
from tests.safety.factories import (
    COMPLETE_PLAN,
    make_hazard,
    make_inspection,
    make_risk,
)


def test_it_registers_a_risk_point_with_its_first_assessment(world):
    risk = make_risk(world)
    assert risk.score == Decimal("270") and risk.level == "large" and risk.colour == "orange"
    first = RiskAssessment.objects.get(risk=risk)
    assert first.actor == world.secretary_a and first.l == 3 and first.c == 15
    assert first.changes["place"] == [None, "配电室"]


def test_it_keeps_every_reassessment(world):
    risk = make_risk(world)
    risk = services.risk_update(
        risk=risk, actor=world.committee_a, data={"l": 6, "c": 40}, version=1, note="复评"
    )
    assert risk.score == Decimal("1440") and risk.colour == "red" and risk.version == 2
    rows = list(RiskAssessment.objects.filter(risk=risk))
    assert len(rows) == 2
    assert rows[0].rating.level == "large" and rows[1].rating.level == "major"
    assert rows[1].changes["l"] == ["3", "6"] and rows[1].note == "复评"


def test_it_switches_a_risk_point_to_ls(world):
    risk = make_risk(world)
    risk = services.risk_update(
        risk=risk, actor=world.secretary_a, data={"method": "ls", "l": 2, "s": 4}, version=1
    )
    assert risk.method == "ls" and risk.score == 8 and risk.colour == "blue"
    assert risk.e is None and risk.c is None


def test_it_refuses_a_stale_version(world):
    risk = make_risk(world)
    with pytest.raises(Conflict):
        services.risk_update(risk=risk, actor=world.secretary_a, data={"place": "x"}, version=9)


@pytest.mark.parametrize(
    "bad",
    [{"l": 4}, {"e": 7}, {"c": 50}, {"method": "ls", "l": 6, "s": 1}, {"method": "abc"}],
)
def test_it_refuses_assessment_values_outside_the_sets(world, bad):
    with pytest.raises(Invalid):
        make_risk(world, **bad)


def test_it_refuses_a_member_registering_a_risk(world):
    with pytest.raises(Forbidden):
        services.risk_create(
            org=world.branch_a,
            actor=world.member_a,
            data={"place": "x", "area": "fire", "hazard": "y", "l": 1, "e": 1, "c": 1},
        )


def test_it_makes_a_hazard_a_ledger_item_with_its_area_as_category(world):
    risk = make_risk(world)
    hazard = make_hazard(world, risk=risk.pk)
    item = hazard.item
    assert item.source == "hazard" and item.category == "electricity"
    assert hazard.risk == risk and hazard.grade == "general" and not hazard.reports_up
    assert ItemEvent.objects.filter(item=item, action="create").exists()


def test_it_stores_a_photo_as_evidence(world):
    hazard = services.hazard_create(
        org=world.branch_a,
        actor=world.secretary_a,
        data={"description": "楼梯间堆放杂物", "area": "fire", "owner": "member_a"},
        photo=upload("scene.png", png_bytes()),
    )
    assert hazard.item.title == "楼梯间堆放杂物"
    assert Evidence.objects.filter(item=hazard.item).count() == 1


def test_it_creates_nothing_when_the_photo_is_refused(world):
    with pytest.raises(Invalid):
        services.hazard_create(
            org=world.branch_a,
            actor=world.secretary_a,
            data={"description": "楼梯间堆放杂物", "area": "fire"},
            photo=upload("scene.png", b"not a picture"),
        )
    assert not RectificationItem.objects.exists() and not HazardDetail.objects.exists()


def test_it_refuses_an_unknown_area_or_grade(world):
    with pytest.raises(Invalid):
        make_hazard(world, area="theory_study")
    with pytest.raises(Invalid):
        make_hazard(world, grade="huge")


def test_it_refuses_a_major_hazard_start_until_the_plan_is_complete(world):
    hazard = make_hazard(world, grade="major")
    assert hazard.reports_up
    with pytest.raises(Conflict) as info:
        ledger_services.item_transition(item=hazard.item, actor=world.member_a, action="start")
    assert "目标和任务" in info.value.message and "安全措施和应急预案" in info.value.message
    partial = dict(COMPLETE_PLAN, safety="")
    services.hazard_plan_set(hazard=hazard, actor=world.member_a, parts=partial)
    with pytest.raises(Conflict) as info:
        ledger_services.item_transition(item=hazard.item, actor=world.member_a, action="start")
    assert "尚缺：安全措施和应急预案" in info.value.message
    services.hazard_plan_set(hazard=hazard, actor=world.member_a, parts=COMPLETE_PLAN)
    item = ledger_services.item_transition(item=hazard.item, actor=world.member_a, action="start")
    assert item.status == "in_progress"
    plan_event = ItemEvent.objects.filter(item=item, note="治理方案").last()
    assert plan_event.changes["安全措施和应急预案"][1] == COMPLETE_PLAN["safety"]


def test_it_lets_a_general_hazard_start_without_a_plan(world):
    hazard = make_hazard(world)
    item = ledger_services.item_transition(item=hazard.item, actor=world.member_a, action="start")
    assert item.status == "in_progress"


def test_it_refuses_the_plan_from_a_plain_member_who_is_not_owner(world):
    hazard = make_hazard(world, owner="committee_a", leader=None)
    with pytest.raises(Forbidden):
        services.hazard_plan_set(hazard=hazard, actor=world.member_a, parts=COMPLETE_PLAN)


def test_it_records_an_inspection_with_roster_inspectors(world):
    inspection = make_inspection(world)
    assert set(inspection.inspectors.values_list("username", flat=True)) == {
        "committee_a",
        "member_a",
    }
    assert inspection.findings.count() == 2


def test_it_refuses_an_inspector_from_another_branch(world):
    with pytest.raises(Invalid):
        make_inspection(world, inspectors=["member_b"])


def test_it_turns_a_finding_into_a_hazard_in_one_step(world):
    inspection = make_inspection(world)
    finding = inspection.findings.first()
    hazard = services.finding_to_hazard(
        finding=finding, actor=world.secretary_a, data={"owner": "member_a"}
    )
    assert hazard.inspection == inspection and hazard.place == "食堂后厨"
    assert hazard.found_on == date(2024, 1, 5) and hazard.item.category == "gas"
    assert "committee_a" in hazard.item.description
    finding.refresh_from_db()
    assert finding.hazard == hazard.item
    with pytest.raises(Conflict):
        services.finding_to_hazard(finding=finding, actor=world.secretary_a)


def test_it_takes_ls_values_written_as_decimals(world):
    risk = make_risk(world, method="ls", l="3.0", s="4.0", e=None, c=None)
    assert risk.s == 4 and risk.score == 12
