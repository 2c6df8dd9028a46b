"""Writes for the preparation: study sessions, heart-to-heart talks, opinions, reminders."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from orglife.core.errors import Forbidden, Invalid
from orglife.documents.safe_zip import check_size, check_zip
from orglife.errors import InputError
from orglife.ledger.models import RectificationItem
from orglife.meetings.models import (
    HeartTalk,
    LifeMeeting,
    Opinion,
    OpinionSource,
    StudyAttendance,
    StudySession,
)
from orglife.meetings.permissions import Seat, can_run, meeting_seats
from orglife.meetings.selectors import people_by_username
from orglife.orgs.models import User

log = logging.getLogger(__name__)
MAX_OPINION_ROWS = 2000


def _require_runner(actor: User, meeting: LifeMeeting, what: str) -> set[str]:
    seats = meeting_seats(actor, meeting)
    if not can_run(seats):
        raise Forbidden(f"只有支部书记或支委委员可以{what}", log=f"user {actor.pk}: {what}")
    return seats


def _roster_users(meeting: LifeMeeting, usernames: list[str]) -> list[User]:
    roster = people_by_username(meeting.org)
    unknown = [u for u in usernames if u not in roster]
    if unknown:
        raise Invalid(f"不在本支部名册中：{'、'.join(unknown)}")
    return [roster[u].user for u in dict.fromkeys(usernames)]


@dataclass
class Absence:
    person: str
    reason: str


@transaction.atomic
def study_record(
    *,
    meeting: LifeMeeting,
    actor: User,
    held_on: date,
    topic: str,
    texts: str,
    attendees: list[str],
    absent: list[Absence] | None = None,
) -> StudySession:
    """Record a collective study with who attended and who was absent, and why."""
    _require_runner(actor, meeting, "记录学习研讨")
    topic = topic.strip()
    if not topic:
        raise Invalid("请填写学习主题")
    absent = absent or []
    present = _roster_users(meeting, attendees)
    if not present:
        raise Invalid("请选择参加学习的党员")
    away = _roster_users(meeting, [a.person for a in absent])
    if {u.pk for u in present} & {u.pk for u in away}:
        raise Invalid("同一人不能既出席又缺席")
    for a in absent:
        if not a.reason.strip():
            raise Invalid("请填写缺席原因")
    session = StudySession.objects.create(
        meeting=meeting, held_on=held_on, topic=topic[:300], texts=texts.strip(), created_by=actor
    )
    StudyAttendance.objects.bulk_create(
        [StudyAttendance(session=session, person=u) for u in present]
        + [
            StudyAttendance(session=session, person=u, present=False, reason=a.reason.strip()[:200])
            for u, a in zip(away, absent, strict=True)
        ]
    )
    return session


@transaction.atomic
def talk_record(
    *,
    meeting: LifeMeeting,
    actor: User,
    a: str,
    b: str,
    held_on: date,
    topics: str,
    note: str = "",
) -> HeartTalk:
    """Record a talk: the secretary or a 支委, or one of the two people themselves."""
    seats = meeting_seats(actor, meeting)
    if not seats & {Seat.SECRETARY, Seat.COMMITTEE_MEMBER, Seat.MEMBER}:
        raise Forbidden("您不能为本支部记录谈心谈话")
    if a == b:
        raise Invalid("谈心谈话须是两个人")
    first, second = _roster_users(meeting, [a, b])
    if not can_run(seats) and actor.pk not in {first.pk, second.pk}:
        raise Forbidden("党员只能记录自己参加的谈心谈话")
    if not topics.strip():
        raise Invalid("请填写谈话主题")
    return HeartTalk.objects.create(
        meeting=meeting,
        a=first,
        b=second,
        held_on=held_on,
        topics=topics.strip()[:500],
        note=note.strip(),
        created_by=actor,
    )


def _source(value: str) -> str:
    labels = {label: v for v, label in OpinionSource.choices}
    value = labels.get(value.strip(), value.strip())
    if value not in OpinionSource.values:
        choices = "、".join(f"{v}（{label}）" for v, label in OpinionSource.choices)
        raise Invalid(f"意见来源不正确，可选：{choices}")
    return value


def _linkable_item(meeting: LifeMeeting, item_id: int | None) -> RectificationItem | None:
    if item_id is None:
        return None
    item = RectificationItem.objects.filter(pk=item_id, org=meeting.org).first()
    if item is None:
        raise Invalid("整改事项不存在，或不属于本支部")
    return item


@transaction.atomic
def opinion_create(
    *,
    meeting: LifeMeeting,
    actor: User,
    source: str,
    text: str,
    anonymous: bool = True,
    given_by: str = "",
    item: int | None = None,
) -> Opinion:
    """An opinion gathered before the meeting (anonymous unless a name is given)."""
    _require_runner(actor, meeting, "登记征求意见")
    text = text.strip()
    if not text:
        raise Invalid("请填写意见内容")
    return Opinion.objects.create(
        meeting=meeting,
        source=_source(source),
        text=text[:5000],
        anonymous=anonymous or not given_by.strip(),
        given_by="" if anonymous else given_by.strip()[:100],
        item=_linkable_item(meeting, item),
        created_by=actor,
    )


@transaction.atomic
def opinion_link(*, opinion: Opinion, actor: User, item: int | None) -> Opinion:
    """Link an opinion to the ledger item it became (an item of the same branch)."""
    _require_runner(actor, opinion.meeting, "处理征求意见")
    opinion = Opinion.objects.select_for_update().get(pk=opinion.pk)
    opinion.item = _linkable_item(opinion.meeting, item)
    opinion.save(update_fields=["item"])
    return opinion


HEADERS = {"source": ("来源", "意见来源"), "text": ("意见", "意见内容", "内容"), "by": ("提出人",)}


def _xlsx_rows(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        check_size(len(data))
        check_zip(data)  # the same zip-bomb checks as every zip-based upload
    except InputError as exc:
        raise Invalid(exc.message, log=exc.english) from exc
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise Invalid("无法读取该 Excel 文件，请确认是 .xlsx 格式", log=f"bad xlsx: {exc}") from exc
    rows: list[list[str]] = []
    for row in wb.worksheets[0].iter_rows(values_only=True, max_col=10):
        rows.append(["" if v is None else str(v).strip() for v in row])
        if len(rows) > MAX_OPINION_ROWS + 1:
            wb.close()
            raise Invalid(f"一次最多导入 {MAX_OPINION_ROWS} 条意见")
    wb.close()
    return rows


@transaction.atomic
def opinions_import(*, meeting: LifeMeeting, actor: User, data: bytes) -> list[Opinion]:
    """Opinions from an .xlsx (columns 来源, 意见内容, optional 提出人): all rows or none."""
    _require_runner(actor, meeting, "导入征求意见")
    rows = _xlsx_rows(data)
    if not rows:
        raise Invalid("表格是空的")
    header = rows[0]
    col = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                col[key] = i
    if "text" not in col or "source" not in col:
        raise Invalid("表格第一行须有“来源”和“意见内容”两列")
    created, errors = [], []
    for n, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        cell = {k: (row[i] if i < len(row) else "") for k, i in col.items()}
        try:
            created.append(
                opinion_create(
                    meeting=meeting,
                    actor=actor,
                    source=cell["source"],
                    text=cell["text"],
                    anonymous=not cell.get("by"),
                    given_by=cell.get("by", ""),
                )
            )
        except Invalid as exc:
            errors.append(f"第{n}行：{exc.message}")
    if errors:
        raise Invalid("导入未完成，请修改后重试：" + "；".join(errors[:10]))
    return created


def materials_remind(*, meeting: LifeMeeting, actor: User, rows: list) -> int:
    """Email the members whose material is not started or was returned; the count sent."""
    if Seat.SECRETARY not in meeting_seats(actor, meeting):
        raise Forbidden("只有支部书记可以发送提醒")
    sent = 0
    for row in rows:
        if row.state not in {"not_started", "returned"} or not row.person.email:
            continue
        what = "尚未提交" if row.state == "not_started" else "已被退回，请修改后重新提交"
        send_mail(
            subject=f"【组织生活会】{meeting.title}：个人对照检查材料提醒",
            message=f"{row.person.display_name}同志：您的个人对照检查材料{what}。",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[row.person.email],
            fail_silently=True,
        )
        sent += 1
    log.info("meeting %s: %s material reminders by %s", meeting.pk, sent, actor.username)
    return sent
