"""Who sits where for a meeting: typed seats. Services enforce them; views only ask."""

from __future__ import annotations

from enum import StrEnum

from orglife.meetings.models import LifeMeeting
from orglife.orgs.models import Membership, User


class Seat(StrEnum):
    SECRETARY = "secretary"  # secretary or deputy of the branch, or the administrator
    COMMITTEE_MEMBER = "committee"  # 支委委员 (the secretary and deputy included)
    MEMBER = "member"  # any seat in the branch or one of its groups
    REVIEWER = "reviewer"  # a reviewer seat strictly above the branch, or the administrator


def meeting_seats(user: User, meeting: LifeMeeting) -> set[str]:
    """The seats this person holds for this meeting (empty for someone outside)."""
    return meeting_seats_by_meeting(user, [meeting])[meeting.pk]


def meeting_seats_by_meeting(user: User, meetings: list[LifeMeeting]) -> dict[int, set[str]]:
    """``meeting_seats`` for several meetings (the home page's), reading the person's
    memberships once: a seat counts for a meeting when its organization is the branch or
    below it (MEMBER/SECRETARY/COMMITTEE_MEMBER), or a reviewer seat strictly above it."""
    if not user.is_authenticated or not user.is_active:
        return {m.pk: set() for m in meetings}
    mine = list(
        Membership.objects.filter(user=user).values_list(
            "organization_id", "organization__path", "role"
        )
    )
    leaders = {str(r) for r in Membership.LEADERS}
    committee = {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS}
    out = {}
    for meeting in meetings:
        org = meeting.org
        seats: set[str] = set()
        if user.is_superuser:
            seats |= {Seat.SECRETARY, Seat.REVIEWER}
        roles = {role for _, path, role in mine if path.startswith(org.path)}
        if roles - {Membership.Role.REVIEWER}:
            seats.add(Seat.MEMBER)
        if roles & leaders:
            seats.add(Seat.SECRETARY)
        if roles & committee:
            seats.add(Seat.COMMITTEE_MEMBER)
        # orgs.permissions.is_reviewer_above, without a query per meeting.
        if any(
            role == Membership.Role.REVIEWER and org.path.startswith(path) and org_id != org.pk
            for org_id, path, role in mine
        ):
            seats.add(Seat.REVIEWER)
        out[meeting.pk] = seats
    return out


def can_run(seats: set[str]) -> bool:
    """Recording the preparation (plan, study, talks, opinions): the secretary or a 支委."""
    return bool(seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER})
