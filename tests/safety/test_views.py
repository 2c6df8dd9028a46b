"""The 安全生产 pages, through the HTTP client with the personas."""

import io
import json

import pytest
from openpyxl import load_workbook

from orglife.ledger.models import Evidence, RectificationItem
from orglife.safety.models import HazardDetail, Inspection, RiskPoint
from tests.ledger.factories import png_bytes
from tests.safety.factories import COMPLETE_PLAN, make_hazard, make_inspection, make_risk


def _photo(name="scene.png", data=None):
    f = io.BytesIO(png_bytes() if data is None else data)
    f.name = name
    return f


def test_it_shows_the_safety_nav_entry(world):
    r = world.client(world.member_a).get("/")
    assert "安全生产" in r.content.decode()


def test_it_shows_the_register_in_four_colours_with_the_chart_data(world):
    make_risk(world, place="锅炉房", l=10, e=6, c=40)  # 2400 red
    make_risk(world, place="配电室")  # 270 orange
    make_risk(world, place="食堂", area="gas", l=3, e=3, c=15)  # 135 yellow
    make_risk(world, place="办公室", area="fire", l=1, e=6, c=3)  # 18 blue
    r = world.client(world.member_a).get("/safety/")
    assert r.status_code == 200
    html = r.content.decode()
    for colour in ("red", "orange", "yellow", "blue"):
        assert f"row-{colour}" in html
    assert "vendor/echarts/echarts.min.js" in html and "cdn" not in html.lower()
    chart = r.context["chart"]
    assert set(chart["places"]) == {"锅炉房", "配电室", "食堂", "办公室"}
    assert sorted(v for _, _, v in chart["cells"]) == [0, 1, 2, 3]
    assert r.context["counts"] == {"red": 1, "orange": 1, "yellow": 1, "blue": 1}


def test_it_paginates_and_filters_the_register(world):
    for n in range(35):
        make_risk(world, place=f"库房{n:02d}")
    make_risk(world, place="厨房", area="gas")
    client = world.client(world.member_a)
    r = client.get("/safety/?page=2")
    assert len(r.context["page"].items) == 6
    r = client.get("/safety/?area=gas")
    assert [x.place for x in r.context["page"]] == ["厨房"]
    assert client.get("/safety/?area=nope").status_code == 422


@pytest.mark.parametrize("raw", ["abc", "99999", "²", "-1", "999999999999", ""])
def test_it_lands_a_bad_page_number_on_a_real_page_of_either_list(world, raw):
    for n in range(35):
        make_risk(world, place=f"库房{n:02d}", area="gas" if n % 2 else "fire")
    for n in range(31):
        make_hazard(world, title=f"隐患{n:02d}")
    client = world.client(world.member_a)
    for url, rows in (("/safety/?area=gas", 17), ("/safety/hazards/", 31)):
        r = client.get(f"{url}{'&' if '?' in url else '?'}page={raw}")
        assert r.status_code == 200, (url, raw, r.status_code)
        page = r.context["page"]
        far = raw in ("99999", "999999999999")
        assert page.number == (page.num_pages if far else 1) and page.count == rows
    # The shared pager keeps the filter in its links.
    r = client.get("/safety/?area=gas&per_page=5&page=2")
    body = r.content.decode()
    assert "2 / 4" in body and 'href="?area=gas&amp;page=3&amp;per_page=5"' in body


def test_it_registers_a_risk_from_the_form(world):
    client = world.client(world.secretary_a)
    assert client.get("/safety/risks/new/").status_code == 200
    body = {
        "org": world.branch_a.pk, "place": "锅炉房", "area": "special_equipment",
        "hazard": "超压爆炸", "method": "lec", "l": "3", "e": "6", "c": "40",
        "owner": "member_a",
    }  # fmt: skip
    r = client.post("/safety/risks/new/", body)
    assert r.status_code == 302
    risk = RiskPoint.objects.get()
    assert risk.score == 720 and risk.colour == "red"  # 3 × 6 × 40
    assert risk.owner == world.member_a and risk.assessments.count() == 1


def test_it_reassesses_from_the_risk_page_and_lists_the_history(world):
    risk = make_risk(world)
    client = world.client(world.secretary_a)
    r = client.post(
        f"/safety/risks/{risk.pk}/",
        {"version": 1, "method": "ls", "l": "2", "s": "2", "note": "已加装防护"},
    )
    assert r.status_code == 302
    r = client.get(f"/safety/risks/{risk.pk}/")
    assert r.status_code == 200
    assert len(r.context["history"]) == 2 and "已加装防护" in r.content.decode()


def test_it_answers_422_on_the_form_for_a_value_outside_the_set(world):
    r = world.client(world.secretary_a).post(
        "/safety/risks/new/",
        {"org": world.branch_a.pk, "place": "x", "area": "fire", "hazard": "y",
         "method": "lec", "l": "4", "e": "6", "c": "40"},
    )  # fmt: skip
    assert r.status_code == 422 and "取值应为" in r.content.decode()
    assert not RiskPoint.objects.exists()


def test_it_refuses_a_member_changing_a_risk_on_the_page(world):
    risk = make_risk(world)
    r = world.client(world.member_a).post(f"/safety/risks/{risk.pk}/", {"version": 1, "l": "1"})
    assert r.status_code == 403


def test_it_records_a_hazard_with_a_photo_from_the_phone_form(world):
    client = world.client(world.secretary_a)
    r = client.get("/safety/hazards/new/")
    assert r.status_code == 200 and 'capture="environment"' in r.content.decode()
    r = client.post(
        "/safety/hazards/new/",
        {"org": world.branch_a.pk, "description": "消防通道堆放纸箱", "area": "fire",
         "grade": "general", "owner": "member_a", "photo": _photo()},
    )  # fmt: skip
    assert r.status_code == 302
    hazard = HazardDetail.objects.get()
    assert hazard.item.title == "消防通道堆放纸箱" and hazard.item.source == "hazard"
    assert Evidence.objects.filter(item=hazard.item).count() == 1


def test_it_keeps_the_form_and_saves_nothing_when_the_photo_is_bad(world):
    r = world.client(world.secretary_a).post(
        "/safety/hazards/new/",
        {"org": world.branch_a.pk, "description": "消防通道堆放纸箱", "area": "fire",
         "photo": _photo("a.png", b"GIF? no")},
    )  # fmt: skip
    assert r.status_code == 422
    assert "消防通道堆放纸箱" in r.content.decode()
    assert not RectificationItem.objects.exists()


def test_it_filters_the_hazard_ledger_in_the_database(world):
    make_hazard(world, grade="major", area="fire", title="消防通道堵塞")
    make_hazard(world, deadline="2024-01-09", title="已逾期的隐患")
    client = world.client(world.member_a)
    assert [h.item.title for h in client.get("/safety/hazards/?grade=major").context["page"]] == [
        "消防通道堵塞"
    ]
    assert [h.item.title for h in client.get("/safety/hazards/?overdue=1").context["page"]] == [
        "已逾期的隐患"
    ]
    assert [h.item.title for h in client.get("/safety/hazards/?area=fire").context["page"]] == [
        "消防通道堵塞"
    ]
    assert client.get("/safety/hazards/?status=bogus").status_code == 422


def test_it_blocks_start_of_a_major_hazard_on_the_page_until_the_plan_is_complete(world):
    hazard = make_hazard(world, grade="major")
    client = world.client(world.member_a)
    r = client.get(f"/safety/hazards/{hazard.pk}/")
    assert "治理方案尚缺" in r.content.decode()
    r = client.post(f"/safety/hazards/{hazard.pk}/transition/", {"action": "start"})
    assert r.status_code == 409 and "重大事故隐患须先制定完整的治理方案" in r.content.decode()
    # Through the ledger's own page as well: the guard sits in the ledger service.
    r = client.post(f"/ledger/{hazard.pk}/transition/", {"action": "start"})
    assert r.status_code == 409
    plan = {f"plan_{k}": v for k, v in COMPLETE_PLAN.items()}
    r = client.post(f"/safety/hazards/{hazard.pk}/plan/", plan)
    assert r.status_code == 302
    r = client.post(f"/safety/hazards/{hazard.pk}/transition/", {"action": "start"})
    assert r.status_code == 302
    hazard.item.refresh_from_db()
    assert hazard.item.status == "in_progress"


def test_it_refuses_acceptance_by_the_owner_on_the_page(world):
    # The secretary owns this one: a manager seat does not let an owner accept their own work.
    hazard = make_hazard(world, owner="secretary_a", leader="committee_a")
    owner = world.client(world.secretary_a)
    owner.post(f"/safety/hazards/{hazard.pk}/transition/", {"action": "start"})
    r = owner.post(f"/safety/hazards/{hazard.pk}/photo/", {"photo": _photo("after.png")})
    assert r.status_code == 302
    owner.post(f"/safety/hazards/{hazard.pk}/transition/", {"action": "submit"})
    r = owner.post(
        f"/safety/hazards/{hazard.pk}/transition/", {"action": "verify", "note": "已整改"}
    )
    assert r.status_code == 403 and "整改责任人不能" in r.content.decode()
    r = world.client(world.committee_a).post(
        f"/safety/hazards/{hazard.pk}/transition/", {"action": "verify", "note": "复查合格"}
    )
    assert r.status_code == 302
    hazard.item.refresh_from_db()
    assert hazard.item.status == "closed" and hazard.item.verified_by == world.committee_a


def test_it_records_an_inspection_and_makes_a_finding_a_hazard_in_one_step(world, today):
    client = world.client(world.secretary_a)
    r = client.get("/safety/inspections/new/")
    assert r.status_code == 200 and "检查表" in r.content.decode()
    fragment = client.get("/safety/inspections/checklist/?area=gas")
    assert "燃气" in fragment.content.decode()
    r = client.post(
        "/safety/inspections/new/",
        {"org": world.branch_a.pk, "held_on": "2024-01-09", "place": "食堂后厨",
         "area": "gas", "inspectors": ["committee_a", "member_a"],
         "findings": "燃气软管老化\n报警器未通电"},
    )  # fmt: skip
    assert r.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.findings.count() == 2
    cal = client.get("/safety/inspections/?year=2024&month=1")
    assert cal.status_code == 200 and "食堂后厨" in cal.content.decode()
    finding = inspection.findings.first()
    r = client.post(
        f"/safety/inspections/{inspection.pk}/findings/{finding.pk}/hazard/",
        {"grade": "general", "owner": "member_a"},
    )
    assert r.status_code == 302
    finding.refresh_from_db()
    assert finding.hazard.hazard.place == "食堂后厨"
    detail = client.get(f"/safety/inspections/{inspection.pk}/")
    assert "已登记为隐患" in detail.content.decode()


def test_it_shows_stats_and_downloads_the_quarterly_report(world):
    make_hazard(world, grade="major", area="fire", found_on="2024-01-02")
    make_hazard(world, area="fire", found_on="2024-01-03")
    client = world.client(world.secretary_a)
    r = client.get(f"/safety/stats/?org={world.branch_a.pk}&year=2024&quarter=1")
    assert r.status_code == 200
    assert r.context["s"].by_area["fire"] == 2
    r = client.get(f"/safety/stats/?org={world.branch_a.pk}&year=2024&quarter=1&format=xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = {row[1]: row for row in ws.iter_rows(values_only=True) if row and row[1]}
    assert rows["消防"][2:5] == (2, 1, 1)
    r = client.post("/safety/stats/report/", {"org": world.branch_a.pk, "year": 2024, "quarter": 1})
    assert r.status_code == 302
    r = client.get(f"/safety/stats/?org={world.branch_a.pk}&year=2024&quarter=1")
    assert r.context["s"].submitted_on is not None


@pytest.mark.parametrize(
    "path",
    [
        "/safety/risks/{risk}/",
        "/safety/hazards/{hazard}/",
        "/safety/inspections/{inspection}/",
        "/safety/?org={org}",
        "/safety/hazards/?org={org}",
        "/safety/inspections/?org={org}",
        "/safety/stats/?org={org}&year=2024",
    ],
)
def test_it_answers_404_to_an_outsider_on_every_page(world, path):
    ids = {
        "risk": make_risk(world).pk,
        "hazard": make_hazard(world, grade="major").pk,
        "inspection": make_inspection(world).pk,
        "org": world.branch_a.pk,
    }
    r = world.client(world.secretary_b).get(path.format(**ids))
    assert r.status_code == 404


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/safety/risks/{risk}/", {"version": 1, "l": "1"}),
        ("/safety/hazards/{hazard}/plan/", {"plan_goal": "x"}),
        ("/safety/hazards/{hazard}/transition/", {"action": "start"}),
        ("/safety/hazards/{hazard}/photo/", {}),
        ("/safety/inspections/{inspection}/findings/{finding}/hazard/", {}),
        ("/safety/stats/report/", {"org": "{org}", "year": 2024}),
        ("/safety/risks/new/", {"org": "{org}", "place": "x", "area": "fire", "hazard": "y"}),
        ("/safety/hazards/new/", {"org": "{org}", "description": "x", "area": "fire"}),
        ("/safety/inspections/new/", {"org": "{org}", "place": "x", "area": "fire"}),
    ],
)
def test_it_answers_404_to_an_outsider_posting(world, path, data):
    inspection = make_inspection(world)
    ids = {
        "risk": make_risk(world).pk,
        "hazard": make_hazard(world).pk,
        "inspection": inspection.pk,
        "finding": inspection.findings.first().pk,
        "org": world.branch_a.pk,
    }
    body = {k: (v.format(**ids) if isinstance(v, str) else v) for k, v in data.items()}
    before = json.dumps(
        [RiskPoint.objects.count(), HazardDetail.objects.count(), Inspection.objects.count()]
    )
    r = world.client(world.secretary_b).post(path.format(**ids), body)
    assert r.status_code == 404
    after = json.dumps(
        [RiskPoint.objects.count(), HazardDetail.objects.count(), Inspection.objects.count()]
    )
    assert before == after


def test_it_refuses_a_member_the_moves_they_may_not_make_with_403(world):
    hazard = make_hazard(world, owner="committee_a", leader=None)
    inspection = make_inspection(world)
    client = world.client(world.member_a)
    assert client.post(f"/safety/hazards/{hazard.pk}/plan/", {"plan_goal": "x"}).status_code == 403
    r = client.post(f"/safety/hazards/{hazard.pk}/transition/", {"action": "start"})
    assert r.status_code == 403
    finding = inspection.findings.first()
    r = client.post(f"/safety/inspections/{inspection.pk}/findings/{finding.pk}/hazard/", {})
    assert r.status_code == 403
    r = client.post(
        "/safety/hazards/new/",
        {"org": world.branch_a.pk, "description": "x", "area": "fire"},
    )
    assert r.status_code == 403
    r = client.post("/safety/stats/report/", {"org": world.branch_a.pk, "year": 2024})
    assert r.status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(world):
    from django.test import Client

    assert Client().get("/safety/").status_code == 302


def test_it_preselects_the_recorded_assessment_on_the_risk_page(world):
    risk = make_risk(world, l="0.5", e=6, c=40)
    html = world.client(world.secretary_a).get(f"/safety/risks/{risk.pk}/").content.decode()
    assert '<option value="0.5" selected>' in html
    assert '<option value="40" selected>' in html
    assert "= <strong>120</strong>" in html


def test_it_answers_422_on_the_page_for_a_bad_year(world):
    client = world.client(world.secretary_a)
    r = client.post("/safety/stats/report/", {"org": world.branch_a.pk, "year": "0"})
    assert r.status_code == 422 and "年度" in r.content.decode()


def test_it_flags_a_risk_point_whose_review_date_has_passed(world):
    make_risk(world, place="到期", next_review="2024-01-09")  # today is 2024-01-10
    make_risk(world, place="未到期", next_review="2024-03-01")
    html = world.client(world.member_a).get("/safety/").content.decode()
    assert html.count("待复评") == 1
