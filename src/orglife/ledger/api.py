"""Ledger REST API (docs/contracts.md, exact): thin handlers over selectors and services.

Every handler finds the item through ``selectors.item_get`` (404 for what the caller may
not see) and lets services raise the domain errors that orglife/api.py maps to HTTP. A
handler that reads a body takes the id as ``ItemId``: the 404 comes before the body is read.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from orglife.core.errors import NotFound
from orglife.core.paging import paginate, set_page_headers
from orglife.ledger import exports, selectors, services
from orglife.ledger.models import (
    Category,
    Evidence,
    ExtensionRequest,
    ItemEvent,
    Kind,
    RectificationItem,
    Source,
)
from orglife.ledger.models import Status as ItemStatus
from orglife.ledger.transitions import TransitionAction
from orglife.orgs.http import AuthedRequest, seen_first
from orglife.orgs.models import User

router = Router(tags=["ledger"])


def _item_seen(user: User, pk: int) -> RectificationItem:
    return selectors.item_get(user=user, pk=pk)


def _extension_seen(user: User, pk: int) -> ExtensionRequest:
    found = (
        ExtensionRequest.objects.filter(pk=pk, item__in=selectors.items_visible_to(user))
        .select_related("item")
        .first()
    )
    if found is None:
        raise NotFound("延期申请不存在或无权查看", log=f"extension {pk}")
    return found


# The id of an object the caller may see, checked before the body is read (orgs/http.py).
ItemId = Annotated[int, seen_first(_item_seen)]
ExtensionId = Annotated[int, seen_first(_extension_seen)]


class ItemOut(Schema):
    id: int
    org: int
    org_name: str
    title: str
    description: str
    category: Category
    category_label: str
    source: Source
    kind: Kind
    owner: str | None
    leader: str | None
    measures: str
    acceptance_criteria: str
    root_cause: str
    deadline: str | None
    original_deadline: str | None
    funds: float | None
    funds_source: str
    plan: str
    status: ItemStatus
    status_label: str
    overdue: bool
    version: int
    effect: str
    verified_by: str | None
    closed_at: datetime | None
    meeting_year: int | None
    progress_interval_days: int | None
    evidence_count: int


class ItemIn(Schema):
    org: int
    title: str
    description: str = ""
    category: Category = Category.OTHER
    source: Source = Source.MEETING
    kind: Kind = Kind.DEADLINE
    owner: str | None = None
    leader: str | None = None
    measures: str = ""
    acceptance_criteria: str = ""
    root_cause: str = ""
    deadline: date | None = None
    funds: Decimal | None = None
    funds_source: str = ""
    plan: str = ""
    meeting_year: int | None = None
    progress_interval_days: int | None = None


class ItemPatch(Schema):
    version: int | None = None
    note: str = ""
    title: str | None = None
    description: str | None = None
    category: Category | None = None
    source: Source | None = None
    kind: Kind | None = None
    owner: str | None = None
    leader: str | None = None
    measures: str | None = None
    acceptance_criteria: str | None = None
    root_cause: str | None = None
    deadline: date | None = None
    funds: Decimal | None = None
    funds_source: str | None = None
    plan: str | None = None
    meeting_year: int | None = None
    progress_interval_days: int | None = None


class TransitionIn(Schema):
    action: TransitionAction
    note: str = ""


class EventOut(Schema):
    id: int
    at: datetime
    actor: str | None
    actor_name: str  # the name when they acted, not the account's current one
    action: ItemEvent.Action
    action_label: str
    from_status: str
    to_status: str
    changes: dict[str, Any]
    note: str


class EvidenceOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    note: str
    uploaded_by: str | None
    at: datetime
    url: str


class ProgressIn(Schema):
    text: str
    on: date | None = None


class ProgressOut(Schema):
    id: int
    on: date
    text: str
    author: str | None


class ExtensionIn(Schema):
    new_deadline: date
    reason: str


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class ExtensionOut(Schema):
    id: int
    item: int
    new_deadline: date
    reason: str
    state: ExtensionRequest.State
    status: ExtensionRequest.State
    requested_by: str | None
    decided_by: str | None
    decision_note: str


def _username(user) -> str | None:
    return user.username if user else None


def item_out(item: RectificationItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "org": item.org_id,
        "org_name": item.org.name,
        "title": item.title,
        "description": item.description,
        "category": item.category,
        "category_label": item.get_category_display(),
        "source": item.source,
        "kind": item.kind,
        "owner": _username(item.owner),
        "leader": _username(item.leader),
        "measures": item.measures,
        "acceptance_criteria": item.acceptance_criteria,
        "root_cause": item.root_cause,
        "deadline": item.deadline.isoformat() if item.deadline else None,
        "original_deadline": item.original_deadline.isoformat() if item.original_deadline else None,
        "funds": float(item.funds) if item.funds is not None else None,
        "funds_source": item.funds_source,
        "plan": item.plan,
        "status": item.status,
        "status_label": item.get_status_display(),
        "overdue": item.is_overdue,
        "version": item.version,
        "effect": item.effect,
        "verified_by": _username(item.verified_by),
        "closed_at": item.closed_at,
        "meeting_year": item.meeting_year,
        "progress_interval_days": item.progress_interval_days,
        "evidence_count": item.evidence.count(),
    }


def _event_out(e: ItemEvent) -> dict[str, Any]:
    return {
        "id": e.pk,
        "at": e.at,
        "actor": _username(e.actor),
        "actor_name": e.acted_by,
        "action": e.action,
        "action_label": e.get_action_display(),
        "from_status": e.from_status,
        "to_status": e.to_status,
        "changes": e.changes,
        "note": e.note,
    }


def _evidence_out(ev: Evidence) -> dict[str, Any]:
    return {
        "id": ev.pk,
        "name": ev.original_name,
        "content_type": ev.content_type,
        "size": ev.size,
        "note": ev.note,
        "uploaded_by": _username(ev.uploaded_by),
        "at": ev.at,
        "url": reverse("ledger:evidence", args=[ev.pk]),
    }


def _extension_out(r: ExtensionRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "item": r.item_id,
        "new_deadline": r.new_deadline,
        "reason": r.reason,
        "state": r.status,
        "status": r.status,
        "requested_by": _username(r.requested_by),
        "decided_by": _username(r.decided_by),
        "decision_note": r.decision_note,
    }


def _fresh(request: AuthedRequest, pk: int) -> RectificationItem:
    return selectors.item_get(user=request.user, pk=pk)


def _people(org, data: dict[str, Any]) -> dict[str, Any]:
    for key, label in (("owner", "责任人"), ("leader", "责任领导")):
        if key in data:
            data[key] = selectors.person_for(org=org, username=data[key], label=label)
    return data


@router.get("/items", response=list[ItemOut])
def list_items(
    request: AuthedRequest,
    response: HttpResponse,
    org: int | None = None,
    status: ItemStatus | None = None,
    overdue: bool | None = None,
    category: Category | None = None,
    owner: str | None = None,
    due_within: int | None = None,
    year: int | None = None,
):
    """Items the caller may see; filters: org (with the branches below), status, overdue.

    A page at a time (``page``, ``per_page`` ≤ 200): the body stays the plain list of the
    contract; ``X-Total-Count`` and ``Link: rel="next"`` say how many and where the next is.
    """
    scope = selectors.org_get(user=request.user, pk=org) if org is not None else None
    qs = selectors.items_filtered(
        selectors.items_visible_to(request.user),
        org=scope,
        status=status,
        category=category,
        owner=owner,
        overdue=overdue,
        due_within=due_within,
        year=year,
    )
    page = paginate(
        qs.prefetch_related("evidence").order_by("org__path", "pk"),
        request.GET,
        remember_figures=True,
    )
    set_page_headers(response, page, request.path)
    return [item_out(i) for i in page]


@router.post("/items", response={201: ItemOut})
def create_item(request: AuthedRequest, payload: ItemIn):
    """Register an item in a branch (secretary, 支委, reviewer above, admin)."""
    org = selectors.org_get(user=request.user, pk=payload.org)
    data = _people(org, payload.dict(exclude={"org"}))
    item = services.item_create(org=org, actor=request.user, data=data)
    return Status(201, item_out(_fresh(request, item.pk)))


@router.get("/items/{item_id}", response=ItemOut)
def get_item(request: AuthedRequest, item_id: int):
    return item_out(_fresh(request, item_id))


@router.patch("/items/{item_id}", response=ItemOut)
def patch_item(request: AuthedRequest, item_id: ItemId, payload: ItemPatch):
    """Edit fields; ``version`` must be the one read (409 when stale or when closed)."""
    item = _fresh(request, item_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    note = data.pop("note", "") or ""
    services.item_update(
        item=item,
        actor=request.user,
        data=_people(item.org, data),
        version=version,
        note=note,
    )
    return item_out(_fresh(request, item_id))


@router.post("/items/{item_id}/transitions", response=ItemOut)
def transition_item(request: AuthedRequest, item_id: ItemId, payload: TransitionIn):
    """Actions: start, submit, verify, reject, reopen (409 when the table forbids it)."""
    item = _fresh(request, item_id)
    services.item_transition(
        item=item, actor=request.user, action=payload.action, note=payload.note
    )
    return item_out(_fresh(request, item_id))


@router.get("/items/{item_id}/history", response=list[EventOut])
def item_history(request: AuthedRequest, response: HttpResponse, item_id: int):
    item = _fresh(request, item_id)
    page = paginate(selectors.item_history(item), request.GET, per_page=200)
    set_page_headers(response, page, request.path)
    return [_event_out(e) for e in page]


@router.get("/items/{item_id}/evidence", response=list[EvidenceOut])
def list_evidence(request: AuthedRequest, response: HttpResponse, item_id: int):
    item = _fresh(request, item_id)
    page = paginate(
        item.evidence.select_related("uploaded_by").order_by("pk"), request.GET, per_page=200
    )
    set_page_headers(response, page, request.path)
    return [_evidence_out(e) for e in page]


@router.post("/items/{item_id}/evidence", response={201: EvidenceOut})
def add_evidence(
    request: AuthedRequest, item_id: ItemId, file: File[UploadedFile], note: Form[str] = ""
):
    """Upload a picture, PDF, Word or Excel file (413 over the size limit, 422 wrong type)."""
    item = _fresh(request, item_id)
    ev = services.item_evidence_add(item=item, actor=request.user, upload=file, note=note)
    return Status(201, _evidence_out(ev))


@router.post("/items/{item_id}/progress", response={201: ProgressOut})
def add_progress(request: AuthedRequest, item_id: ItemId, payload: ProgressIn):
    item = _fresh(request, item_id)
    entry = services.item_progress_add(
        item=item, actor=request.user, text=payload.text, on=payload.on
    )
    return Status(
        201,
        {"id": entry.pk, "on": entry.on, "text": entry.text, "author": request.user.username},
    )


@router.post("/items/{item_id}/extensions", response={201: ExtensionOut})
def request_extension(request: AuthedRequest, item_id: ItemId, payload: ExtensionIn):
    item = _fresh(request, item_id)
    r = services.item_extension_request(
        item=item, actor=request.user, new_deadline=payload.new_deadline, reason=payload.reason
    )
    return Status(201, _extension_out(r))


@router.post("/extensions/{request_id}/decision", response=ExtensionOut)
def decide_extension(request: AuthedRequest, request_id: ExtensionId, payload: DecisionIn):
    r = _extension_seen(request.user, request_id)
    r = services.item_extension_decide(
        request=r, actor=request.user, approve=payload.approve, note=payload.note
    )
    return _extension_out(r)


@router.get("/export")
def export(request: AuthedRequest, org: int, list: str = "rectification", year: int | None = None):
    """问题清单 / 整改清单 / 实效清单 as an .xlsx in the layout offices use."""
    scope = selectors.org_get(user=request.user, pk=org)
    return exports.export_response(request, org=scope, kind=list, year=year)
