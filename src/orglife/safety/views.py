"""安全生产 pages: thin function views over selectors and services, phone-first.

Anything a person may not see is a 404 (the selectors raise NotFound; the middleware
answers). A refused form comes back with the Chinese reason and the status the API would
answer (403/409/413/422), through ``core.pages.on_refusal``.
"""

from __future__ import annotations

import calendar
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orglife.core import audit, clock
from orglife.core.errors import ApplicationError, Invalid
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.core.pages import on_refusal
from orglife.core.paging import paginate
from orglife.ledger import exports as ledger_exports
from orglife.ledger import selectors as ledger_selectors
from orglife.ledger import services as ledger_services
from orglife.ledger.evidence import ACCEPT_ATTR
from orglife.ledger.models import Category, Kind, Status
from orglife.orgs import selectors as org_selectors
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import Organization
from orglife.safety import exports, permissions, scoring, selectors, services
from orglife.safety.models import (
    AREA_CHOICES,
    AREA_LABELS,
    PLAN_PARTS,
    ChecklistItem,
    Finding,
    Grade,
    HazardDetail,
    Method,
    RiskPoint,
)

PAGE_SIZE = 30
CATEGORY_LABELS = dict(Category.choices)
CHART_LIMIT = 500


def _org(request: AuthedRequest, pk: str | None) -> Organization | None:
    """The organization named in the request, or None; 404 when not visible."""
    if pk in (None, ""):
        return None
    if not str(pk).isdigit():
        raise Http404  # a malformed id is as unknown as a hidden one
    return ledger_selectors.org_get(user=request.user, pk=pk)


def _branches(request: AuthedRequest) -> list[Organization]:
    return permissions.units_for(request.user)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _again(request, template: str, context: dict, exc: ApplicationError) -> HttpResponse:
    """The page again with the reason and the status the API would answer (on_refusal logs)."""
    return render(request, template, context | {"error": exc.message}, status=exc.status)


def _common() -> dict[str, Any]:
    return {
        "areas": AREA_CHOICES,
        "grades": Grade.choices,
        "statuses": Status.choices,
        "colour_labels": scoring.COLOUR_LABELS,
        "level_labels": scoring.LEVEL_LABELS,
        "today": clock.today(),
    }


# -- the risk register ---------------------------------------------------------------------


def _chart(rows: list[tuple[str, str, int]]) -> dict[str, Any]:
    """四色图 data: places by area, each cell the highest level recorded there."""
    cells = {(AREA_LABELS.get(area, area), place): rank for area, place, rank in rows}
    areas = sorted({a for a, _ in cells})
    places = sorted({p for _, p in cells})
    return {
        "areas": areas,
        "places": places,
        "cells": [[areas.index(a), places.index(p), v] for (a, p), v in cells.items()],
    }


@login_required
def register(request: AuthedRequest) -> HttpResponse:
    g = request.GET
    org = _org(request, g.get("org"))
    # A bad filter (area) is Invalid: the error page with 422.
    qs = selectors.risks_filtered(
        selectors.risks_visible_to(request.user), org=org, area=g.get("area") or None
    )
    page = paginate(qs, g, per_page=PAGE_SIZE)
    context = _common() | {
        "page": page,
        "org": org,
        "orgs": org_selectors.org_choices(request.user),
        "f": g,
        "chart": _chart(selectors.colour_cells(qs, CHART_LIMIT)),
        "counts": selectors.colour_counts(qs),
        "can_create": bool(_branches(request)),
    }
    return render(request, "safety/register.html", context)


def _risk_form_context(request: AuthedRequest, data: Any = None) -> dict[str, Any]:
    branches = _branches(request)
    people = ledger_selectors.people_for(branches[0]) if len(branches) == 1 else []
    return _common() | {
        "branches": branches,
        "people": people,
        "methods": Method.choices,
        "lec_l": scoring.LEC_L,
        "lec_e": scoring.LEC_E,
        "lec_c": scoring.LEC_C,
        "ls_range": scoring.LS_RANGE,
        "d": data or {},
    }


def _risk_create_refused(request: AuthedRequest, exc: ApplicationError) -> HttpResponse:
    return _again(request, "safety/risk_form.html", _risk_form_context(request, request.POST), exc)


@login_required
@on_refusal(_risk_create_refused)
def risk_create(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "safety/risk_form.html", _risk_form_context(request))
    post = request.POST
    org = _org(request, post.get("org"))
    if org is None:
        raise Invalid("请选择单位（党支部）", log="risk without org")
    data = {k: post.get(k) or None for k in ("method", "l", "e", "c", "s", "owner")}
    data |= {k: post.get(k, "") for k in ("place", "area", "hazard", "measures", "note")}
    data["next_review"] = post.get("next_review") or None
    risk = services.risk_create(org=org, actor=request.user, data=data)
    messages.success(request, "风险点已登记")
    return redirect("safety:risk", pk=risk.pk)


def _risk_context(request: AuthedRequest, risk: RiskPoint) -> dict[str, Any]:
    return _risk_form_context(request) | {
        "risk": risk,
        "history": risk.assessments.select_related("actor").order_by("-at", "-pk"),
        "can_edit": permissions.may_register_in(request.user, risk.org),
        "people": ledger_selectors.people_for(risk.org),
        "hazards": risk.hazards.select_related("item")[:20],
    }


def _risk_refused(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    context = _risk_context(request, selectors.risk_get(user=request.user, pk=pk))
    return _again(request, "safety/risk_detail.html", context, exc)


@login_required
@on_refusal(_risk_refused)
def risk_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    risk = selectors.risk_get(user=request.user, pk=pk)
    if request.method != "POST":
        return render(request, "safety/risk_detail.html", _risk_context(request, risk))
    post = request.POST
    data: dict[str, Any] = {
        k: post.get(k) for k in ("place", "area", "hazard", "measures") if k in post
    }
    data |= {k: post.get(k) or None for k in ("method", "l", "e", "c", "s", "owner")}
    data["next_review"] = post.get("next_review") or None
    if data["method"] == Method.LS:
        data["e"] = data["c"] = None
    services.risk_update(
        risk=risk,
        actor=request.user,
        data=data,
        version=_int(post.get("version"), 0),
        note=post.get("note", ""),
    )
    messages.success(request, "风险点已更新，评估记录已保存")
    return redirect("safety:risk", pk=pk)


# -- hazards -------------------------------------------------------------------------------


@login_required
def hazard_list(request: AuthedRequest) -> HttpResponse:
    g = request.GET
    org = _org(request, g.get("org"))
    qs = selectors.hazards_filtered(
        selectors.hazards_visible_to(request.user),
        user=request.user,
        org=org,
        area=g.get("area") or None,
        grade=g.get("grade") or None,
        status=g.get("status") or None,
        overdue=True if g.get("overdue") == "1" else None,
    ).order_by("-found_on", "-pk")
    page = paginate(qs, g, per_page=PAGE_SIZE)
    context = _common() | {
        "page": page,
        "org": org,
        "orgs": org_selectors.org_choices(request.user),
        "f": g,
        "can_create": bool(_branches(request)),
    }
    return render(request, "safety/hazard_list.html", context)


def _hazard_form_context(request: AuthedRequest, data: Any = None) -> dict[str, Any]:
    branches = _branches(request)
    branch = branches[0] if branches else None
    return _common() | {
        "branches": branches,
        "people": ledger_selectors.people_for(branch) if branch else [],
        "risks": selectors.risks_visible_to(request.user).filter(org__in=branches)[:200],
        "accept": ACCEPT_ATTR,
        "d": data or {},
    }


def _hazard_create_refused(request: AuthedRequest, exc: ApplicationError) -> HttpResponse:
    context = _hazard_form_context(request, request.POST)
    return _again(request, "safety/hazard_form.html", context, exc)


@login_required
@on_refusal(_hazard_create_refused)
def hazard_create(request: AuthedRequest) -> HttpResponse:
    """The quick form: on a phone, a photo, a line of text, area and grade — and done."""
    if request.method != "POST":
        return render(request, "safety/hazard_form.html", _hazard_form_context(request))
    post = request.POST
    org = _org(request, post.get("org"))
    if org is None:
        raise Invalid("请选择单位（党支部）", log="hazard without org")
    data: dict[str, Any] = {
        k: post.get(k, "") for k in ("title", "description", "area", "grade", "place")
    }
    data |= {k: post.get(k) or None for k in ("owner", "risk", "deadline", "found_on")}
    data["measures"] = post.get("measures", "")
    if post.get("immediate"):
        data["kind"] = Kind.IMMEDIATE
    hazard = services.hazard_create(
        org=org, actor=request.user, data=data, photo=request.FILES.get("photo")
    )
    messages.success(request, "隐患已登记" + ("，须上报并制定治理方案" if hazard.is_major else ""))
    return redirect("safety:hazard", pk=hazard.pk)


def _hazard_context(request: AuthedRequest, hazard: HazardDetail) -> dict[str, Any]:
    item = hazard.item
    return _common() | {
        "hazard": hazard,
        "item": item,
        "plan": [(field, label, getattr(hazard, field)) for field, label in PLAN_PARTS],
        "plan_missing": hazard.plan_missing(),
        "can_plan": permissions.may_plan(request.user, item) and not item.is_closed,
        "actions": permissions.moves_for(request.user, item),
        "photos": item.evidence.all(),
        "accept": ACCEPT_ATTR,
    }


@login_required
def hazard_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    return render(request, "safety/hazard_detail.html", _hazard_context(request, hazard))


def _hazard_refused(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    """The hazard page again (re-read: the refused move changed nothing)."""
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    return _again(request, "safety/hazard_detail.html", _hazard_context(request, hazard), exc)


@login_required
@require_POST
@on_refusal(_hazard_refused)
def hazard_plan(request: AuthedRequest, pk: int) -> HttpResponse:
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    parts = {field: request.POST.get(field) for field, _ in PLAN_PARTS}
    services.hazard_plan_set(hazard=hazard, actor=request.user, parts=parts)
    messages.success(request, "治理方案已保存")
    return redirect("safety:hazard", pk=pk)


@login_required
@require_POST
@on_refusal(_hazard_refused)
def hazard_transition(request: AuthedRequest, pk: int) -> HttpResponse:
    """The ledger's moves from the hazard page (the 治理方案 gate answers 409 here too)."""
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    action = request.POST.get("action", "")
    ledger_services.item_transition(
        item=hazard.item, actor=request.user, action=action, note=request.POST.get("note", "")
    )
    messages.success(request, f"已{permissions.move_label(action)}")
    return redirect("safety:hazard", pk=pk)


@login_required
@require_POST
@on_refusal(_hazard_refused)
def hazard_photo(request: AuthedRequest, pk: int) -> HttpResponse:
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    upload = request.FILES.get("photo")
    if upload is None:
        raise Invalid("请选择照片", log="no photo")
    ledger_services.item_evidence_add(
        item=hazard.item, actor=request.user, upload=upload, note=request.POST.get("note", "")
    )
    messages.success(request, "照片已上传")
    return redirect("safety:hazard", pk=pk)


# -- inspections -----------------------------------------------------------------------------


@login_required
def inspection_calendar(request: AuthedRequest) -> HttpResponse:
    """The month's inspections on a calendar grid (weeks start on Monday)."""
    today = clock.today()
    year = _int(request.GET.get("year"), today.year)
    month = _int(request.GET.get("month"), today.month)
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        year, month = today.year, today.month
    org = _org(request, request.GET.get("org"))
    qs = selectors.inspections_visible_to(request.user).filter(
        held_on__year=year, held_on__month=month
    )
    if org is not None:
        qs = qs.filter(org__path__startswith=org.path)
    by_day: dict[int, list] = {}
    for i in qs.order_by("held_on", "pk")[:CHART_LIMIT]:
        by_day.setdefault(i.held_on.day, []).append(i)
    weeks = [
        [(d, by_day.get(d, [])) if d else (None, []) for d in week]
        for week in calendar.Calendar().monthdayscalendar(year, month)
    ]
    prev = (year, month - 1) if month > 1 else (year - 1, 12)
    nxt = (year, month + 1) if month < 12 else (year + 1, 1)
    context = _common() | {
        "weeks": weeks,
        "year": year,
        "month": month,
        "prev": prev,
        "next": nxt,
        "org": org,
        "can_create": bool(_branches(request)),
    }
    return render(request, "safety/inspection_calendar.html", context)


def _inspection_form_context(request: AuthedRequest, data: Any = None) -> dict[str, Any]:
    branches = _branches(request)
    area = (data or {}).get("area") or "fire"
    return _common() | {
        "branches": branches,
        "people": ledger_selectors.people_for(branches[0]) if branches else [],
        "checklist": ChecklistItem.objects.filter(active=True, area=area),
        "area": area,
        "d": data or {},
    }


@login_required
def checklist_fragment(request: AuthedRequest) -> HttpResponse:
    """The checklist of one area, swapped into the inspection form by htmx."""
    area = request.GET.get("area", "")
    items = ChecklistItem.objects.filter(active=True, area=area)
    return render(request, "safety/_checklist.html", {"checklist": items})


def _inspection_create_refused(request: AuthedRequest, exc: ApplicationError) -> HttpResponse:
    context = _inspection_form_context(request, request.POST)
    return _again(request, "safety/inspection_form.html", context, exc)


@login_required
@on_refusal(_inspection_create_refused)
def inspection_create(request: AuthedRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "safety/inspection_form.html", _inspection_form_context(request))
    post = request.POST
    org = _org(request, post.get("org"))
    if org is None:
        raise Invalid("请选择单位（党支部）", log="inspection without org")
    data = {
        "held_on": post.get("held_on") or None,
        "place": post.get("place", ""),
        "area": post.get("area", ""),
        "inspectors": post.getlist("inspectors"),
        "notes": post.get("notes", ""),
        "checklist": {
            key.removeprefix("check_"): value == "ok"
            for key, value in post.items()
            if key.startswith("check_")
        },
        "findings": post.get("findings", "").splitlines(),
    }
    inspection = services.inspection_create(org=org, actor=request.user, data=data)
    messages.success(request, "排查记录已保存")
    return redirect("safety:inspection", pk=inspection.pk)


def _inspection_context(request: AuthedRequest, inspection) -> dict[str, Any]:
    checked = inspection.checklist or {}
    ids = [query_int_or(k, None, minimum=1, maximum=MAX_ID) for k in checked]
    lines = ChecklistItem.objects.filter(pk__in=[i for i in ids if i is not None])
    return _common() | {
        "inspection": inspection,
        "inspectors": inspection.inspectors.order_by("username"),
        "checks": [(c, checked.get(str(c.pk))) for c in lines],
        "findings": inspection.findings.select_related("hazard"),
        "can_edit": permissions.may_register_in(request.user, inspection.org),
        "people": ledger_selectors.people_for(inspection.org),
    }


@login_required
def inspection_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    return render(
        request, "safety/inspection_detail.html", _inspection_context(request, inspection)
    )


def _inspection_refused(
    request: AuthedRequest, exc: ApplicationError, pk: int, finding: int
) -> HttpResponse:
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    context = _inspection_context(request, inspection)
    return _again(request, "safety/inspection_detail.html", context, exc)


@login_required
@require_POST
@on_refusal(_inspection_refused)
def finding_hazard(request: AuthedRequest, pk: int, finding: int) -> HttpResponse:
    """One step: the finding becomes a hazard (place, day, area and inspectors carried)."""
    inspection = selectors.inspection_get(user=request.user, pk=pk)
    record = Finding.objects.filter(pk=finding, inspection=inspection).first()
    if record is None:
        raise Http404
    data = {k: request.POST.get(k) or None for k in ("grade", "owner", "deadline")}
    hazard = services.finding_to_hazard(
        finding=record, actor=request.user, data={k: v for k, v in data.items() if v}
    )
    messages.success(request, "已登记为隐患")
    return redirect("safety:hazard", pk=hazard.pk)


# -- statistics ------------------------------------------------------------------------------


def _stats_context(request: AuthedRequest, org: Organization, year: int, quarter: int | None):
    # A bad period is Invalid: the error page with 422.
    s = selectors.stats_for(user=request.user, org=org, year=year, quarter=quarter)
    today = clock.today()
    return _common() | {
        "s": s,
        "org": org,
        "orgs": org_selectors.org_choices(request.user),
        "rows": [(CATEGORY_LABELS.get(a, a), r) for a, r in s.rows.items()],
        "grade_counts": [(label, s.by_grade[v]) for v, label in Grade.choices],
        "status_counts": [(label, s.by_status[v]) for v, label in Status.choices],
        "year": year,
        "quarter": quarter,
        "years": range(today.year, today.year - 5, -1),
        "can_submit": permissions.may_register_in(request.user, org),
    }


@login_required
def stats(request: AuthedRequest) -> HttpResponse:
    g = request.GET
    today = clock.today()
    org = _org(request, g.get("org")) or _default_org(request)
    if org is None:
        raise Http404
    year = _int(g.get("year"), today.year)
    quarter = _int(g.get("quarter", str((today.month - 1) // 3 + 1)), 0) or None
    context = _stats_context(request, org, year, quarter)
    if g.get("format") == "xlsx":
        s = context["s"]
        data, name = exports.stats_xlsx(s), exports.stats_filename(s)
        audit.record_file(request, name, org=org.pk, year=year, quarter=quarter)
        return ledger_exports.xlsx_response(data, name)
    return render(request, "safety/stats.html", context)


def _default_org(request: AuthedRequest) -> Organization | None:
    branches = list(org_selectors.branches_visible_to(request.user).order_by("path"))
    if len(branches) == 1:
        return branches[0]
    return org_selectors.orgs_visible_to(request.user).order_by("path").first()


def _period(request: AuthedRequest) -> tuple[Organization, int, int | None]:
    org = _org(request, request.POST.get("org"))
    if org is None:
        raise Http404
    return org, _int(request.POST.get("year"), 0), _int(request.POST.get("quarter"), 0) or None


def _report_refused(request: AuthedRequest, exc: ApplicationError) -> HttpResponse:
    org, year, quarter = _period(request)
    return _again(request, "safety/stats.html", _stats_context(request, org, year, quarter), exc)


@login_required
@require_POST
@on_refusal(_report_refused)
def report_submit(request: AuthedRequest) -> HttpResponse:
    org, year, quarter = _period(request)
    services.report_submit(org=org, actor=request.user, year=year, quarter=quarter)
    messages.success(request, "已登记报送")
    url = reverse("safety:stats")
    return redirect(f"{url}?org={org.pk}&year={year}&quarter={quarter or 0}")


# -- the typical case of a material ---------------------------------------------------------


def _material(request: AuthedRequest, pk: int):
    from orglife.materials.selectors import materials_visible_to

    record = materials_visible_to(request.user).select_related("org").filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def _case_context(request: AuthedRequest, record) -> dict[str, Any]:
    from orglife.safety.cases import case_measures, is_safety_case

    material = record.material()
    return _common() | {
        "record": record,
        "safety": is_safety_case(material),
        "measures": [(m, AREA_LABELS.get(m.area, m.area)) for m in case_measures(material)],
        "can_apply": permissions.may_register_in(request.user, record.org),
        "risks": selectors.risks_visible_to(request.user).filter(org=record.org)[:200],
        "people": ledger_selectors.people_for(record.org),
    }


def _case_refused(request: AuthedRequest, exc: ApplicationError, pk: int) -> HttpResponse:
    return _again(request, "safety/case.html", _case_context(request, _material(request, pk)), exc)


@login_required
@on_refusal(_case_refused)
def case(request: AuthedRequest, pk: int) -> HttpResponse:
    """A material's typical case: its measures become hazards or risk-point measures."""
    record = _material(request, pk)
    if request.method != "POST":
        return render(request, "safety/case.html", _case_context(request, record))
    post = request.POST
    risk = None
    if post.get("target") == "risk":
        risk = selectors.risk_get(user=request.user, pk=_int(post.get("risk"), 0))
    services.case_measures_apply(
        record=record,
        actor=request.user,
        indices=[_int(i, 0) for i in post.getlist("measures")],
        target=post.get("target", "hazards"),
        risk=risk,
        owner=post.get("owner") or None,
    )
    if risk is not None:
        messages.success(request, "已补充到风险点的管控措施")
        return redirect("safety:risk", pk=risk.pk)
    messages.success(request, "已登记为隐患")
    return redirect(f"{reverse('safety:hazards')}?org={record.org_id}")
