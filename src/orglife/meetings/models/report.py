"""会议情况报告: generated from the records, submitted within the due days, accepted above.

Overdue and late are derived from ``LifeMeeting.report_due`` and ``submitted_at``; never stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from orglife.core.chain import HashChained, snapshot_actor
from orglife.meetings.models.meeting import LifeMeeting


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "未报送"
    SUBMITTED = "submitted", "已报送"
    ACCEPTED = "accepted", "已审核"
    RETURNED = "returned", "已退回"


class MeetingReport(models.Model):
    meeting = models.OneToOneField(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="report"
    )
    status = models.CharField(
        "状态", max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # The text as submitted: what the reviewer accepted stays as it was.
    text = models.TextField("报告正文", blank=True)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "会议情况报告"
        verbose_name_plural = "会议情况报告"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} 情况报告"


class ReportEvent(HashChained):
    """One move of the report (submit, accept, return). Never edited; hash-chained.

    PROTECT on the report and the actor: the hash covers their ids, so neither is deleted
    from under the history (a person who leaves is deactivated)."""

    report = models.ForeignKey(MeetingReport, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(
        "操作人姓名", max_length=150, blank=True, default="", db_default=""
    )
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "报告审核记录"
        verbose_name_plural = "报告审核记录"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        snapshot_actor(self)
        super().save(*args, **kwargs)
