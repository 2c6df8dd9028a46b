"""`orglife backup` / `orglife restore`: every row of every table and every media file survive.

Runs on SQLite and, with DATABASE_URL, on PostgreSQL (pg_dump/pg_restore and the JSON
fallback). The instance is emptied in place (flush + media wiped) to stand for a new one.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from orglife.cli import main
from orglife.ledger import services
from orglife.ledger.models import RectificationItem
from orglife.site import backup as bk
from orglife.site.backup import backup, restore
from tests.ledger.factories import closed_item, make_item, upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def snapshot_rows() -> dict[str, list[tuple]]:
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.label_lower == "sessions.session":
            continue
        fields = [f.attname for f in model._meta.concrete_fields]
        rows[model._meta.label] = list(model.objects.order_by("pk").values_list(*fields))
    return rows


def snapshot_media(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def empty_instance(media: Path) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


def filled(world) -> None:
    closed_item(world)  # events, evidence file on disk, verified
    item = make_item(world, title="安全生产主体责任落实不到位")
    services.item_evidence_add(item=item, actor=world.member_a, upload=upload("会议记录.png"))


@pytest.fixture(params=["auto", "json"])
def method(request):
    """The vendor's own tool, and the JSON fallback used when pg_dump is not on PATH."""
    return request.param


def test_it_restores_every_row_and_every_file(world, media, tmp_path, method):
    filled(world)
    rows, files = snapshot_rows(), snapshot_media(media)
    assert files, "the fixture must put evidence files in media"
    assert sum(len(r) for r in rows.values()) > 20

    result = backup(tmp_path / "bk", method=method)
    assert result.method == (
        "json"
        if method == "json"
        else {"sqlite": "sqlite", "postgresql": "pg_dump"}[connection.vendor]
    )
    empty_instance(media)
    assert bk.instance_is_empty()

    restore(tmp_path / "bk")
    assert snapshot_rows() == rows
    assert snapshot_media(media) == files


def test_it_writes_a_manifest_with_every_file_and_its_hash(world, media, tmp_path):
    filled(world)
    backup(tmp_path / "bk")
    manifest = bk.read_manifest(tmp_path / "bk")
    assert manifest["vendor"] == connection.vendor
    assert manifest["created_at"]
    assert manifest["orglife_version"]
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    on_disk = {
        p.relative_to(tmp_path / "bk").as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (tmp_path / "bk").rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert listed == on_disk
    assert any(p.startswith("media/") for p in listed)


def test_it_refuses_to_restore_into_a_non_empty_instance(world, media, tmp_path, capsys):
    filled(world)
    backup(tmp_path / "bk")
    before = snapshot_rows()
    assert main(["restore", str(tmp_path / "bk")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "拒绝恢复" in err[0] and "non-empty" in err[0]
    assert snapshot_rows() == before


def test_it_refuses_an_altered_backup_before_touching_anything(world, media, tmp_path, capsys):
    filled(world)
    backup(tmp_path / "bk")
    evidence = next((tmp_path / "bk" / "media").rglob("*.png"))
    evidence.write_bytes(b"tampered")
    empty_instance(media)
    assert main(["restore", str(tmp_path / "bk")]) == 2
    assert "改动" in capsys.readouterr().err
    assert not RectificationItem.objects.exists()


def test_it_refuses_a_directory_that_is_not_a_backup(db, tmp_path, capsys):
    assert main(["restore", str(tmp_path)]) == 2
    assert "manifest.json" in capsys.readouterr().err


def test_it_backs_up_through_the_command(world, media, tmp_path, capsys):
    filled(world)
    assert main(["backup", "-o", str(tmp_path / "bk")]) == 0
    assert "backup written" in capsys.readouterr().out
    assert (tmp_path / "bk" / "manifest.json").is_file()


def test_it_loses_nothing_committed_before_a_backup_taken_under_load(world, media, tmp_path):
    committed: list[tuple[int, float]] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            n = 0
            while not stop.is_set():
                n += 1
                item = make_item(world, title=f"负载下登记的问题 {n}")
                committed.append((item.pk, time.monotonic()))
        except BaseException as exc:  # reported by the test, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(committed) < 5 and thread.is_alive():
        time.sleep(0.01)
    started = time.monotonic()
    backup(tmp_path / "bk")
    # Keep writing for a moment after the backup: those rows may or may not be in it.
    while len(committed) < 10 and thread.is_alive():
        time.sleep(0.01)
    stop.set()
    thread.join()
    assert not errors, errors

    before = {pk for pk, at in committed if at < started}
    assert len(before) >= 5
    empty_instance(media)
    restore(tmp_path / "bk")
    restored = set(RectificationItem.objects.values_list("pk", flat=True))
    assert before <= restored
    # And each restored item comes back with its history row.
    assert all(
        RectificationItem.objects.get(pk=pk).events.filter(action="create").exists()
        for pk in before
    )


def test_it_falls_back_to_json_when_pg_dump_is_not_on_path(monkeypatch):
    monkeypatch.setattr(bk, "_vendor", lambda: "postgresql")
    monkeypatch.setattr(bk.shutil, "which", lambda name: None)
    assert bk.choose_method() == "json"
