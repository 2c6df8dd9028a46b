"""Who sits where for a meeting: typed seats. Services enforce them; views only ask."""

from __future__ import annotations

from enum import StrEnum

from orglife.meetings.models import LifeMeeting
from orglife.orgs import permissions as org_permissions
from orglife.orgs.models import Membership, User


class Seat(StrEnum):
    SECRETARY = "secretary"  # secretary or deputy of the branch, or the administrator
    COMMITTEE_MEMBER = "committee"  # 支委委员 (the secretary and deputy included)
    MEMBER = "member"  # any seat in the branch or one of its groups
    REVIEWER = "reviewer"  # a reviewer seat strictly above the branch, or the administrator


def meeting_seats(user: User, meeting: LifeMeeting) -> set[str]:
    """The seats this person holds for this meeting (empty for someone outside)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    seats: set[str] = set()
    if user.is_superuser:
        seats |= {Seat.SECRETARY, Seat.REVIEWER}
    roles = set(
        Membership.objects.filter(
            user=user, organization__path__startswith=meeting.org.path
        ).values_list("role", flat=True)
    )
    if roles - {Membership.Role.REVIEWER}:
        seats.add(Seat.MEMBER)
    if roles & {str(r) for r in Membership.LEADERS}:
        seats.add(Seat.SECRETARY)
    if roles & {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS}:
        seats.add(Seat.COMMITTEE_MEMBER)
    if org_permissions.is_reviewer_above(user, meeting.org):
        seats.add(Seat.REVIEWER)
    return seats


def can_run(seats: set[str]) -> bool:
    """Recording the preparation (plan, study, talks, opinions): the secretary or a 支委."""
    return bool(seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER})
