"""对照检查材料 and the reviewer's judgements on their findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orglife.orgs.models import Organization


class InspectionMaterial(models.Model):
    """A 对照检查材料 as uploaded or pasted: its parsed structure is the source of truth."""

    class Kind(models.TextChoices):
        BRANCH = "branch", "班子对照检查材料"
        INDIVIDUAL = "individual", "个人对照检查材料"

    org = models.ForeignKey(
        Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="materials"
    )
    # A string reference: meetings sits above materials and imports it, never the reverse.
    meeting = models.ForeignKey(
        "meetings.LifeMeeting",
        verbose_name="组织生活会",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撰写人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=300, blank=True)
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    structure = models.JSONField("结构", help_text="Material JSON (orglife parse --format json)")
    # The lines as written: how heading numbers were typed shows only here.
    source_lines = models.JSONField("原文各行", default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "对照检查材料"
        verbose_name_plural = "对照检查材料"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["org", "year"])]

    def __str__(self) -> str:
        return self.title or self.source_name or f"材料 {self.pk}"

    def material(self):
        from orglife.documents.model import Material

        return Material.from_dict(self.structure)


class FindingDismissal(models.Model):
    """A reviewer's judgement that a finding is not a defect; kept with who and why."""

    material = models.ForeignKey(
        InspectionMaterial, on_delete=models.CASCADE, related_name="dismissals"
    )
    key = models.CharField(max_length=200)
    rule = models.CharField("规则", max_length=60)
    excerpt = models.CharField("原文", max_length=300, blank=True)
    reason = models.CharField("理由", max_length=500)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="处理人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "已忽略的审核意见"
        verbose_name_plural = "已忽略的审核意见"
        constraints = [
            models.UniqueConstraint(fields=["material", "key"], name="dismissal_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.reason}"
