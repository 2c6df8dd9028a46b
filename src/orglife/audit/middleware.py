"""Who is acting: the current request, for receivers of model signals that have none."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


class AuditMiddleware:
    """Keeps the request at hand for the audit receivers; logs every use of the superuser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and user.is_superuser:
                from orglife.audit.services import entry_add

                # The superuser is for installation only: every request of it is on record.
                entry_add(
                    action="superuser",
                    actor=user,
                    target=f"{request.method} {request.path}"[:300],
                    request=request,
                )
            return self.get_response(request)
        finally:
            current_request.reset(token)
