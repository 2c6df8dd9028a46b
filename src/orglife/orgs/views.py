from __future__ import annotations

import io
import logging

from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from orglife.core import audit
from orglife.core.errors import ApplicationError
from orglife.core.pages import refused
from orglife.core.paging import paginate
from orglife.core.uploads import refuse_oversize
from orglife.orgs import permissions, selectors, throttle
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import Organization
from orglife.orgs.roster import HEADERS, roster_import

log = logging.getLogger(__name__)


def _visible_org(request: AuthedRequest, pk: int) -> Organization:
    # 404 rather than 403: an id must not reveal that an organization exists.
    return get_object_or_404(_orgs_for(request), pk=pk)


def _orgs_for(request: AuthedRequest) -> QuerySet[Organization]:
    """The organizations on these pages: those the person sees, and for the 系统管理员 seat
    every one (it keeps the structure and the accounts)."""
    user = request.user
    return selectors.orgs_visible_to(user) | selectors.orgs_administered_by(user)


@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    visible = _orgs_for(request)
    orgs = paginate(visible.order_by("path"), request.GET, per_page=100)
    # Each organization with its indent below the highest one the person sees (one query
    # for that one, not the whole list).
    top = visible.order_by(Length("path")).values_list("path", flat=True).first()
    depth0 = top.count("/") if top else 0
    rows = [(o, o.path.count("/") - depth0) for o in orgs]
    return render(request, "orgs/tree.html", {"orgs": rows, "page": orgs})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    org = _visible_org(request, pk)
    roster = selectors.roster(org)
    seats = paginate(roster, request.GET, per_page=100)
    can_manage = permissions.may_see_personal_data(request.user, org)
    children = _orgs_for(request).filter(parent=org).order_by("path")[:200]
    # Masked by default; whole values only on request, for those who may, and on the audit log.
    may_reveal = selectors.may_see_personal_data(request.user, org)
    reveal = may_reveal and request.GET.get("reveal") == "1"
    if reveal:
        audit.record(audit.UNMASK, actor=request.user, target=f"{org.name} 花名册", request=request)
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "seats": seats,
            "can_manage": can_manage,
            "children": children,
            "page": seats,
            "people_count": roster.order_by().values("user_id").distinct().count(),
            "may_reveal": may_reveal,
            "reveal": reveal,
        },
    )


@login_required
def roster_import_view(request: AuthedRequest, pk: int) -> HttpResponse:
    org = _visible_org(request, pk)
    if not permissions.may_import_roster(request.user, org):
        raise Http404
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = ["请选择要导入的 .xlsx 或 .csv 文件"]
        else:
            try:
                refuse_oversize(upload.size)
                result = roster_import(
                    org=org, actor=request.user, filename=upload.name or "", data=upload.read()
                )
            except ApplicationError as exc:
                errors = [refused(request, exc)]
            else:
                if result.ok:
                    messages.success(
                        request, f"导入完成：新增 {result.created} 人，更新 {result.updated} 人。"
                    )
                    return redirect("orgs:detail", pk=org.pk)
                errors = result.errors
    return render(
        request,
        "orgs/import.html",
        {"org": org, "errors": errors, "headers": [v[0] for v in HEADERS.values()]},
    )


@login_required
def roster_template(request: HttpRequest) -> HttpResponse:
    """An empty roster workbook with the expected headers, so nobody guesses the columns."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员名册"
    ws.append([v[0] for v in HEADERS.values()])
    ws.append(
        ["张三", "男", "1985-03-01", "2010-07-01", "13800000000", "党员", "", "zhangsan@example.cn"]
    )
    for col, width in zip("ABCDEFGH", (10, 6, 12, 12, 16, 10, 12, 24), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''roster-template.xlsx"
    return response


class SignInForm(throttle.ThrottledFormMixin, AuthenticationForm):
    pass


class AdminSignInForm(throttle.ThrottledFormMixin, AdminAuthenticationForm):
    pass


class SignInView(LoginView):
    """Django's sign-in behind the one sign-in throttle (orgs/throttle.py)."""

    template_name = "registration/login.html"
    authentication_form = SignInForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        username = request.POST.get("username", "")
        wait = throttle.wait_seconds(request, username)
        if wait:
            log.warning("sign-in waiting %ds for %r", wait, username)
            form = self.get_form()
            return self.render_to_response(
                self.get_context_data(form=form, locked=throttle.locked_message(wait)), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.remember_device(self.request, response, form.get_user().get_username())
        return response
