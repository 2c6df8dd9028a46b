"""The plan's history (PlanEvent) and a material's review history (MaterialEvent) are
hash-chained like the ledger's: `orglife verify` names a row changed, slipped in or removed
with SQL, and deleting a person, a plan's meeting or a material never breaks a chain
(issue 17)."""

from __future__ import annotations

import importlib
import itertools
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import ProtectedError

from orglife.cli import main
from orglife.core.chain import GENESIS, chained_models, verify_all
from orglife.materials.models import InspectionMaterial, MaterialEvent
from orglife.meetings.models import LifeMeeting, PlanEvent
from tests.meetings.conftest import PLAN, jpost, jput

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "src/orglife/materials/data"
TEXT = (DATA / "demo-individual-member_a.txt").read_text(encoding="utf-8")
MIGRATIONS = {
    PlanEvent: "orglife.meetings.migrations.0006_chain_plan_events",
    MaterialEvent: "orglife.materials.migrations.0003_chain_material_events",
}
TABLES = {PlanEvent: "meetings_planevent", MaterialEvent: "materials_materialevent"}
# A forger's row: every column but the hashes copied from a real row of the same table.
COLUMNS = {
    PlanEvent: "plan_id, action, status, note, snapshot, actor_id, actor_name, at",
    MaterialEvent: "material_id, action, status, version, note, actor_id, actor_name, at",
}


def run_sql(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.fixture
def history(world, api, meeting_a):
    sec, rev, mem = api(world.secretary_a), api(world.reviewer), api(world.member_a)
    base = f"/api/meetings/{meeting_a.pk}"
    assert jput(sec, f"{base}/plan", PLAN).status_code == 200
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    jpost(rev, f"{base}/plan/transitions", {"action": "return", "note": "请补充学习安排"})
    jput(sec, f"{base}/plan", PLAN | {"place": "党员活动室"})
    jpost(sec, f"{base}/plan/transitions", {"action": "submit"})
    assert jpost(rev, f"{base}/plan/transitions", {"action": "approve"}).status_code == 200
    r = mem.post(f"{base}/materials", {"text": TEXT, "kind": "individual"})
    assert r.status_code == 201, r.content
    url = f"/api/materials/{r.json()['id']}/transitions"
    jpost(mem, url, {"action": "submit"})
    jpost(sec, url, {"action": "return", "note": "问题查摆不够具体"})
    mem.post(f"{base}/materials", {"text": TEXT + "\n本人将切实改进作风。", "kind": "individual"})
    jpost(mem, url, {"action": "submit"})
    assert jpost(sec, url, {"action": "approve"}).status_code == 200
    rows = {m: list(m.objects.order_by("pk")) for m in TABLES}
    assert len(rows[PlanEvent]) == 6 and len(rows[MaterialEvent]) == 6
    return rows


def broken(model) -> list[tuple[int, str]]:
    return [(b.pk, b.kind) for b in verify_all([model])]


def verify_lines(capsys) -> tuple[int, list[str]]:
    code = main(["verify"])
    return code, capsys.readouterr().out.strip().splitlines()


def test_it_registers_both_histories(db):
    assert {PlanEvent, MaterialEvent} <= set(chained_models())


@pytest.mark.parametrize("model", list(TABLES))
def test_it_links_each_row_to_the_one_before_and_names_the_actor(history, model):
    rows = history[model]
    assert rows[0].prev_hash == GENESIS
    assert all(after.prev_hash == before.hash for before, after in itertools.pairwise(rows))
    assert {r.actor_name for r in rows} == {r.actor.display_name for r in rows}
    assert all(r.actor_name for r in rows)
    assert broken(model) == []


def test_it_verifies_a_clean_history_through_the_command(history, capsys):
    assert verify_lines(capsys) == (0, ["历史记录哈希链完好 / every history chain verifies"])


@pytest.mark.parametrize("model", list(TABLES))
def test_it_refuses_to_edit_a_row_through_the_model(history, model):
    row = history[model][0]
    row.note = "改过的意见"
    with pytest.raises(ValueError):
        row.save()


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_an_updated_row(history, model, capsys):
    target = history[model][1]
    run_sql(f"UPDATE {TABLES[model]} SET note = %s WHERE id = %s", ["改过的意见", target.pk])
    assert broken(model) == [(target.pk, "altered")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [
        f"{model._meta.label} #{target.pk}: 内容被改动 / altered: "
        "its content no longer matches its hash"
    ]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_changed_status_actor_or_actor_name(history, world, model):
    first, second, third = history[model][0], history[model][2], history[model][3]
    run_sql(f"UPDATE {TABLES[model]} SET actor_id = %s WHERE id = %s", [world.admin.pk, first.pk])
    run_sql(f"UPDATE {TABLES[model]} SET actor_name = %s WHERE id = %s", ["别人", second.pk])
    run_sql(f"UPDATE {TABLES[model]} SET status = %s WHERE id = %s", ["approved", third.pk])
    assert broken(model) == [(first.pk, "altered"), (second.pk, "altered"), (third.pk, "altered")]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_deleted_row(history, model, capsys):
    rows = history[model]
    run_sql(f"DELETE FROM {TABLES[model]} WHERE id = %s", [rows[1].pk])
    assert broken(model) == [(rows[2].pk, "deleted")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [
        f"{model._meta.label} #{rows[2].pk}: 之前有记录被删除 / rows deleted before it: "
        "its link names no earlier row"
    ]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_row_slipped_in_between_two_others(history, model, capsys):
    rows, table, cols = history[model], TABLES[model], COLUMNS[model]
    # Make room, then slip a row in where the gap is (as a forger with SQL access would).
    run_sql(f"UPDATE {table} SET id = id + 1000 WHERE id > %s", [rows[1].pk])
    gap = rows[1].pk + 1
    run_sql(
        f"INSERT INTO {table} (id, {cols}, prev_hash, hash)"
        f" SELECT %s, {cols}, %s, %s FROM {table} WHERE id = %s",
        [gap, rows[1].hash, "f" * 64, rows[0].pk],
    )
    assert broken(model) == [(gap, "inserted")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [f"{model._meta.label} #{gap}: 被插入 / inserted: the chain runs around it"]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_row_inserted_without_hashes(history, model):
    cols = COLUMNS[model]
    run_sql(
        f"INSERT INTO {TABLES[model]} ({cols}) SELECT {cols} FROM {TABLES[model]} WHERE id = %s",
        [history[model][0].pk],
    )
    forged = model.objects.order_by("-pk").first()
    assert broken(model) == [(forged.pk, "inserted")]


@pytest.mark.parametrize("model", list(TABLES))
def test_the_migration_chains_and_names_rows_that_were_there_before(history, world, model):
    run_sql(f"UPDATE {TABLES[model]} SET prev_hash = '', hash = '', actor_name = ''", [])
    assert broken(model) != []
    importlib.import_module(MIGRATIONS[model]).chain_events(apps, None)
    assert broken(model) == []
    assert set(model.objects.values_list("actor_name", flat=True)) == {
        r.actor.display_name for r in history[model]
    }


def test_it_keeps_the_chains_when_someone_tries_to_delete_a_person_a_meeting_or_a_material(
    history, world, capsys
):
    with pytest.raises(ProtectedError):
        world.reviewer.delete()
    material = history[MaterialEvent][0].material
    with pytest.raises(ProtectedError):
        material.delete()
    meeting_id = history[PlanEvent][0].plan.meeting_id
    for url in (
        f"/admin/meetings/lifemeeting/{meeting_id}/delete/",
        f"/admin/materials/inspectionmaterial/{material.pk}/delete/",
    ):
        r = world.client(world.admin).post(url, {"post": "yes"})
        assert r.status_code == 200  # the admin's page naming what protects it, never a 500
    assert LifeMeeting.objects.filter(pk=meeting_id).exists()
    assert InspectionMaterial.objects.filter(pk=material.pk).exists()
    assert verify_lines(capsys)[0] == 0
