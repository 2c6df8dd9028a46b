"""From a branch material to its rectification ledger (减负: the problems and measures the
branch already wrote become ledger items; nobody retypes them)."""

from __future__ import annotations

import re

from django.db import transaction

from orglife.core.errors import Conflict, Invalid
from orglife.documents.match import best_match
from orglife.documents.model import ASPECT_LABELS, Item
from orglife.ledger.deadlines import default_deadline
from orglife.ledger.models import Category, RectificationItem, Source
from orglife.ledger.services import item_create
from orglife.materials.models import InspectionMaterial
from orglife.orgs.models import User


def _title(aspect: str | None, heading: str, text: str) -> str:
    first = re.split(r"[，。；：:]", text, maxsplit=1)[0].strip() or heading
    label = ASPECT_LABELS.get(aspect or "", "") or heading.removesuffix("方面")
    return (f"{label}：{first}" if label and label not in first else first)[:200]


def _joined(item: Item | None) -> str:
    if item is None:
        return ""
    body = "".join(item.paragraphs)
    return f"{item.heading}。{body}" if item.heading and body else item.heading or body


@transaction.atomic
def ledger_items_from_material(
    *, record: InspectionMaterial, actor: User
) -> list[RectificationItem]:
    """One ledger item per problem of a branch material, with its matching cause and measure.

    Deadlines default to 15 days (a setting) after the meeting's date, planned or held; owners are left for the
    secretary to assign. Refused when the branch's items for that meeting already exist.
    """
    if record.kind != InspectionMaterial.Kind.BRANCH:
        raise Invalid("只有班子对照检查材料可以生成整改台账")
    material = record.material()
    problems = material.section("problems")
    if problems is None or not problems.items:
        raise Invalid("材料中没有找到“存在的问题”部分的条目，无法生成整改事项")
    year = record.meeting.year if record.meeting else record.year
    if RectificationItem.objects.filter(
        org=record.org, meeting_year=year, source=Source.MEETING
    ).exists():
        raise Conflict(f"{record.org.name}{year}年组织生活会的整改事项已经登记，请在整改台账中查看")
    # The meeting's date drives the default: held, else planned (from its plan), else today.
    meeting = record.meeting
    deadline = default_deadline(
        held_on=meeting.held_on if meeting else None,
        planned_on=meeting.planned_on if meeting else None,
    )
    causes, measures = material.section("causes"), material.section("measures")
    created = []
    for problem in problems.items:
        text = "".join(problem.paragraphs) or problem.heading
        category = problem.aspect if problem.aspect in Category.values else Category.OTHER
        created.append(
            item_create(
                org=record.org,
                actor=actor,
                data={
                    "title": _title(problem.aspect, problem.heading, text),
                    "description": text,
                    "category": category,
                    "source": Source.MEETING,
                    "meeting_year": year,
                    "root_cause": _joined(best_match(text, causes, problem.aspect)),
                    "measures": _joined(best_match(text, measures, problem.aspect)),
                    "kind": "deadline",
                    "deadline": deadline,
                },
            )
        )
    return created
