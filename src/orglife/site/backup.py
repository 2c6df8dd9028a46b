"""`orglife backup -o DIR` and `orglife restore DIR`: the database and media together.

A backup directory holds ``manifest.json`` (format, orglife version, time, database vendor,
method, and every file with its size and sha256), the database (``db.sqlite3`` from the
SQLite online backup API, ``db.dump`` from pg_dump's custom format, or ``db.jsonl`` from
Django's serializers, one object a line, when pg_dump is missing) and ``media/``, a copy of MEDIA_ROOT.

Consistency: the database is copied first, from one snapshot (the SQLite backup API copies a
consistent image; pg_dump and the JSON fallback read inside one REPEATABLE READ transaction);
media is copied after it. Files are written to media before the row naming them commits, so
every file the snapshot names is already on disk when media is copied.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from orglife.core import remember
from orglife.errors import InputError
from orglife.site.apps import create_cache_table

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
# Rows Django makes by itself on migrate: an instance holding only these is empty.
BOOKKEEPING = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    method: str
    files: int

    def summary(self) -> str:
        return f"备份完成 / backup written: {self.directory} ({self.method}, {self.files} 个文件)"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _files(root: Path) -> Iterator[Path]:
    for dirpath, _dirs, names in os.walk(root):
        for name in sorted(names):
            yield Path(dirpath) / name


def _vendor() -> str:
    return connection.vendor


def _pg_env_args() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return env, args


def _db_name() -> str:
    # Under the test runner the connection's name is the test database, not the settings one.
    return str(connection.settings_dict["NAME"])


def choose_method(method: str = "auto") -> str:
    vendor = _vendor()
    if method != "auto":
        return method
    if vendor == "sqlite":
        return "sqlite"
    if vendor == "postgresql" and shutil.which("pg_dump") and shutil.which("pg_restore"):
        return "pg_dump"
    return "json"


# -- backup ------------------------------------------------------------------------------


def _backup_sqlite(out: Path) -> str:
    connection.ensure_connection()
    raw = connection.connection
    target = sqlite3.connect(out / "db.sqlite3")
    try:
        raw.backup(target)  # the online backup API: a consistent image while others write
    finally:
        target.close()
    return "db.sqlite3"


def _backup_pg_dump(out: Path) -> str:
    env, args = _pg_env_args()
    target = out / "db.dump"
    done = subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "--no-privileges", *args, "-f", str(target), _db_name()],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise InputError("数据库导出失败", f"pg_dump failed: {done.stderr.strip()}")
    return "db.dump"


class _Encoder(json.JSONEncoder):
    """Full precision: DjangoJSONEncoder cuts microseconds, which a restore must keep."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | date | time):
            return o.isoformat()
        if isinstance(o, Decimal | UUID):
            return str(o)
        return super().default(o)


def _backup_json(out: Path) -> str:
    """One JSON object per line (model, pk, fields), primary keys kept, read in one snapshot."""
    from django.core import serializers

    target = out / "db.jsonl"
    with transaction.atomic(), target.open("w", encoding="utf-8") as f:
        if _vendor() == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in apps.get_models():
            if model._meta.label_lower == "sessions.session" or model._meta.proxy:
                continue
            rows = model._default_manager.order_by("pk").iterator(chunk_size=2000)
            for obj in serializers.serialize("python", rows):
                f.write(json.dumps(obj, cls=_Encoder, ensure_ascii=False) + "\n")
    return "db.jsonl"


def backup(directory: str | Path, *, method: str = "auto") -> BackupResult:
    """Write a consistent backup of the database and media into ``directory``."""
    out = Path(directory)
    if out.exists() and any(out.iterdir()):
        raise InputError("备份目录不是空的", f"backup directory is not empty: {out}")
    out.mkdir(parents=True, exist_ok=True)
    chosen = choose_method(method)
    started = timezone.now()
    db_file = {"sqlite": _backup_sqlite, "pg_dump": _backup_pg_dump, "json": _backup_json}[chosen](
        out
    )

    media_root = Path(settings.MEDIA_ROOT)
    media_out = out / MEDIA_DIR
    media_out.mkdir()
    if media_root.is_dir():
        for src in _files(media_root):
            dst = media_out / src.relative_to(media_root)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)

    listed = [p for p in _files(out) if p.name != MANIFEST]
    manifest = {
        "format": FORMAT,
        "orglife_version": _version(),
        "created_at": started.isoformat(),
        "vendor": _vendor(),
        "method": chosen,
        "database": db_file,
        "files": [
            {
                "path": p.relative_to(out).as_posix(),
                "size": p.stat().st_size,
                "sha256": _sha256(p),
            }
            for p in listed
        ],
    }
    (out / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return BackupResult(out, chosen, len(listed))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("orglife")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


# -- restore -----------------------------------------------------------------------------


def _data_models() -> list[Any]:
    return [
        m
        for m in apps.get_models()
        if m._meta.label_lower not in BOOKKEEPING and not m._meta.proxy and m._meta.managed
    ]


def instance_is_empty() -> bool:
    """No data row in any table (migrations' own rows aside) and no media file."""
    for model in _data_models():
        try:
            if model._default_manager.using("default").exists():
                return False
        except DatabaseError:
            # No such table yet: a database never migrated is empty.
            if connection.in_atomic_block:
                raise
            continue
    media_root = Path(settings.MEDIA_ROOT)
    return not (media_root.is_dir() and any(_files(media_root)))


def read_manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    if not path.is_file():
        raise InputError("不是备份目录（缺少 manifest.json）", f"no manifest.json in {directory}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError("备份清单已损坏", f"manifest.json unreadable: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise InputError("备份格式不受支持", f"unsupported backup format {manifest.get('format')}")
    return manifest


def check_files(directory: Path, manifest: dict[str, Any]) -> None:
    """Every listed file present with its recorded sha256; nothing is restored otherwise."""
    for entry in manifest["files"]:
        path = directory / entry["path"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise InputError(
                f"备份文件缺失或已被改动：{entry['path']}",
                f"backup file missing or altered: {entry['path']}",
            )


def _restore_sqlite(directory: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(directory / "db.sqlite3")
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_pg(directory: Path) -> None:
    env, args = _pg_env_args()
    connection.close()  # pg_restore drops and recreates tables: no open transaction may hold them
    done = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            *args,
            "-d",
            _db_name(),
            str(directory / "db.dump"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise InputError("数据库恢复失败", f"pg_restore failed: {done.stderr.strip()}")


def _restore_json(directory: Path) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers

    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        # The backup carries its own content types and permissions with their ids.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        with (
            connection.constraint_checks_disabled(),
            (directory / "db.jsonl").open(encoding="utf-8") as f,
        ):
            for line in f:
                for obj in serializers.deserialize("python", [json.loads(line)]):
                    obj.save()
        connection.check_constraints()
        _reset_sequences()


def _reset_sequences() -> None:
    from django.core.management.color import no_style

    models = list(apps.get_models(include_auto_created=True))
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if not statements:
        return
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)


def restore(directory: str | Path) -> dict[str, Any]:
    """Restore a backup into this instance, which must be empty; answers the manifest."""
    src = Path(directory)
    if not src.is_dir():
        raise InputError("备份目录不存在", f"no such backup directory: {src}")
    manifest = read_manifest(src)
    check_files(src, manifest)
    if manifest["vendor"] != _vendor() and manifest["method"] != "json":
        raise InputError(
            f"备份来自 {manifest['vendor']} 数据库，当前为 {_vendor()}",
            f"backup is from {manifest['vendor']}, this instance is {_vendor()}",
        )
    if not instance_is_empty():
        raise InputError(
            "当前实例已有数据，拒绝恢复（请在空实例上恢复）",
            "refusing to restore into a non-empty instance",
        )
    {"sqlite": _restore_sqlite, "pg_dump": _restore_pg, "json": _restore_json}[manifest["method"]](
        src
    )
    # Remembered figures were of the data just replaced (and an older backup has no table).
    create_cache_table()
    remember.forget_all()

    media_root = Path(settings.MEDIA_ROOT)
    media_src = src / MEDIA_DIR
    for entry in manifest["files"]:
        rel = Path(entry["path"])
        if rel.parts[0] != MEDIA_DIR:
            continue
        dst = media_root.joinpath(*rel.parts[1:])
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(media_src.joinpath(*rel.parts[1:]), dst)
    return manifest
