"""Writes to the audit log: adding an entry, purging entries past retention."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from orglife.audit.models import AuditEntry


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _actor_name(actor: Any, request: HttpRequest | None) -> str:
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is None:
        return ""
    if isinstance(actor, str):
        return actor[:150]
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_username())[:150]
    return ""


def entry_add(
    *,
    action: str,
    actor: Any = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Add one entry; the actor is a user or a username (e.g. a failed sign-in's)."""
    if request is None:
        from orglife.audit.middleware import current_request

        request = current_request.get()
    return AuditEntry.objects.create(
        action=action,
        actor=_actor_name(actor, request),
        target=str(target)[:300],
        detail=detail or {},
        address=client_address(request),
    )


def retention_days() -> int:
    return max(int(settings.ORGLIFE_AUDIT_RETENTION_DAYS), 180)


def entries_purge(*, now: Any = None) -> int:
    """Remove entries older than the retention period (never fewer than 180 days)."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    return AuditEntry.objects.filter(at__lt=cutoff).purge()
