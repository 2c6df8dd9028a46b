from datetime import date

from orglife.documents.parse import parse_text
from orglife.ledger.models import RectificationItem
from orglife.materials.models import InspectionMaterial
from orglife.materials.rectification import ledger_items_from_material
from orglife.materials.services import material_create
from orglife.meetings.models import LifeMeeting
from tests.materials.test_review_pages import SEED_TEXT


def seed_record(world, held_on=date(2023, 12, 20)):
    meeting = LifeMeeting.objects.create(
        org=world.branch_a, year=2023, title="2023年主题教育专题组织生活会", held_on=held_on
    )
    return material_create(
        actor=world.secretary_a,
        org=world.branch_a,
        material=parse_text(SEED_TEXT),
        kind="branch",
        meeting=meeting,
    )


def test_it_makes_one_item_per_problem_with_its_measure(world):
    items = ledger_items_from_material(record=seed_record(world), actor=world.secretary_a)
    assert [i.category for i in items] == [
        "theory_study",
        "political_quality",
        "capability",
        "responsibility",
        "work_style",
        "integrity",
    ]
    theory = items[0]
    assert theory.title == "理论学习不够全面透彻"  # the aspect is not repeated when named
    assert items[1].title == "政治素质：政治三力需要进一步加强"
    assert theory.description.startswith("理论学习不够全面透彻")
    assert "把牢理论总开关" in theory.measures
    assert "廉洁防火墙" in items[5].measures and "践行使命担当" in items[3].measures
    assert "管党治党不够严格" in items[5].root_cause
    assert theory.deadline == date(2024, 1, 4)  # 15 days after the meeting
    assert all(i.meeting_year == 2023 and i.source == "meeting" for i in items)


def test_it_refuses_to_make_the_same_ledger_twice(world):
    record = seed_record(world)
    ledger_items_from_material(record=record, actor=world.secretary_a)
    r = world.client(world.secretary_a).post(f"/review/materials/{record.pk}/ledger/", follow=True)
    assert "已经登记" in r.content.decode()
    assert RectificationItem.objects.count() == 6


def test_it_makes_the_ledger_from_the_page(world):
    record = seed_record(world)
    c = world.client(world.secretary_a)
    assert "生成整改台账" in c.get(f"/review/materials/{record.pk}/").content.decode()
    r = c.post(f"/review/materials/{record.pk}/ledger/")
    assert r.status_code == 302 and r.url == f"/ledger/?org={world.branch_a.pk}"
    assert RectificationItem.objects.filter(org=world.branch_a).count() == 6


def test_it_offers_the_button_to_the_reviewer_above_as_the_permission_allows(world):
    """ledger.permissions.may_register_in lets a reviewer above register items (and the
    meeting's 生成整改台账 allows Seat.REVIEWER): the button follows that same rule."""
    record = seed_record(world)
    c = world.client(world.reviewer)
    assert "生成整改台账" in c.get(f"/review/materials/{record.pk}/").content.decode()
    assert c.post(f"/review/materials/{record.pk}/ledger/").status_code == 302
    assert RectificationItem.objects.filter(org=world.branch_a).count() == 6


def test_it_offers_no_ledger_button_to_a_member(world):
    record = seed_record(world)
    c = world.client(world.member_a)
    assert "生成整改台账" not in c.get(f"/review/materials/{record.pk}/").content.decode()
    c.post(f"/review/materials/{record.pk}/ledger/")
    assert not RectificationItem.objects.exists()


def test_it_refuses_an_outsider_with_404(world):
    record = seed_record(world)
    r = world.client(world.secretary_b).post(f"/review/materials/{record.pk}/ledger/")
    assert r.status_code == 404 and not RectificationItem.objects.exists()


def test_it_makes_no_ledger_from_an_individual_material(world):
    record = material_create(
        actor=world.member_a, org=world.branch_a, material=parse_text(SEED_TEXT), kind="individual"
    )
    r = world.client(world.secretary_a).post(f"/review/materials/{record.pk}/ledger/", follow=True)
    assert "只有班子对照检查材料" in r.content.decode()
    assert InspectionMaterial.objects.count() == 1 and not RectificationItem.objects.exists()


def test_it_counts_deadlines_from_the_planned_date_before_the_meeting_is_held(world):
    record = seed_record(world, held_on=None)
    record.meeting.planned_on = date(2023, 12, 10)
    record.meeting.save()
    items = ledger_items_from_material(record=record, actor=world.secretary_a)
    assert items[0].deadline == date(2023, 12, 25)
