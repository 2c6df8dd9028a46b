"""Sections 一 and 二 of the branch material, written from what was recorded (减负).

A starting text the secretary may take into the branch material or download as Word:
offered, never imposed. Section 一 comes from the ledger's carry-forward; section 二 from
the plan, the studies, the talks and the opinions of this meeting.
"""

from __future__ import annotations

from django.db.models import Count

from orglife.documents.parse import parse_text
from orglife.documents.render import render_docx
from orglife.ledger.carry_forward import carry_forward_text
from orglife.meetings.models import LifeMeeting, MeetingPlan, OpinionSource, PlanStatus
from orglife.meetings.selectors import materials_overview, talk_coverage


def _d(value) -> str:
    return f"{value:%Y年%-m月%-d日}"


def _plan_sentence(meeting: LifeMeeting) -> str:
    plan = MeetingPlan.objects.filter(meeting=meeting).first()
    if plan is None or plan.status != PlanStatus.APPROVED:
        return "支部委员会研究制定会议方案，报上级党组织审核。"
    approved = plan.events.filter(action="approve").order_by("-at").first()
    when = f"，于{_d(approved.at)}经上级党组织审核批准" if approved else "，经上级党组织审核批准"
    place = f"在{plan.place}" if plan.place else ""
    date = f"会议定于{_d(plan.planned_on)}{place}召开" if plan.planned_on else ""
    return (
        f"支部委员会研究制定会议方案，明确了会议时间、参会人员、会议形式和有关要求{when}。{date}。"
    )


def _study_sentence(meeting: LifeMeeting) -> str:
    studies = list(meeting.studies.order_by("held_on", "pk"))
    if not studies:
        return "会前集中学习尚未记录。"
    parts = []
    for s in studies:
        texts = f"，学习了{s.texts.strip()}" if s.texts.strip() else ""
        parts.append(f"{_d(s.held_on)}围绕“{s.topic}”开展集中学习研讨{texts}")
    return f"支部共组织集中学习研讨{len(studies)}次：" + "；".join(parts) + "。"


def _talk_sentence(meeting: LifeMeeting) -> str:
    count = meeting.talks.count()
    cov = talk_coverage(meeting)
    tail = "，实现必谈范围全覆盖" if cov.required and not cov.missing else ""
    return (
        f"按照“班子成员之间必谈，班子成员和党员之间广泛谈”的要求，共开展谈心谈话{count}人次，"
        f"必谈的{cov.required}对中已谈{cov.done}对{tail}，相互指出问题、交流思想。"
    )


def _opinion_sentence(meeting: LifeMeeting) -> str:
    rows = dict(meeting.opinions.values_list("source").annotate(n=Count("pk")))
    total = sum(rows.values())
    if not total:
        return "会前征求意见尚未记录。"
    labels = dict(OpinionSource.choices)
    by = "、".join(f"{labels[k]}{n}条" for k, n in rows.items() if n)
    return f"通过座谈、个别访谈等方式广泛征求意见建议{total}条（其中{by}），梳理后作为查摆问题的重要参考。"


def _material_sentence(meeting: LifeMeeting) -> str:
    rows = materials_overview(meeting)
    approved = sum(1 for r in rows if r.state == "approved")
    return (
        f"支部书记主持起草班子对照检查材料；{len(rows)}名党员撰写个人对照检查材料，"
        f"已审核通过{approved}份。"
    )


def draft_text(meeting: LifeMeeting) -> str:
    """The starting text: a title, section 一 and section 二 (the rest is the branch's)."""
    carry = carry_forward_text(org=meeting.org, year=meeting.year)
    return "\n".join(
        [
            f"{meeting.org.name}{meeting.title}班子对照检查材料",
            "一、上一次组织生活会问题整改落实情况",
            carry,
            "二、会前准备情况",
            "（一）制定会议方案。" + _plan_sentence(meeting),
            "（二）认真开展学习。" + _study_sentence(meeting),
            "（三）深入谈心谈话。" + _talk_sentence(meeting),
            "（四）广泛征求意见。" + _opinion_sentence(meeting),
            "（五）撰写对照检查材料。" + _material_sentence(meeting),
        ]
    )


def draft_docx(text: str) -> bytes:
    """The (possibly edited) starting text as an official-format Word file."""
    return render_docx(parse_text(text))
