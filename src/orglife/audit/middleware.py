"""Who is acting: the current request, for receivers of model signals that have none."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

current_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def _superuser(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_superuser:
        return user
    return None


def _superuser_use(request: HttpRequest, user: Any, via: str) -> None:
    from orglife.audit.services import entry_add

    entry_add(
        action="superuser",
        actor=user,
        target=f"{request.method} {request.path}"[:300],
        detail={"via": via},
        request=request,
    )


class AuditMiddleware:
    """Keeps the request at hand for the audit receivers; logs every use of the superuser.

    The superuser is for installation only, so each of its requests is on record, however
    it signed in: a session is known before the view runs; an API bearer token only once
    the API has authenticated it, inside the view, so that use is logged after it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            before = _superuser(request)
            if before is not None:
                _superuser_use(request, before, "session")
            try:
                return self.get_response(request)
            finally:
                self._after(request, before)
        finally:
            current_request.reset(token)

    @staticmethod
    def _after(request: HttpRequest, before: Any) -> None:
        after = _superuser(request)
        if after is None or (before is not None and before.pk == after.pk):
            return
        session = getattr(request, "session", None)
        if session is not None and str(session.get(SESSION_KEY, "")) == str(after.pk):
            return  # signed in by this very request (the sign-in itself is on the log)
        _superuser_use(request, after, "api_token")
