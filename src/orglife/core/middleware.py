"""Domain errors raised by a page view become the Chinese error page, in this one place.

The API maps the same errors to JSON in ``orglife.api`` (its exception handler); a page view
never catches an ``ApplicationError`` just to choose a status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from orglife.core.errors import ApplicationError

log = logging.getLogger(__name__)

TITLES = {
    400: "请求有误",
    403: "没有权限",
    404: "页面不存在",
    409: "无法执行",
    413: "提交的内容过大",
    422: "无法处理",
}


def error_page(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    """The error page for ``exc`` with its status and Chinese message."""
    log.info("page refused %s %s: %s", request.method, request.path, exc.log)
    context = {
        "status": exc.status,
        "title": TITLES.get(exc.status, "无法处理"),
        "message": exc.message,
    }
    return render(request, "error.html", context, status=exc.status)


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, ApplicationError) and not request.path.startswith("/api/"):
            return error_page(request, exception)
        return None
