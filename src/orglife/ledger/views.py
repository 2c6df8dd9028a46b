"""Ledger pages: thin function views over selectors and services.

An item or organization a person may not see is a 404. A refused action re-renders the
item page with the Chinese reason and the status the API would answer (403/409/413/422).
"""

from __future__ import annotations

import logging
import mimetypes
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, F, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from orglife.core import audit, clock
from orglife.core.errors import ApplicationError, Invalid
from orglife.core.inputs import query_int_or
from orglife.core.pages import form_refused, on_refusal, refused
from orglife.core.paging import paginate
from orglife.ledger import exports, permissions, selectors, services
from orglife.ledger.carry_forward import carry_forward_text, previous_year
from orglife.ledger.evidence import ACCEPT_ATTR
from orglife.ledger.forms import WIDE, ItemForm
from orglife.ledger.models import (
    Category,
    Evidence,
    ExtensionRequest,
    RectificationItem,
    Status,
)
from orglife.ledger.reminders import reminder_items, reminders_for
from orglife.ledger.transitions import TRANSITIONS
from orglife.orgs import selectors as org_selectors
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import Organization

log = logging.getLogger(__name__)


def _item(request: AuthedRequest, pk: int) -> RectificationItem:
    return selectors.item_get(user=request.user, pk=pk)  # NotFound: the 404 page


def _org(request: AuthedRequest, pk: str | None) -> Organization | None:
    """The organization named in ?org=, or None; 404 when not visible."""
    if pk in (None, ""):
        return None
    if not str(pk).isdigit():
        raise Http404  # a malformed id is as unknown as a hidden one
    return selectors.org_get(user=request.user, pk=pk)  # NotFound: the 404 page


def _default_org(request: AuthedRequest) -> Organization | None:
    branches = list(org_selectors.branches_visible_to(request.user).order_by("path"))
    if len(branches) == 1:
        return branches[0]
    return org_selectors.orgs_visible_to(request.user).order_by("path").first()


def _year(value: str | None) -> int | None:
    # A malformed year filter is ignored, as an empty one is.
    return query_int_or(value, None, minimum=1900, maximum=2200)


# -- the ledger list -----------------------------------------------------------------------


@login_required
def item_list(request: AuthedRequest) -> HttpResponse:
    g = request.GET
    org = _org(request, g.get("org"))
    within = settings.ORGLIFE_REMIND_WITHIN_DAYS
    filters: dict[str, Any] = {
        "status": g.get("status") or None,
        "category": g.get("category") or None,
        "owner": g.get("owner") or None,
        "overdue": True if g.get("overdue") == "1" else None,
        "due_within": within if g.get("due") == "1" else None,
        "year": _year(g.get("year")),
    }  # the keyword arguments of selectors.items_filtered
    error = None
    try:
        items = paginate(
            selectors.items_filtered(
                selectors.items_visible_to(request.user), org=org, **filters
            ).order_by(
                "org__path",
                Case(When(status=Status.CLOSED, then=1), default=0),
                F("deadline").asc(nulls_last=True),
                "pk",
            ),
            g,
            remember_figures=True,
        )
    except ApplicationError as exc:  # a bad filter: the list form again with the reason
        error, items = refused(request, exc), paginate([], g)
    scope = org or _default_org(request)
    branch = scope.branch() if scope else None
    owners = selectors.people_for(branch) if branch else []
    context = {
        "items": items,
        "page": items,
        "org": org,
        "orgs": org_selectors.org_choices(request.user),
        "statuses": Status.choices,
        "categories": Category.choices,
        "owners": owners,
        "f": g,
        "within": within,
        "error": error,
        "create_branches": selectors.may_register_somewhere(request.user),
        "today": clock.today(),
    }
    return render(request, "ledger/list.html", context, status=422 if error else 200)


PERSON_FIELDS = {"owner", "leader", "verified_by"}


# -- one item ------------------------------------------------------------------------------


def _detail_context(request: AuthedRequest, item: RectificationItem) -> dict:
    seats = permissions.item_seats(request.user, item)
    actions = [
        t
        for t in TRANSITIONS.values()
        if t.source == item.status and permissions.may_make(t, seats)
    ]
    pending = item.extension_requests.filter(status=ExtensionRequest.State.PENDING).first()
    events = list(selectors.item_history(item))
    # History keeps sign-in names (the API shows them); a page shows people by name.
    usernames = {
        str(x)
        for e in events
        for k, v in e.changes.items()
        if k in PERSON_FIELDS
        for x in (v if isinstance(v, list) else [v])
        if x
    }
    names = org_selectors.names_by_username(usernames) if usernames else {}
    for e in events:
        e.change_lines = [
            (
                services.FIELD_LABELS.get(k, k),
                *(
                    names.get(x, x) if k in PERSON_FIELDS and x else x
                    for x in (v if isinstance(v, list) else [None, v])
                ),
            )
            for k, v in e.changes.items()
        ]
    return {
        "item": item,
        "seats": seats,
        "actions": actions,
        "can_edit": permissions.may_edit(seats) and not item.is_closed,
        "can_contribute": permissions.may_contribute(seats) and not item.is_closed,
        "can_decide": permissions.may_decide_extension(seats) and pending is not None,
        "pending": pending,
        "evidence": item.evidence.select_related("uploaded_by"),
        "progress": item.progress_entries.select_related("author").order_by("-on", "-pk"),
        "extensions": item.extension_requests.select_related("requested_by", "decided_by"),
        "events": events,
        "accept": ACCEPT_ATTR,
        "max_mb": settings.ORGLIFE_UPLOAD_MAX_BYTES / (1024 * 1024),
        "today": clock.today(),
    }


@login_required
def item_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    return render(request, "ledger/detail.html", _detail_context(request, item))


def _refused(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    """A refused action: the item page again with the reason and the API's status."""
    context = _detail_context(request, _item(request, pk))
    context["error"] = exc.message
    return render(request, "ledger/detail.html", context, status=exc.status)


def _refused_extension(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    ext = ExtensionRequest.objects.get(pk=pk)  # visible: the view found it before raising
    return _refused(request, exc, ext.item_id)


@login_required
@require_POST
@on_refusal(_refused)
def item_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    action = request.POST.get("action", "")
    services.item_transition(
        item=item, actor=request.user, action=action, note=request.POST.get("note", "")
    )
    messages.success(request, f"已{TRANSITIONS[action].label}")
    return redirect("ledger:detail", pk=pk)


@login_required
@require_POST
@on_refusal(_refused)
def evidence_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        raise Invalid("请选择要上传的文件", log="no file")
    services.item_evidence_add(
        item=item, actor=request.user, upload=upload, note=request.POST.get("note", "")
    )
    messages.success(request, "佐证材料已上传")
    return redirect("ledger:detail", pk=pk)


@login_required
def evidence_download(request: AuthedRequest, pk: int) -> FileResponse:
    # Evidence is never served as static media: the item must be visible to this person.
    evidence = (
        Evidence.objects.filter(pk=pk, item__in=selectors.items_visible_to(request.user))
        .select_related("item")
        .first()
    )
    if evidence is None:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    audit.record(
        audit.DOWNLOAD,
        actor=request.user,
        target=f"整改事项 {evidence.item_id} 佐证材料 {evidence.original_name}",
        detail={"item": evidence.item_id, "evidence": evidence.pk},
        request=request,
    )
    inline = evidence.content_type.startswith("image/") or evidence.content_type.endswith("pdf")
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=evidence.original_name,
        content_type=evidence.content_type
        or mimetypes.guess_type(evidence.original_name)[0]
        or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
@on_refusal(_refused)
def progress_add(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    services.item_progress_add(
        item=item,
        actor=request.user,
        text=request.POST.get("text", ""),
        on=request.POST.get("on") or None,
    )
    messages.success(request, "进展已报送")
    return redirect("ledger:detail", pk=pk)


@login_required
@require_POST
@on_refusal(_refused)
def extension_request(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    services.item_extension_request(
        item=item,
        actor=request.user,
        new_deadline=request.POST.get("new_deadline") or None,
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, "延期申请已提交，待书记或上级审核人审批")
    return redirect("ledger:detail", pk=pk)


@login_required
@require_POST
@on_refusal(_refused_extension)
def extension_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    ext = (
        ExtensionRequest.objects.filter(pk=pk, item__in=selectors.items_visible_to(request.user))
        .select_related("item")
        .first()
    )
    if ext is None:
        raise Http404
    approve = request.POST.get("decision") == "approve"
    services.item_extension_decide(
        request=ext, actor=request.user, approve=approve, note=request.POST.get("note", "")
    )
    messages.success(request, "已批准延期" if approve else "已退回延期申请")
    return redirect("ledger:detail", pk=ext.item_id)


# -- create and edit -----------------------------------------------------------------------


@login_required
def item_create(request: AuthedRequest) -> HttpResponse:
    branches = selectors.branches_editable_by(request.user)
    org = _org(request, request.GET.get("org") or request.POST.get("org"))
    if org is None and len(branches) == 1:
        org = branches[0]
    if org is None:
        if not branches:
            raise Http404
        return render(request, "ledger/choose_branch.html", {"branches": branches})
    if not org.is_branch or org.pk not in {b.pk for b in branches}:
        # A visible branch this person may not register items in.
        return render(
            request,
            "error.html",
            {
                "status": 403,
                "title": "没有权限",
                "message": "只有支部书记、支委或上级审核人可以登记整改事项。",
            },
            status=403,
        )
    form = ItemForm(request.POST or None, org=org)
    form.fields.pop("note")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item = services.item_create(org=org, actor=request.user, data=form.item_data())
            except ApplicationError as exc:
                status = form_refused(request, form, exc)
            else:
                messages.success(request, "整改事项已登记")
                return redirect("ledger:detail", pk=item.pk)
        else:
            status = 422
    default_deadline = clock.today() + timedelta(days=settings.ORGLIFE_DEFAULT_DEADLINE_DAYS)
    return render(
        request,
        "ledger/form.html",
        {
            "form": form,
            "org": org,
            "item": None,
            "default_deadline": default_deadline,
            "wide": WIDE,
        },
        status=status,
    )


@login_required
@on_refusal(_refused)
def item_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    # Services enforce on save; checking first spares the person a form they cannot send.
    services.item_check_editable(item=item, actor=request.user)
    form = ItemForm(request.POST or None, org=item.org, initial=ItemForm.initial_for(item))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.item_update(
                    item=item,
                    actor=request.user,
                    data=form.item_data(),
                    version=query_int_or(request.POST.get("version"), None, minimum=1),
                    note=form.cleaned_data.get("note", ""),
                )
            except ApplicationError as exc:
                status = form_refused(request, form, exc)
            else:
                messages.success(request, "修改已保存")
                return redirect("ledger:detail", pk=pk)
        else:
            status = 422
    return render(
        request,
        "ledger/form.html",
        {"form": form, "org": item.org, "item": item, "wide": WIDE},
        status=status,
    )


# -- the three lists, the summary, reminders, carry-forward ----------------------------------


def _scope(request: AuthedRequest) -> Organization:
    org = _org(request, request.GET.get("org")) or _default_org(request)
    if org is None:
        raise Http404
    return org


@login_required
def list_page(request: AuthedRequest, kind: str) -> HttpResponse:
    if kind not in exports.LISTS:
        raise Http404
    org = _scope(request)
    year = _year(request.GET.get("year"))
    page = paginate(
        selectors.items_filtered(selectors.items_visible_to(request.user), org=org, year=year)
        .prefetch_related("evidence")
        .order_by("org__path", "pk"),
        request.GET,
    )
    headers, rows = exports.list_table(page.items, kind, start=page.start_index)
    return render(
        request,
        "ledger/lists.html",
        {
            "kind": kind,
            "lists": [(k, v[0]) for k, v in exports.LISTS.items()],
            "title": exports.list_title(org=org, kind=kind, year=year),
            "headers": headers,
            "rows": rows,
            "page": page,
            "org": org,
            "year": year,
            "orgs": org_selectors.org_choices(request.user),
        },
    )


@login_required
def export_xlsx(request: AuthedRequest) -> FileResponse:
    org = _scope(request)
    kind = request.GET.get("list", "rectification")
    year = _year(request.GET.get("year"))
    return exports.export_response(request, org=org, kind=kind, year=year)


@login_required
def summary(request: AuthedRequest) -> HttpResponse:
    org = _scope(request)
    year = _year(request.GET.get("year"))
    # The branches' rows a page at a time (a committee has a thousand); the totals and the
    # charts above them are of the whole organization.
    page = paginate(
        org_selectors.branches_visible_to(request.user)
        .filter(path__startswith=org.path)
        .order_by("path"),
        request.GET,
        per_page=50,
    )
    total, *branches = selectors.summaries_for(
        user=request.user, orgs=[org, *page.items], year=year
    )
    chart = {
        "status": [{"name": k, "value": v} for k, v in total.by_status.items()],
        "categories": list(total.by_category),
        "category_all": [v[0] for v in total.by_category.values()],
        "category_closed": [v[1] for v in total.by_category.values()],
        "branches": [b.org.name for b in branches],
        "branch_rate": [b.completion_rate for b in branches],
        "branch_overdue": [b.overdue for b in branches],
    }
    return render(
        request,
        "ledger/summary.html",
        {
            "org": org,
            "year": year,
            "s": total,
            "branches": branches if page.count > 1 else [],
            "page": page,
            "chart": chart,
            "orgs": org_selectors.org_choices(request.user),
        },
    )


@login_required
def reminders_page(request: AuthedRequest) -> HttpResponse:
    org = _org(request, request.GET.get("org"))
    qs = selectors.items_filtered(selectors.items_visible_to(request.user), org=org)
    mine = request.GET.get("mine") == "1"
    if mine:
        qs = qs.filter(owner=request.user)
    page = paginate(
        reminder_items(qs.exclude(status=Status.CLOSED)),
        request.GET,
        keys_first=True,
        remember_figures=True,
    )
    return render(
        request,
        "ledger/reminders.html",
        {
            "reminders": reminders_for(page.items),
            "page": page,
            "org": org,
            "mine": mine,
            "within": settings.ORGLIFE_REMIND_WITHIN_DAYS,
        },
    )


@login_required
def carry_forward(request: AuthedRequest) -> HttpResponse:
    org = _scope(request)
    if not org.is_branch:
        branch = (
            org_selectors.branches_visible_to(request.user)
            .filter(path__startswith=org.path)
            .order_by("path")
            .first()
        )
        if branch is None:
            raise Http404
        org = branch
    year = _year(request.GET.get("year")) or clock.today().year
    return render(
        request,
        "ledger/carry_forward.html",
        {
            "org": org,
            "year": year,
            "previous": previous_year(org=org, year=year),
            "text": carry_forward_text(org=org, year=year),
            "branches": org_selectors.branches_visible_to(request.user).order_by("path"),
        },
    )
