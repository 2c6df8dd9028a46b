"""Hash-chained history rows: each row carries the hash of the row before it.

A history model opts in with one line, by inheriting ``HashChained`` (and a migration for its
two fields). Its rows form one chain per model, in primary-key order:

    hash = sha256(prev_hash + "\\n" + canonical(row))

``canonical`` is the row's own fields (the primary key and the two hash fields left out: the
order of the chain is what the keys say, and the links check it) as sorted, compact JSON. Fields with an empty value (None, "", {}, []) are left out, so a
field added later with an empty default leaves the hashes of older rows valid.

``verify_chain`` walks a chain and reports each altered row (its hash no longer matches its
content), each inserted row (the chain runs around it) and each place where rows were
deleted (a row's ``prev_hash`` names no row before it). ``verify_all`` walks every
registered chain: every installed model that inherits ``HashChained``.

What it does not catch, by design of an unkeyed hash: someone who rewrites a row and every
hash after it, or deletes the newest rows. ``orglife verify`` prints each chain's head so an
operator can keep it elsewhere (a printed log, another system) and compare later.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.apps import apps
from django.db import connection, models, transaction

GENESIS = ""
HASH_FIELDS = ("prev_hash", "hash")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def canonical(values: dict[str, Any]) -> bytes:
    """The bytes a row's hash is computed over: sorted compact JSON of its non-empty fields."""
    kept = {k: _plain(v) for k, v in values.items() if v not in (None, "", {}, [])}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def link_hash(prev_hash: str, values: dict[str, Any]) -> str:
    """The hash of a row whose predecessor's hash is ``prev_hash``."""
    return hashlib.sha256(prev_hash.encode() + b"\n" + canonical(values)).hexdigest()


def chained_fields(model: type[models.Model]) -> list[str]:
    pk = model._meta.pk.attname
    return [f.attname for f in model._meta.concrete_fields if f.attname not in (*HASH_FIELDS, pk)]


def _lock_chain(model: type[models.Model]) -> None:
    """Serialise appends to one chain so two writers never hang rows on the same predecessor.

    PostgreSQL: a transaction-scoped advisory lock, taken before the insert so primary keys
    are handed out in chain order. SQLite: the insert itself takes the database's one write
    lock, which is held until commit.
    """
    if connection.vendor == "postgresql":
        # One 64-bit key per chain: a fixed high half for orglife, the label's CRC below it.
        key = (0x0C4A1 << 32) | zlib.crc32(model._meta.label_lower.encode())
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s::bigint)", [key])


class HashChained(models.Model):
    """Abstract base for an append-only history row that is part of a hash chain."""

    # db_default too: a row put in with SQL that leaves them out is reported, not refused.
    prev_hash = models.CharField(
        "前序哈希", max_length=64, blank=True, default="", db_default="", editable=False
    )
    hash = models.CharField(
        "哈希", max_length=64, blank=True, default="", db_default="", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are history: they are never edited")
        model = type(self)
        with transaction.atomic():
            _lock_chain(model)
            super().save(*args, **kwargs)
            # The row is inserted first so its timestamps are hashed as stored.
            prev = (
                model._default_manager.filter(pk__lt=self.pk)
                .order_by("-pk")
                .values_list("hash", flat=True)
                .first()
            )
            self.prev_hash = prev if prev is not None else GENESIS
            self.refresh_from_db(fields=chained_fields(model))
            self.hash = link_hash(self.prev_hash, self.chain_values())
            model._default_manager.filter(pk=self.pk).update(
                prev_hash=self.prev_hash, hash=self.hash
            )

    def chain_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in chained_fields(type(self))}

    @property
    def acted_by(self) -> str:
        """Who acted, as pages and the API show it (``shown_actor``)."""
        return shown_actor(self)


def snapshot_actor(row: models.Model) -> None:
    """Fill a history row's ``actor_name`` from its ``actor`` before it is hashed.

    The name is then part of the chained row, so the row tells who acted on its own, and
    the person's account (PROTECTed by the row's foreign key) can be deactivated, renamed
    or shown masked without the history losing or changing who it was.
    """
    actor_id = getattr(row, "actor_id", None)
    if actor_id is not None and not getattr(row, "actor_name", ""):
        row.actor_name = str(row.actor)[:150]  # type: ignore[attr-defined]


def shown_actor(row: models.Model) -> str:
    """The name a history row shows for its actor: the one stored when they acted, not the
    account's current name (a person renamed later did not act under the new name). Only a
    row stored without one (no actor, or put in with SQL) falls back to the account; ""
    when there is none. The fallback loads the actor unless the query selected it."""
    stored = getattr(row, "actor_name", "")
    if stored:
        return stored
    if getattr(row, "actor_id", None) is None:
        return ""
    return str(row.actor)  # type: ignore[attr-defined]


def name_actors_and_chain(model: type[models.Model], user_model: type[models.Model]) -> int:
    """For the migration that brings a history with rows into the chain: fill each row's
    ``actor_name`` from its actor, then ``chain_existing``. The name is User.display_name
    spelled out, since a migration's historical model has no properties."""
    manager = model._default_manager
    actor_ids = manager.exclude(actor=None).values_list("actor_id", flat=True)
    for user in user_model._default_manager.filter(pk__in=actor_ids):
        full = f"{user.first_name} {user.last_name}".strip()  # type: ignore[attr-defined]
        name = (user.name or full or user.username)[:150]  # type: ignore[attr-defined]
        manager.filter(actor=user, actor_name="").update(actor_name=name)
    return chain_existing(model)


def chain_existing(model: type[models.Model], batch: int = 2000) -> int:
    """Give every row of ``model`` its ``prev_hash`` and ``hash``, in primary-key order.

    For the migration that brings a history table that already has rows into a chain (it
    also works on a migration's historical model). Rows are hashed as they are at that
    moment: what was changed before the migration cannot be told from the chain.
    """
    names = chained_fields(model)
    manager = model._default_manager
    prev = GENESIS
    done = 0
    pending: list[models.Model] = []
    for row in manager.order_by("pk").iterator(chunk_size=batch):
        values = {name: getattr(row, name) for name in names}
        row.prev_hash, row.hash = prev, link_hash(prev, values)  # type: ignore[attr-defined]
        prev = row.hash  # type: ignore[attr-defined]
        pending.append(row)
        if len(pending) >= batch:
            manager.bulk_update(pending, ["prev_hash", "hash"])
            done += len(pending)
            pending = []
    if pending:
        manager.bulk_update(pending, ["prev_hash", "hash"])
        done += len(pending)
    return done


@dataclass(frozen=True)
class BrokenLink:
    chain: str
    pk: Any
    kind: str  # altered | inserted | deleted

    WORDS = {
        "altered": ("内容被改动", "altered: its content no longer matches its hash"),
        "inserted": ("被插入", "inserted: the chain runs around it"),
        "deleted": ("之前有记录被删除", "rows deleted before it: its link names no earlier row"),
    }

    def line(self) -> str:
        zh, en = self.WORDS[self.kind]
        return f"{self.chain} #{self.pk}: {zh} / {en}"


def _rows(model: type[models.Model]) -> Iterator[tuple[Any, str, str, dict[str, Any]]]:
    names = chained_fields(model)
    qs = model._default_manager.order_by("pk").values_list("pk", *names, *HASH_FIELDS)
    for row in qs.iterator(chunk_size=2000):
        values = dict(zip(names, row[1 : len(names) + 1], strict=True))
        yield row[0], row[-2], row[-1], values


def verify_chain(model: type[models.Model]) -> tuple[list[BrokenLink], str]:
    """Walk one chain in primary-key order: (each broken link, the head hash)."""
    label = model._meta.label
    broken: list[BrokenLink] = []
    expected = GENESIS  # the hash the next row must name as its predecessor
    rows = _rows(model)
    current = next(rows, None)
    while current is not None:
        following = next(rows, None)
        pk, prev_hash, stored, values = current
        content_ok = link_hash(prev_hash, values) == stored
        skipped = following is not None and following[1] == expected
        if prev_hash == expected and content_ok:
            expected = stored
        elif skipped:
            # The next row links straight to this one's predecessor: this one was slipped in.
            broken.append(BrokenLink(label, pk, "inserted"))
        elif prev_hash == expected:
            broken.append(BrokenLink(label, pk, "altered"))
            expected = stored
        elif not content_ok:
            # Neither links nor hashes: not a row the application wrote.
            broken.append(BrokenLink(label, pk, "inserted"))
            if following is not None and following[1] == stored:
                expected = stored  # rows appended after it hang on it; report it once
        else:
            broken.append(BrokenLink(label, pk, "deleted"))
            expected = stored
        current = following
    return broken, expected


def chained_models() -> list[type[models.Model]]:
    """The registry: every installed concrete model that inherits ``HashChained``."""
    return [m for m in apps.get_models() if issubclass(m, HashChained)]


def verify_all(models_: Iterable[type[models.Model]] | None = None) -> list[BrokenLink]:
    """Every broken link of every registered chain."""
    broken: list[BrokenLink] = []
    for model in chained_models() if models_ is None else models_:
        broken.extend(verify_chain(model)[0])
    return broken
