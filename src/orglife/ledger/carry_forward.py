"""“上一次组织生活会问题整改落实情况”, written by the ledger instead of by hand (docs/domain.md:
what is entered once flows into every document that needs it).

For a branch and the year of the meeting being prepared, the previous meeting is the
latest earlier year with items; the text says what was fixed (with its evidence and
verified effect) and what is still open and why.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from orglife.core import clock
from orglife.ledger.models import ExtensionRequest, ItemEvent, RectificationItem
from orglife.orgs.models import Organization

_DIGITS = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    """一, 十一, 二十, 一百零五, 一千二百…: a ledger may hold more than 99 items."""
    if n < 1:
        return str(n)
    if n < 20:
        return ("十" if n >= 10 else "") + (_DIGITS[n % 10 - 1] if n % 10 else "")
    if n >= 10000:
        return str(n)
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + _DIGITS[digit - 1] + unit
            zero = False
        elif out:
            zero = True
    return out


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip()
    if text and text[-1] not in "。！？；":
        text += "。"
    return text


def _first_sentence(text: str, limit: int = 120) -> str:
    text = " ".join(text.split()).strip()
    for mark in "。；":
        if mark in text:
            text = text.split(mark, 1)[0]
            break
    return _sentence(text[:limit])


def _fixed(item: RectificationItem) -> str:
    parts = [_sentence(item.title)]
    if item.measures:
        parts.append("整改措施：" + _first_sentence(item.measures))
    if item.effect:
        parts.append("整改实效：" + _sentence(item.effect))
    names = [e.original_name for e in item.evidence.all()]
    closed = timezone.localdate(item.closed_at) if item.closed_at else None
    tail = []
    if names:
        tail.append("佐证材料：" + "、".join(names))
    if item.verified_by and closed:
        tail.append(f"经{item.verified_by.display_name}验收，于{closed:%Y年%m月%d日}销号")
    if tail:
        parts.append("（" + "；".join(tail) + "）。")
    return "".join(parts)


def _why_open(item: RectificationItem, today: date) -> str:
    reasons = []
    # Rejections, approved extensions and progress are prefetched by
    # carry_forward_from_items (newest first), so a long ledger costs no query per item.
    last_reject = next(iter(item.rejections), None)  # type: ignore[attr-defined]
    if last_reject and item.status != "submitted":
        reasons.append(f"验收时被退回，原因是{_sentence(last_reject.note).rstrip('。')}")
    extension = next(iter(item.approved_extensions), None)  # type: ignore[attr-defined]
    if extension:
        reasons.append(
            f"经批准延期至{extension.new_deadline:%Y年%m月%d日}，延期理由是"
            f"{_sentence(extension.reason).rstrip('。')}"
        )
    progress = max(item.progress_entries.all(), key=lambda p: (p.on, p.pk), default=None)
    if progress:
        reasons.append(
            f"最新进展（{progress.on:%m月%d日}）：{_sentence(progress.text).rstrip('。')}"
        )
    if item.is_long_term:
        reasons.append(f"属长期坚持事项，每{item.interval_days()}天报送一次进展")
    elif item.overdue_on(today):
        reasons.append(f"已超过完成时限（{item.deadline:%Y年%m月%d日}），须加快推进")
    elif item.deadline:
        reasons.append(f"计划于{item.deadline:%Y年%m月%d日}前完成")
    return "；".join(reasons) + "。"


def previous_year(*, org: Organization, year: int) -> int | None:
    return RectificationItem.objects.filter(org=org, meeting_year__lt=year).aggregate(
        y=Max("meeting_year")
    )["y"]


def carry_forward_text(*, org: Organization, year: int) -> str:
    """The text of 上一次组织生活会问题整改落实情况 for ``org``'s meeting in ``year``."""
    prev = previous_year(org=org, year=year)
    if prev is None:
        return f"{org.name}整改台账中没有{year}年以前组织生活会的整改事项。"
    items = RectificationItem.objects.filter(org=org, meeting_year=prev)
    return carry_forward_from_items(year=prev, items=items)


def carry_forward_from_items(*, year: int, items: QuerySet[RectificationItem]) -> str:
    """The same text from a given set of items (a meeting's own ledger, for instance)."""
    today = clock.today()
    prev = year
    rows = list(
        items.select_related("owner", "verified_by")
        .prefetch_related(
            "evidence",
            "progress_entries",
            Prefetch(
                "events",
                queryset=ItemEvent.objects.filter(action=ItemEvent.Action.REJECT).order_by(
                    "-at", "-pk"
                ),
                to_attr="rejections",
            ),
            Prefetch(
                "extension_requests",
                queryset=ExtensionRequest.objects.filter(
                    status=ExtensionRequest.State.APPROVED
                ).order_by("-decided_at", "-pk"),
                to_attr="approved_extensions",
            ),
        )
        .order_by("pk")
    )
    closed = [i for i in rows if i.is_closed]
    open_ = [i for i in rows if not i.is_closed]
    long_term = sum(1 for i in open_ if i.is_long_term)
    rate = round(100 * len(closed) / len(rows)) if rows else 0
    lines = [
        f"针对{prev}年组织生活会查摆出来的{len(rows)}个问题，支部班子逐项制定整改措施，"
        f"明确责任人和完成时限，建立整改台账，对账销号。截至{today:%Y年%m月%d日}，"
        f"已完成整改并验收销号{len(closed)}项，正在整改{len(open_)}项"
        + (f"（其中长期坚持{long_term}项）" if long_term else "")
        + f"，整改完成率{rate}%。"
    ]
    if closed:
        lines.append("（一）已完成整改的问题")
        lines += [f"{_chinese_number(n)}是{_fixed(i)}" for n, i in enumerate(closed, start=1)]
    if open_:
        lines.append(f"（{'二' if closed else '一'}）尚未完成整改的问题")
        lines += [
            f"{_chinese_number(n)}是{_sentence(i.title)}目前{i.get_status_display()}，"
            f"{_why_open(i, today)}"
            for n, i in enumerate(open_, start=1)
        ]
    return "\n".join(lines)
