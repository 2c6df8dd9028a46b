"""The copy check's stored data: reference texts and each text's fingerprints."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from orglife.materials.models import InspectionMaterial


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

    Exactly one of ``material`` and ``reference`` is set. ``hashes``/``starts``/``ends``
    are ``DocFingerprints.to_record()`` (little-endian arrays, about 3 KB a material): each
    web process rebuilds its ``SimilarityIndex`` from these rows without the texts
    (``copycheck.live``). The MinHash signature is not stored: nothing reads it.
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
    hashes = models.BinaryField()
    starts = models.BinaryField()
    ends = models.BinaryField()
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
