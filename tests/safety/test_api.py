"""The safety API of docs/contracts.md, through the HTTP client with the personas."""

import io

import pytest
from openpyxl import load_workbook

from orglife.ledger.models import Evidence
from tests.ledger.factories import png_bytes
from tests.safety.factories import COMPLETE_PLAN, make_hazard, make_inspection, make_risk

JSON = "application/json"


def _risk_body(world, **extra):
    return {
        "org": world.branch_a.pk,
        "place": "危化品库",
        "area": "hazardous_chemicals",
        "hazard": "易燃液体泄漏遇明火",
        "method": "lec",
        "l": 6,
        "e": 6,
        "c": 15,
        "measures": "双人双锁，专库存放",
        "owner": "member_a",
    } | extra


def test_it_creates_a_risk_with_derived_score_level_and_colour(world, api):
    r = api(world.secretary_a).post("/api/safety/risks", _risk_body(world), JSON)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["score"] == 540 and body["level"] == "major" and body["colour"] == "red"
    assert body["owner"] == "member_a" and body["version"] == 1


def test_it_scores_ls_through_the_api(world, api):
    r = api(world.secretary_a).post(
        "/api/safety/risks", _risk_body(world, method="ls", l=3, s=3, e=None, c=None), JSON
    )
    assert r.status_code == 201
    assert r.json()["score"] == 9 and r.json()["level"] == "general"
    assert r.json()["colour"] == "yellow"


@pytest.mark.parametrize(
    "extra", [{"l": 4}, {"e": 5}, {"c": 20}, {"method": "ls", "l": 3, "s": 6}, {"area": "x"}]
)
def test_it_answers_422_for_values_outside_the_sets(world, api, extra):
    r = api(world.secretary_a).post("/api/safety/risks", _risk_body(world, **extra), JSON)
    assert r.status_code == 422
    assert "detail" in r.json()


def test_it_reassesses_and_keeps_the_history(world, api):
    risk = make_risk(world)
    client = api(world.secretary_a)
    r = client.patch(f"/api/safety/risks/{risk.pk}", {"version": 1, "l": 1, "e": 1}, JSON)
    assert r.status_code == 200 and r.json()["score"] == 15 and r.json()["colour"] == "blue"
    stale = client.patch(f"/api/safety/risks/{risk.pk}", {"version": 1, "l": 3}, JSON)
    assert stale.status_code == 409
    history = client.get(f"/api/safety/risks/{risk.pk}/history").json()
    assert [h["colour"] for h in history] == ["orange", "blue"]


def test_it_lists_risks_paginated_with_a_count(world, api):
    for place in ("一号库", "二号库", "三号库"):
        make_risk(world, place=place)
    r = api(world.member_a).get(f"/api/safety/risks?org={world.branch_a.pk}&limit=2")
    assert r.status_code == 200
    assert r.json()["count"] == 3 and len(r.json()["items"]) == 2


def test_it_hides_branch_a_risks_from_an_outsider(world, api):
    risk = make_risk(world)
    client = api(world.secretary_b)
    assert client.get("/api/safety/risks").json()["count"] == 0
    assert client.get(f"/api/safety/risks/{risk.pk}").status_code == 404
    assert client.get(f"/api/safety/risks/{risk.pk}/history").status_code == 404
    assert (
        client.patch(f"/api/safety/risks/{risk.pk}", {"version": 1, "l": 1}, JSON).status_code
        == 404
    )
    assert client.post("/api/safety/risks", _risk_body(world), JSON).status_code == 404


def test_it_refuses_a_member_changing_a_risk_with_403(world, api):
    risk = make_risk(world)
    client = api(world.member_a)
    assert client.post("/api/safety/risks", _risk_body(world), JSON).status_code == 403
    r = client.patch(f"/api/safety/risks/{risk.pk}", {"version": 1, "l": 1}, JSON)
    assert r.status_code == 403


# -- hazards -------------------------------------------------------------------------------


def _hazard_body(world, **extra):
    return {
        "org": world.branch_a.pk,
        "title": "锅炉房安全阀失效",
        "description": "锅炉安全阀超期未校验，压力异常时不能泄压。",
        "area": "special_equipment",
        "grade": "major",
        "place": "锅炉房",
        "owner": "member_a",
        "leader": "committee_a",
        "deadline": "2024-02-20",
    } | extra


def test_it_creates_a_hazard_as_a_ledger_item(world, api):
    risk = make_risk(world)
    r = api(world.secretary_a).post("/api/safety/hazards", _hazard_body(world, risk=risk.pk), JSON)
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["source"] == "hazard" and body["category"] == "special_equipment"
    assert body["grade"] == "major" and body["area"] == "special_equipment"
    assert body["risk"] == risk.pk and body["reports_up"] is True
    assert len(body["plan_missing"]) == 6 and body["status"] == "open"
    ledger = api(world.secretary_a).get(f"/api/ledger/items/{body['id']}")
    assert ledger.status_code == 200 and ledger.json()["source"] == "hazard"


def _start(client, pk):
    return client.post(f"/api/ledger/items/{pk}/transitions", {"action": "start"}, JSON)


def test_it_answers_409_on_start_until_the_plan_has_all_six_parts(world, api):
    hazard = make_hazard(world, grade="major")
    owner = api(world.member_a)
    r = _start(owner, hazard.pk)
    assert r.status_code == 409 and "治理方案" in r.json()["detail"]
    partial = {k: v for k, v in COMPLETE_PLAN.items() if k != "funds"}
    r = owner.put(f"/api/safety/hazards/{hazard.pk}/plan", partial, JSON)
    assert r.status_code == 200 and r.json()["plan_missing"] == ["经费和物资"]
    r = _start(owner, hazard.pk)
    assert r.status_code == 409 and "经费和物资" in r.json()["detail"]
    r = owner.put(f"/api/safety/hazards/{hazard.pk}/plan", {"funds": "专项经费 2 万元"}, JSON)
    assert r.json()["plan_missing"] == []
    r = _start(owner, hazard.pk)
    assert r.status_code == 200 and r.json()["status"] == "in_progress"


def test_it_lets_a_general_hazard_start_at_once(world, api):
    hazard = make_hazard(world)
    assert _start(api(world.member_a), hazard.pk).status_code == 200


def test_it_refuses_acceptance_by_the_owner_and_accepts_by_another(world, api):
    hazard = make_hazard(world, owner="committee_a", leader="secretary_a")
    owner = api(world.committee_a)
    assert _start(owner, hazard.pk).status_code == 200
    photo = owner.post(f"/api/safety/hazards/{hazard.pk}/photos", {"file": _png_file("after.png")})
    assert photo.status_code == 201
    r = owner.post(f"/api/ledger/items/{hazard.pk}/transitions", {"action": "submit"}, JSON)
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    verify = {"action": "verify", "note": "电缆已更换，绝缘检测合格"}
    r = owner.post(f"/api/ledger/items/{hazard.pk}/transitions", verify, JSON)
    assert r.status_code == 403
    r = api(world.secretary_a).post(f"/api/ledger/items/{hazard.pk}/transitions", verify, JSON)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert r.json()["verified_by"] == "secretary_a"


def _png_file(name):
    f = io.BytesIO(png_bytes())
    f.name = name
    return f


def test_it_refuses_a_photo_that_is_not_a_picture(world, api):
    hazard = make_hazard(world)
    f = io.BytesIO(b"MZ not a picture")
    f.name = "x.png"
    r = api(world.secretary_a).post(f"/api/safety/hazards/{hazard.pk}/photos", {"file": f})
    assert r.status_code == 422
    assert not Evidence.objects.exists()


def test_it_filters_hazards_by_area_grade_status_and_overdue(world, api, today):
    make_hazard(world, grade="major", area="fire", title="消防通道堵塞")
    make_hazard(world, deadline="2024-01-09", title="已逾期")  # today is 2024-01-10
    make_hazard(world, title="未逾期")
    client = api(world.member_a)

    def titles(query):
        r = client.get(f"/api/safety/hazards?{query}")
        assert r.status_code == 200, r.content
        return sorted(h["title"] for h in r.json()["items"])

    assert titles("area=fire") == ["消防通道堵塞"]
    assert titles("grade=major") == ["消防通道堵塞"]
    assert titles("overdue=true") == ["已逾期"]
    assert titles("status=open&overdue=false") == ["未逾期", "消防通道堵塞"]
    assert client.get("/api/safety/hazards?grade=x").status_code == 422


def test_it_hides_hazards_from_an_outsider(world, api):
    hazard = make_hazard(world, grade="major")
    client = api(world.secretary_b)
    assert client.get("/api/safety/hazards").json()["count"] == 0
    assert client.get(f"/api/safety/hazards/{hazard.pk}").status_code == 404
    assert (
        client.put(f"/api/safety/hazards/{hazard.pk}/plan", COMPLETE_PLAN, JSON).status_code == 404
    )
    r = client.post(f"/api/safety/hazards/{hazard.pk}/photos", {"file": _png_file("a.png")})
    assert r.status_code == 404
    assert _start(client, hazard.pk).status_code == 404
    assert client.post("/api/safety/hazards", _hazard_body(world), JSON).status_code == 404


def test_it_refuses_a_member_creating_a_hazard_or_planning_anothers(world, api):
    hazard = make_hazard(world, owner="committee_a", leader=None)
    client = api(world.member_a)
    assert client.post("/api/safety/hazards", _hazard_body(world), JSON).status_code == 403
    r = client.put(f"/api/safety/hazards/{hazard.pk}/plan", COMPLETE_PLAN, JSON)
    assert r.status_code == 403


# -- inspections -----------------------------------------------------------------------------


def test_it_records_an_inspection_and_turns_a_finding_into_a_hazard(world, api):
    client = api(world.secretary_a)
    body = {
        "org": world.branch_a.pk,
        "held_on": "2024-01-09",
        "place": "实验楼",
        "area": "hazardous_chemicals",
        "inspectors": ["committee_a"],
        "findings": ["试剂柜未上锁"],
    }
    r = client.post("/api/safety/inspections", body, JSON)
    assert r.status_code == 201, r.content
    inspection = r.json()
    finding = inspection["findings"][0]
    r = client.post(
        f"/api/safety/inspections/{inspection['id']}/findings/{finding['id']}/hazard",
        {"owner": "member_a"},
        JSON,
    )
    assert r.status_code == 201, r.content
    hazard = r.json()
    assert hazard["place"] == "实验楼" and hazard["found_on"] == "2024-01-09"
    assert hazard["inspection"] == inspection["id"] and hazard["title"] == "试剂柜未上锁"
    again = client.post(
        f"/api/safety/inspections/{inspection['id']}/findings/{finding['id']}/hazard", {}, JSON
    )
    assert again.status_code == 409


def test_it_hides_inspections_from_an_outsider(world, api):
    inspection = make_inspection(world)
    finding = inspection.findings.first()
    client = api(world.secretary_b)
    assert client.get("/api/safety/inspections").json()["count"] == 0
    assert client.get(f"/api/safety/inspections/{inspection.pk}").status_code == 404
    r = client.post(
        f"/api/safety/inspections/{inspection.pk}/findings/{finding.pk}/hazard", {}, JSON
    )
    assert r.status_code == 404


def test_it_refuses_a_member_turning_a_finding_into_a_hazard(world, api):
    inspection = make_inspection(world)
    finding = inspection.findings.first()
    r = api(world.member_a).post(
        f"/api/safety/inspections/{inspection.pk}/findings/{finding.pk}/hazard", {}, JSON
    )
    assert r.status_code == 403


def test_it_lists_the_checklists_from_the_data_file(world, api):
    r = api(world.member_a).get("/api/safety/checklists?area=fire")
    assert r.status_code == 200
    assert any("消防通道" in c["text"] for c in r.json())


# -- statistics ------------------------------------------------------------------------------


def _stats_world(world):
    make_hazard(world, grade="major", area="fire", found_on="2024-01-02", title="甲")
    make_hazard(world, area="fire", found_on="2024-01-03", deadline="2024-01-05", title="乙")
    make_hazard(world, area="gas", found_on="2024-01-04", title="丙")
    make_hazard(world, area="gas", found_on="2023-12-30", title="上季度")


def test_it_counts_hazards_by_area_grade_and_status(world, api):
    _stats_world(world)
    r = api(world.reviewer).get(f"/api/safety/stats?org={world.committee.pk}&year=2024&quarter=1")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["total"] == 3
    assert body["by_area"]["fire"] == 2 and body["by_area"]["gas"] == 1
    assert body["by_grade"] == {"general": 2, "major": 1}
    assert body["by_status"]["open"] == 3 and body["overdue_hazards"] == 1
    assert body["report_due"] == "2024-04-15" and body["report_overdue"] is False


def test_it_flags_a_report_not_sent_by_the_due_day(world, api, today):
    _stats_world(world)
    client = api(world.secretary_a)
    yearly = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2023").json()
    assert yearly["report_due"] == "2024-01-31" and yearly["report_overdue"] is False
    q4 = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2023&quarter=4").json()
    assert q4["report_due"] == "2024-01-15" and q4["report_overdue"] is False
    today(__import__("datetime").date(2024, 1, 16))
    q4 = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2023&quarter=4").json()
    assert q4["report_overdue"] is True
    r = client.post(
        "/api/safety/reports", {"org": world.branch_a.pk, "year": 2023, "quarter": 4}, JSON
    )
    assert r.status_code == 201
    assert r.json()["report_submitted_on"] == "2024-01-16" and r.json()["report_overdue"] is True
    again = {"org": world.branch_a.pk, "year": 2023, "quarter": 4}
    assert client.post("/api/safety/reports", again, JSON).status_code == 409


def test_it_exports_the_quarterly_report_with_the_right_counts(world, api):
    _stats_world(world)
    r = api(world.secretary_a).get(
        f"/api/safety/stats?org={world.branch_a.pk}&year=2024&quarter=1&format=xlsx"
    )
    assert r.status_code == 200
    assert "spreadsheetml" in r["Content-Type"]
    ws = load_workbook(io.BytesIO(r.content)).active
    assert "2024年第一季度" in ws["A1"].value and "隐患排查治理" in ws["A1"].value
    assert ws.merged_cells.ranges and "A1:H1" in {str(m) for m in ws.merged_cells.ranges}
    rows = {row[1]: row for row in ws.iter_rows(values_only=True) if row and row[1]}
    assert rows["领域"][2:] == (
        "排查隐患总数",
        "一般事故隐患",
        "重大事故隐患",
        "已整改销号",
        "未销号",
        "其中逾期",
    )
    assert rows["消防"][2:] == (2, 1, 1, 0, 2, 1)
    assert rows["燃气"][2:] == (1, 1, 0, 0, 1, 0)
    assert rows["合计"][2:] == (3, 2, 1, 0, 3, 1)
    texts = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(t.startswith("主要负责人签字") for t in texts)
    assert any("报送期限：2024-04-15" in t for t in texts)


def test_it_refuses_stats_to_an_outsider_and_bad_periods(world, api):
    client = api(world.secretary_b)
    r = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2024&quarter=1")
    assert r.status_code == 404
    r = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2024&format=xlsx")
    assert r.status_code == 404
    own = api(world.secretary_a)
    assert (
        own.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2024&quarter=5").status_code == 422
    )
    r = own.post("/api/safety/reports", {"org": world.branch_a.pk, "year": 2024}, JSON)
    assert r.status_code == 201
    r = client.post("/api/safety/reports", {"org": world.branch_a.pk, "year": 2024}, JSON)
    assert r.status_code == 404
    r = api(world.member_a).post(
        "/api/safety/reports", {"org": world.branch_a.pk, "year": 2023}, JSON
    )
    assert r.status_code == 403


def test_it_keeps_the_gate_when_the_source_is_edited_away_and_still_counts_it(world, api):
    hazard = make_hazard(world, grade="major", found_on="2024-01-02")
    client = api(world.secretary_a)
    r = client.patch(
        f"/api/ledger/items/{hazard.pk}",
        {"version": 1, "source": "meeting", "category": "theory_study"},
        JSON,
    )
    assert r.status_code == 200
    assert _start(api(world.member_a), hazard.pk).status_code == 409
    stats = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2024&quarter=1")
    assert stats.json()["by_area"]["theory_study"] == 1
    page = world.client(world.secretary_a).get(
        f"/safety/stats/?org={world.branch_a.pk}&year=2024&quarter=1"
    )
    assert page.status_code == 200 and "理论学习" in page.content.decode()
    xlsx = client.get(f"/api/safety/stats?org={world.branch_a.pk}&year=2024&quarter=1&format=xlsx")
    assert xlsx.status_code == 200


def test_it_refuses_inspections_in_branch_a_to_an_outsider_and_a_member(world, api):
    body = {
        "org": world.branch_a.pk,
        "held_on": "2024-01-09",
        "place": "实验楼",
        "area": "fire",
        "inspectors": ["committee_a"],
    }
    assert api(world.secretary_b).post("/api/safety/inspections", body, JSON).status_code == 404
    assert api(world.member_a).post("/api/safety/inspections", body, JSON).status_code == 403


def test_it_lets_the_administrator_edit_the_checklists(world):
    client = world.client(world.admin)
    assert client.get("/admin/safety/checklistitem/").status_code == 200
    assert client.get("/admin/safety/checklistitem/add/").status_code == 200
    assert world.client(world.secretary_a).get("/admin/safety/checklistitem/").status_code == 302


@pytest.mark.parametrize("year", [0, 1999, 99999])
def test_it_answers_422_for_a_year_out_of_range(world, api, year):
    client = api(world.secretary_a)
    assert client.get(f"/api/safety/stats?org={world.branch_a.pk}&year={year}").status_code == 422
    body = {"org": world.branch_a.pk, "year": year}
    assert client.post("/api/safety/reports", body, JSON).status_code == 422
