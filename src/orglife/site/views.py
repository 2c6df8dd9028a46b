from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from orglife.core.paging import paginate
from orglife.ledger.selectors import dashboard_for
from orglife.materials.selectors import materials_visible_to
from orglife.meetings.selectors import home_meetings
from orglife.orgs import selectors
from orglife.orgs.http import AuthedRequest
from orglife.orgs.seats import seat_of

log = logging.getLogger(__name__)


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers and the database is reachable."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any database failure means not healthy
        log.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})


@login_required
def home(request: AuthedRequest) -> HttpResponse:
    user = request.user
    role = selectors.home_role(user)
    branches = paginate(
        selectors.branches_visible_to(user).select_related("parent").order_by("path"),
        request.GET,
        per_page=20,
    )
    managed = set(selectors.orgs_managed_by(user).values_list("pk", flat=True))
    seats = user.memberships.select_related("organization").order_by("organization__path")
    materials = materials_visible_to(user).select_related("org", "author")[:8]
    ledger = dashboard_for(user, org_ids=[b.pk for b in branches])
    counts = ledger["by_org"]
    # Each visible branch with its open and overdue ledger items.
    branch_rows = [(b, *counts.get(b.pk, (0, 0))) for b in branches]
    context = {
        "meetings": home_meetings(user),
        "role": role,
        "admin_seat": seat_of(user),
        "branch_rows": branch_rows,
        "page": branches,
        "managed": managed,
        "seats": seats,
        "materials": materials,
        "ledger": ledger,
    }
    return render(request, "home.html", context)


def api_not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    return JsonResponse({"detail": "接口不存在"}, status=404)


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request, "error.html", {"status": status, "title": title, "message": message}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    from django.core.exceptions import RequestDataTooBig

    from orglife.core.uploads import UploadTooBig, too_big_message

    if isinstance(exception, UploadTooBig):
        return _error(request, 413, "文件过大", too_big_message(exception))
    if isinstance(exception, RequestDataTooBig):
        return _error(request, 413, "提交的内容过大", "提交的文字或文件超过上限，请精简后重试。")
    return _error(request, 400, "请求有误", "提交的内容无法处理，请返回检查后重试。")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "没有权限", "您没有权限进行此操作。")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent from a page whose sign-in has since changed: sign in again, then retry.

    The way forward is the sign-in page, coming back to the page the form was on (the
    Referer when it is on this site, else the address that was posted to).
    """
    log.info("csrf refused %s %s: %s", request.method, request.path, reason)
    came_from = request.path
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        came_from = parts.path + (f"?{parts.query}" if parts.query else "")
    context = {
        "status": 403,
        "title": "页面已过期",
        "message": "这个页面是在登录状态变化之前打开的，为保护您的数据，本次提交未被接受。"
        "请重新登录后再试。",
        "action_url": f"{reverse('login')}?{urlencode({'next': came_from})}",
        "action_label": "重新登录后再试",
    }
    return render(request, "error.html", context, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, "页面不存在", "您访问的页面不存在，或您没有权限查看。")


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "error.html",
        {"status": 500, "title": "系统出错", "message": "系统暂时出错，已记录日志，请稍后重试。"},
        status=500,
    )
