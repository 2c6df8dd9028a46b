"""The meeting's histories (ProceedingEvent, ReportEvent) are hash-chained like the ledger's:
`orglife verify` names a row changed, slipped in or removed with SQL, and deleting a person
or a meeting never breaks a chain (issue 17)."""

from __future__ import annotations

import importlib
import itertools

import pytest
from django.apps import apps
from django.db import connection
from django.db.models import ProtectedError

from orglife.cli import main
from orglife.core.chain import GENESIS, chained_models, verify_all
from orglife.meetings.models import LifeMeeting, ProceedingEvent, ReportEvent
from orglife.meetings.services_record import criticism_add
from orglife.meetings.services_report import report_transition
from tests.meetings.after_helpers import held

pytestmark = pytest.mark.django_db

MIGRATION = "orglife.meetings.migrations.0005_chain_proceeding_and_report_events"
TABLES = {ProceedingEvent: "meetings_proceedingevent", ReportEvent: "meetings_reportevent"}
# A forger's row: every column but the hashes copied from a real row of the same table.
COLUMNS = {
    ProceedingEvent: "meeting_id, actor_id, actor_name, action, changes, note, at",
    ReportEvent: "report_id, actor_id, actor_name, action, from_status, to_status, note, at",
}


def run_sql(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.fixture
def history(world):
    meeting = held(world)
    for who in ("member_a", "committee_a", "secretary_a"):
        criticism_add(meeting=meeting, actor=world.secretary_a, to=who, by=who, text="自我批评")
    report_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    report_transition(meeting=meeting, actor=world.reviewer, action="return", note="请补充")
    report_transition(meeting=meeting, actor=world.secretary_a, action="submit")
    report_transition(meeting=meeting, actor=world.reviewer, action="accept")
    rows = {m: list(m.objects.order_by("pk")) for m in TABLES}
    assert len(rows[ProceedingEvent]) >= 4 and len(rows[ReportEvent]) == 4
    return rows


def broken(model) -> list[tuple[int, str]]:
    return [(b.pk, b.kind) for b in verify_all([model])]


def verify_lines(capsys) -> tuple[int, list[str]]:
    code = main(["verify"])
    return code, capsys.readouterr().out.strip().splitlines()


def test_it_registers_both_histories(db):
    assert {ProceedingEvent, ReportEvent} <= set(chained_models())


@pytest.mark.parametrize("model", list(TABLES))
def test_it_links_each_row_to_the_one_before_and_names_the_actor(history, model):
    rows = history[model]
    assert rows[0].prev_hash == GENESIS
    assert all(after.prev_hash == before.hash for before, after in itertools.pairwise(rows))
    assert all(r.actor_name for r in rows if r.actor_id)
    assert broken(model) == []


def test_it_verifies_a_clean_history_through_the_command(history, capsys):
    assert verify_lines(capsys) == (0, ["历史记录哈希链完好 / every history chain verifies"])


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_an_updated_row(history, model, capsys):
    target = history[model][1]
    run_sql(f"UPDATE {TABLES[model]} SET note = %s WHERE id = %s", ["改过的说明", target.pk])
    assert broken(model) == [(target.pk, "altered")]
    code, out = verify_lines(capsys)
    assert code == 1
    assert out == [
        f"{model._meta.label} #{target.pk}: 内容被改动 / altered: "
        "its content no longer matches its hash"
    ]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_changed_actor_or_actor_name(history, world, model):
    first, second = history[model][0], history[model][2]
    run_sql(f"UPDATE {TABLES[model]} SET actor_id = %s WHERE id = %s", [world.admin.pk, first.pk])
    run_sql(f"UPDATE {TABLES[model]} SET actor_name = %s WHERE id = %s", ["别人", second.pk])
    assert broken(model) == [(first.pk, "altered"), (second.pk, "altered")]


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
def test_it_reports_a_forged_row_added_at_the_end(history, model):
    cols = COLUMNS[model]
    run_sql(
        f"INSERT INTO {TABLES[model]} ({cols}, prev_hash, hash)"
        f" SELECT {cols}, %s, %s FROM {TABLES[model]} WHERE id = %s",
        ["0" * 64, "f" * 64, history[model][0].pk],
    )
    forged = model.objects.order_by("-pk").first()
    assert broken(model) == [(forged.pk, "inserted")]


@pytest.mark.parametrize("model", list(TABLES))
def test_it_reports_a_row_inserted_without_hashes(history, model):
    cols = COLUMNS[model]
    run_sql(
        f"INSERT INTO {TABLES[model]} ({cols}) SELECT {cols} FROM {TABLES[model]} WHERE id = %s",
        [history[model][0].pk],
    )
    forged = model.objects.order_by("-pk").first()
    assert broken(model) == [(forged.pk, "inserted")]


def test_the_migration_chains_and_names_rows_that_were_there_before(history, world):
    for model, table in TABLES.items():
        run_sql(f"UPDATE {table} SET prev_hash = '', hash = '', actor_name = ''", [])
        assert broken(model) != []
    importlib.import_module(MIGRATION).chain_events(apps, None)
    for model in TABLES:
        assert broken(model) == []
        assert set(model.objects.exclude(actor=None).values_list("actor_name", flat=True)) <= {
            "secretary_a",
            "reviewer",
        }
    assert ReportEvent.objects.filter(actor=world.reviewer).first().actor_name == "reviewer"


def test_it_keeps_the_chains_when_someone_tries_to_delete_a_person_or_the_meeting(
    history, world, capsys
):
    with pytest.raises(ProtectedError):
        world.reviewer.delete()
    r = world.client(world.admin).post(
        f"/admin/meetings/lifemeeting/{history[ProceedingEvent][0].meeting_id}/delete/",
        {"post": "yes"},
    )
    assert r.status_code == 200  # the admin's page naming what protects it, never a 500
    assert LifeMeeting.objects.filter(pk=history[ProceedingEvent][0].meeting_id).exists()
    world.reviewer.is_active = False
    world.reviewer.save()
    assert verify_lines(capsys)[0] == 0
