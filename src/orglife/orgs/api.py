from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Schema

from orglife.core.paging import paginate, set_page_headers
from orglife.orgs import selectors
from orglife.orgs.http import AuthedRequest

router = Router(tags=["orgs"])


class SeatOut(Schema):
    org: int
    org_name: str
    role: str
    role_label: str


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    is_admin: bool
    seats: list[SeatOut]


class OrgOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    parent: int | None


@router.get("/me", response=MeOut)
def me(request: AuthedRequest):
    """The caller and their seats."""
    user = request.user
    seats = [
        {
            "org": m.organization_id,
            "org_name": m.organization.name,
            "role": m.role,
            "role_label": m.get_role_display(),
        }
        for m in user.memberships.select_related("organization").order_by("organization__path")
    ]
    return {
        "id": user.pk,
        "username": user.username,
        "name": user.display_name,
        "role": selectors.home_role(user),
        "is_admin": user.is_superuser,
        "seats": seats,
    }


@router.get("/orgs", response=list[OrgOut])
def orgs(request: AuthedRequest, response: HttpResponse):
    """The organizations the caller may see, a page at a time (count and next in headers)."""
    page = paginate(
        selectors.orgs_visible_to(request.user).order_by("path"), request.GET, per_page=200
    )
    set_page_headers(response, page, request.path)
    return [
        {
            "id": o.pk,
            "name": o.name,
            "kind": o.kind,
            "kind_label": o.get_kind_display(),
            "parent": o.parent_id,
        }
        for o in page
    ]
