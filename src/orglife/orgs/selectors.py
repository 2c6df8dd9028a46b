"""Reads, filtered by what a person may see (STYLE.md: one selector per object kind).

A seat in a branch (or a group of it) shows that branch and its groups; a seat in a
committee or general branch, or the reviewer seat, shows the whole subtree below it.
The administrator (superuser) sees everything. Nothing outside these subtrees is visible.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from orglife.core import remember
from orglife.orgs.models import Membership, Organization, User
from orglife.orgs.seats import Seat, holds

Role = Membership.Role
Kind = Organization.Kind


def _scope_roots(user: User) -> list[Organization]:
    """The organizations whose subtree this person may see."""
    roots = []
    for m in Membership.objects.filter(user=user).select_related("organization__parent"):
        org = m.organization
        if org.kind == Kind.GROUP and org.parent is not None:
            org = org.parent  # a group member sees the branch the group belongs to
        roots.append(org)
    return roots


def _subtrees(roots: list[Organization]) -> QuerySet[Organization]:
    if not roots:
        return Organization.objects.none()
    q = Q()
    for root in roots:
        q |= Q(path__startswith=root.path)
    return Organization.objects.filter(q)


def orgs_visible_to(user: User) -> QuerySet[Organization]:
    """Every organization this person may see."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return _subtrees(_scope_roots(user))


def org_choices(user: User) -> list[tuple[int, str]]:
    """(id, name) of every organization this person may see, in tree order: what an
    organization drop-down needs, read as tuples (a committee has a thousand branches, and
    a thousand model instances per page was most of a list page's time)."""
    rows = orgs_visible_to(user).order_by("path").values_list("pk", "name")
    return remember.remembered(rows, list, tag="org-choices")


def orgs_administered_by(user: User) -> QuerySet[Organization]:
    """Organizations whose structure and roster this person administers: every one for the
    系统管理员 seat (and the installation superuser), none otherwise. Administering the roster
    is not seeing the branch's work: ledger, materials and meetings stay with
    ``orgs_visible_to``."""
    if user.is_authenticated and user.is_active and (user.is_superuser or holds(user, Seat.SYSTEM)):
        return Organization.objects.all()
    return Organization.objects.none()


def branches_visible_to(user: User) -> QuerySet[Organization]:
    return orgs_visible_to(user).filter(kind=Kind.BRANCH)


def _managing_roots(user: User) -> list[Organization]:
    """Organizations whose subtree this person runs or reviews."""
    seats = Membership.objects.filter(user=user).select_related("organization")
    roots = []
    for m in seats:
        org = m.organization
        if m.role == Role.REVIEWER or (m.role in Membership.LEADERS and org.kind != Kind.GROUP):
            roots.append(org)
    return roots


def orgs_managed_by(user: User) -> QuerySet[Organization]:
    """Organizations where this person is secretary/deputy, or reviewer above, or admin."""
    if not user.is_authenticated or not user.is_active:
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return _subtrees(_managing_roots(user))


def roster(org: Organization) -> QuerySet[Membership]:
    """The seats of an organization and its groups, secretary first."""
    return rosters([org])


def rosters(orgs: list[Organization]) -> QuerySet[Membership]:
    """The seats of several organizations and their groups in one query, in roster order
    (a page listing many branches reads them all at once)."""
    order = [r.value for r in Role]
    rank = Case(
        *[When(role=r, then=Value(i)) for i, r in enumerate(order)], output_field=IntegerField()
    )
    under = Q(pk__in=[])
    for org in orgs:
        under |= Q(organization__path__startswith=org.path)
    return (
        Membership.objects.filter(under)
        .select_related("user", "organization")
        .annotate(rank=rank)
        .order_by("organization__path", "rank", "user__name", "user__username")
    )


class HomeRole(models.TextChoices):
    """Whom a home page (and ``/api/me``'s ``role``) is built for. The values are the API's
    (a committee member's stays ``"committee"``, the stored value of the 委员 seat)."""

    ADMIN = "admin", "系统管理员"
    REVIEWER = "reviewer", "机关党委审核人"
    SECRETARY = "secretary", "支部书记"
    COMMITTEE_MEMBER = "committee", "支委委员"
    MEMBER = "member", "党员"


def home_role(user: User) -> HomeRole:
    """The role a home page is built for (the highest seat the person holds)."""
    if user.is_superuser:
        return HomeRole.ADMIN
    roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    if Role.REVIEWER in roles:
        return HomeRole.REVIEWER
    if roles & {Role.SECRETARY, Role.DEPUTY_SECRETARY}:
        return HomeRole.SECRETARY
    if roles & {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS}:
        return HomeRole.COMMITTEE_MEMBER
    return HomeRole.MEMBER


def person_labels(people: list[User]) -> dict[int, str]:
    """How each person is shown in a picker: the name, plus the tail of the sign-in name
    only where two people in the list share that name (e.g. "郑凯（…1202）")."""
    counts: dict[str, int] = {}
    for p in people:
        counts[p.display_name] = counts.get(p.display_name, 0) + 1
    return {
        p.pk: p.display_name
        if counts[p.display_name] == 1
        else f"{p.display_name}（…{p.username[-4:]}）"
        for p in people
    }


def names_by_username(usernames: set[str]) -> dict[str, str]:
    """Sign-in name → name, for history rows that keep sign-in names (the API's contract)."""
    people = User.objects.filter(username__in=usernames).only(
        "username", "name", "first_name", "last_name"
    )
    return {p.username: p.display_name for p in people}


def may_see_personal_data(user: User, org: Organization) -> bool:
    """Whole phone numbers and birth dates: the secretary (or deputy) of the branch the
    organization belongs to, and the system administrator; everyone else sees them masked."""
    from orglife.orgs.seats import Seat, holds

    if not user.is_authenticated or not user.is_active:
        return False
    if holds(user, Seat.SYSTEM):
        return True
    branch = org.branch()
    if branch is None:
        return False
    return Membership.objects.filter(
        user=user, organization=branch, role__in=Membership.LEADERS
    ).exists()
