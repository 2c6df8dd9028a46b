"""The ledger from the whole meeting in one step, idempotent (issue 10 point 9)."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, connections

from orglife.ledger.models import RectificationItem
from orglife.meetings.ledger_from_meeting import ledger_from_meeting
from tests.meetings.after_helpers import HELD_ON, held, meeting_of
from tests.meetings.materials_helpers import with_materials

J = "application/json"


@pytest.mark.django_db
def test_it_makes_items_from_every_section_and_every_material(world, api):
    meeting = held(world)
    branch, individual = with_materials(world, meeting)
    r = api(world.secretary_a).post(f"/api/meetings/{meeting.pk}/ledger")
    assert r.status_code == 200, r.content
    # Seed: six problems (三), one case (四), two governance paragraphs (五); member_a: three.
    assert r.json() == {"created": 12, "linked": 0, "count": 12}
    items = list(RectificationItem.objects.filter(meeting=meeting).order_by("pk"))
    sections = [(i.source_material, i.source_section) for i in items]
    assert sections.count((branch.pk, "三")) == 6
    assert sections.count((branch.pk, "四")) == 1
    assert sections.count((branch.pk, "五")) == 2
    assert sections.count((individual.pk, "一")) == 3
    theory = items[0]
    assert theory.source_paragraph == 0 and theory.source_version == 1
    assert "把牢理论总开关" in theory.measures and theory.root_cause
    case = next(i for i in items if i.source_section == "四")
    assert case.title.startswith("典型案例剖析")
    mine = [i for i in items if i.source_material == individual.pk]
    assert all(i.owner == world.member_a for i in mine)
    assert "每天学习不少于半小时" in mine[0].measures
    default = HELD_ON + timedelta(days=15)
    assert {i.deadline for i in items} == {default}
    assert {i.meeting_year for i in items} == {meeting.year}


@pytest.mark.django_db
def test_it_adds_nothing_the_second_time(world, api):
    meeting = held(world)
    with_materials(world, meeting)
    ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    again = ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    assert again == {"created": 0, "linked": 0, "count": 12}


@pytest.mark.django_db
def test_it_takes_deadlines_from_the_planned_date_before_the_meeting(world):
    meeting = meeting_of(world, planned_on=date(2024, 2, 1))
    with_materials(world, meeting)
    ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    deadlines = set(
        RectificationItem.objects.filter(meeting=meeting).values_list("deadline", flat=True)
    )
    assert deadlines == {date(2024, 2, 16)}


@pytest.mark.django_db
def test_it_refuses_members_and_other_branches(world, api):
    meeting = held(world)
    with_materials(world, meeting)
    assert api(world.member_a).post(f"/api/meetings/{meeting.pk}/ledger").status_code == 403
    assert api(world.secretary_b).post(f"/api/meetings/{meeting.pk}/ledger").status_code == 404
    assert not RectificationItem.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_it_says_so_when_there_is_no_material(world, api):
    meeting = held(world)
    r = api(world.secretary_a).post(f"/api/meetings/{meeting.pk}/ledger")
    assert r.status_code == 422 and "材料" in r.json()["detail"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_makes_each_item_once_under_ten_concurrent_clicks(world):
    meeting = held(world)
    with_materials(world, meeting)
    barrier = threading.Barrier(10)
    errors: list[BaseException] = []

    def click():
        try:
            barrier.wait()
            ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
        except BaseException as exc:  # reported below, not swallowed
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert RectificationItem.objects.filter(meeting=meeting).count() == 12


@pytest.mark.django_db
def test_it_links_items_registered_before_instead_of_doubling_them(world):
    from orglife.materials.rectification import ledger_items_from_material

    meeting = held(world)
    branch, _ = with_materials(world, meeting)
    old = ledger_items_from_material(record=branch, actor=world.secretary_a)  # section 三 only
    out = ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    assert out == {"created": 6, "linked": 6, "count": 12}
    first = RectificationItem.objects.get(pk=old[0].pk)
    assert (first.meeting, first.source_section, first.source_paragraph) == (meeting, "三", 0)
    assert first.events.filter(action="update", note="关联来源材料段落").exists()


@pytest.mark.django_db
def test_it_records_the_version_of_the_material_it_read(world):
    from orglife.materials.services import material_file_version, material_parse
    from tests.meetings.materials_helpers import SEED

    meeting = held(world)
    branch, _ = with_materials(world, meeting)
    again = material_file_version(
        actor=world.secretary_a,
        meeting=meeting,
        kind="branch",
        author=None,
        upload=material_parse(data=SEED.encode(), filename="branch-v2.txt"),
    )
    assert again.pk == branch.pk and again.version == 2
    ledger_from_meeting(meeting=meeting, actor=world.secretary_a)
    versions = set(
        RectificationItem.objects.filter(meeting=meeting, source_material=branch.pk).values_list(
            "source_version", flat=True
        )
    )
    assert versions == {2}
