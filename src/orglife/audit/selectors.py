"""Reads of the audit log: only the audit administrator's, filtered in the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from orglife.audit.models import AuditEntry
from orglife.core.errors import Forbidden
from orglife.orgs.models import User
from orglife.orgs.seats import Seat, holds


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None


def _day_start(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))


def can_read(user: User) -> bool:
    return holds(user, Seat.AUDIT)


def entries_visible_to(user: User, f: AuditFilter | None = None) -> QuerySet[AuditEntry]:
    """The log, for the audit administrator only (others: Forbidden)."""
    if not can_read(user):
        raise Forbidden("只有审计管理员可以查看审计日志", log="audit log: not the audit seat")
    f = f or AuditFilter()
    qs = AuditEntry.objects.all()
    if f.actor:
        qs = qs.filter(actor__icontains=f.actor)
    if f.action:
        qs = qs.filter(action=f.action)
    if f.since:
        qs = qs.filter(at__gte=_day_start(f.since))
    if f.until:
        qs = qs.filter(at__lt=_day_start(f.until + timedelta(days=1)))
    return qs.order_by("-at", "-pk")
