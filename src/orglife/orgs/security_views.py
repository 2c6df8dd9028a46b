"""Pages of the 安全管理员 (accounts: seats, password resets, lock-outs) and everyone's
own password change page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from orglife.core.errors import Forbidden
from orglife.orgs import security
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import User
from orglife.orgs.seats import Seat, holds, seat_assign


class PasswordChange(PasswordChangeView):
    template_name = "orgs/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # type: ignore[no-untyped-def]
        response = super().form_valid(form)
        # login_required by PasswordChangeView itself: the user is signed in here.
        User.objects.filter(pk=self.request.user.pk or 0).update(must_change_password=False)
        messages.success(self.request, "密码已修改。")
        return response


def _security_only(request: AuthedRequest) -> None:
    if not holds(request.user, Seat.SECURITY):
        raise Forbidden("只有安全管理员可以进入此页", log="security page: not the security seat")


@login_required
def accounts(request: AuthedRequest) -> HttpResponse:
    _security_only(request)
    q = request.GET.get("q", "").strip()[:50]
    qs = User.objects.filter(is_superuser=False).prefetch_related("groups").order_by("username")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(name__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    by_label = {s.label: s for s in Seat}
    rows = [
        (u, next((by_label[g.name] for g in u.groups.all() if g.name in by_label), None))
        for u in page
    ]
    return render(
        request,
        "orgs/accounts.html",
        {"page": page, "rows": rows, "q": q, "seats": Seat.choices},
    )


def _target(pk: int) -> User:
    return get_object_or_404(User.objects.filter(is_superuser=False), pk=pk)


@login_required
@require_POST
def account_reset(request: AuthedRequest, pk: int) -> HttpResponse:
    _security_only(request)
    user = _target(pk)
    temporary = security.password_reset(user=user, actor=request.user)
    messages.success(request, f"{user.username} 的临时密码（只显示这一次）：{temporary}")
    return redirect("security:accounts")


@login_required
@require_POST
def account_lock(request: AuthedRequest, pk: int) -> HttpResponse:
    _security_only(request)
    user = _target(pk)
    locked = request.POST.get("locked") == "1"
    security.account_lock(user=user, actor=request.user, locked=locked)
    messages.success(request, f"{user.username} 已{'锁定' if locked else '解锁'}。")
    return redirect("security:accounts")


@login_required
@require_POST
def account_seat(request: AuthedRequest, pk: int) -> HttpResponse:
    _security_only(request)
    user = _target(pk)
    value = request.POST.get("seat", "")
    seat = Seat(value) if value in Seat.values else None
    seat_assign(user=user, seat=seat, actor=request.user)
    messages.success(request, f"{user.username} 的管理员岗位：{seat.label if seat else '无'}。")
    return redirect("security:accounts")
