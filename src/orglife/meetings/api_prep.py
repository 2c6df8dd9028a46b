"""Meetings API, part 1 (docs/contracts.md "Meetings (API v1)"): meeting, plan, study, opinions,
talks, roster and the meeting's materials. Thin handlers over selectors and services."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from orglife.core import audit
from orglife.core.errors import Invalid, NotFound
from orglife.core.uploads import refuse_oversize
from orglife.materials import services as material_services
from orglife.materials.api_versions import material_out
from orglife.meetings import selectors, services_plan, services_prep
from orglife.meetings.docx_plan import plan_docx
from orglife.meetings.models import (
    HeartTalk,
    LifeMeeting,
    MeetingPlan,
    Opinion,
    StudyAttendance,
    StudySession,
)
from orglife.meetings.stages import meeting_stage, meeting_stages
from orglife.meetings.uploads import read_upload
from orglife.orgs import selectors as org_selectors
from orglife.orgs.http import AuthedRequest, seen_first
from orglife.orgs.models import Organization

router = Router(tags=["meetings"])
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The id of a meeting the caller may see, checked before the body is read (orgs/http.py).
MeetingId = Annotated[int, seen_first(selectors.meeting_for)]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


class PersonOut(Schema):
    username: str
    name: str
    role: str
    voting: bool


@router.get("/orgs/{org_id}/people", response=list[PersonOut])
def org_people(request: AuthedRequest, org_id: int):
    """The roster of a branch: its people with their highest seat and whether they vote."""
    org = get_object_or_404(org_selectors.orgs_visible_to(request.user), pk=org_id)
    return [
        {
            "username": p.user.username,
            "name": p.user.display_name,
            "role": p.role,
            "voting": p.voting,
        }
        for p in selectors.people(org)
    ]


class MeetingOut(Schema):
    id: int
    org: int
    year: int
    title: str
    theme_profile: str
    format: str
    stage: str
    planned_on: str | None
    held_on: str | None
    report_due: str | None
    version: int


class MeetingIn(Schema):
    org: int
    year: int
    title: str
    theme_profile: str = ""
    format: str = "branch_congress"


class MeetingList(Schema):
    items: list[MeetingOut]
    count: int


def meeting_out(m: LifeMeeting, stage: str | None = None) -> dict[str, Any]:
    """The meeting as the API shows it; a list passes each ``stage`` (read in bulk)."""
    return {
        "id": m.pk,
        "org": m.org_id,
        "year": m.year,
        "title": m.title,
        "theme_profile": m.theme_profile,
        "format": m.format,
        "stage": stage or meeting_stage(m),
        "planned_on": _iso(m.planned_on),
        "held_on": _iso(m.held_on),
        "report_due": _iso(m.report_due),
        "version": m.version,
    }


def _page(qs, limit: int, offset: int):
    limit = max(1, min(limit, 200))
    offset = max(0, offset)
    return qs[offset : offset + limit], qs.count()


@router.get("/meetings", response=MeetingList)
def meetings_list(
    request: AuthedRequest,
    org: int | None = None,
    year: int | None = None,
    limit: int = 50,
    offset: int = 0,
):
    qs = selectors.meetings_visible_to(request.user).order_by("-year", "org__path", "pk")
    if org is not None:
        qs = qs.filter(org_id=org)
    if year is not None:
        qs = qs.filter(year=year)
    page, count = _page(qs, limit, offset)
    meetings = list(page)
    stages = meeting_stages(meetings)
    return {"items": [meeting_out(m, stages[m.pk]) for m in meetings], "count": count}


@router.post("/meetings", response={201: MeetingOut})
def meetings_create(request: AuthedRequest, payload: MeetingIn):
    org = Organization.objects.filter(pk=payload.org).first()
    if org is None:
        raise NotFound("党组织不存在或无权查看")
    m = services_plan.meeting_create(
        actor=request.user,
        org=org,
        year=payload.year,
        title=payload.title,
        theme_profile=payload.theme_profile,
        format=payload.format,
    )
    return Status(201, meeting_out(m))


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_get(request: AuthedRequest, meeting_id: int):
    return meeting_out(selectors.meeting_for(request.user, meeting_id))


class PlanIn(Schema):
    planned_on: date | None = None
    place: str = ""
    format: str = "branch_congress"
    participants: list[str] = []
    agenda: str = ""
    requirements: str = ""


class PlanEventOut(Schema):
    action: str
    status: str
    note: str
    actor: str
    actor_name: str  # the name when they acted, not the account's current one
    at: str
    snapshot: dict


class PlanOut(Schema):
    meeting: int
    planned_on: str | None
    place: str
    format: str
    participants: list[str]
    agenda: str
    requirements: str
    status: str
    version: int
    events: list[PlanEventOut]


class MoveIn(Schema):
    action: str
    note: str = ""


def plan_out(plan: MeetingPlan) -> dict[str, Any]:
    snap = services_plan.plan_snapshot(plan)
    return {
        "meeting": plan.meeting_id,
        **snap,
        "status": plan.status,
        "version": plan.version,
        "events": [
            {
                "action": e.action,
                "status": e.status,
                "note": e.note,
                "actor": e.actor.username,
                "actor_name": e.acted_by,
                "at": e.at.isoformat(),
                "snapshot": e.snapshot,
            }
            for e in plan.events.select_related("actor")
        ],
    }


@router.get("/meetings/{meeting_id}/plan", response=PlanOut)
def plan_get(request: AuthedRequest, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    return plan_out(services_plan.plan_of(meeting))


@router.put("/meetings/{meeting_id}/plan", response=PlanOut)
def plan_put(request: AuthedRequest, meeting_id: MeetingId, payload: PlanIn):
    meeting = selectors.meeting_for(request.user, meeting_id)
    plan = services_plan.plan_save(meeting=meeting, actor=request.user, **payload.dict())
    return plan_out(plan)


@router.post("/meetings/{meeting_id}/plan/transitions", response=PlanOut)
def plan_move(request: AuthedRequest, meeting_id: MeetingId, payload: MoveIn):
    meeting = selectors.meeting_for(request.user, meeting_id)
    plan = services_plan.plan_transition(
        meeting=meeting, actor=request.user, action=payload.action, note=payload.note
    )
    return plan_out(plan)


@router.get("/meetings/{meeting_id}/plan.docx")
def plan_download(request: AuthedRequest, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    response = HttpResponse(plan_docx(services_plan.plan_of(meeting)), content_type=DOCX)
    name = f"{meeting.title}会议方案.docx"
    audit.record_file(request, name, meeting=meeting.pk)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


class AbsentIn(Schema):
    person: str
    reason: str


class StudyIn(Schema):
    held_on: date
    topic: str
    texts: str = ""
    attendees: list[str]
    absent: list[AbsentIn] = []


class StudyOut(Schema):
    id: int
    held_on: str
    topic: str
    texts: str
    attendees: list[str]
    absent: list[AbsentIn]


def study_out(s: StudySession) -> dict[str, Any]:
    # .all(): a list prefetches the attendance with its people (studies_list).
    rows = sorted(s.attendance.all(), key=lambda r: r.pk)
    return {
        "id": s.pk,
        "held_on": s.held_on.isoformat(),
        "topic": s.topic,
        "texts": s.texts,
        "attendees": [r.person.username for r in rows if r.present],
        "absent": [
            {"person": r.person.username, "reason": r.reason} for r in rows if not r.present
        ],
    }


class StudyList(Schema):
    items: list[StudyOut]
    count: int


@router.get("/meetings/{meeting_id}/studies", response=StudyList)
def studies_list(request: AuthedRequest, meeting_id: int, limit: int = 50, offset: int = 0):
    meeting = selectors.meeting_for(request.user, meeting_id)
    qs = meeting.studies.prefetch_related(
        Prefetch("attendance", queryset=StudyAttendance.objects.select_related("person"))
    ).order_by("held_on", "pk")
    page, count = _page(qs, limit, offset)
    return {"items": [study_out(s) for s in page], "count": count}


@router.post("/meetings/{meeting_id}/studies", response={201: StudyOut})
def studies_create(request: AuthedRequest, meeting_id: MeetingId, payload: StudyIn):
    meeting = selectors.meeting_for(request.user, meeting_id)
    session = services_prep.study_record(
        meeting=meeting,
        actor=request.user,
        held_on=payload.held_on,
        topic=payload.topic,
        texts=payload.texts,
        attendees=payload.attendees,
        absent=[services_prep.Absence(a.person, a.reason) for a in payload.absent],
    )
    return Status(201, study_out(session))


class OpinionIn(Schema):
    source: str
    text: str
    anonymous: bool = True
    given_by: str = ""
    item: int | None = None


class OpinionPatch(Schema):
    item: int | None


class OpinionOut(Schema):
    id: int
    source: str
    text: str
    anonymous: bool
    given_by: str
    item: int | None


class OpinionList(Schema):
    items: list[OpinionOut]
    count: int


def opinion_out(o: Opinion) -> dict[str, Any]:
    return {
        "id": o.pk,
        "source": o.source,
        "text": o.text,
        "anonymous": o.anonymous,
        "given_by": o.given_by,
        "item": o.item_id,
    }


@router.get("/meetings/{meeting_id}/opinions", response=OpinionList)
def opinions_list(
    request: AuthedRequest,
    meeting_id: int,
    unlinked: bool = False,
    limit: int = 50,
    offset: int = 0,
):
    meeting = selectors.meeting_for(request.user, meeting_id)
    qs = selectors.unlinked_opinions(meeting) if unlinked else meeting.opinions.all()
    page, count = _page(qs.order_by("pk"), limit, offset)
    return {"items": [opinion_out(o) for o in page], "count": count}


@router.post("/meetings/{meeting_id}/opinions", response={201: OpinionOut})
def opinions_create(request: AuthedRequest, meeting_id: MeetingId, payload: OpinionIn):
    meeting = selectors.meeting_for(request.user, meeting_id)
    o = services_prep.opinion_create(meeting=meeting, actor=request.user, **payload.dict())
    return Status(201, opinion_out(o))


@router.post("/meetings/{meeting_id}/opinions/import", response={201: OpinionList})
def opinions_import(request: AuthedRequest, meeting_id: MeetingId, file: File[UploadedFile]):
    meeting = selectors.meeting_for(request.user, meeting_id)
    refuse_oversize(file.size)
    created = services_prep.opinions_import(meeting=meeting, actor=request.user, data=file.read())
    return Status(201, {"items": [opinion_out(o) for o in created], "count": len(created)})


@router.patch("/meetings/{meeting_id}/opinions/{opinion_id}", response=OpinionOut)
def opinions_patch(
    request: AuthedRequest, meeting_id: MeetingId, opinion_id: int, payload: OpinionPatch
):
    meeting = selectors.meeting_for(request.user, meeting_id)
    opinion = get_object_or_404(Opinion, pk=opinion_id, meeting=meeting)
    return opinion_out(
        services_prep.opinion_link(opinion=opinion, actor=request.user, item=payload.item)
    )


class TalkIn(Schema):
    a: str
    b: str
    held_on: date
    topics: str
    note: str = ""


class TalkOut(Schema):
    id: int
    a: str
    b: str
    held_on: str
    topics: str
    note: str


class TalkList(Schema):
    items: list[TalkOut]
    count: int


def talk_out(t: HeartTalk) -> dict[str, Any]:
    return {
        "id": t.pk,
        "a": t.a.username,
        "b": t.b.username,
        "held_on": t.held_on.isoformat(),
        "topics": t.topics,
        "note": t.note,
    }


@router.get("/meetings/{meeting_id}/talks", response=TalkList)
def talks_list(request: AuthedRequest, meeting_id: int, limit: int = 50, offset: int = 0):
    meeting = selectors.meeting_for(request.user, meeting_id)
    qs = meeting.talks.select_related("a", "b").order_by("held_on", "pk")
    page, count = _page(qs, limit, offset)
    return {"items": [talk_out(t) for t in page], "count": count}


@router.post("/meetings/{meeting_id}/talks", response={201: TalkOut})
def talks_create(request: AuthedRequest, meeting_id: MeetingId, payload: TalkIn):
    meeting = selectors.meeting_for(request.user, meeting_id)
    t = services_prep.talk_record(meeting=meeting, actor=request.user, **payload.dict())
    return Status(201, talk_out(t))


class PairOut(Schema):
    a: str
    b: str


class CoverageOut(Schema):
    required: int
    done: int
    missing: list[PairOut]


@router.get("/meetings/{meeting_id}/talks/coverage", response=CoverageOut)
def talks_coverage(request: AuthedRequest, meeting_id: int):
    meeting = selectors.meeting_for(request.user, meeting_id)
    return selectors.talk_coverage(meeting).to_dict()


class MaterialList(Schema):
    items: list[dict]
    count: int


@router.get("/meetings/{meeting_id}/materials", response=MaterialList)
def materials_list(request: AuthedRequest, meeting_id: int, limit: int = 50, offset: int = 0):
    from orglife.materials.selectors import materials_visible_to

    meeting = selectors.meeting_for(request.user, meeting_id)
    qs = materials_visible_to(request.user).filter(meeting=meeting).select_related("author")
    page, count = _page(qs.order_by("kind", "pk"), limit, offset)
    return {"items": [material_out(m) for m in page], "count": count}


@router.post("/meetings/{meeting_id}/materials", response={201: dict})
def materials_upload(
    request: AuthedRequest,
    meeting_id: MeetingId,
    kind: Form[str],
    author: Form[str] = "",
    text: Form[str] = "",
    file: UploadedFile | None = File(None),  # noqa: B008 (ninja declares params so)
):
    meeting = selectors.meeting_for(request.user, meeting_id)
    person = None
    if author:
        found = selectors.people_by_username(meeting.org).get(author)
        if found is None:
            raise Invalid(f"不在本支部名册中：{author}")
        person = found.user
    upload, pasted = read_upload(file, text)
    record = material_services.material_file_version(
        actor=request.user, meeting=meeting, kind=kind, author=person, upload=upload, pasted=pasted
    )
    return Status(201, material_out(record))
