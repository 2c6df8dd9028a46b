"""组织生活会: the meeting itself, whose stage is derived from what was recorded.

The facts of each stage (plan, study, talks, record, evaluation, report) live in their own
modules beside this one; the meeting holds only what identifies it and the two dates the
other stages set (planned_on by the plan, held_on by the record).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models

from orglife.core.chain import HashChained, snapshot_actor
from orglife.orgs.models import Organization


class MeetingFormat(models.TextChoices):
    BRANCH_CONGRESS = "branch_congress", "支部党员大会"
    BRANCH_COMMITTEE = "committee", "支部委员会"
    GROUP = "group", "党小组会"


class LifeMeeting(models.Model):
    """One 组织生活会 of a branch."""

    org = models.ForeignKey(
        Organization, verbose_name="党支部", on_delete=models.PROTECT, related_name="meetings"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("会议名称", max_length=200)
    theme_profile = models.CharField("审核主题配置", max_length=50, blank=True)
    format = models.CharField(
        "会议形式",
        max_length=20,
        choices=MeetingFormat.choices,
        default=MeetingFormat.BRANCH_CONGRESS,
    )
    # Set by the plan's service (the date the plan fixes) and by the record's (the day held).
    planned_on = models.DateField("计划召开日期", null=True, blank=True)
    held_on = models.DateField("召开日期", null=True, blank=True)
    # Compare-and-swap for concurrent edits (like the ledger's items).
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # 班子对照检查材料 is filed by the secretary, or by the committee member the secretary names.
    branch_drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="班子材料起草人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "组织生活会"
        verbose_name_plural = "组织生活会"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "title"], name="meeting_unique_title"),
        ]
        indexes = [models.Index(fields=["org", "year"])]

    def __str__(self) -> str:
        return f"{self.org.name} {self.title}"

    @property
    def report_due(self) -> date | None:
        """The report is due a set number of days after the meeting (a local rule: 15)."""
        if self.held_on is None:
            return None
        return self.held_on + timedelta(days=settings.ORGLIFE_REPORT_DUE_DAYS)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "起草中"
    SUBMITTED = "submitted", "已报送审核"
    RETURNED = "returned", "已退回修改"
    APPROVED = "approved", "已批准"


class MeetingPlan(models.Model):
    """会议方案: decided by the 支委会, reported to the 机关党委 for review."""

    meeting = models.OneToOneField(
        LifeMeeting, verbose_name="组织生活会", on_delete=models.CASCADE, related_name="plan"
    )
    planned_on = models.DateField("召开日期", null=True, blank=True)
    place = models.CharField("地点", max_length=200, blank=True)
    format = models.CharField(
        "会议形式",
        max_length=20,
        choices=MeetingFormat.choices,
        default=MeetingFormat.BRANCH_CONGRESS,
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="参会人员", blank=True, related_name="+"
    )
    agenda = models.TextField("会议议程", blank=True)
    requirements = models.TextField("有关要求", blank=True)
    status = models.CharField(
        "状态", max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "会议方案"
        verbose_name_plural = "会议方案"

    def __str__(self) -> str:
        return f"{self.meeting} 会议方案"


class PlanEvent(HashChained):
    """Every edit and every move of a plan, with the plan as it was (nothing is lost).

    Never edited; hash-chained. PROTECT on the plan and the actor: the hash covers their ids.
    """

    plan = models.ForeignKey(MeetingPlan, on_delete=models.PROTECT, related_name="events")
    action = models.CharField("操作", max_length=20)
    status = models.CharField("之后状态", max_length=20, choices=PlanStatus.choices)
    note = models.TextField("意见", blank=True)
    snapshot = models.JSONField("方案内容")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    # The actor's name when they acted, inside the hash: the row says who, on its own.
    actor_name = models.CharField(
        "操作人姓名", max_length=150, blank=True, default="", db_default=""
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "会议方案记录"
        verbose_name_plural = "会议方案记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        snapshot_actor(self)
        super().save(*args, **kwargs)
