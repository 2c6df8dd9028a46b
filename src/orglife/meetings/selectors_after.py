"""Reads for the meeting and after (part 2): visibility, the roster, the quorum.

Seats are ``meetings.permissions``'s (``Seat``, ``meeting_seats``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.db.models import QuerySet

from orglife.core.errors import NotFound
from orglife.meetings import selectors
from orglife.meetings.models import LifeMeeting, MeetingFormat, MeetingRecord
from orglife.orgs.models import Membership, User
from orglife.orgs.selectors import orgs_visible_to

DATA = Path(__file__).resolve().parent / "data"
Role = Membership.Role


def meetings_visible_to(user: User) -> QuerySet[LifeMeeting]:
    return LifeMeeting.objects.filter(org__in=orgs_visible_to(user)).select_related("org")


def meeting_get(*, user: User, pk: int) -> LifeMeeting:
    """The meeting, or 404 for one this person may not see (ids reveal nothing)."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise NotFound("组织生活会不存在或无权查看", log=f"meeting {pk} not visible to {user}")
    return meeting


def branch_people(meeting: LifeMeeting) -> QuerySet[User]:
    """Everyone seated in the meeting's branch or its groups (``selectors.branch_people``)."""
    return selectors.branch_people(meeting.org)


def voting_members(meeting: LifeMeeting) -> QuerySet[User]:
    """The voting members of the meeting's branch: the one rule, ``selectors.voting_members``."""
    return selectors.voting_members(meeting.org)


def committee_members(meeting: LifeMeeting) -> QuerySet[User]:
    seats = [str(r) for r in Membership.COMMITTEE_MEMBER_SEATS]
    return voting_members(meeting).filter(
        memberships__organization=meeting.org, memberships__role__in=seats
    )


def _study_rule_refusal(meeting: LifeMeeting) -> str | None:
    """Part 1's rule (setting ORGLIFE_REQUIRE_STUDY): no collective study, no meeting."""
    from orglife.meetings.selectors import study_rule_refusal

    return study_rule_refusal(meeting)


def _default_deadline(meeting: LifeMeeting) -> date:
    """Part 1's one default: held_on, else planned_on, else today, plus the setting."""
    from orglife.meetings.selectors import default_deadline

    return default_deadline(meeting)


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
    return voting_members(meeting)


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
