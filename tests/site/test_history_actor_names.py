"""A history shows who acted by the name they had when they acted: the `actor_name` kept in
the hash-chained row, not the account's current name. Each page kind: someone named 王芳
acts, is renamed 李明, and the history still says 王芳, in a number of queries that does
not grow with it. A row stored without a name falls back to the account's name."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from orglife.ledger import services as ledger
from orglife.ledger.models import ItemEvent
from orglife.materials.models import InspectionMaterial, MaterialEvent
from orglife.materials.services import material_transition
from orglife.meetings.models import PlanEvent
from orglife.meetings.services_plan import plan_save, plan_transition
from tests.ledger.factories import closed_item, make_item
from tests.meetings.materials_helpers import MEMBER_A
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db

OLD, NEW = "王芳", "李明"


def rename(user, name: str) -> None:
    user.name = name
    user.save(update_fields=["name"])


def ledger_item(world):
    """An item secretary_a made, member_a carried out and secretary_a verified, and an open
    one secretary_a made."""
    return closed_item(world), make_item(world, title="第二个问题")


@pytest.fixture
def renamed(world):
    """secretary_a and the reviewer act as 王芳; the test renames them after."""
    rename(world.secretary_a, OLD)
    rename(world.reviewer, OLD)

    def after() -> None:
        rename(world.secretary_a, NEW)
        rename(world.reviewer, NEW)

    return after


# -- the ledger ---------------------------------------------------------------------------


def test_the_item_page_shows_the_name_they_acted_under(world, renamed):
    item, _ = ledger_item(world)
    renamed()
    page = world.client(world.committee_a).get(f"/ledger/{item.pk}/").content.decode()
    assert page.count(f" · {OLD}</span>") == 2  # made it, verified it
    assert f" · {NEW}</span>" not in page
    assert " · member_a</span>" in page  # the others, as they were named then


def test_the_item_page_answers_in_the_same_queries_however_long_its_history(world, renamed):
    _, item = ledger_item(world)
    renamed()
    c = world.client(world.committee_a)
    queries_for(c, f"/ledger/{item.pk}/")  # warm the session and content types
    short = queries_for(c, f"/ledger/{item.pk}/")
    for n in range(5):
        item = ledger.item_update(
            item=item,
            actor=world.secretary_a,
            data={"plan": f"方案{n}"},
            note="",
            version=item.version,
        )
    page = c.get(f"/ledger/{item.pk}/").content.decode()
    assert page.count(f" · {NEW}</span>") == 5 and page.count(f" · {OLD}</span>") == 1
    assert queries_for(c, f"/ledger/{item.pk}/") == short


def test_a_row_stored_without_a_name_shows_the_account_s_name(world, renamed):
    item, _ = ledger_item(world)
    first = ItemEvent.objects.filter(item=item).order_by("pk").first()
    with connection.cursor() as cur:
        cur.execute("UPDATE ledger_itemevent SET actor_name = '' WHERE id = %s", [first.pk])
    renamed()
    page = world.client(world.committee_a).get(f"/ledger/{item.pk}/").content.decode()
    assert page.count(f" · {NEW}</span>") == 1 and page.count(f" · {OLD}</span>") == 1


def test_the_history_api_gives_the_name_beside_the_username(world, renamed, api):
    item, _ = ledger_item(world)
    renamed()
    events = api(world.committee_a).get(f"/api/ledger/items/{item.pk}/history").json()
    mine = [e for e in events if e["actor"] == "secretary_a"]
    assert [e["actor_name"] for e in mine] == [OLD, OLD]
    assert {e["actor_name"] for e in events if e["actor"] == "member_a"} == {"member_a"}


def test_the_admin_shows_the_name_they_acted_under(world, renamed):
    item, _ = ledger_item(world)
    renamed()
    c = world.client(world.admin)
    listing = c.get("/admin/ledger/itemevent/").content.decode()
    assert OLD in listing and NEW not in listing
    # The item's own fields (its verifier) show the account as it is now; its history, 王芳.
    change = c.get(f"/admin/ledger/rectificationitem/{item.pk}/change/").content.decode()
    assert OLD in change


# -- a meeting's plan --------------------------------------------------------------------


def plan_save_as_secretary(world, meeting, place: str) -> None:
    plan_save(
        meeting=meeting,
        actor=world.secretary_a,
        planned_on=date(2026, 12, 20),
        place=place,
        format="branch_congress",
        participants=["member_a"],
        agenda="议程",
        requirements="",
    )


def plan_returned(world, meeting) -> None:
    """secretary_a saves and submits the plan, the reviewer returns it."""
    plan_save_as_secretary(world, meeting, "会议室")
    plan_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    plan_transition(meeting=meeting, actor=world.reviewer, action="return", note="请补充")


def test_the_plan_page_shows_the_name_they_acted_under(world, renamed, meeting_a):
    plan_returned(world, meeting_a)
    renamed()
    page = world.client(world.committee_a).get(f"/meetings/{meeting_a.pk}/plan/")
    text = page.content.decode()
    assert f" {OLD}：保存方案" in text and f" {OLD}：报送审核" in text
    assert f" {OLD}：退回修改" in text
    assert f"{NEW}：" not in text


def test_the_plan_page_answers_in_the_same_queries_however_long_its_history(
    world, renamed, meeting_a
):
    plan_returned(world, meeting_a)
    renamed()
    c, url = world.client(world.committee_a), f"/meetings/{meeting_a.pk}/plan/"
    queries_for(c, url)  # warm the session and content types
    short = queries_for(c, url)
    for n in range(5):
        plan_save_as_secretary(world, meeting_a, f"会议室{n}")
    assert c.get(url).content.decode().count(f" {NEW}：保存方案") == 5
    assert queries_for(c, url) == short


def test_the_plan_api_gives_the_name_beside_the_username(world, renamed, meeting_a, api):
    plan_returned(world, meeting_a)
    renamed()
    body = api(world.committee_a).get(f"/api/meetings/{meeting_a.pk}/plan").json()
    assert [(e["actor"], e["actor_name"]) for e in body["events"]] == [
        ("secretary_a", OLD),
        ("secretary_a", OLD),
        ("reviewer", OLD),
    ]
    assert PlanEvent.objects.count() == 3


# -- a material's review ------------------------------------------------------------------


def material_returned(world, meeting, api) -> int:
    """member_a files and submits their material, secretary_a (王芳) returns it."""
    r = api(world.member_a).post(
        f"/api/meetings/{meeting.pk}/materials", {"text": MEMBER_A, "kind": "individual"}
    )
    assert r.status_code == 201, r.content
    record = InspectionMaterial.objects.get(pk=r.json()["id"])
    material_transition(record=record, actor=world.member_a, action="submit")
    material_transition(record=record, actor=world.secretary_a, action="return", note="请修改")
    return record.pk


def test_the_material_page_shows_the_name_they_acted_under(world, renamed, meeting_a, api):
    pk = material_returned(world, meeting_a, api)
    renamed()
    text = world.client(world.secretary_a).get(f"/review/materials/{pk}/").content.decode()
    assert f" {OLD}：退回修改" in text and " member_a：上传第1版" in text
    assert f"{NEW}：" not in text


def test_the_material_page_answers_in_the_same_queries_however_long_its_history(
    world, renamed, meeting_a, api
):
    pk = material_returned(world, meeting_a, api)
    renamed()
    record = InspectionMaterial.objects.get(pk=pk)
    c, url = world.client(world.secretary_a), f"/review/materials/{pk}/"
    queries_for(c, url)  # warm the session and content types
    short = queries_for(c, url)
    for _ in range(3):
        material_transition(record=record, actor=world.member_a, action="submit")
        material_transition(record=record, actor=world.secretary_a, action="return", note="再改")
    assert MaterialEvent.objects.filter(material=record).count() == 9
    assert c.get(url).content.decode().count(f" {NEW}：退回修改") == 3
    assert queries_for(c, url) == short
