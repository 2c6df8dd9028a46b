"""Writes for the meeting and its plan (会议方案): create, edit, submit, approve, return."""

from __future__ import annotations

import logging
from datetime import date

from django.db import IntegrityError, transaction

from orglife.core.errors import Conflict, Forbidden, Invalid, NotFound
from orglife.core.workflow import Move, Workflow
from orglife.meetings.models import LifeMeeting, MeetingFormat, MeetingPlan, PlanEvent, PlanStatus
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.meetings.selectors import people_by_username
from orglife.orgs import permissions as org_permissions
from orglife.orgs import selectors as org_selectors
from orglife.orgs.models import Membership, Organization, User
from orglife.review.engine import list_profiles

log = logging.getLogger(__name__)
S = PlanStatus

PLAN_FLOW = Workflow(
    name="plan",
    status_labels=dict(PlanStatus.choices),
    moves=(
        Move(
            action="submit",
            label="报送审核",
            source=frozenset({S.DRAFT, S.RETURNED}),
            target=S.SUBMITTED,
            allowed=frozenset({Seat.SECRETARY}),
        ),
        Move(
            action="approve",
            label="批准方案",
            source=frozenset({S.SUBMITTED}),
            target=S.APPROVED,
            allowed=frozenset({Seat.REVIEWER}),
            button="success",
        ),
        Move(
            action="return",
            label="退回修改",
            source=frozenset({S.SUBMITTED}),
            target=S.RETURNED,
            allowed=frozenset({Seat.REVIEWER}),
            needs_note=True,
            note_label="退回意见",
            button="outline-danger",
        ),
    ),
)
EDITABLE = {S.DRAFT, S.RETURNED}


def _profile(value: str) -> str:
    if value and value not in {p["id"] for p in list_profiles()}:
        raise Invalid(f"未知的审核主题配置：{value}", log=f"unknown profile {value!r}")
    return value


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    org: Organization,
    year: int,
    title: str,
    theme_profile: str = "",
    format: str = MeetingFormat.BRANCH_CONGRESS,
) -> LifeMeeting:
    """A new meeting of a branch, by its secretary (or the administrator)."""
    if not org_selectors.orgs_visible_to(actor).filter(pk=org.pk).exists():
        raise NotFound("党组织不存在或无权查看", log=f"org {org.pk} not visible to {actor.pk}")
    if not org.is_branch:
        raise Invalid("组织生活会以党支部为单位召开，请选择党支部")
    leaders = {str(r) for r in Membership.LEADERS}
    if not (actor.is_superuser or org_permissions.roles_of(actor, org) & leaders):
        raise Forbidden("只有支部书记可以创建组织生活会", log=f"user {actor.pk} not secretary")
    title = title.strip()
    if not title:
        raise Invalid("请填写会议名称")
    if not 2000 <= year <= 2100:
        raise Invalid("年度不正确")
    if format not in MeetingFormat.values:
        raise Invalid("会议形式不正确")
    meeting = LifeMeeting(
        org=org,
        year=year,
        title=title[:200],
        theme_profile=_profile(theme_profile),
        format=format,
        created_by=actor,
    )
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError as exc:
        raise Conflict(f"{org.name}{year}年已有同名的组织生活会") from exc
    MeetingPlan.objects.create(meeting=meeting, format=format)
    log.info("meeting %s created in org %s by %s", meeting.pk, org.pk, actor.username)
    return meeting


def plan_snapshot(plan: MeetingPlan) -> dict:
    return {
        "planned_on": plan.planned_on.isoformat() if plan.planned_on else None,
        "place": plan.place,
        "format": plan.format,
        "participants": sorted(plan.participants.values_list("username", flat=True)),
        "agenda": plan.agenda,
        "requirements": plan.requirements,
    }


def plan_of(meeting: LifeMeeting) -> MeetingPlan:
    plan, _ = MeetingPlan.objects.get_or_create(meeting=meeting)
    return plan


@transaction.atomic
def plan_save(
    *,
    meeting: LifeMeeting,
    actor: User,
    planned_on: date | None,
    place: str,
    format: str,
    participants: list[str],
    agenda: str,
    requirements: str,
) -> MeetingPlan:
    """Write the plan's fields (secretary; while drafting or returned) and keep the version."""
    seats = meeting_seats(actor, meeting)
    if Seat.SECRETARY not in seats:
        raise Forbidden("只有支部书记可以制定会议方案")
    plan_of(meeting)
    plan = MeetingPlan.objects.select_for_update().get(meeting=meeting)
    if plan.status not in EDITABLE:
        raise Conflict(f"方案{plan.get_status_display()}，不能再修改")
    if format not in MeetingFormat.values:
        raise Invalid("会议形式不正确")
    roster = people_by_username(meeting.org)
    unknown = [u for u in participants if u not in roster]
    if unknown:
        raise Invalid(f"参会人员不在本支部名册中：{'、'.join(unknown)}")
    plan.planned_on = planned_on
    plan.place = place.strip()[:200]
    plan.format = format
    plan.agenda = agenda.strip()
    plan.requirements = requirements.strip()
    plan.version += 1
    plan.save()
    plan.participants.set([roster[u].user for u in dict.fromkeys(participants)])
    LifeMeeting.objects.filter(pk=meeting.pk).update(
        planned_on=planned_on, format=format, version=meeting.version + 1
    )
    meeting.planned_on, meeting.format = planned_on, format
    meeting.version += 1
    PlanEvent.objects.create(
        plan=plan, action="edit", status=plan.status, snapshot=plan_snapshot(plan), actor=actor
    )
    return plan


@transaction.atomic
def plan_transition(
    *, meeting: LifeMeeting, actor: User, action: str, note: str = ""
) -> MeetingPlan:
    """Submit the plan, or (a reviewer above) approve it or return it with comments."""
    plan_of(meeting)
    plan = MeetingPlan.objects.select_for_update().get(meeting=meeting)
    move = PLAN_FLOW.check(
        action=action, status=plan.status, seats=meeting_seats(actor, meeting), note=note
    )
    if action == "submit" and plan.planned_on is None:
        raise Invalid("请先填写方案的召开日期再报送")
    plan.status = move.target
    plan.save(update_fields=["status", "updated_at"])
    PlanEvent.objects.create(
        plan=plan,
        action=move.action,
        status=plan.status,
        note=note.strip(),
        snapshot=plan_snapshot(plan),
        actor=actor,
    )
    log.info("plan of meeting %s: %s by %s", meeting.pk, action, actor.username)
    return plan


@transaction.atomic
def meeting_name_drafter(*, meeting: LifeMeeting, actor: User, username: str) -> LifeMeeting:
    """The secretary names a 支委 who may file the branch material (or nobody: '')."""
    if Seat.SECRETARY not in meeting_seats(actor, meeting):
        raise Forbidden("只有支部书记可以指定班子材料起草人")
    drafter = None
    if username:
        person = people_by_username(meeting.org).get(username)
        if person is None or not person.committee:
            raise Invalid("班子材料起草人须是本支部的支委委员")
        drafter = person.user
    LifeMeeting.objects.filter(pk=meeting.pk).update(
        branch_drafter=drafter, version=meeting.version + 1
    )
    meeting.branch_drafter, meeting.version = drafter, meeting.version + 1
    return meeting
