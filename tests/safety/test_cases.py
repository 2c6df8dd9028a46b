"""The typical case of a material (section 四) turned into safety records in one step."""

from pathlib import Path

from orglife.documents.parse import parse_file, parse_text
from orglife.materials.services import material_create
from orglife.safety.cases import area_of, case_measures, is_safety_case
from orglife.safety.models import HazardDetail, RiskAssessment
from tests.safety.factories import make_risk

SEED = Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"
JSON = "application/json"


def _record(world):
    return material_create(
        actor=world.secretary_a, org=world.branch_a, material=parse_file(SEED), kind="branch"
    )


def test_it_reads_the_seeds_case_as_safety_with_its_four_measures():
    material = parse_file(SEED)
    assert is_safety_case(material)
    measures = case_measures(material)
    assert [m.head for m in measures] == [
        "深化安全教育不懈怠",
        "压实安全责任不动摇",
        "强化隐患整治不松劲",
        "统筹安全保障不余力",
    ]
    assert "双重预防机制" in measures[2].text


def test_it_does_not_take_a_case_about_something_else_for_safety():
    text = (
        "标题\n四、典型案例剖析情况\n选定以信访积案化解作为典型案例。一是深入走访。二是建立台账。\n"
    )
    assert not is_safety_case(parse_text(text))


def test_it_gives_a_measure_the_one_area_it_names():
    assert area_of("组织消防逃生演练") == "fire"
    assert area_of("消防、用电、燃气全面排查") == "safety_management"


def test_it_turns_the_measures_into_hazards_once(world, api):
    record = _record(world)
    client = api(world.secretary_a)
    r = client.get(f"/api/safety/cases/{record.pk}")
    assert r.status_code == 200 and r.json()["safety"] is True
    assert len(r.json()["measures"]) == 4
    r = client.post(
        f"/api/safety/cases/{record.pk}", {"measures": [1, 3], "owner": "member_a"}, JSON
    )
    assert r.status_code == 201, r.content
    titles = [h["title"] for h in r.json()["hazards"]]
    assert titles == ["深化安全教育不懈怠", "强化隐患整治不松劲"]
    again = client.post(f"/api/safety/cases/{record.pk}", {"measures": [1]}, JSON)
    assert again.status_code == 201 and HazardDetail.objects.count() == 2
    bad = client.post(f"/api/safety/cases/{record.pk}", {"measures": [9]}, JSON)
    assert bad.status_code == 422


def test_it_adds_the_measures_to_a_risk_point(world, api):
    record = _record(world)
    risk = make_risk(world)
    r = api(world.secretary_a).post(
        f"/api/safety/cases/{record.pk}", {"target": "risk", "risk": risk.pk, "measures": [4]}, JSON
    )
    assert r.status_code == 201, r.content
    assert "消防逃生演练" in r.json()["risk"]["measures"]
    assert RiskAssessment.objects.filter(risk=risk).count() == 2


def test_it_refuses_an_outsider_and_a_member(world, api):
    record = _record(world)
    outsider = api(world.secretary_b)
    assert outsider.get(f"/api/safety/cases/{record.pk}").status_code == 404
    assert outsider.post(f"/api/safety/cases/{record.pk}", {}, JSON).status_code == 404
    assert api(world.member_a).post(f"/api/safety/cases/{record.pk}", {}, JSON).status_code == 403
    assert not HazardDetail.objects.exists()


def test_it_offers_the_measures_on_a_page_and_applies_them(world):
    record = _record(world)
    client = world.client(world.secretary_a)
    r = client.get(f"/safety/cases/{record.pk}/")
    assert r.status_code == 200 and "强化隐患整治不松劲" in r.content.decode()
    r = client.post(f"/safety/cases/{record.pk}/", {"target": "hazards", "measures": ["2"]})
    assert r.status_code == 302
    assert [h.item.title for h in HazardDetail.objects.all()] == ["压实安全责任不动摇"]


def test_it_refuses_the_case_page_to_outsiders_and_members(world):
    record = _record(world)
    outsider = world.client(world.secretary_b)
    assert outsider.get(f"/safety/cases/{record.pk}/").status_code == 404
    assert outsider.post(f"/safety/cases/{record.pk}/", {"measures": ["1"]}).status_code == 404
    member = world.client(world.member_a)
    assert member.post(f"/safety/cases/{record.pk}/", {"measures": ["1"]}).status_code == 403
    assert not HazardDetail.objects.exists()
