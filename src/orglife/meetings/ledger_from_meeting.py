"""The ledger from the whole meeting in one step (减负: nobody retypes a problem).

Every problem the meeting's materials raise becomes a ledger item: sections 三 (problems),
四 (typical case) and 五 (governance review) of the branch material and the problems of
every individual material — each with the cause and measure its own material pairs with it
(``documents.match``) and a link back to the paragraph it came from. Running it again (or
ten times at once) adds nothing: the meeting row is locked while it runs and the ledger
has a unique constraint on (meeting, material, version, section, paragraph).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from orglife.core.errors import Forbidden, Invalid
from orglife.documents.match import best_match
from orglife.documents.model import Material, Section
from orglife.ledger.models import Category, RectificationItem, Source
from orglife.ledger.services import item_create, item_link_origin
from orglife.materials.models import InspectionMaterial
from orglife.materials.rectification import _joined, _title
from orglife.meetings import selectors_after as sel
from orglife.meetings.models import LifeMeeting
from orglife.meetings.permissions import Seat, meeting_seats
from orglife.meetings.services_record import event, lock_meeting
from orglife.orgs.models import User

log = logging.getLogger(__name__)

BRANCH_ROLES = ("problems", "case_analysis", "governance_review")
INDIVIDUAL_ROLES = ("problems",)


@dataclass(frozen=True)
class Source_:
    """One paragraph (or numbered point) of a material that raises a problem."""

    material: InspectionMaterial
    version: int
    section: Section
    index: int
    heading: str
    text: str
    aspect: str | None

    @property
    def key(self) -> tuple[int, int, str, int]:
        return (
            self.material.pk,
            self.version,
            self.section.number or self.section.role,
            self.index,
        )


def meeting_materials(meeting: LifeMeeting) -> list[InspectionMaterial]:
    """The latest branch material and the latest individual material of each author."""
    latest: dict[tuple[str, int | None], InspectionMaterial] = {}
    for record in InspectionMaterial.objects.filter(meeting=meeting).order_by("created_at", "pk"):
        latest[(record.kind, record.author_id)] = record
    branch = [r for r in latest.values() if r.kind == InspectionMaterial.Kind.BRANCH]
    individual = [r for r in latest.values() if r.kind != InspectionMaterial.Kind.BRANCH]
    return branch[-1:] + sorted(individual, key=lambda r: r.pk)


def _points(section: Section) -> list[tuple[int, str, str, str | None]]:
    """(index, heading, text, aspect) for each point: its items, or else its paragraphs."""
    if section.items:
        return [
            (n, it.heading, "".join(it.paragraphs) or it.heading, it.aspect)
            for n, it in enumerate(section.items)
        ]
    return [(n, "", p, None) for n, p in enumerate(section.paragraphs) if p.strip()]


def sources_of(record: InspectionMaterial) -> list[Source_]:
    material: Material = record.material()
    roles = BRANCH_ROLES if record.kind == InspectionMaterial.Kind.BRANCH else INDIVIDUAL_ROLES
    out = []
    for section in material.sections:
        if section.role not in roles:
            continue
        for index, heading, text, aspect in _points(section):
            out.append(Source_(record, record.version, section, index, heading, text, aspect))
    return out


def _data(meeting: LifeMeeting, src: Source_) -> dict:
    material = src.material.material()
    causes, measures = material.section("causes"), material.section("measures")
    title = _title(src.aspect, src.heading, src.text)
    if src.material.kind != InspectionMaterial.Kind.BRANCH and src.material.author:
        title = f"{src.material.author.display_name}：{title}"[:200]
    elif src.section.role != "problems":
        label = "典型案例剖析" if src.section.role == "case_analysis" else "政绩观和基层治理检视"
        title = f"{label}：{title}"[:200]
    description = (
        f"{src.heading}。{src.text}" if src.heading and src.heading not in src.text else src.text
    )
    return {
        "title": title,
        "description": description,
        "category": src.aspect if src.aspect in Category.values else Category.OTHER,
        "source": Source.MEETING,
        "meeting_year": meeting.year,
        "root_cause": _joined(best_match(src.text, causes, src.aspect)),
        "measures": _joined(best_match(src.text, measures, src.aspect)),
        "kind": "deadline",
        "deadline": sel._default_deadline(meeting),
        "owner": (
            src.material.author.username
            if src.material.kind != InspectionMaterial.Kind.BRANCH and src.material.author
            else None
        ),
    }


def _origin(meeting: LifeMeeting, src: Source_) -> dict:
    material, version, section, paragraph = src.key
    return {
        "meeting": meeting,
        "source_material": material,
        "source_version": version,
        "source_section": section,
        "source_paragraph": paragraph,
    }


def _legacy_items(meeting: LifeMeeting) -> list[RectificationItem]:
    return list(
        RectificationItem.objects.filter(
            org=meeting.org, meeting_year=meeting.year, source=Source.MEETING, meeting=None
        ).order_by("pk")
    )


def _squash(text: str) -> str:
    return "".join(text.split())


def _same_problem(items: list[RectificationItem], src: Source_) -> RectificationItem | None:
    """An unlinked item whose problem text is this paragraph's (its start is enough)."""
    head = _squash(src.text)[:20]
    if len(head) < 8:
        return None
    return next((i for i in items if head in _squash(i.description)), None)


def _existing_keys(meeting: LifeMeeting) -> set[tuple]:
    return set(
        RectificationItem.objects.filter(meeting=meeting).values_list(
            "source_material", "source_version", "source_section", "source_paragraph"
        )
    )


def ledger_from_meeting(*, meeting: LifeMeeting, actor: User) -> dict:
    """Create the items still missing; answers how many were created and how many exist."""
    seats = meeting_seats(actor, meeting)
    if not seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER, Seat.REVIEWER}:
        raise Forbidden("只有支部书记、支委或上级审核人可以生成整改台账", log=f"{actor} ledger")
    with transaction.atomic():
        meeting = lock_meeting(meeting)
        records = meeting_materials(meeting)
        if not records:
            raise Invalid("这次会议还没有对照检查材料，无法生成整改台账", log="no materials")
        existing = _existing_keys(meeting)
        legacy = _legacy_items(meeting)
        created: list[RectificationItem] = []
        adopted = 0
        for record in records:
            for src in sources_of(record):
                if src.key in existing:
                    continue
                old = _same_problem(legacy, src)
                if old is not None:
                    # Registered before items were linked (the section 三 button, an import):
                    # link it rather than register the same problem twice.
                    item_link_origin(item=old, actor=actor, origin=_origin(meeting, src))
                    legacy.remove(old)
                    existing.add(src.key)
                    adopted += 1
                    continue
                try:
                    # A savepoint: if another transaction slipped the same paragraph in
                    # (possible only without the lock, e.g. a future caller), skip it.
                    with transaction.atomic():
                        item = item_create(
                            org=meeting.org,
                            actor=actor,
                            data=_data(meeting, src),
                            origin=_origin(meeting, src),
                        )
                except IntegrityError:
                    log.info("ledger item for %s exists already", src.key)
                    continue
                existing.add(src.key)
                created.append(item)
        if created or adopted:
            event(
                meeting,
                actor=actor,
                action="ledger_from_meeting",
                changes={"created": [i.pk for i in created]},
            )
        total = RectificationItem.objects.filter(meeting=meeting).count()
    return {"created": len(created), "linked": adopted, "count": total}


def items_of(meeting: LifeMeeting):
    return (
        RectificationItem.objects.filter(meeting=meeting)
        .select_related("owner", "leader", "verified_by", "org")
        .prefetch_related("evidence")
        .order_by("pk")
    )
