"""Until a forced or expired password is changed, every page leads to the change page."""

from __future__ import annotations

from collections.abc import Callable

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
