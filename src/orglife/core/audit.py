"""Recording an auditable act without knowing who keeps the log.

Apps call ``record(...)`` when they export or hand out personal data (or do anything else
an assessor wants on record); the audit app, which no other app imports, connects a
receiver to ``audit_event`` in its ``ready()``. With no receiver connected (the audit app
not installed), recording is a no-op.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import Signal

# kwargs: action (str), actor (a user or None), target (str), detail (dict), request (or None)
audit_event = Signal()

EXPORT = "export"
DOWNLOAD = "download"
UNMASK = "unmask"
LOGIN = "login"


def record(
    action: str,
    *,
    actor: Any = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
    request: Any = None,
) -> None:
    """Put one act on the audit log: ``action`` is one of the audit log's action names."""
    audit_event.send(
        sender=None,
        action=action,
        actor=actor,
        target=target,
        detail=detail or {},
        request=request,
    )


def record_file(request: Any, filename: str, *, action: str = DOWNLOAD, **detail: Any) -> None:
    """Put a file handed to the person of ``request`` on the audit log (who, which file, what
    it was made from): every generated document and table that carries people's data."""
    record(
        action,
        actor=getattr(request, "user", None),
        target=filename,
        detail={"file": filename, **detail},
        request=request,
    )
