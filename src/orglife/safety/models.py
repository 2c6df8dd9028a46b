"""安全生产: the risk register (风险点), inspections (排查) and hazard details (隐患).

A hazard is a ledger item (``RectificationItem`` with source ``hazard``; its category is
the safety area) plus a ``HazardDetail``. A risk point's score, level and colour are
computed from its recorded inputs (scoring.py), never stored.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from orglife.ledger.models import Category, RectificationItem
from orglife.orgs.models import Organization
from orglife.safety import scoring

# The key areas of the seed (section 四) are the ledger's safety categories.
AREAS = (
    Category.FIRE,
    Category.ELECTRICITY,
    Category.GAS,
    Category.HAZARDOUS_CHEMICALS,
    Category.HOT_WORK,
    Category.CONFINED_SPACE,
    Category.SPECIAL_EQUIPMENT,
    Category.CONTRACTORS,
    Category.SAFETY_MANAGEMENT,
    Category.OTHER,
)
AREA_CHOICES = [(a.value, a.label) for a in AREAS]
AREA_VALUES = [a.value for a in AREAS]
AREA_LABELS = dict(AREA_CHOICES)


class Method(models.TextChoices):
    LEC = "lec", "LEC 法"
    LS = "ls", "LS 风险矩阵"


class Grade(models.TextChoices):
    GENERAL = "general", "一般事故隐患"
    MAJOR = "major", "重大事故隐患"


def ls_bounds() -> tuple[int, int, int]:
    major, large, general = settings.ORGLIFE_SAFETY_LS_BANDS
    return int(major), int(large), int(general)


def rate(method: str, l, e, c, s) -> scoring.Rating:  # noqa: E741
    """The rating of recorded inputs (raises scoring.ScoringError when they are not valid)."""
    if method == Method.LS:
        return scoring.ls(l, s, ls_bounds())
    return scoring.lec(l, e, c)


class Assessment(models.Model):
    """The inputs of one assessment; shared by the register entry and its history rows."""

    method = models.CharField("评价方法", max_length=5, choices=Method, default=Method.LEC)
    l = models.DecimalField("L", max_digits=5, decimal_places=1)  # noqa: E741
    e = models.DecimalField("E", max_digits=5, decimal_places=1, null=True, blank=True)
    c = models.DecimalField("C", max_digits=5, decimal_places=1, null=True, blank=True)
    s = models.PositiveSmallIntegerField("S", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def rating(self) -> scoring.Rating:
        return rate(self.method, self.l, self.e, self.c, self.s)

    @property
    def score(self) -> Decimal:
        return self.rating.score

    @property
    def level(self) -> str:
        return self.rating.level

    @property
    def colour(self) -> str:
        return self.rating.colour


class RiskPoint(Assessment):
    """风险点: a place and area with its hazard factors, assessment and control measures."""

    org = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="risk_points"
    )
    place = models.CharField("场所/部位", max_length=100)
    area = models.CharField("领域", max_length=30, choices=AREA_CHOICES)
    hazard = models.TextField("危险有害因素")
    measures = models.TextField("管控措施", blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_points_owned",
    )
    next_review = models.DateField("下次评估日期", null=True, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "风险点"
        verbose_name_plural = "风险点"
        ordering = ["org__path", "area", "place", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area__in=AREA_VALUES), name="safety_risk_area_valid"
            ),
            models.CheckConstraint(
                condition=(Q(method="lec") & Q(e__isnull=False) & Q(c__isnull=False))
                | (Q(method="ls") & Q(s__isnull=False)),
                name="safety_risk_inputs_by_method",
            ),
        ]
        indexes = [models.Index(fields=["org", "area"])]

    def __str__(self) -> str:
        return f"{self.place}（{AREA_LABELS.get(self.area, self.area)}）"


class RiskAssessment(Assessment):
    """One assessment of a risk point, kept for ever (the first and every re-assessment)."""

    risk = models.ForeignKey(RiskPoint, on_delete=models.CASCADE, related_name="assessments")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("评估时间", auto_now_add=True)
    # Other fields changed with it: {"field": [old, new]}.
    changes = models.JSONField("字段变化", default=dict, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "风险评估记录"
        verbose_name_plural = "风险评估记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.risk_id} {self.at:%Y-%m-%d}"


class ChecklistItem(models.Model):
    """排查检查项: one line of an area's checklist (from data/checklists.toml, then admin)."""

    area = models.CharField("领域", max_length=30, choices=AREA_CHOICES)
    text = models.CharField("检查内容", max_length=200)
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "排查检查项"
        verbose_name_plural = "排查检查项"
        ordering = ["area", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.text


class Inspection(models.Model):
    """排查: a check of a place on a day by inspectors from the roster."""

    org = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="inspections"
    )
    held_on = models.DateField("排查日期")
    place = models.CharField("排查场所", max_length=100)
    area = models.CharField("领域", max_length=30, choices=AREA_CHOICES)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="排查人员", related_name="safety_inspections"
    )
    # The checklist lines found in order, by id: {"12": true, "13": false}.
    checklist = models.JSONField("检查结果", default=dict, blank=True)
    notes = models.TextField("排查情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "隐患排查"
        verbose_name_plural = "隐患排查"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["org", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class Finding(models.Model):
    """What an inspection found; becomes a hazard in one step (``hazard`` set then)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField("发现问题")
    hazard = models.OneToOneField(
        RectificationItem,
        verbose_name="隐患",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finding",
    )

    class Meta:
        verbose_name = "排查发现"
        verbose_name_plural = "排查发现"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:40]


# The six parts of a 治理方案 (安监总局令第16号, art. 15), in order: field, label.
PLAN_PARTS = (
    ("plan_goal", "目标和任务"),
    ("plan_methods", "方法和措施"),
    ("plan_funds", "经费和物资"),
    ("plan_people", "负责机构和人员"),
    ("plan_schedule", "时限和要求"),
    ("plan_safety", "安全措施和应急预案"),
)
PLAN_KEYS = {
    "goal": "plan_goal",
    "methods": "plan_methods",
    "funds": "plan_funds",
    "people": "plan_people",
    "schedule": "plan_schedule",
    "safety": "plan_safety",
}


class HazardDetail(models.Model):
    """The safety facts of a hazard ledger item (its area is the item's category)."""

    item = models.OneToOneField(
        RectificationItem, on_delete=models.CASCADE, related_name="hazard", primary_key=True
    )
    grade = models.CharField("隐患等级", max_length=10, choices=Grade, default=Grade.GENERAL)
    risk = models.ForeignKey(
        RiskPoint,
        verbose_name="风险点",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hazards",
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="排查",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hazards",
    )
    place = models.CharField("隐患部位", max_length=100, blank=True)
    found_on = models.DateField("发现日期")
    plan_goal = models.TextField("目标和任务", blank=True)
    plan_methods = models.TextField("方法和措施", blank=True)
    plan_funds = models.TextField("经费和物资", blank=True)
    plan_people = models.TextField("负责机构和人员", blank=True)
    plan_schedule = models.TextField("时限和要求", blank=True)
    plan_safety = models.TextField("安全措施和应急预案", blank=True)

    class Meta:
        verbose_name = "隐患"
        verbose_name_plural = "隐患"
        constraints = [
            models.CheckConstraint(
                condition=Q(grade__in=Grade.values), name="safety_hazard_grade_valid"
            ),
        ]
        indexes = [models.Index(fields=["grade", "found_on"])]

    def __str__(self) -> str:
        return f"{self.get_grade_display()} {self.item_id}"

    @property
    def is_major(self) -> bool:
        return self.grade == Grade.MAJOR

    @property
    def reports_up(self) -> bool:
        """A 重大事故隐患 is reported to the regulator and the level above (令第16号)."""
        return self.is_major

    def plan_missing(self) -> list[str]:
        """The labels of the 治理方案 parts still empty."""
        return [label for field, label in PLAN_PARTS if not getattr(self, field).strip()]

    @property
    def plan_complete(self) -> bool:
        return not self.plan_missing()


class Report(models.Model):
    """A submitted 隐患排查治理 statistics report (quarter 1–4, or 0 for the year)."""

    org = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="safety_reports"
    )
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度", default=0)
    submitted_on = models.DateField("报送日期")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "隐患统计报送"
        verbose_name_plural = "隐患统计报送"
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "quarter"], name="safety_report_once"),
            models.CheckConstraint(
                condition=Q(quarter__gte=0) & Q(quarter__lte=4), name="safety_report_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_id} {self.year}Q{self.quarter}"
