"""The meeting as held (会议记录): attendance with the quorum, minutes, 批评和自我批评.

``held_on`` lives on the meeting itself and is set only by ``services_record.record_save``.
The quorum figures are kept as computed when the record was saved (the roster may change
later; the record says what it was that day).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from orglife.core.chain import HashChained, snapshot_actor
from orglife.meetings.models.meeting import LifeMeeting


class MeetingRecord(models.Model):
    """会议记录: one per meeting."""

    meeting = models.OneToOneField(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="record"
    )
    place = models.CharField("会议地点", max_length=200)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes = models.TextField("会议记录", blank=True)
    quorum_due = models.PositiveIntegerField("应到（有表决权）", default=0)
    quorum_present = models.PositiveIntegerField("实到（有表决权）", default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "会议记录"
        verbose_name_plural = "会议记录"

    def __str__(self) -> str:
        return f"{self.meeting} 会议记录"


class Attendance(models.Model):
    """One person of the roster at the meeting: present, or absent with a reason."""

    meeting = models.ForeignKey(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="人员", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("出席", default=True)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "出席情况"
        verbose_name_plural = "出席情况"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique"),
            models.CheckConstraint(
                condition=Q(present=True) | ~Q(reason=""), name="attendance_absent_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {'出席' if self.present else '缺席'}"


class Criticism(models.Model):
    """批评和自我批评: what ``by`` said to ``to``; self-criticism when they are the same."""

    meeting = models.ForeignKey(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="criticisms"
    )
    to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="被批评人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提出人", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("内容")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "批评和自我批评"
        verbose_name_plural = "批评和自我批评"
        ordering = ["pk"]
        indexes = [models.Index(fields=["meeting", "to"])]

    def __str__(self) -> str:
        return f"{self.by} → {self.to}"

    @property
    def is_self(self) -> bool:
        return self.to_id == self.by_id


class ProceedingEvent(HashChained):
    """History of the meeting's own facts (record, criticisms, evaluation results, ledger).

    Never written for a ballot: the receipt is the only trace of a vote. Never edited;
    hash-chained. PROTECT on the meeting and the actor: the hash covers their ids.
    """

    meeting = models.ForeignKey(
        LifeMeeting, on_delete=models.PROTECT, related_name="proceeding_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(
        "操作人姓名", max_length=150, blank=True, default="", db_default=""
    )
    action = models.CharField("操作", max_length=40)
    changes = models.JSONField("内容", default=dict, blank=True)
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "会议记录变更"
        verbose_name_plural = "会议记录变更"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        snapshot_actor(self)
        super().save(*args, **kwargs)
