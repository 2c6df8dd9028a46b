"""Seats for a material's review. Services enforce them; views only ask."""

from __future__ import annotations

from enum import StrEnum

from orglife.materials.models import InspectionMaterial
from orglife.orgs import permissions as org_permissions
from orglife.orgs.models import Membership, Organization, User


class MaterialSeat(StrEnum):
    AUTHOR = "author"  # who writes it: the member (individual); secretary or named drafter (branch)
    SECRETARY = "secretary"  # the branch's secretary or deputy (reviews individual materials)
    REVIEWER = "reviewer"  # a reviewer above the branch (reviews the branch material)


def is_branch_leader(user: User, org: Organization) -> bool:
    if user.is_superuser:
        return True
    return bool(org_permissions.roles_of(user, org) & {str(r) for r in Membership.LEADERS})


def may_file_branch(user: User, org: Organization, meeting: object | None) -> bool:
    """Only the secretary, or the 支委 the secretary named for the meeting, files the branch
    material (班子对照检查材料)."""
    if is_branch_leader(user, org):
        return True
    drafter = getattr(meeting, "branch_drafter_id", None)
    return drafter is not None and drafter == user.pk


def material_seats(user: User, record: InspectionMaterial) -> set[str]:
    seats: set[str] = set()
    if not user.is_authenticated or not user.is_active:
        return seats
    if record.kind == InspectionMaterial.Kind.INDIVIDUAL:
        if record.author_id == user.pk:
            seats.add(MaterialSeat.AUTHOR)
    elif may_file_branch(user, record.org, record.meeting):
        seats.add(MaterialSeat.AUTHOR)
    if is_branch_leader(user, record.org):
        seats.add(MaterialSeat.SECRETARY)
    if org_permissions.is_reviewer_above(user, record.org):
        seats.add(MaterialSeat.REVIEWER)
    return seats
