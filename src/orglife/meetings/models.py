"""组织生活会 and its materials.

Only what the review and copy-check features need today; the full meeting workflow
(plan, study, talks, 民主评议, report) grows here (DESIGN.md puts it in this app).
"""

from __future__ import annotations

from django.conf import settings
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


class InspectionMaterial(models.Model):
    """A 对照检查材料 as uploaded or pasted: its parsed structure is the source of truth."""

    class Kind(models.TextChoices):
        BRANCH = "branch", "班子对照检查材料"
        INDIVIDUAL = "individual", "个人对照检查材料"

    org = models.ForeignKey(
        Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="materials"
    )
    meeting = models.ForeignKey(
        LifeMeeting,
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
    structure = models.JSONField("结构", help_text="Material JSON (DESIGN.md)")
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


class ReferenceText(models.Model):
    """A text of the reference corpus (template sites, circulated samples) for the copy check."""

    title = models.CharField("标题", max_length=300)
    source = models.CharField("来源", max_length=500, blank=True)
    text = models.TextField("正文")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "查重参考文本"
        verbose_name_plural = "查重参考文本"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class SimilarityDocument(models.Model):
    """A text's copy-check fingerprints, computed once when it is filed (never rehashed).

    Exactly one of ``material`` and ``reference`` is set. The rows map one to one onto
    ``orglife.similarity`` (see its index module): signature bytes plus Fingerprint rows.
    """

    material = models.OneToOneField(
        InspectionMaterial,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="similarity",
    )
    reference = models.OneToOneField(
        ReferenceText, null=True, blank=True, on_delete=models.CASCADE, related_name="similarity"
    )
    params = models.JSONField()
    signature = models.BinaryField()
    length = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "查重指纹"
        verbose_name_plural = "查重指纹"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(material__isnull=False, reference__isnull=True)
                | models.Q(material__isnull=True, reference__isnull=False),
                name="similarity_document_one_source",
            )
        ]

    def __str__(self) -> str:
        return self.doc_id

    @property
    def doc_id(self) -> str:
        return f"m{self.material_id}" if self.material_id else f"r{self.reference_id}"


class Fingerprint(models.Model):
    document = models.ForeignKey(
        SimilarityDocument, on_delete=models.CASCADE, related_name="fingerprints"
    )
    hash = models.BigIntegerField(db_index=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()

    class Meta:
        verbose_name = "指纹"
        verbose_name_plural = "指纹"

    def __str__(self) -> str:
        return f"{self.hash}@{self.start}"
