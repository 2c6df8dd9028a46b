"""The one way a page answers a user's mistake with the form again, message beside it.

Everything else a view raises as an ``ApplicationError`` is answered by
``orglife.core.middleware`` with the error page; these helpers are for the cases where the
person should stay on the form they filled in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from orglife.core.errors import ApplicationError, Forbidden, NotFound

log = logging.getLogger(__name__)

Refusal = Callable[..., HttpResponse]


def refused(request: HttpRequest, exc: ApplicationError) -> str:
    """Log the refusal (English line) and return the Chinese message for the page."""
    log.info("page refused %s %s: %s", request.method, request.path, exc.log)
    return exc.message


def form_refused(request: HttpRequest, form: Any, exc: ApplicationError) -> int:
    """Put the message on ``form`` (above its fields) and return the status to answer with."""
    form.add_error(None, refused(request, exc))
    return exc.status


def on_refusal(answer: Refusal) -> Callable[[Refusal], Refusal]:
    """Decorate a view: an ``ApplicationError`` it raises is answered by
    ``answer(request, exc, *view_args, **view_kwargs)`` (usually the form re-rendered)."""

    def decorate(view: Refusal) -> Refusal:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                raise  # nothing to show a form for: the middleware's 404 page
            except ApplicationError as exc:
                refused(request, exc)
                return answer(request, exc, *args, **kwargs)

        return wrapper

    return decorate


def flash_back(url_name: str, **url_kwargs_from: str) -> Refusal:
    """A refusal answer: the message as a flash, back to the page that holds the form.

    ``url_kwargs_from`` maps the URL's keyword arguments to the view's (``pk="pk"``).
    A move this person may not make (Forbidden) is not a mistake on the form: it keeps its
    403 (the error page), as a redirect would hide it (the page never offered the move).
    """

    def answer(request: HttpRequest, exc: ApplicationError, *args: Any, **kwargs: Any):
        if isinstance(exc, Forbidden):
            raise exc
        messages.error(request, exc.message)
        return redirect(url_name, **{k: kwargs[v] for k, v in url_kwargs_from.items()})

    return answer
