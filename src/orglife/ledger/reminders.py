"""Reminders (`orglife remind`, for cron; and the in-app list): due soon, overdue, and
长期坚持 items whose progress entry is missing. Emails go through Django's email settings
(the console backend by default), one message per person with all their items.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from orglife.core import clock
from orglife.ledger.deadlines import overdue_q, progress_due
from orglife.ledger.models import Kind, RectificationItem, Status
from orglife.orgs.models import User

log = logging.getLogger(__name__)

REASONS = {
    "overdue": "已逾期",
    "progress_missing": "进展未按期报送",
    "due_soon": "即将到期",
}


@dataclass
class Reminder:
    item: RectificationItem
    reason: str  # a key of REASONS
    due: date | None

    @property
    def label(self) -> str:
        return REASONS[self.reason]

    @property
    def recipient(self) -> User | None:
        return self.item.owner or self.item.leader

    def line(self) -> str:
        due = f"，时限 {self.due:%Y-%m-%d}" if self.due else ""
        return f"【{self.label}】{self.item.org.name}：{self.item.title}{due}"


@dataclass
class ReminderReport:
    today: date
    dry_run: bool
    reminders: list[Reminder] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)  # usernames emailed
    no_address: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    unassigned: int = 0

    def count(self, reason: str) -> int:
        return sum(1 for r in self.reminders if r.reason == reason)

    def summary(self) -> str:
        due, over, missing = (self.count(k) for k in ("due_soon", "overdue", "progress_missing"))
        lines = [
            f"整改提醒 {self.today:%Y-%m-%d}：即将到期 {due} 项，已逾期 {over} 项，"
            f"进展未报送 {missing} 项"
            + ("（试运行，未发送邮件）" if self.dry_run else f"；已发送邮件 {len(self.sent)} 封"),
            f"reminders {self.today:%Y-%m-%d}: due soon {due}, overdue {over}, "
            f"progress missing {missing}"
            + (" (dry run, no email sent)" if self.dry_run else f"; emails sent {len(self.sent)}"),
        ]
        if self.no_address:
            lines.append(f"无邮箱未发送 / no email address: {', '.join(self.no_address)}")
        if self.failed:
            lines.append(f"发送失败 / failed: {', '.join(self.failed)}")
        if self.unassigned:
            lines.append(f"未指定责任人的事项 / items without owner: {self.unassigned}")
        lines.extend(r.line() for r in self.reminders)
        return "\n".join(lines)


def reminders_for(
    items: Iterable[RectificationItem], *, today: date | None = None
) -> list[Reminder]:
    """What needs attention today among these items, most urgent first."""
    today = today or clock.today()
    within = settings.ORGLIFE_REMIND_WITHIN_DAYS
    out: list[Reminder] = []
    for item in items:
        if item.is_closed:
            continue
        if item.is_long_term:
            if item.overdue_on(today):
                out.append(Reminder(item, "progress_missing", item.progress_due_on()))
        elif item.overdue_on(today):
            out.append(Reminder(item, "overdue", item.deadline))
        elif item.due_within(today, within):
            out.append(Reminder(item, "due_soon", item.deadline))
    order = list(REASONS)
    out.sort(key=lambda r: (order.index(r.reason), r.due or date.max, r.item.pk))
    return out


def reminder_items(
    items: QuerySet[RectificationItem], *, today: date | None = None
) -> QuerySet[RectificationItem]:
    """The items among these that need a reminder today, in ``reminders_for``'s order,
    chosen and sorted in the database (a ledger of 100,000 items is never read whole)."""
    today = today or clock.today()
    within = settings.ORGLIFE_REMIND_WITHIN_DAYS
    late = overdue_q(today)
    soon = ~Q(status=Status.CLOSED) & Q(
        deadline__gte=today, deadline__lte=today + timedelta(days=within)
    )
    long_term = Q(kind=Kind.LONG_TERM)
    return (
        items.filter(late | soon)
        .annotate(
            reminder_rank=Case(
                When(late & long_term, then=Value(1)),
                When(late, then=Value(0)),
                default=Value(2),
                output_field=IntegerField(),
            ),
            reminder_due=Case(When(long_term, then=progress_due()), default=F("deadline")),
        )
        .order_by("reminder_rank", "reminder_due", "pk")
    )


def _open_items() -> QuerySet[RectificationItem]:
    return RectificationItem.objects.exclude(status=Status.CLOSED).select_related(
        "org", "owner", "leader"
    )


def send_reminders(*, dry_run: bool = False, today: date | None = None) -> ReminderReport:
    """Email each owner (or, without one, the leader) the items that need attention."""
    today = today or clock.today()
    report = ReminderReport(
        today=today,
        dry_run=dry_run,
        reminders=reminders_for(reminder_items(_open_items(), today=today), today=today),
    )
    by_person: dict[User, list[Reminder]] = defaultdict(list)
    for r in report.reminders:
        if r.recipient is None:
            report.unassigned += 1
        else:
            by_person[r.recipient].append(r)
    for person, items in sorted(by_person.items(), key=lambda kv: kv[0].username):
        if not person.email:
            report.no_address.append(person.username)
            continue
        if dry_run:
            continue
        body = "\n".join(
            [f"{person.display_name}同志：", "", "您负责的以下整改事项需要关注：", ""]
            + [r.line() for r in items]
            + ["", "请登录组织生活会系统查看并办理。"]
        )
        message = EmailMessage(
            subject=f"【整改台账】您有 {len(items)} 项整改事项需要关注",
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            log.warning("reminder to %s failed: %s", person.username, exc)
            report.failed.append(person.username)
        else:
            report.sent.append(person.username)
    return report
