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


NUL_MESSAGE = "提交的内容含有不允许的空字符（NUL），请删除后重试"


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class RefuseNulMiddleware:
    """Refuse a NUL character in any string a request carries (422, Chinese message).

    PostgreSQL cannot store NUL in text and answers with an error (a 500); no person
    types one. Checked once here for query strings, form fields and JSON bodies, so no
    endpoint has to remember it. File contents are not strings and are not checked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.core.exceptions import RequestDataTooBig

        try:
            carries_nul = self._carries_nul(request)
        except RequestDataTooBig as exc:
            # Read here first, so answered here: the body is not read again.
            from orglife.core.uploads import too_big_message
            from orglife.site.views import bad_request

            if request.path.startswith("/api/"):
                return JsonResponse({"detail": too_big_message(exc)}, status=413)
            return bad_request(request, exc)
        if carries_nul:
            import logging

            logging.getLogger(__name__).info("refused NUL in %s %s", request.method, request.path)
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=422)
            from django.shortcuts import render

            return render(
                request,
                "error.html",
                {"status": 422, "title": "提交的内容有误", "message": NUL_MESSAGE},
                status=422,
            )
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or _has_nul(dict(request.GET.lists())):
            return True
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type == "application/json" or content_type.endswith("+json"):
            import json

            # Too big a body raises RequestDataTooBig here, which Django answers with 413.
            body = request.body
            if b"\x00" in body:
                return True
            if b"\\u0000" not in body.lower():
                return False
            try:
                return _has_nul(json.loads(body))
            except ValueError:
                return False  # malformed JSON: the API answers 422 for it
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return _has_nul(dict(request.POST.lists()))
        return False


class ContentSecurityPolicyMiddleware:
    """Send ORGLIFE_CSP on every answer: scripts, styles and fonts from the site only.

    Our templates carry no inline script or style attribute (they use site.css and
    static .js files). Django's admin writes a few style attributes, so its pages may
    also use inline styles — never inline scripts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        response = self.get_response(request)
        policy = settings.ORGLIFE_CSP
        if policy and "Content-Security-Policy" not in response:
            if request.path.startswith("/admin/"):
                policy = policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
            response["Content-Security-Policy"] = policy
        return response
