"""Counts and figures over large lists, remembered between requests until their data changes.

Counting 600,000 ledger items for a committee's reviewer, or grouping them for the summary,
costs the database 0.1–0.9 s however small the page: the same figure, asked again by the next
request, is read from a shared cache instead (Django's database cache, so every gunicorn
worker sees the same entries and the same invalidations).

An entry is keyed by the query's SQL and parameters (the person's scope and today's date are
in them) and stored with the *generation* of every model it depends on. Saving or deleting a
watched model gives it a new generation once its transaction commits, and every entry stored
under the old one is ignored from then on: a figure is never older than the last committed
change to its models. Writes that bypass the model signals (``QuerySet.update``,
``bulk_create``) call ``changed`` themselves; the entry's timeout bounds anything missed.

``settings.ORGLIFE_REMEMBER = False`` (the test settings) computes every figure afresh, so
tests that write inside one transaction see their own writes without thinking about it.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

CACHE = "shared"
T = TypeVar("T")

# Models every remembered figure depends on (who sees what): filled by the apps' ready().
_always: list[str] = []


def _label(model: type[models.Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.label_lower


def _generation_key(label: str) -> str:
    return f"gen:{label}"


def enabled() -> bool:
    return bool(getattr(settings, "ORGLIFE_REMEMBER", True))


def changed(*models_changed: type[models.Model] | str) -> None:
    """These models' data changed: new generations once the transaction commits."""
    labels = [_label(m) for m in models_changed]

    def bump() -> None:
        caches[CACHE].set_many({_generation_key(x): uuid.uuid4().hex for x in labels}, None)

    if enabled():
        transaction.on_commit(bump)


def watch(*watched: type[models.Model], always: bool = False) -> None:
    """Saving or deleting one of these models changes its generation. ``always``: every
    remembered figure depends on them (organizations and memberships decide scopes)."""
    for model in watched:

        def on_change(sender: type[models.Model], **kwargs: Any) -> None:
            changed(sender)

        post_save.connect(on_change, sender=model, weak=False, dispatch_uid=f"remember:{model}")
        post_delete.connect(
            on_change, sender=model, weak=False, dispatch_uid=f"remember-del:{model}"
        )
        if always and _label(model) not in _always:
            _always.append(_label(model))


def _key(tag: str, query: Any) -> str:
    sql, params = query.sql_with_params()
    digest = hashlib.sha256(repr((tag, sql, params)).encode("utf-8")).hexdigest()
    return f"fig:{digest}"


def remembered(
    rows: models.QuerySet,
    compute: Callable[[models.QuerySet], T],
    *,
    tag: str,
) -> T:
    """``compute(rows)``, or the value remembered for the same query and ``tag`` while the
    generations of ``rows.model`` and the always-watched models are unchanged."""
    if not enabled():
        return compute(rows)
    try:
        key = _key(tag, rows.query)
    except EmptyResultSet:  # matches nothing by construction (no seat): no query to save
        return compute(rows)
    labels = sorted({_label(rows.model), *_always})
    gen_keys = [_generation_key(x) for x in labels]
    cache = caches[CACHE]
    got = cache.get_many([key, *gen_keys])
    missing = {k: uuid.uuid4().hex for k in gen_keys if k not in got}
    if missing:  # never set, or culled: a new generation matches no stored entry
        cache.set_many(missing, None)
        got.update(missing)
    generations = tuple(got[k] for k in gen_keys)
    hit = got.get(key)
    if isinstance(hit, tuple) and len(hit) == 2 and hit[0] == generations:
        return hit[1]  # type: ignore[no-any-return]
    value = compute(rows)
    cache.set(key, (generations, value))
    return value


def count(rows: models.QuerySet) -> int:
    """``rows.count()``, remembered."""
    return remembered(rows, lambda q: q.count(), tag="count")


def forget_all() -> None:
    """Drop every remembered figure (after a restore replaced the data under them)."""
    if enabled():
        caches[CACHE].clear()
