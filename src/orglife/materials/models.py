"""对照检查材料 and the reviewer's judgements on their findings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from orglife.core.chain import HashChained, snapshot_actor
from orglife.orgs.models import Organization


class InspectionMaterial(models.Model):
    """A 对照检查材料 as uploaded or pasted: its parsed structure is the source of truth.

    Each upload for the same meeting, author and kind is a ``MaterialVersion``; ``structure``
    and ``source_lines`` here are the latest version's, so every reader sees the current text.
    """

    class Kind(models.TextChoices):
        BRANCH = "branch", "班子对照检查材料"
        INDIVIDUAL = "individual", "个人对照检查材料"

    class Status(models.TextChoices):
        DRAFT = "draft", "未报送"
        SUBMITTED = "submitted", "已报送审核"
        RETURNED = "returned", "已退回修改"
        APPROVED = "approved", "审核通过"

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
    status = models.CharField("审核状态", max_length=20, choices=Status.choices, default="draft")
    version = models.PositiveIntegerField("当前版本", default=1)

    class Meta:
        verbose_name = "对照检查材料"
        verbose_name_plural = "对照检查材料"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["org", "year"]),
            # Newest first is every list's order: with this index the database walks the
            # newest materials and stops at the page, instead of sorting every visible one.
            models.Index(fields=["-created_at", "-id"], name="material_newest_first"),
        ]

    def __str__(self) -> str:
        return self.title or self.source_name or f"材料 {self.pk}"

    def material(self):
        from orglife.documents.model import Material

        return Material.from_dict(self.structure)


class MaterialVersion(models.Model):
    """One upload of a material: its text as parsed, and the review findings run on it once."""

    material = models.ForeignKey(
        InspectionMaterial, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=300, blank=True)
    source_name = models.CharField("原文件名", max_length=255, blank=True)
    structure = models.JSONField("结构")
    source_lines = models.JSONField("原文各行", default=list, blank=True)
    # Finding JSON (docs/contracts.md) per finding; run at upload and by an explicit re-check only.
    findings = models.JSONField("审核意见", default=list, blank=True)
    profile = models.CharField("审核主题配置", max_length=50, blank=True)
    checked_at = models.DateTimeField("审核时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "材料版本"
        verbose_name_plural = "材料版本"
        ordering = ["material", "number"]
        constraints = [
            models.UniqueConstraint(fields=["material", "number"], name="material_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.material} 第{self.number}版"

    def parsed(self):
        from orglife.documents.model import Material

        return Material.from_dict(self.structure)


class MaterialEvent(HashChained):
    """The review history of a material: every upload and every move, with who and why.

    Never edited; hash-chained. PROTECT on the material and the actor: the hash covers
    their ids, so a material with a history is not deleted from under it.
    """

    material = models.ForeignKey(
        InspectionMaterial, on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField("操作", max_length=20)
    status = models.CharField("之后状态", max_length=20, choices=InspectionMaterial.Status.choices)
    version = models.PositiveIntegerField("版本")
    note = models.TextField("意见", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    # The actor's name when they acted, inside the hash: the row says who, on its own.
    actor_name = models.CharField(
        "操作人姓名", max_length=150, blank=True, default="", db_default=""
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "材料审核记录"
        verbose_name_plural = "材料审核记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.material} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        snapshot_actor(self)
        super().save(*args, **kwargs)


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
