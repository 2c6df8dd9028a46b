"""Materials API: a material with its versions, its review moves and the diff of versions."""

from __future__ import annotations

from typing import Annotated, Any

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from orglife.materials import selectors, services
from orglife.materials.models import InspectionMaterial
from orglife.orgs.http import AuthedRequest, seen_first
from orglife.orgs.models import User

router = Router(tags=["materials"])


def material_out(m: InspectionMaterial) -> dict[str, Any]:
    return {
        "id": m.pk,
        "org": m.org_id,
        "meeting": m.meeting_id,
        "kind": m.kind,
        "author": m.author.username if m.author else None,
        "title": m.title,
        "status": m.status,
        "version": m.version,
    }


class MaterialOut(Schema):
    id: int
    org: int
    meeting: int | None
    kind: str
    author: str | None
    title: str
    status: str
    version: int


class MoveIn(Schema):
    action: str
    note: str = ""


def _visible(request: AuthedRequest, pk: int) -> InspectionMaterial:
    return _seen(request.user, pk)


def _seen(user: User, pk: int) -> InspectionMaterial:
    return get_object_or_404(
        selectors.materials_visible_to(user).select_related("org", "meeting", "author"), pk=pk
    )


# The id of a material the caller may see, checked before the body is read (orgs/http.py).
MaterialId = Annotated[int, seen_first(_seen)]


@router.get("/{material_id}", response=MaterialOut)
def material_get(request: AuthedRequest, material_id: int):
    return material_out(_visible(request, material_id))


@router.post("/{material_id}/transitions", response=MaterialOut)
def material_move(request: AuthedRequest, material_id: MaterialId, payload: MoveIn):
    record = services.material_transition(
        record=_visible(request, material_id),
        actor=request.user,
        action=payload.action,
        note=payload.note,
    )
    return material_out(record)


@router.post("/{material_id}/recheck", response=MaterialOut)
def material_recheck(request: AuthedRequest, material_id: int):
    """Run the review again on the latest version (after the rules changed)."""
    record = _visible(request, material_id)
    services.material_recheck(record=record, actor=request.user)
    return material_out(record)


class DiffRow(Schema):
    op: str
    a: str | None
    b: str | None


class DiffOut(Schema):
    material: int
    from_version: int
    to_version: int
    rows: list[DiffRow]


@router.get("/{material_id}/diff", response=DiffOut)
def material_diff(request: AuthedRequest, material_id: int):
    """Line differences between two versions: ?from=1&to=2."""
    record = _visible(request, material_id)
    try:
        old = int(request.GET.get("from", "1"))
        new = int(request.GET.get("to", str(record.version)))
    except ValueError:
        old = new = 0
    d = services.material_diff(record=record, old=old, new=new)
    return {"material": record.pk, "from_version": old, "to_version": new, "rows": d.rows}
