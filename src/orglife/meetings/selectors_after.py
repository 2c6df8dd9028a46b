"""Reads for the meeting and after (part 2): visibility, seats, the roster, the quorum.

Stand-ins (marked ``MERGE:``) are private copies of what part 1 owns
(``meetings.selectors.voting_members``, ``study_rule_refusal``, ``default_deadline`` and
``meetings.permissions.meeting_seats``); at merge they are replaced by part 1's functions.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db.models import QuerySet

from orglife.core import clock
from orglife.core.errors import NotFound
from orglife.meetings.models import LifeMeeting, MeetingFormat, MeetingRecord
from orglife.orgs.models import Membership, User
from orglife.orgs.permissions import is_reviewer_above
from orglife.orgs.selectors import orgs_visible_to

DATA = Path(__file__).resolve().parent / "data"
Role = Membership.Role


class Seat(StrEnum):
    """MERGE: part 1's ``meetings.permissions.Seat`` (same names and values)."""

    SECRETARY = "secretary"
    COMMITTEE = "committee"
    MEMBER = "member"
    REVIEWER = "reviewer"


def meetings_visible_to(user: User) -> QuerySet[LifeMeeting]:
    return LifeMeeting.objects.filter(org__in=orgs_visible_to(user)).select_related("org")


def meeting_get(*, user: User, pk: int) -> LifeMeeting:
    """The meeting, or 404 for one this person may not see (ids reveal nothing)."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise NotFound("组织生活会不存在或无权查看", log=f"meeting {pk} not visible to {user}")
    return meeting


def _meeting_seats(user: User, meeting: LifeMeeting) -> set[str]:
    """MERGE: replace with ``meetings.permissions.meeting_seats``."""
    seats: set[str] = set()
    if user.is_superuser:
        seats |= {Seat.SECRETARY, Seat.REVIEWER}
    roles = set(
        Membership.objects.filter(
            user=user, organization__path__startswith=meeting.org.path
        ).values_list("role", flat=True)
    )
    if roles & {str(r) for r in Membership.LEADERS}:
        seats.add(Seat.SECRETARY)
    if roles & {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS}:
        seats.add(Seat.COMMITTEE)
    if roles - {Role.REVIEWER}:
        seats.add(Seat.MEMBER)
    if is_reviewer_above(user, meeting.org):
        seats.add(Seat.REVIEWER)
    return seats


def seats_of(user: User, meeting: LifeMeeting) -> set[str]:
    return _meeting_seats(user, meeting)


def branch_people(meeting: LifeMeeting) -> QuerySet[User]:
    """Everyone seated in the branch or its groups (reviewers above are not in it)."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization__path__startswith=meeting.org.path,
        )
        .exclude(memberships__role=Role.REVIEWER)
        .distinct()
        .order_by("name", "username")
    )


def _voting_members(meeting: LifeMeeting) -> QuerySet[User]:
    """MERGE: replace with part 1's ``meetings.selectors.voting_members(meeting)``.

    Voting: seated in the branch or its groups as a member or committee seat, and not a
    预备党员.
    """
    return branch_people(meeting).filter(probationary=False)


def committee_members(meeting: LifeMeeting) -> QuerySet[User]:
    seats = [str(r) for r in Membership.COMMITTEE_MEMBER_SEATS]
    return _voting_members(meeting).filter(
        memberships__organization=meeting.org, memberships__role__in=seats
    )


def _study_rule_refusal(meeting: LifeMeeting) -> str | None:
    """MERGE: replace with part 1's ``meetings.selectors.study_rule_refusal(meeting)``.

    Until part 1's study model exists nothing can say a study is missing, so this refuses
    nothing; with the model present it applies the rule (no collective study, no meeting).
    """
    try:
        study = apps.get_model("meetings", "StudySession")
    except LookupError:
        return None
    if study.objects.filter(meeting=meeting).exists():
        return None
    return "没有组织集中学习的，不得召开组织生活会：请先登记会前集中学习"


def _default_deadline(meeting: LifeMeeting) -> date:
    """MERGE: replace with part 1's ``meetings.selectors.default_deadline(meeting)``."""
    start = meeting.held_on or meeting.planned_on or clock.today()
    return start + timedelta(days=settings.ORGLIFE_DEFAULT_DEADLINE_DAYS)


# -- quorum (the rule as data) -------------------------------------------------------------


@dataclass(frozen=True)
class QuorumRule:
    basis: str
    numerator: int
    denominator: int
    strict: bool
    source: str

    def met(self, *, due: int, present: int) -> bool:
        if due == 0:
            return False
        lhs, rhs = present * self.denominator, due * self.numerator
        return lhs > rhs if self.strict else lhs >= rhs


@cache
def quorum_rules() -> dict[str, QuorumRule]:
    with (DATA / "quorum.toml").open("rb") as f:
        data = tomllib.load(f)
    return {key: QuorumRule(**value) for key, value in data.items()}


def quorum_rule(meeting: LifeMeeting) -> QuorumRule:
    rules = quorum_rules()
    return rules.get(meeting.format, rules[MeetingFormat.BRANCH_CONGRESS])


def quorum_base(meeting: LifeMeeting) -> QuerySet[User]:
    """The people the quorum counts: voting members, or the committee for a 支委会."""
    if quorum_rule(meeting).basis == "committee_members":
        return committee_members(meeting)
    return _voting_members(meeting)


@dataclass(frozen=True)
class Quorum:
    due: int
    present: int
    met: bool

    def as_dict(self) -> dict:
        return {"due": self.due, "present": self.present, "met": self.met}


def quorum_of(meeting: LifeMeeting, present_ids: set[int]) -> Quorum:
    base = set(quorum_base(meeting).values_list("pk", flat=True))
    due, present = len(base), len(base & present_ids)
    return Quorum(due=due, present=present, met=quorum_rule(meeting).met(due=due, present=present))


def record_of(meeting: LifeMeeting) -> MeetingRecord | None:
    return MeetingRecord.objects.filter(meeting=meeting).first()


def quorum_recorded(meeting: LifeMeeting) -> Quorum | None:
    record = record_of(meeting)
    if record is None:
        return None
    rule = quorum_rule(meeting)
    return Quorum(
        due=record.quorum_due,
        present=record.quorum_present,
        met=rule.met(due=record.quorum_due, present=record.quorum_present),
    )
