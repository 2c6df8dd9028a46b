"""The histories of a meeting (ProceedingEvent, ReportEvent, PlanEvent) and of a material
(MaterialEvent) are hash-chained like the ledger's: `orglife verify` names a row changed,
slipped in or removed with SQL, and deleting a person, a meeting or a material never breaks
a chain (issue 17). Every test runs once per history: the `history` fixture builds a small
real one for the model under test."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.models import ProtectedError

from orglife.cli import main
from orglife.core.chain import GENESIS, chained_models, verify_all
from orglife.materials.models import MaterialEvent
from orglife.meetings.models import PlanEvent, ProceedingEvent, ReportEvent
from orglife.meetings.services_record import criticism_add
from orglife.meetings.services_report import report_transition
from tests.meetings.after_helpers import held
from tests.meetings.conftest import PLAN, jpost, jput

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "src/orglife/materials/data"
TEXT = (DATA / "demo-individual-member_a.txt").read_text(encoding="utf-8")


def build_proceedings(request, world, api):
    meeting = held(world)
    for who in ("member_a", "committee_a", "secretary_a"):
        criticism_add(meeting=meeting, actor=world.secretary_a, to=who, by=who, text="自我批评")


def build_report(request, world, api):
    meeting = held(world)
    report_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    report_transition(meeting=meeting, actor=world.reviewer, action="return", note="请补充")
    report_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    report_transition(meeting=meeting, actor=world.reviewer, action="accept")


def build_plan(request, world, api):
    sec, rev = api(world.secretary_a), api(world.reviewer)
    base = f"/api/meetings/{request.getfixturevalue('meeting_a').pk}/plan"
    assert jput(sec, base, PLAN).status_code == 200
    jpost(sec, f"{base}/transitions", {"action": "submit"})
    jpost(rev, f"{base}/transitions", {"action": "return", "note": "请补充学习安排"})
    jput(sec, base, PLAN | {"place": "党员活动室"})
    jpost(sec, f"{base}/transitions", {"action": "submit"})
    assert jpost(rev, f"{base}/transitions", {"action": "approve"}).status_code == 200


def build_material(request, world, api):
    sec, mem = api(world.secretary_a), api(world.member_a)
    base = f"/api/meetings/{request.getfixturevalue('meeting_a').pk}"
    r = mem.post(f"{base}/materials", {"text": TEXT, "kind": "individual"})
    assert r.status_code == 201, r.content
    url = f"/api/materials/{r.json()['id']}/transitions"
    jpost(mem, url, {"action": "submit"})
    jpost(sec, url, {"action": "return", "note": "问题查摆不够具体"})
    mem.post(f"{base}/materials", {"text": TEXT + "\n本人将切实改进作风。", "kind": "individual"})
    jpost(mem, url, {"action": "submit"})
    assert jpost(sec, url, {"action": "approve"}).status_code == 200


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    build: Callable
    rows: int  # how many rows `build` writes
    migration: str  # the migration that brought the table's rows into the chain
    # A forger's row: every column but the hashes copied from a real row of the same table.
    columns: str
    state: str  # a column saying what the act did: changing it must be reported
    owner: Callable  # row -> the meeting or material its history keeps from deletion

    @property
    def table(self) -> str:
        return self.model._meta.db_table


KINDS = [
    Kind(
        ProceedingEvent,
        build_proceedings,
        rows=4,
        migration="orglife.meetings.migrations.0005_chain_proceeding_and_report_events",
        columns="meeting_id, actor_id, actor_name, action, changes, note, at",
        state="action",
        owner=lambda row: row.meeting,
    ),
    Kind(
        ReportEvent,
        build_report,
        rows=4,
        migration="orglife.meetings.migrations.0005_chain_proceeding_and_report_events",
        columns="report_id, actor_id, actor_name, action, from_status, to_status, note, at",
        state="to_status",
        owner=lambda row: row.report.meeting,
    ),
    Kind(
        PlanEvent,
        build_plan,
        rows=6,
        migration="orglife.meetings.migrations.0006_chain_plan_events",
        columns="plan_id, action, status, note, snapshot, actor_id, actor_name, at",
        state="status",
        owner=lambda row: row.plan.meeting,
    ),
    Kind(
        MaterialEvent,
        build_material,
        rows=6,
        migration="orglife.materials.migrations.0003_chain_material_events",
        columns="material_id, action, status, version, note, actor_id, actor_name, at",
        state="status",
        owner=lambda row: row.material,
    ),
]


@dataclass
class History:
    kind: Kind
    rows: list

    @property
    def model(self) -> type[models.Model]:
        return self.kind.model

    @property
    def table(self) -> str:
        return self.kind.table


@pytest.fixture(params=KINDS, ids=lambda k: k.model.__name__)
def history(request, world, api) -> History:
    kind = request.param
    kind.build(request, world, api)
    rows = list(kind.model.objects.order_by("pk"))
    assert len(rows) == kind.rows
    return History(kind, rows)


def run_sql(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


def broken(model) -> list[tuple[int, str]]:
    return [(b.pk, b.kind) for b in verify_all([model])]


def verify_lines(capsys) -> tuple[int, list[str]]:
    code = main(["verify"])
    return code, capsys.readouterr().out.strip().splitlines()


def test_it_registers_every_meeting_and_material_history(db):
    assert {k.model for k in KINDS} <= set(chained_models())


def test_it_links_each_row_to_the_one_before_and_names_the_actor(history):
    rows = history.rows
    assert rows[0].prev_hash == GENESIS
    assert all(after.prev_hash == before.hash for before, after in itertools.pairwise(rows))
    assert all(r.actor_id for r in rows)
    assert [r.actor_name for r in rows] == [r.actor.display_name for r in rows]
    assert all(r.actor_name for r in rows)
    assert broken(history.model) == []


def test_it_verifies_a_clean_history_through_the_command(history, capsys):
    assert verify_lines(capsys) == (0, ["历史记录哈希链完好 / every history chain verifies"])


def test_it_refuses_to_edit_a_row_through_the_model(history):
    row = history.rows[0]
    row.note = "改过的意见"
    with pytest.raises(ValueError):
        row.save()


def test_it_reports_an_updated_row(history, capsys):
    target, model = history.rows[1], history.model
    run_sql(f"UPDATE {history.table} SET note = %s WHERE id = %s", ["改过的说明", target.pk])
    assert broken(model) == [(target.pk, "altered")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [
        f"{model._meta.label} #{target.pk}: 内容被改动 / altered: "
        "its content no longer matches its hash"
    ]


def test_it_reports_a_changed_actor_actor_name_or_state(history, world):
    first, second, third = history.rows[0], history.rows[2], history.rows[3]
    state = history.kind.state
    assert getattr(third, state) != "approved"  # so the UPDATE below changes it
    run_sql(f"UPDATE {history.table} SET actor_id = %s WHERE id = %s", [world.admin.pk, first.pk])
    run_sql(f"UPDATE {history.table} SET actor_name = %s WHERE id = %s", ["别人", second.pk])
    run_sql(f"UPDATE {history.table} SET {state} = %s WHERE id = %s", ["approved", third.pk])
    assert broken(history.model) == [
        (first.pk, "altered"),
        (second.pk, "altered"),
        (third.pk, "altered"),
    ]


def test_it_reports_a_deleted_row(history, capsys):
    rows, model = history.rows, history.model
    run_sql(f"DELETE FROM {history.table} WHERE id = %s", [rows[1].pk])
    assert broken(model) == [(rows[2].pk, "deleted")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [
        f"{model._meta.label} #{rows[2].pk}: 之前有记录被删除 / rows deleted before it: "
        "its link names no earlier row"
    ]


def test_it_reports_a_row_slipped_in_between_two_others(history, capsys):
    rows, table, cols, model = history.rows, history.table, history.kind.columns, history.model
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


def test_it_reports_a_forged_row_added_at_the_end(history):
    table, cols = history.table, history.kind.columns
    run_sql(
        f"INSERT INTO {table} ({cols}, prev_hash, hash)"
        f" SELECT {cols}, %s, %s FROM {table} WHERE id = %s",
        ["0" * 64, "f" * 64, history.rows[0].pk],
    )
    forged = history.model.objects.order_by("-pk").first()
    assert broken(history.model) == [(forged.pk, "inserted")]


def test_it_reports_a_row_inserted_without_hashes(history):
    table, cols = history.table, history.kind.columns
    run_sql(
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {table} WHERE id = %s",
        [history.rows[0].pk],
    )
    forged = history.model.objects.order_by("-pk").first()
    assert broken(history.model) == [(forged.pk, "inserted")]


def test_the_migration_chains_and_names_rows_that_were_there_before(history):
    model = history.model
    run_sql(f"UPDATE {history.table} SET prev_hash = '', hash = '', actor_name = ''", [])
    assert broken(model) != []
    importlib.import_module(history.kind.migration).chain_events(apps, None)
    assert broken(model) == []
    rows = model.objects.order_by("pk").select_related("actor")
    assert [r.actor_name for r in rows] == [r.actor.display_name for r in history.rows]
    # world's people are named after their usernames
    assert {r.actor_name for r in rows} <= {"secretary_a", "reviewer", "member_a"}


def test_it_keeps_the_chain_when_someone_tries_to_delete_a_person_or_what_it_is_the_history_of(
    history, world, capsys
):
    model, row = history.model, history.rows[-1]
    with pytest.raises(ProtectedError) as refused:
        row.actor.delete()
    assert row in refused.value.protected_objects
    owner = history.kind.owner(row)
    with pytest.raises(ProtectedError) as refused:
        owner.delete()
    assert any(isinstance(o, model) for o in refused.value.protected_objects)
    meta = owner._meta
    r = world.client(world.admin).post(
        f"/admin/{meta.app_label}/{meta.model_name}/{owner.pk}/delete/", {"post": "yes"}
    )
    assert r.status_code == 200  # the admin's page naming what protects it, never a 500
    assert type(owner).objects.filter(pk=owner.pk).exists()
    row.actor.is_active = False
    row.actor.save()
    assert verify_lines(capsys)[0] == 0
