"""Meeting pages, part 1: the list, the checklist of stages, plan, study, talks, opinions,
the meeting's materials and the drafting help. Thin: selectors read, services write."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template

from orglife.core import audit, clock
from orglife.core.errors import Invalid
from orglife.core.pages import flash_back, on_refusal
from orglife.core.uploads import refuse_oversize
from orglife.ledger.models import RectificationItem
from orglife.materials import services as material_services
from orglife.materials.selectors import materials_visible_to
from orglife.meetings import drafting, selectors, services_plan, services_prep
from orglife.meetings.docx_plan import plan_docx
from orglife.meetings.models import MeetingFormat, Opinion, OpinionSource, PlanStatus
from orglife.meetings.permissions import Seat, can_run, meeting_seats
from orglife.meetings.services_plan import PLAN_FLOW
from orglife.meetings.stages import STAGES, meeting_stage, meeting_stages
from orglife.meetings.uploads import read_upload
from orglife.orgs import selectors as org_selectors
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import Membership, Organization
from orglife.review.engine import list_profiles

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
AFTER_PARTIAL = "meetings/_after_stages.html"  # part 2 of the lifecycle adds its stages here


def _date(value: str, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Invalid(f"{label}格式不正确（应为 年-月-日）") from exc


def _required_date(value: str, label: str) -> date:
    d = _date(value, label)
    if d is None:
        raise Invalid(f"请填写{label}")
    return d


def _ctx(request: AuthedRequest, pk: int, **extra) -> dict:
    meeting = selectors.meeting_for(request.user, pk)
    seats = meeting_seats(request.user, meeting)
    return {
        "meeting": meeting,
        "seats": seats,
        "is_secretary": Seat.SECRETARY in seats,
        "can_run": can_run(seats),
        "stage": meeting_stage(meeting),
        "stage_label": STAGES[meeting_stage(meeting)],
        **extra,
    }


@login_required
@on_refusal(flash_back("meetings:list"))
def meeting_list(request: AuthedRequest) -> HttpResponse:
    if request.method == "POST":
        org = get_object_or_404(
            org_selectors.branches_visible_to(request.user), pk=request.POST.get("org") or 0
        )
        try:
            year = int(request.POST.get("year", ""))
        except ValueError as exc:
            raise Invalid("年度不正确") from exc
        meeting = services_plan.meeting_create(
            actor=request.user,
            org=org,
            year=year,
            title=request.POST.get("title", ""),
            theme_profile=request.POST.get("theme_profile", ""),
            format=request.POST.get("format") or MeetingFormat.BRANCH_CONGRESS,
        )
        messages.success(request, "组织生活会已创建，下一步：制定会议方案。")
        return redirect("meetings:detail", pk=meeting.pk)
    qs = selectors.meetings_visible_to(request.user).order_by("-year", "org__path", "pk")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    stages = meeting_stages(list(page))
    rows = [(m, STAGES[stages[m.pk]]) for m in page]
    # Branches where this person is secretary or deputy (the admin: every branch), in one
    # query rather than a seat lookup per branch.
    creatable = org_selectors.orgs_managed_by(request.user).filter(kind=Organization.Kind.BRANCH)
    if not request.user.is_superuser:
        creatable = creatable.filter(
            memberships__user=request.user, memberships__role__in=Membership.LEADERS
        ).distinct()
    return render(
        request,
        "meetings/list.html",
        {
            "page": page,
            "rows": rows,
            "creatable": creatable,
            "formats": MeetingFormat.choices,
            "profiles": list_profiles(),
            "this_year": clock.today().year,
        },
    )


def checklist(meeting, seats) -> list[dict]:
    """The stages of the preparation: done, what is missing, who must act next."""
    from orglife.meetings.models import MeetingPlan

    plan = MeetingPlan.objects.filter(meeting=meeting).first()
    plan_status = plan.status if plan else PlanStatus.DRAFT
    studies = meeting.studies.count()
    cov = selectors.talk_coverage(meeting)
    opinions = meeting.opinions.count()
    unlinked = selectors.unlinked_opinions(meeting).count()
    rows = selectors.materials_overview(meeting)
    branch = selectors.branch_material(meeting)
    approved = sum(1 for r in rows if r.state == "approved")
    plan_next: dict[str, str] = {
        PlanStatus.DRAFT: "支部书记：填写并报送方案",
        PlanStatus.RETURNED: "支部书记：按退回意见修改后重新报送",
        PlanStatus.SUBMITTED: "机关党委审核人：审核方案",
        PlanStatus.APPROVED: "",
    }
    study_rule = selectors.study_rule_refusal(meeting)
    return [
        {
            "name": "会议方案",
            "url": "meetings:plan",
            "done": plan_status == PlanStatus.APPROVED,
            "state": PlanStatus(plan_status).label,
            "next": plan_next[plan_status],
        },
        {
            "name": "学习研讨",
            "url": "meetings:studies",
            "done": studies > 0,
            "state": f"已学习 {studies} 次",
            "next": "支部书记或支委：组织集中学习并记录" if study_rule else "",
        },
        {
            "name": "谈心谈话",
            "url": "meetings:talks",
            "done": cov.required > 0 and not cov.missing,
            "state": f"必谈 {cov.done}/{cov.required} 对",
            "next": f"还有 {len(cov.missing)} 对未谈" if cov.missing else "",
        },
        {
            "name": "征求意见",
            "url": "meetings:opinions",
            "done": opinions > 0 and not unlinked,
            "state": f"{opinions} 条意见，{unlinked} 条未对应整改事项",
            "next": "支部书记：登记意见并对应整改事项" if not opinions or unlinked else "",
        },
        {
            "name": "对照检查材料",
            "url": "meetings:materials",
            "done": bool(branch and branch.status == "approved") and approved == len(rows),
            "state": f"班子材料：{branch.get_status_display() if branch else '未开始'}；"
            f"个人材料 {approved}/{len(rows)} 份审核通过",
            "next": "" if approved == len(rows) else "党员：撰写并报送个人材料；书记：审核",
        },
    ]


@login_required
@on_refusal(flash_back("meetings:detail", pk="pk"))
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":  # the secretary names the branch material's drafter
        services_plan.meeting_name_drafter(
            meeting=meeting, actor=request.user, username=request.POST.get("drafter", "")
        )
        messages.success(request, "已指定班子对照检查材料起草人。")
        return redirect("meetings:detail", pk=pk)
    try:
        get_template(AFTER_PARTIAL)
        after = AFTER_PARTIAL
    except TemplateDoesNotExist:
        after = ""
    if after:
        from orglife.meetings.views_after import after_context

        ctx.update(
            {k: v for k, v in after_context(meeting, request.user).items() if k != "meeting"}
        )
    ctx.update(
        checklist=checklist(meeting, ctx["seats"]),
        after_partial=after,
        committee=[p for p in selectors.people(meeting.org) if p.committee],
        care=selectors.care_list(meeting.org) if ctx["is_secretary"] else [],
    )
    return render(request, "meetings/detail.html", ctx)


@login_required
@on_refusal(flash_back("meetings:plan", pk="pk"))
def plan_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":
        if request.POST.get("action"):
            services_plan.plan_transition(
                meeting=meeting,
                actor=request.user,
                action=request.POST["action"],
                note=request.POST.get("note", ""),
            )
            messages.success(request, "已提交。")
        else:
            services_plan.plan_save(
                meeting=meeting,
                actor=request.user,
                planned_on=_date(request.POST.get("planned_on", ""), "召开日期"),
                place=request.POST.get("place", ""),
                format=request.POST.get("format", ""),
                participants=request.POST.getlist("participants"),
                agenda=request.POST.get("agenda", ""),
                requirements=request.POST.get("requirements", ""),
            )
            messages.success(request, "方案已保存。")
        return redirect("meetings:plan", pk=pk)
    plan = services_plan.plan_of(meeting)
    chosen = set(plan.participants.values_list("pk", flat=True))
    ctx.update(
        plan=plan,
        editable=ctx["is_secretary"] and plan.status in services_plan.EDITABLE,
        moves=PLAN_FLOW.available(status=plan.status, seats=ctx["seats"]),
        events=plan.events.all(),
        people=selectors.people(meeting.org),
        chosen=chosen or None,
        formats=MeetingFormat.choices,
    )
    return render(request, "meetings/plan.html", ctx)


@login_required
def plan_download(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_for(request.user, pk)
    response = HttpResponse(plan_docx(services_plan.plan_of(meeting)), content_type=DOCX)
    name = f"{meeting.title}会议方案.docx"
    audit.record_file(request, name, meeting=meeting.pk)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@login_required
@on_refusal(flash_back("meetings:studies", pk="pk"))
def studies_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":
        present = request.POST.getlist("attendees")
        absent = [
            services_prep.Absence(u, request.POST.get(f"reason_{u}", ""))
            for u in request.POST.getlist("absent")
            if u not in present
        ]
        services_prep.study_record(
            meeting=meeting,
            actor=request.user,
            held_on=_required_date(request.POST.get("held_on", ""), "学习日期"),
            topic=request.POST.get("topic", ""),
            texts=request.POST.get("texts", ""),
            attendees=present,
            absent=absent,
        )
        messages.success(request, "学习研讨已记录。")
        return redirect("meetings:studies", pk=pk)
    qs = meeting.studies.prefetch_related("attendance__person").order_by("-held_on", "-pk")
    ctx.update(
        page=Paginator(qs, 20).get_page(request.GET.get("page")),
        people=selectors.people(meeting.org),
        rule=selectors.study_rule_refusal(meeting),
    )
    return render(request, "meetings/studies.html", ctx)


@login_required
@on_refusal(flash_back("meetings:talks", pk="pk"))
def talks_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":
        services_prep.talk_record(
            meeting=meeting,
            actor=request.user,
            a=request.POST.get("a", ""),
            b=request.POST.get("b", ""),
            held_on=_required_date(request.POST.get("held_on", ""), "谈话日期"),
            topics=request.POST.get("topics", ""),
            note=request.POST.get("note", ""),
        )
        messages.success(request, "谈心谈话已记录。")
        return redirect("meetings:talks", pk=pk)
    qs = meeting.talks.select_related("a", "b").order_by("-held_on", "-pk")
    ctx.update(
        page=Paginator(qs, 30).get_page(request.GET.get("page")),
        coverage=selectors.talk_coverage(meeting),
        people=selectors.people(meeting.org),
        care=selectors.care_list(meeting.org) if ctx["is_secretary"] else [],
    )
    return render(request, "meetings/talks.html", ctx)


@login_required
@on_refusal(flash_back("meetings:opinions", pk="pk"))
def opinions_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":
        if "opinion" in request.POST:
            opinion = get_object_or_404(Opinion, pk=request.POST["opinion"], meeting=meeting)
            item = request.POST.get("item", "")
            services_prep.opinion_link(
                opinion=opinion, actor=request.user, item=int(item) if item.isdecimal() else None
            )
            messages.success(request, "已更新对应的整改事项。")
        elif (upload := request.FILES.get("file")) is not None:
            refuse_oversize(upload.size)
            created = services_prep.opinions_import(
                meeting=meeting, actor=request.user, data=upload.read()
            )
            messages.success(request, f"已导入 {len(created)} 条意见。")
        else:
            services_prep.opinion_create(
                meeting=meeting,
                actor=request.user,
                source=request.POST.get("source", ""),
                text=request.POST.get("text", ""),
                anonymous=not request.POST.get("given_by", "").strip(),
                given_by=request.POST.get("given_by", ""),
            )
            messages.success(request, "意见已登记。")
        return redirect("meetings:opinions", pk=pk)
    only_unlinked = request.GET.get("unlinked") == "1"
    qs = selectors.unlinked_opinions(meeting) if only_unlinked else meeting.opinions.all()
    ctx.update(
        page=Paginator(qs.select_related("item").order_by("pk"), 30).get_page(
            request.GET.get("page")
        ),
        sources=OpinionSource.choices,
        unlinked=selectors.unlinked_opinions(meeting).count(),
        only_unlinked=only_unlinked,
        items=RectificationItem.objects.filter(org=meeting.org).order_by("-pk")[:200]
        if ctx["can_run"]
        else [],
    )
    return render(request, "meetings/opinions.html", ctx)


@login_required
@on_refusal(flash_back("meetings:materials", pk="pk"))
def materials_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    if request.method == "POST":
        if request.POST.get("remind"):
            sent = services_prep.materials_remind(
                meeting=meeting, actor=request.user, rows=selectors.materials_overview(meeting)
            )
            messages.success(request, f"已发送 {sent} 封提醒邮件（没有邮箱的党员请当面提醒）。")
            return redirect("meetings:materials", pk=pk)
        author = None
        if request.POST.get("author"):
            found = selectors.people_by_username(meeting.org).get(request.POST["author"])
            if found is None:
                raise Invalid("撰写人不在本支部名册中")
            author = found.user
        upload = request.FILES.get("file")
        parsed, pasted = read_upload(upload, request.POST.get("text", ""))
        record = material_services.material_file_version(
            actor=request.user,
            meeting=meeting,
            kind=request.POST.get("kind", "individual"),
            author=author,
            upload=parsed,
            pasted=pasted,
        )
        messages.success(request, f"已上传第{record.version}版，审核意见已生成。")
        return redirect("materials:material", pk=record.pk)
    visible = materials_visible_to(request.user).filter(meeting=meeting)
    rows = selectors.materials_overview(meeting)
    if not ctx["is_secretary"] and Seat.REVIEWER not in ctx["seats"]:
        rows = [r for r in rows if r.person.pk == request.user.pk]
    visible_ids = set(visible.values_list("pk", flat=True))
    branch = selectors.branch_material(meeting)
    from orglife.materials.permissions import may_file_branch

    ctx.update(
        rows=rows,
        visible_ids=visible_ids,
        branch=branch if branch and branch.pk in visible_ids else None,
        may_file_branch=may_file_branch(request.user, meeting.org, meeting),
        unlinked=selectors.unlinked_opinions(meeting).count() if ctx["is_secretary"] else 0,
        text=request.GET.get("text", ""),
    )
    return render(request, "meetings/materials.html", ctx)


@login_required
def drafting_page(request: AuthedRequest, pk: int) -> HttpResponse:
    ctx = _ctx(request, pk)
    meeting = ctx["meeting"]
    from orglife.materials.permissions import may_file_branch

    if not may_file_branch(request.user, meeting.org, meeting):
        from orglife.core.errors import Forbidden

        raise Forbidden("班子对照检查材料由支部书记或书记指定的支委委员起草")
    if request.method == "POST":  # the (edited) starting text as a Word file
        text = request.POST.get("text", "").strip() or drafting.draft_text(meeting)
        response = HttpResponse(drafting.draft_docx(text), content_type=DOCX)
        name = f"{meeting.title}班子对照检查材料（初稿）.docx"
        audit.record_file(request, name, meeting=meeting.pk)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response
    ctx.update(
        text=drafting.draft_text(meeting),
        unlinked=selectors.unlinked_opinions(meeting).count(),
    )
    return render(request, "meetings/drafting.html", ctx)
