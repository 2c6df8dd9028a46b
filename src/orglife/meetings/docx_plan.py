"""The plan (会议方案) as an official-format Word file, generated from its fields (减负)."""

from __future__ import annotations

from orglife.documents.model import Material, Section
from orglife.documents.render import render_docx
from orglife.meetings.models import MeetingPlan

NUMBERS = "一二三四五六七八九十"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def plan_material(plan: MeetingPlan) -> Material:
    """The plan in the Material model, so it renders with the GB/T 9704 styles of materials."""
    meeting = plan.meeting
    chosen = plan.participants.order_by("name", "username") if plan.pk else []
    people = "、".join(u.display_name for u in chosen)
    when = f"{plan.planned_on:%Y年%-m月%-d日}" if plan.planned_on else "待定"
    parts = [
        ("会议时间", [when]),
        ("会议地点", [plan.place or "待定"]),
        ("会议形式", [plan.get_format_display()]),
        ("参会人员", [people or "支部全体党员"]),
        ("会议议程", _lines(plan.agenda) or ["待定"]),
        ("有关要求", _lines(plan.requirements) or ["无"]),
    ]
    return Material(
        title=f"{meeting.org.name}关于召开{meeting.title}的方案",
        kind="unknown",
        preamble=[
            f"根据上级党组织关于开好{meeting.year}年度组织生活会的要求，"
            f"经支部委员会研究，制定本方案。"
        ],
        sections=[
            Section(number=NUMBERS[i], heading=heading, paragraphs=paragraphs)
            for i, (heading, paragraphs) in enumerate(parts)
        ],
    )


def plan_docx(plan: MeetingPlan) -> bytes:
    return render_docx(plan_material(plan))
