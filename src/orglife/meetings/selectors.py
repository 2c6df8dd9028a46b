"""Reads for meetings, filtered by what a person may see."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404

from orglife.ledger.deadlines import default_deadline as _deadline
from orglife.materials.models import InspectionMaterial
from orglife.meetings.models import HeartTalk, LifeMeeting
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Membership, Organization, User

Role = Membership.Role
TALK_RULE = Path(__file__).resolve().parent / "data" / "talks.toml"


def meetings_visible_to(user: User) -> QuerySet[LifeMeeting]:
    """Anyone who can see the branch sees its meetings; nobody else."""
    return LifeMeeting.objects.filter(org__in=org_selectors.orgs_visible_to(user)).select_related(
        "org"
    )


def meeting_for(user: User, pk: int) -> LifeMeeting:
    """The meeting, or 404 for one this person may not see (ids reveal nothing)."""
    meeting = meetings_visible_to(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


@dataclass
class Person:
    user: User
    role: str  # the highest seat in the branch
    role_label: str

    @property
    def committee(self) -> bool:
        return self.role in {str(r) for r in Membership.COMMITTEE_MEMBER_SEATS}

    @property
    def voting(self) -> bool:
        return has_vote(self.user)


def people(org: Organization) -> list[Person]:
    """The people of a branch (and its groups), each once with their highest seat.

    Reviewers of the committee above are not people of the branch.
    """
    return _people_of(org_selectors.roster(org).exclude(role=Role.REVIEWER))


def _people_of(seats: Iterable[Membership]) -> list[Person]:
    rank = {r.value: i for i, r in enumerate(Role)}
    best: dict[int, Membership] = {}
    for m in seats:
        held = best.get(m.user_id)
        if held is None or rank[m.role] < rank[held.role]:
            best[m.user_id] = m
    return [Person(m.user, m.role, m.get_role_display()) for m in best.values()]


def people_by_username(org: Organization) -> dict[str, Person]:
    return {p.user.username: p for p in people(org)}


# 有表决权的党员 — the one rule (docs/domain.md): a person of the branch (below) who is a full
# member, not a 预备党员, and whose account is active (a locked or departed account can neither
# be counted present nor sign a ballot). Both forms below read this one mapping.
VOTING = {"is_active": True, "probationary": False}


def branch_people(org: Organization) -> QuerySet[User]:
    """Active accounts with a seat in the branch or its groups, by name.

    A reviewer seat is no seat in the branch: the committee's reviewers are not its people,
    while a reviewer who is also a member of the branch is, through that member seat."""
    seats = [r.value for r in Role if r != Role.REVIEWER]
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization__path__startswith=org.path,
            memberships__role__in=seats,
        )
        .distinct()
        .order_by("name", "username")
    )


def has_vote(user: User) -> bool:
    """Whether a person of the branch votes (the roster's ``voting``)."""
    return all(getattr(user, field) == value for field, value in VOTING.items())


def voting_members(org: Organization) -> QuerySet[User]:
    """The branch's voting members: the quorum, the ballots and the roster count these."""
    return branch_people(org).filter(**VOTING)


def default_deadline(meeting: LifeMeeting) -> date:
    """Default deadline of an item from this meeting: held_on, else planned_on, else today."""
    return _deadline(held_on=meeting.held_on, planned_on=meeting.planned_on)


def study_rule_refusal(meeting: LifeMeeting) -> str | None:
    """The Chinese reason the meeting may not be held yet, or None (setting on by default)."""
    if not settings.ORGLIFE_REQUIRE_STUDY or meeting.studies.exists():
        return None
    return "没有组织集中学习的，不得召开组织生活会：请先记录会前的集中学习研讨。"


@cache
def talk_rule() -> list[tuple[str, str]]:
    data = tomllib.loads(TALK_RULE.read_text(encoding="utf-8"))
    return [(r["a"], r["b"]) for r in data.get("required", [])]


def _group(name: str, everyone: list[Person]) -> list[Person]:
    if name == "committee":
        return [p for p in everyone if p.committee]
    if name == "secretary":
        return [p for p in everyone if p.role == Role.SECRETARY]
    if name == "everyone":
        return everyone
    raise ValueError(f"unknown talk group {name!r} in {TALK_RULE.name}")


def required_pairs(
    org: Organization, everyone: list[Person] | None = None
) -> list[tuple[Person, Person]]:
    """Every pair the rule requires, each once, in roster order (``everyone``: the branch's
    people when the caller has read them already)."""
    everyone = people(org) if everyone is None else everyone
    order = {p.user.pk: i for i, p in enumerate(everyone)}
    seen: set[tuple[int, int]] = set()
    pairs = []
    for a_name, b_name in talk_rule():
        for a in _group(a_name, everyone):
            for b in _group(b_name, everyone):
                if a.user.pk == b.user.pk:
                    continue
                first, second = sorted((a, b), key=lambda p: order[p.user.pk])
                key = (first.user.pk, second.user.pk)
                if key not in seen:
                    seen.add(key)
                    pairs.append((first, second))
    return pairs


@dataclass
class Coverage:
    required: int
    done: int
    missing: list[tuple[Person, Person]]

    def to_dict(self) -> dict:
        return {
            "required": self.required,
            "done": self.done,
            "missing": [{"a": a.user.username, "b": b.user.username} for a, b in self.missing],
        }


def talk_coverage(meeting: LifeMeeting) -> Coverage:
    """How many required pairs have talked, and which have not."""
    talked = {frozenset(p) for p in HeartTalk.objects.filter(meeting=meeting).values_list("a", "b")}
    return _coverage(required_pairs(meeting.org), talked)


def _coverage(pairs: list[tuple[Person, Person]], talked: set[frozenset]) -> Coverage:
    missing = [(a, b) for a, b in pairs if frozenset((a.user.pk, b.user.pk)) not in talked]
    return Coverage(required=len(pairs), done=len(pairs) - len(missing), missing=missing)


def talk_coverages(meetings: list[LifeMeeting]) -> dict[int, Coverage]:
    """``talk_coverage`` for several meetings in two queries (a page of the committee board):
    the same rule, with every roster and every talk read at once."""
    if not meetings:
        return {}
    seats = list(org_selectors.rosters([m.org for m in meetings]).exclude(role=Role.REVIEWER))
    talked: dict[int, set[frozenset]] = {m.pk: set() for m in meetings}
    for meeting_id, a, b in HeartTalk.objects.filter(meeting__in=meetings).values_list(
        "meeting", "a", "b"
    ):
        talked[meeting_id].add(frozenset((a, b)))
    out = {}
    for m in meetings:
        # The rows are in roster order already, so each branch's slice keeps it.
        mine = [s for s in seats if s.organization.path.startswith(m.org.path)]
        out[m.pk] = _coverage(required_pairs(m.org, _people_of(mine)), talked[m.pk])
    return out


CARE_FLAGS = {
    "away": "外出流动",
    "in_difficulty": "生活困难",
    "elderly": "年老体弱",
    "under_discipline": "受处分",
}


def care_list(org: Organization) -> list[tuple[Person, list[str]]]:
    """Members the secretary should talk with in person (docs/domain.md step 3)."""
    out = []
    for p in people(org):
        flags = [label for f, label in CARE_FLAGS.items() if getattr(p.user, f)]
        if flags:
            out.append((p, flags))
    return out


def unlinked_opinions(meeting: LifeMeeting):
    """Opinions not yet linked to a ledger item (shown before the branch material is final)."""
    return meeting.opinions.filter(item__isnull=True)


@dataclass
class MaterialRow:
    person: User
    material: object | None  # materials.InspectionMaterial
    state: str  # not_started | draft | submitted | returned | approved

    @property
    def state_label(self) -> str:
        return MATERIAL_STATES[self.state]


MATERIAL_STATES = {
    "not_started": "未开始",
    "draft": "未报送",
    "submitted": "已报送审核",
    "returned": "已退回修改",
    "approved": "审核通过",
}


def materials_overview(meeting: LifeMeeting) -> list[MaterialRow]:
    """Each member's individual material for the meeting: who submitted, was returned, was
    approved, has not started."""
    mine = {
        m.author_id: m
        for m in InspectionMaterial.objects.filter(
            meeting=meeting, kind=InspectionMaterial.Kind.INDIVIDUAL
        )
    }
    rows = []
    for p in people(meeting.org):
        m = mine.get(p.user.pk)
        rows.append(MaterialRow(p.user, m, m.status if m else "not_started"))
    return rows


def branch_material(meeting: LifeMeeting):
    return InspectionMaterial.objects.filter(
        meeting=meeting, kind=InspectionMaterial.Kind.BRANCH
    ).first()


@dataclass
class HomeMeeting:
    meeting: LifeMeeting
    stage_label: str
    todo: list[str]


def home_meetings(user: User, limit: int = 5) -> list[HomeMeeting]:
    """The person's current meetings (latest year per branch) and what they must do next,
    in a fixed number of queries however many meetings are shown."""
    from orglife.meetings.models import MeetingPlan, PlanStatus
    from orglife.meetings.permissions import Seat, meeting_seats_by_meeting
    from orglife.meetings.stages import STAGES, meeting_stages

    meetings: list[LifeMeeting] = []
    seen: set[int] = set()
    for m in meetings_visible_to(user).order_by("-year", "org__path", "-pk")[:50]:
        if m.org_id not in seen:
            seen.add(m.org_id)
            meetings.append(m)
            if len(meetings) >= limit:
                break
    if not meetings:
        return []
    ids = [m.pk for m in meetings]
    seats_of = meeting_seats_by_meeting(user, meetings)
    stages = meeting_stages(meetings)
    plans = dict(MeetingPlan.objects.filter(meeting__in=ids).values_list("meeting_id", "status"))
    preparing = [
        m for m in meetings if Seat.SECRETARY in seats_of[m.pk] and stages[m.pk] == "preparing"
    ]
    studied = set(
        LifeMeeting.objects.filter(pk__in=[m.pk for m in preparing], studies__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
        if preparing and settings.ORGLIFE_REQUIRE_STUDY
        else []
    )
    coverages = talk_coverages(preparing)
    waiting: dict[int, int] = {}
    branch_submitted: set[int] = set()
    own: dict[int, str] = {}  # the person's latest individual material's status, as .first()
    for meeting_id, kind, status, author_id in (
        InspectionMaterial.objects.filter(meeting__in=ids)
        .order_by("-created_at", "-pk")
        .values_list("meeting_id", "kind", "status", "author_id")
    ):
        if kind == "individual" and status == "submitted":
            waiting[meeting_id] = waiting.get(meeting_id, 0) + 1
        if kind == "branch" and status == "submitted":
            branch_submitted.add(meeting_id)
        if kind == "individual" and author_id == user.pk:
            own.setdefault(meeting_id, status)

    out = []
    for m in meetings:
        seats, stage, plan = seats_of[m.pk], stages[m.pk], plans.get(m.pk)
        todo = []
        if Seat.REVIEWER in seats and plan == PlanStatus.SUBMITTED:
            todo.append("审核会议方案")
        if Seat.SECRETARY in seats and plan in (None, PlanStatus.DRAFT, PlanStatus.RETURNED):
            todo.append("制定并报送会议方案")
        if Seat.SECRETARY in seats and stage == "preparing":
            if settings.ORGLIFE_REQUIRE_STUDY and m.pk not in studied:
                todo.append("组织集中学习")
            missing = len(coverages[m.pk].missing)
            if missing:
                todo.append(f"还有 {missing} 对必谈的谈心谈话")
        if Seat.SECRETARY in seats and waiting.get(m.pk):
            todo.append(f"审核 {waiting[m.pk]} 份个人材料")
        if Seat.REVIEWER in seats and m.pk in branch_submitted:
            todo.append("审核班子对照检查材料")
        if Seat.MEMBER in seats and stage in ("planning", "plan_submitted", "preparing"):
            mine = own.get(m.pk)
            if mine is None:
                todo.append("撰写并上传个人对照检查材料")
            elif mine in ("draft", "returned"):
                todo.append("按退回意见修改个人材料" if mine == "returned" else "报送个人材料")
        out.append(HomeMeeting(m, STAGES[stage], todo))
    return out
