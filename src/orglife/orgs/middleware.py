"""Until a forced or expired password is changed, every page leads to the change page; a
signed-in session's idle timeout is renewed by activity."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from orglife.orgs.passwords import must_change

# Paths that stay open: the change page itself, signing out, static files, liveness.
OPEN_PREFIXES = ("/password/", "/logout/", "/static/", "/healthz", "/api/")


class PasswordChangeRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and must_change(user)
        ):
            return redirect(reverse("password_change") + "?next=" + request.path)
        return self.get_response(request)


RENEW_EVERY = 60  # seconds: the idle timeout is exact to the minute
TOUCHED = "_touched"


class IdleSessionMiddleware:
    """Renews a signed-in session's expiry (``SESSION_COOKIE_AGE``, the idle timeout) when it
    was last renewed a minute or more ago.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) did the same with a
    database write per request, the API and every list page included; a session now ends
    between 29 and 30 minutes of idleness instead of at 30 exactly. Listed after
    SessionMiddleware, so the save happens in SessionMiddleware's response phase.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session this request already read (signing in reads it): /healthz and
        # static files never load one.
        if session is not None and session.accessed and SESSION_KEY in session:
            now = int(time.time())
            if now - int(session.get(TOUCHED, 0)) >= RENEW_EVERY:
                session[TOUCHED] = now  # modified: saved with a fresh expiry and cookie
        return response
