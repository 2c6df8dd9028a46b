"""组织生活会: the meeting itself.

Today only what materials point at; the lifecycle (plan, study, talks, 民主评议, report)
grows here.
"""

from __future__ import annotations

from django.db import models

from orglife.orgs.models import Organization


class LifeMeeting(models.Model):
    """One 组织生活会 of a branch."""

    org = models.ForeignKey(
        Organization, verbose_name="党支部", on_delete=models.PROTECT, related_name="meetings"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("会议名称", max_length=200)
    theme_profile = models.CharField("审核主题配置", max_length=50, blank=True)
    held_on = models.DateField("召开日期", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "组织生活会"
        verbose_name_plural = "组织生活会"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "title"], name="meeting_unique_title"),
        ]

    def __str__(self) -> str:
        return f"{self.org.name} {self.title}"
