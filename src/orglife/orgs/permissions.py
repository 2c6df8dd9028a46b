"""Who may do what in an organization: the "may X" questions, asked by views and enforced
by services. What a person may see at all is ``selectors.orgs_visible_to``.

A person's seats in an organization are ``Membership.Role`` values (typed choices).
"""

from __future__ import annotations

from orglife.orgs import selectors
from orglife.orgs.models import Membership, Organization, User

Role = Membership.Role


def roles_of(user: User, org: Organization) -> set[Role]:
    """The roles this person holds in exactly this organization."""
    if not user.is_authenticated:
        return set()
    return {
        Role(r)
        for r in Membership.objects.filter(user=user, organization=org).values_list(
            "role", flat=True
        )
    }


def may_manage(user: User, org: Organization) -> bool:
    """Secretary/deputy of the organization or above, a reviewer above, or the admin."""
    return selectors.orgs_managed_by(user).filter(pk=org.pk).exists()


def is_committee_member(user: User, org: Organization) -> bool:
    """A 支委 seat (secretary, deputy or committee member) in this organization."""
    return bool(roles_of(user, org) & Membership.COMMITTEE_MEMBER_SEATS)


def is_reviewer_above(user: User, org: Organization) -> bool:
    """True for a reviewer seat on a committee strictly above this organization (or admin)."""
    if user.is_superuser:
        return True
    return any(
        org.path.startswith(m.organization.path) and m.organization.pk != org.pk
        for m in Membership.objects.filter(user=user, role=Role.REVIEWER).select_related(
            "organization"
        )
    )


def may_import_roster(user: User, org: Organization) -> bool:
    """Roster imports (people and personal data): the organization's managers, and the
    系统管理员 seat, which runs accounts for every organization."""
    return may_manage(user, org) or selectors.orgs_administered_by(user).filter(pk=org.pk).exists()


def may_see_personal_data(user: User, org: Organization) -> bool:
    """Phone numbers on the roster page: the organization's managers only."""
    return may_manage(user, org)
