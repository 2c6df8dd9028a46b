"""Safety REST API (docs/contracts.md "Safety (API v1)"): thin handlers over selectors and services.

Objects are found through the selectors (404 for what the caller may not see); services
raise the domain errors that orglife/api.py maps to HTTP once. Lists are paginated with
``limit``/``offset`` and filtered in the database.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from orglife.core import audit
from orglife.core.errors import Invalid, NotFound
from orglife.ledger import exports as ledger_exports
from orglife.ledger import selectors as ledger_selectors
from orglife.ledger import services as ledger_services
from orglife.ledger.api import item_out
from orglife.orgs.http import AuthedRequest, seen_first
from orglife.orgs.models import User
from orglife.safety import exports, selectors, services
from orglife.safety.models import (
    AREA_LABELS,
    PLAN_KEYS,
    PLAN_PARTS,
    ChecklistItem,
    Finding,
    HazardDetail,
    Inspection,
    RiskAssessment,
    RiskPoint,
)

router = Router(tags=["safety"])
MAX_LIMIT = 500


def _material_seen(user: User, material_id: int):
    # The meetings app decides who may read a material; unseen → 404.
    from orglife.materials.selectors import materials_visible_to

    found = materials_visible_to(user).select_related("org").filter(pk=material_id).first()
    if found is None:
        raise NotFound("材料不存在或无权查看", log=f"material {material_id}")
    return found


# Ids of objects the caller may see, checked before the body is read (orgs/http.py).
RiskId = Annotated[int, seen_first(lambda user, pk: selectors.risk_get(user=user, pk=pk))]
HazardId = Annotated[int, seen_first(lambda user, pk: selectors.hazard_get(user=user, pk=pk))]
InspectionId = Annotated[
    int, seen_first(lambda user, pk: selectors.inspection_get(user=user, pk=pk))
]
MaterialId = Annotated[int, seen_first(_material_seen)]


def _page(limit: int, offset: int) -> slice:
    if limit < 1 or offset < 0:
        raise Invalid("limit 应大于 0，offset 不小于 0", log=f"bad page {limit} {offset}")
    return slice(offset, offset + min(limit, MAX_LIMIT))


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


class RiskIn(Schema):
    org: int
    place: str
    area: str
    hazard: str
    method: str = "lec"
    l: float | None = None  # noqa: E741
    e: float | None = None
    c: float | None = None
    s: float | None = None
    measures: str = ""
    owner: str | None = None
    next_review: date | None = None
    note: str = ""


class RiskPatch(Schema):
    version: int | None = None
    note: str = ""
    place: str | None = None
    area: str | None = None
    hazard: str | None = None
    method: str | None = None
    l: float | None = None  # noqa: E741
    e: float | None = None
    c: float | None = None
    s: float | None = None
    measures: str | None = None
    owner: str | None = None
    next_review: date | None = None


def risk_out(risk: RiskPoint) -> dict[str, Any]:
    rating = risk.rating
    return {
        "id": risk.pk,
        "org": risk.org_id,
        "place": risk.place,
        "area": risk.area,
        "area_label": AREA_LABELS.get(risk.area, risk.area),
        "hazard": risk.hazard,
        "method": risk.method,
        "l": _num(risk.l),
        "e": _num(risk.e),
        "c": _num(risk.c),
        "s": risk.s,
        "score": float(rating.score),
        "level": rating.level,
        "level_label": rating.level_label,
        "band_label": rating.label,
        "colour": rating.colour,
        "measures": risk.measures,
        "owner": risk.owner.username if risk.owner else None,
        "next_review": risk.next_review.isoformat() if risk.next_review else None,
        "version": risk.version,
    }


def _assessment_out(a: RiskAssessment) -> dict[str, Any]:
    rating = a.rating
    return {
        "id": a.pk,
        "at": a.at,
        "actor": a.actor.username if a.actor else None,
        "method": a.method,
        "l": _num(a.l),
        "e": _num(a.e),
        "c": _num(a.c),
        "s": a.s,
        "score": float(rating.score),
        "level": rating.level,
        "colour": rating.colour,
        "changes": a.changes,
        "note": a.note,
    }


def _values(payload: Schema, *, exclude: set[str], unset: bool = False) -> dict[str, Any]:
    data = payload.dict(exclude=exclude, exclude_unset=unset)
    # Whole numbers arrive as floats (3.0); the value sets are checked on their text.
    for key in ("l", "e", "c", "s"):
        if isinstance(data.get(key), float) and data[key].is_integer():
            data[key] = int(data[key])
    return data


@router.get("/risks")
def list_risks(
    request: AuthedRequest,
    org: int | None = None,
    area: str | None = None,
    limit: int = 100,
    offset: int = 0,
):
    """The risk register the caller may see, with derived score, level and colour."""
    scope = ledger_selectors.org_get(user=request.user, pk=org) if org is not None else None
    qs = selectors.risks_filtered(selectors.risks_visible_to(request.user), org=scope, area=area)
    return {"items": [risk_out(r) for r in qs[_page(limit, offset)]], "count": qs.count()}


@router.post("/risks", response={201: dict})
def create_risk(request: AuthedRequest, payload: RiskIn):
    org = ledger_selectors.org_get(user=request.user, pk=payload.org)
    risk = services.risk_create(org=org, actor=request.user, data=_values(payload, exclude={"org"}))
    return Status(201, risk_out(selectors.risk_get(user=request.user, pk=risk.pk)))


@router.get("/risks/{risk_id}")
def get_risk(request: AuthedRequest, risk_id: int):
    return risk_out(selectors.risk_get(user=request.user, pk=risk_id))


@router.patch("/risks/{risk_id}")
def patch_risk(request: AuthedRequest, risk_id: RiskId, payload: RiskPatch):
    """Edit or re-assess (``version`` as read; 409 when stale); each change is kept."""
    risk = selectors.risk_get(user=request.user, pk=risk_id)
    data = _values(payload, exclude=set(), unset=True)
    version = data.pop("version", None)
    note = data.pop("note", "") or ""
    services.risk_update(risk=risk, actor=request.user, data=data, version=version, note=note)
    return risk_out(selectors.risk_get(user=request.user, pk=risk_id))


@router.get("/risks/{risk_id}/history")
def risk_history(request: AuthedRequest, risk_id: int):
    risk = selectors.risk_get(user=request.user, pk=risk_id)
    return [_assessment_out(a) for a in risk.assessments.select_related("actor")]


# -- hazards -------------------------------------------------------------------------------


class HazardIn(Schema):
    org: int
    title: str = ""
    description: str = ""
    area: str
    grade: str = "general"
    risk: int | None = None
    place: str = ""
    found_on: date | None = None
    kind: str = "deadline"
    owner: str | None = None
    leader: str | None = None
    measures: str = ""
    deadline: date | None = None
    funds: Decimal | None = None
    funds_source: str = ""
    plan: str = ""


class PlanIn(Schema):
    goal: str | None = None
    methods: str | None = None
    funds: str | None = None
    people: str | None = None
    schedule: str | None = None
    safety: str | None = None
    version: int | None = None


def hazard_out(hazard: HazardDetail) -> dict[str, Any]:
    plan_fields = {field: key for key, field in PLAN_KEYS.items()}
    return item_out(hazard.item) | {
        "area": hazard.item.category,
        "area_label": AREA_LABELS.get(hazard.item.category, hazard.item.category),
        "grade": hazard.grade,
        "grade_label": hazard.get_grade_display(),
        "risk": hazard.risk_id,
        "inspection": hazard.inspection_id,
        "place": hazard.place,
        "found_on": hazard.found_on.isoformat(),
        "reports_up": hazard.reports_up,
        "treatment_plan": {plan_fields[f]: getattr(hazard, f) for f, _ in PLAN_PARTS},
        "plan_missing": hazard.plan_missing() if hazard.is_major else [],
    }


@router.get("/hazards")
def list_hazards(
    request: AuthedRequest,
    org: int | None = None,
    area: str | None = None,
    grade: str | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    limit: int = 100,
    offset: int = 0,
):
    """Hazards the caller may see; filters area, grade, status, overdue (in the database)."""
    scope = ledger_selectors.org_get(user=request.user, pk=org) if org is not None else None
    qs = selectors.hazards_filtered(
        selectors.hazards_visible_to(request.user),
        user=request.user,
        org=scope,
        area=area,
        grade=grade,
        status=status,
        overdue=overdue,
    ).order_by("-found_on", "-pk")
    page = qs.prefetch_related("item__evidence")[_page(limit, offset)]
    return {"items": [hazard_out(h) for h in page], "count": qs.count()}


@router.post("/hazards", response={201: dict})
def create_hazard(request: AuthedRequest, payload: HazardIn):
    """Register a hazard: a ledger item (source hazard) with grade, area and risk point."""
    org = ledger_selectors.org_get(user=request.user, pk=payload.org)
    hazard = services.hazard_create(org=org, actor=request.user, data=payload.dict(exclude={"org"}))
    return Status(201, hazard_out(selectors.hazard_get(user=request.user, pk=hazard.pk)))


@router.get("/hazards/{hazard_id}")
def get_hazard(request: AuthedRequest, hazard_id: int):
    return hazard_out(selectors.hazard_get(user=request.user, pk=hazard_id))


@router.put("/hazards/{hazard_id}/plan")
def put_plan(request: AuthedRequest, hazard_id: HazardId, payload: PlanIn):
    """The 治理方案's six parts; a 重大 hazard's ``start`` answers 409 until all are set."""
    hazard = selectors.hazard_get(user=request.user, pk=hazard_id)
    data = payload.dict()
    version = data.pop("version", None)
    services.hazard_plan_set(hazard=hazard, actor=request.user, parts=data, version=version)
    return hazard_out(selectors.hazard_get(user=request.user, pk=hazard_id))


@router.post("/hazards/{hazard_id}/photos", response={201: dict})
def add_photo(
    request: AuthedRequest, hazard_id: HazardId, file: File[UploadedFile], note: Form[str] = ""
):
    """A photo (or other evidence) through the ledger's upload checks (413, 422)."""
    hazard = selectors.hazard_get(user=request.user, pk=hazard_id)
    ev = ledger_services.item_evidence_add(
        item=hazard.item, actor=request.user, upload=file, note=note or "隐患照片"
    )
    return Status(201, {"id": ev.pk, "name": ev.original_name, "item": hazard.pk})


# -- inspections -----------------------------------------------------------------------------


class InspectionIn(Schema):
    org: int
    held_on: date
    place: str
    area: str
    inspectors: list[str]
    checklist: dict[str, bool] = {}
    notes: str = ""
    findings: list[str] = []


class FindingHazardIn(Schema):
    grade: str = "general"
    owner: str | None = None
    leader: str | None = None
    measures: str = ""
    deadline: date | None = None
    risk: int | None = None


def inspection_out(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "org": i.org_id,
        "held_on": i.held_on.isoformat(),
        "place": i.place,
        "area": i.area,
        "area_label": AREA_LABELS.get(i.area, i.area),
        "inspectors": [u.username for u in i.inspectors.all()],
        "checklist": i.checklist,
        "notes": i.notes,
        "findings": [{"id": f.pk, "text": f.text, "hazard": f.hazard_id} for f in i.findings.all()],
    }


@router.get("/inspections")
def list_inspections(
    request: AuthedRequest,
    org: int | None = None,
    year: int | None = None,
    month: int | None = None,
    limit: int = 100,
    offset: int = 0,
):
    qs = selectors.inspections_visible_to(request.user)
    if org is not None:
        scope = ledger_selectors.org_get(user=request.user, pk=org)
        qs = qs.filter(org__path__startswith=scope.path)
    if year:
        qs = qs.filter(held_on__year=year)
    if month:
        qs = qs.filter(held_on__month=month)
    page = qs.prefetch_related("inspectors", "findings")[_page(limit, offset)]
    return {"items": [inspection_out(i) for i in page], "count": qs.count()}


@router.post("/inspections", response={201: dict})
def create_inspection(request: AuthedRequest, payload: InspectionIn):
    org = ledger_selectors.org_get(user=request.user, pk=payload.org)
    inspection = services.inspection_create(
        org=org, actor=request.user, data=payload.dict(exclude={"org"})
    )
    return Status(201, inspection_out(inspection))


@router.get("/inspections/{inspection_id}")
def get_inspection(request: AuthedRequest, inspection_id: int):
    return inspection_out(selectors.inspection_get(user=request.user, pk=inspection_id))


@router.post("/inspections/{inspection_id}/findings/{finding_id}/hazard", response={201: dict})
def finding_hazard(
    request: AuthedRequest, inspection_id: InspectionId, finding_id: int, payload: FindingHazardIn
):
    """One step: the finding becomes a hazard with the inspection's place, day and area."""
    inspection = selectors.inspection_get(user=request.user, pk=inspection_id)
    finding = Finding.objects.filter(pk=finding_id, inspection=inspection).first()
    if finding is None:
        raise NotFound("排查发现不存在或无权查看", log=f"finding {finding_id}")
    data = payload.dict(exclude_unset=True)
    hazard = services.finding_to_hazard(finding=finding, actor=request.user, data=data)
    return Status(201, hazard_out(selectors.hazard_get(user=request.user, pk=hazard.pk)))


@router.get("/checklists")
def checklists(request: AuthedRequest, area: str | None = None):
    """The active checklist lines per area (edited by the administrator)."""
    qs = ChecklistItem.objects.filter(active=True)
    if area:
        qs = qs.filter(area=area)
    return [{"id": c.pk, "area": c.area, "text": c.text} for c in qs]


# -- statistics ------------------------------------------------------------------------------


def stats_out(s: selectors.Stats) -> dict[str, Any]:
    return {
        "org": s.org.pk,
        "year": s.year,
        "quarter": s.quarter,
        "period": s.period_label,
        "from": s.first.isoformat(),
        "to": s.last.isoformat(),
        "total": s.total,
        "by_area": s.by_area,
        "by_grade": s.by_grade,
        "by_status": s.by_status,
        "overdue_hazards": s.overdue_hazards,
        "report_due": s.due.isoformat(),
        "report_submitted_on": s.submitted_on.isoformat() if s.submitted_on else None,
        "report_overdue": s.report_overdue,
    }


@router.get("/stats")
def stats(
    request: AuthedRequest, org: int, year: int, quarter: int | None = None, format: str = "json"
):
    """Counts by area, grade and status; ``format=xlsx`` the report in the office layout."""
    scope = ledger_selectors.org_get(user=request.user, pk=org)
    s = selectors.stats_for(user=request.user, org=scope, year=year, quarter=quarter)
    if format == "xlsx":
        data, name = exports.stats_xlsx(s), exports.stats_filename(s)
        audit.record_file(request, name, org=scope.pk, year=year, quarter=quarter)
        return ledger_exports.xlsx_response(data, name)
    if format != "json":
        raise Invalid("format 应为 json 或 xlsx", log=f"bad format {format!r}")
    return stats_out(s)


class ReportIn(Schema):
    org: int
    year: int
    quarter: int | None = None


@router.post("/reports", response={201: dict})
def submit_report(request: AuthedRequest, payload: ReportIn):
    """Record that the period's statistics were sent up (late ones stay flagged)."""
    org = ledger_selectors.org_get(user=request.user, pk=payload.org)
    services.report_submit(org=org, actor=request.user, year=payload.year, quarter=payload.quarter)
    s = selectors.stats_for(user=request.user, org=org, year=payload.year, quarter=payload.quarter)
    return Status(201, stats_out(s))


# -- the typical case of a material ---------------------------------------------------------


def _material(request: AuthedRequest, material_id: int):
    return _material_seen(request.user, material_id)


@router.get("/cases/{material_id}")
def case_get(request: AuthedRequest, material_id: int):
    """Whether the material's typical case is about safety, and the measures it commits to."""
    from orglife.safety.cases import case_measures, is_safety_case

    record = _material(request, material_id)
    material = record.material()
    return {
        "material": record.pk,
        "org": record.org_id,
        "safety": is_safety_case(material),
        "measures": [
            {"index": m.index, "head": m.head, "text": m.text, "area": m.area}
            for m in case_measures(material)
        ],
    }


class CaseIn(Schema):
    target: str = "hazards"  # hazards | risk
    measures: list[int] = []  # 1-based indices; empty = all
    risk: int | None = None
    owner: str | None = None


@router.post("/cases/{material_id}", response={201: dict})
def case_apply(request: AuthedRequest, material_id: MaterialId, payload: CaseIn):
    """One step: the case's measures become hazards, or measures of a risk point."""
    record = _material(request, material_id)
    risk = None
    if payload.risk is not None:
        risk = selectors.risk_get(user=request.user, pk=payload.risk)
    result = services.case_measures_apply(
        record=record,
        actor=request.user,
        indices=payload.measures,
        target=payload.target,
        risk=risk,
        owner=payload.owner,
    )
    if isinstance(result, RiskPoint):
        return Status(201, {"risk": risk_out(result)})
    return Status(201, {"hazards": [hazard_out(h) for h in result]})
