"""Reads for materials, filtered by what a person may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from orglife.materials.models import InspectionMaterial
from orglife.orgs import permissions as org_permissions
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Organization, User


def materials_visible_to(user: User) -> QuerySet[InspectionMaterial]:
    """Materials this person may read.

    Their own; a branch material of a branch they sit in; every material of an
    organization they run (secretary) or review (reviewer above); all for the admin.
    An individual material is not shown to the other members of the branch.
    """
    if not user.is_authenticated or not user.is_active:
        return InspectionMaterial.objects.none()
    if user.is_superuser:
        return InspectionMaterial.objects.all()
    managed = org_selectors.orgs_managed_by(user)
    visible = org_selectors.orgs_visible_to(user)
    # Columns of the material and IN subqueries only: no join repeats a row, so no
    # DISTINCT (which made the database sort every visible material, joins and all).
    return InspectionMaterial.objects.filter(
        Q(author=user)
        | Q(uploaded_by=user)
        | Q(org__in=managed)
        | Q(org__in=visible, kind=InspectionMaterial.Kind.BRANCH)
    )


def can_dismiss(user: User, material: InspectionMaterial) -> bool:
    """The author, the branch's secretary and the reviewers above may judge findings."""
    return (
        material.author_id == user.pk
        or material.uploaded_by_id == user.pk
        or org_permissions.may_manage(user, material.org)
    )


def orgs_for_upload(user: User):
    """Organizations a person may file a material under: those they sit in or manage."""
    seats = user.memberships.values_list("organization", flat=True) if user.is_authenticated else []
    return (
        org_selectors.orgs_visible_to(user)
        .filter(Q(pk__in=list(seats)) | Q(pk__in=org_selectors.orgs_managed_by(user)))
        .exclude(kind=Organization.Kind.PARTY_COMMITTEE)
        .order_by("path")
    )
