"""会前准备: collective study, heart-to-heart talks and opinions gathered before the meeting."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orglife.meetings.models.meeting import LifeMeeting


class StudySession(models.Model):
    """学习研讨: one collective study session before the meeting."""

    meeting = models.ForeignKey(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="studies"
    )
    held_on = models.DateField("学习日期")
    topic = models.CharField("学习主题", max_length=300)
    texts = models.TextField("学习篇目", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "学习研讨"
        verbose_name_plural = "学习研讨"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class StudyAttendance(models.Model):
    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="党员", on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField("出席", default=True)
    reason = models.CharField("缺席原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "学习出勤"
        verbose_name_plural = "学习出勤"
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="study_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {'出席' if self.present else '缺席'}"


class OpinionSource(models.TextChoices):
    MEMBER = "member", "党员"
    PUBLIC = "public", "群众"
    SUPERIOR = "superior", "上级"
    OTHER = "other", "其他"


class Opinion(models.Model):
    """征求意见: one opinion gathered before the meeting; may become a ledger item."""

    meeting = models.ForeignKey(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="opinions"
    )
    source = models.CharField("来源", max_length=20, choices=OpinionSource.choices)
    text = models.TextField("意见内容")
    anonymous = models.BooleanField("匿名", default=True)
    given_by = models.CharField("提出人", max_length=100, blank=True)
    item = models.ForeignKey(
        "ledger.RectificationItem",
        verbose_name="对应整改事项",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:40]


class HeartTalk(models.Model):
    """谈心谈话: who talked with whom, when, about what (a note is optional: 减负)."""

    meeting = models.ForeignKey(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="talks"
    )
    a = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="谈话人", on_delete=models.PROTECT, related_name="+"
    )
    b = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="谈话对象",
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField("谈话日期")
    topics = models.CharField("谈话主题", max_length=500)
    note = models.TextField("备注", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="记录人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "谈心谈话"
        verbose_name_plural = "谈心谈话"
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(a=models.F("b")), name="talk_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.a} — {self.b}"
