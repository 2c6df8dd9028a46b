"""Errors under /api/ are JSON like every other API answer (docs/contracts.md: {"detail": "…"})."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

# Statuses Django or django-ninja may answer with a plain or HTML body before our handlers run.
MESSAGES = {
    400: "请求有误",
    405: "不支持该请求方法",
    413: "提交的内容过大",
}


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in MESSAGES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            json = JsonResponse(
                {"detail": MESSAGES[response.status_code]}, status=response.status_code
            )
            if response.has_header("Allow"):
                json["Allow"] = response["Allow"]
            return json
        return response
