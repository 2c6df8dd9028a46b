"""The ledger's history rows are hash-chained; `orglife verify` finds direct tampering."""

import itertools

import pytest
from django.db import connection

from orglife.cli import main
from orglife.core.chain import GENESIS, chained_models, verify_all
from orglife.ledger.models import ItemEvent
from tests.ledger.factories import closed_item, make_item


def run_sql(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


@pytest.fixture
def history(world):
    closed_item(world)
    make_item(world, title="第二个问题")
    events = list(ItemEvent.objects.order_by("pk"))
    assert len(events) >= 6
    return events


def kinds() -> list[tuple[int, str]]:
    return [(b.pk, b.kind) for b in verify_all([ItemEvent])]


def test_it_registers_the_ledger_history(db):
    assert ItemEvent in chained_models()


def test_it_links_each_event_to_the_one_before(history):
    assert history[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(history):
        assert after.prev_hash == before.hash
    assert kinds() == []


def test_it_verifies_a_clean_history_through_the_command(history, capsys):
    assert main(["verify"]) == 0
    assert "完好" in capsys.readouterr().out


def test_it_reports_an_altered_row(history, capsys):
    target = history[2]
    run_sql("UPDATE ledger_itemevent SET note = %s WHERE id = %s", ["改过的说明", target.pk])
    assert kinds() == [(target.pk, "altered")]
    assert main(["verify"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        f"ledger.ItemEvent #{target.pk}: 内容被改动 / altered: "
        "its content no longer matches its hash"
    ]


def test_it_reports_an_altered_time_or_actor(history, world):
    run_sql(
        "UPDATE ledger_itemevent SET actor_id = %s WHERE id = %s", [world.admin.pk, history[1].pk]
    )
    run_sql("UPDATE ledger_itemevent SET at = %s WHERE id = %s", ["2020-01-01", history[3].pk])
    assert kinds() == [(history[1].pk, "altered"), (history[3].pk, "altered")]


def test_it_reports_a_deleted_row(history, capsys):
    run_sql("DELETE FROM ledger_itemevent WHERE id = %s", [history[2].pk])
    assert kinds() == [(history[3].pk, "deleted")]
    assert main(["verify"]) == 1
    assert "deleted" in capsys.readouterr().out


def test_it_reports_a_row_inserted_between_two_others(history):
    # Make room, then slip a row in where the gap is (as a forger with SQL access would).
    run_sql("UPDATE ledger_itemevent SET id = id + 1000 WHERE id > %s", [history[2].pk])
    gap = history[2].pk + 1
    run_sql(
        "INSERT INTO ledger_itemevent (id, item_id, actor_id, at, action, from_status,"
        " to_status, changes, note, prev_hash, hash)"
        " VALUES (%s, %s, NULL, %s, 'update', '', '', '{}', '伪造', %s, %s)",
        [gap, history[2].item_id, "2024-01-10 12:00:00", history[2].hash, "f" * 64],
    )
    assert kinds() == [(gap, "inserted")]


def test_it_reports_a_forged_row_once_even_when_later_rows_hang_on_it(history, world):
    run_sql(
        "INSERT INTO ledger_itemevent (item_id, actor_id, at, action, from_status,"
        " to_status, changes, note, prev_hash, hash)"
        " VALUES (%s, NULL, %s, 'update', '', '', '{}', '伪造', %s, %s)",
        [history[0].item_id, "2024-01-10 12:00:00", "0" * 64, "f" * 64],
    )
    forged = ItemEvent.objects.order_by("-pk").first()
    make_item(world, title="之后登记的问题")
    assert kinds() == [(forged.pk, "inserted")]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_it_keeps_one_unbroken_chain_when_two_writers_append_at_once(world):
    import threading

    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(8):
                make_item(world, title=f"并发登记 {n}-{i}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert ItemEvent.objects.count() == 16
    assert kinds() == []


# -- people who acted leave, the history stays whole (issue 17) -----------------------------


def _history_by_a_departing_person(world):
    """History whose only trace of secretary_a is as its actor (registered the item)."""
    return make_item(world, owner=world.member_a, leader=world.committee_a)


def _history_page(world, item) -> str:
    r = world.client(world.committee_a).get(f"/ledger/{item.pk}/")
    assert r.status_code == 200
    return r.content.decode()


def test_it_keeps_the_chain_and_the_names_when_the_admin_deletes_a_person_who_acted(world, capsys):
    gone = world.secretary_a
    gone.name = "李四"
    gone.save()
    item = _history_by_a_departing_person(world)
    # Only the superuser may delete accounts in /admin/ (the system seat may not at all).
    c = world.client(world.admin)
    r = c.post(f"/admin/orgs/user/{gone.pk}/delete/", {"post": "yes"})
    # Refused with the admin's own page naming what protects the person (never a 500).
    assert r.status_code == 200 and "整改记录" in r.content.decode()
    r = c.post(
        "/admin/orgs/user/",
        {"action": "delete_selected", "_selected_action": [gone.pk], "post": "yes"},
    )
    assert r.status_code in (200, 302)
    assert type(gone).objects.filter(pk=gone.pk).exists()
    assert main(["verify"]) == 0, capsys.readouterr().out
    assert "李四" in _history_page(world, item)


def test_it_keeps_the_chain_and_the_names_when_a_person_who_acted_is_deactivated(world, seats):
    item = _history_by_a_departing_person(world)
    c = world.client(seats.security)
    assert c.post(f"/security/{world.secretary_a.pk}/lock/", {"locked": "1"}).status_code == 302
    world.secretary_a.refresh_from_db()
    assert not world.secretary_a.is_active
    assert kinds() == []
    assert "secretary_a" in _history_page(world, item)


def test_it_snapshots_the_actor_s_name_in_the_hashed_row(world):
    item = _history_by_a_departing_person(world)
    event = item.events.order_by("-pk").first()
    assert event.actor_name == "secretary_a"
    run_sql("UPDATE ledger_itemevent SET actor_name = %s WHERE id = %s", ["别人", event.pk])
    assert kinds() == [(event.pk, "altered")]


def test_it_never_deletes_history_with_the_item(world):
    from django.db.models import ProtectedError

    item = _history_by_a_departing_person(world)
    with pytest.raises(ProtectedError):
        item.delete()
    assert kinds() == []
