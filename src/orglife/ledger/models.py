"""整改台账: rectification items, their history, evidence, extensions and progress.

Overdue is derived (``RectificationItem.overdue_on``; in SQL ``deadlines.overdue_q``), never
stored (docs/domain.md). Every
change goes through ``services.py``, which writes an ``ItemEvent`` in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from orglife.core import remember
from orglife.core.chain import HashChained, snapshot_actor
from orglife.orgs.models import Organization


class Source(models.TextChoices):
    MEETING = "meeting", "组织生活会"
    INSPECTION = "inspection", "检查"
    SUPERVISION = "supervision", "督查反馈"
    HAZARD = "hazard", "隐患排查"


class Category(models.TextChoices):
    # The six aspects of the 2023 theme-education meeting (seed, section 三) ...
    THEORY_STUDY = "theory_study", "理论学习"
    POLITICAL_QUALITY = "political_quality", "政治素质"
    CAPABILITY = "capability", "能力本领"
    RESPONSIBILITY = "responsibility", "担当作为"
    WORK_STYLE = "work_style", "工作作风"
    INTEGRITY = "integrity", "廉洁自律"
    # ... and the key safety areas (seed, section 四) for inspection and hazard items.
    FIRE = "fire", "消防"
    ELECTRICITY = "electricity", "用电"
    GAS = "gas", "燃气"
    HAZARDOUS_CHEMICALS = "hazardous_chemicals", "危化品"
    HOT_WORK = "hot_work", "动火动焊"
    CONFINED_SPACE = "confined_space", "有限空间"
    SPECIAL_EQUIPMENT = "special_equipment", "特种设备"
    CONTRACTORS = "contractors", "相关方管理"
    SAFETY_MANAGEMENT = "safety_management", "安全管理"
    OTHER = "other", "其他"


class Kind(models.TextChoices):
    IMMEDIATE = "immediate", "立行立改"
    DEADLINE = "deadline", "限期整改"
    LONG_TERM = "long_term", "长期坚持"


class Status(models.TextChoices):
    OPEN = "open", "待整改"
    IN_PROGRESS = "in_progress", "整改中"
    SUBMITTED = "submitted", "待验收"
    CLOSED = "closed", "已销号"


DEFAULT_PROGRESS_INTERVAL_DAYS = 30


class RectificationItem(models.Model):
    """整改事项: one problem carried from found to a verified close."""

    org = models.ForeignKey(
        Organization, verbose_name="党支部", on_delete=models.PROTECT, related_name="ledger_items"
    )
    # The meeting model comes later (meetings app); until then the year says which meeting.
    meeting_year = models.PositiveSmallIntegerField("会议年度", null=True, blank=True)
    # Where a meeting item came from: the meeting (a string reference, the ledger never
    # imports meetings) and the paragraph of the material that raised it.
    meeting = models.ForeignKey(
        "meetings.LifeMeeting",
        verbose_name="组织生活会",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_items",
    )
    source_material = models.PositiveIntegerField("来源材料", null=True, blank=True)
    source_version = models.PositiveIntegerField("来源材料版本", null=True, blank=True)
    source_section = models.CharField("来源部分", max_length=40, blank=True)
    source_paragraph = models.PositiveIntegerField("来源段落", null=True, blank=True)
    source = models.CharField("问题来源", max_length=20, choices=Source, default=Source.MEETING)
    category = models.CharField("问题类别", max_length=30, choices=Category, default=Category.OTHER)
    title = models.CharField("问题", max_length=200)
    description = models.TextField("问题表现", blank=True)
    root_cause = models.TextField("原因剖析", blank=True)
    measures = models.TextField("整改措施", blank=True)
    # What "done" means, agreed up front, so 验收 checks against it rather than a feeling.
    acceptance_criteria = models.TextField("整改标准", blank=True)
    kind = models.CharField("整改类型", max_length=20, choices=Kind, default=Kind.DEADLINE)
    # 五落实: 责任 (owner, leader), 措施 (measures), 资金 (funds), 时限 (deadline), 预案 (plan).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_items_owned",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="责任领导",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_items_led",
    )
    deadline = models.DateField("完成时限", null=True, blank=True)
    # Set by the first approved extension so the promised date stays on record.
    original_deadline = models.DateField("原定时限", null=True, blank=True)
    funds = models.DecimalField(
        "整改资金（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    funds_source = models.CharField("资金来源", max_length=100, blank=True)
    plan = models.TextField("预案", blank=True)
    progress_interval_days = models.PositiveSmallIntegerField(
        "进展报送周期（天）", null=True, blank=True
    )
    # The latest ProgressEntry.on, kept by ProgressEntry itself (save/delete): lists judge a
    # 长期坚持 item's overdue in SQL from it instead of grouping over every entry.
    last_progress_on = models.DateField("最近进展日期", null=True, blank=True, editable=False)
    status = models.CharField("状态", max_length=20, choices=Status, default=Status.OPEN)
    effect = models.TextField("整改实效", blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="验收人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_items_verified",
    )
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)
    # Compare-and-swap: every write bumps it; a save with a stale version is refused.
    version = models.PositiveIntegerField("版本", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改事项"
        ordering = ["org__path", "pk"]
        constraints = [
            # One item per paragraph of a material version: generating twice (or ten clicks
            # at once) cannot duplicate items.
            models.UniqueConstraint(
                fields=[
                    "meeting",
                    "source_material",
                    "source_version",
                    "source_section",
                    "source_paragraph",
                ],
                condition=Q(meeting__isnull=False, source_material__isnull=False),
                name="ledger_item_unique_source_paragraph",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="ledger_item_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="ledger_item_kind_valid"
            ),
            # 长期坚持 has no end date; the other kinds always have one.
            models.CheckConstraint(
                condition=(Q(kind=Kind.LONG_TERM) & Q(deadline__isnull=True))
                | (~Q(kind=Kind.LONG_TERM) & Q(deadline__isnull=False)),
                name="ledger_item_deadline_by_kind",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.CLOSED)
                | (Q(closed_at__isnull=False) & Q(verified_by__isnull=False)),
                name="ledger_item_closed_is_verified",
            ),
            # Separation of duties, also at the bottom: nobody verifies their own item.
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True)
                | Q(owner__isnull=True)
                | ~Q(verified_by=models.F("owner")),
                name="ledger_item_not_verified_by_owner",
            ),
            models.CheckConstraint(
                condition=Q(funds__isnull=True) | Q(funds__gte=0), name="ledger_item_funds_positive"
            ),
        ]
        indexes = [
            models.Index(fields=["org", "status"]),
            models.Index(fields=["deadline"]),
            # Open items by deadline: overdue, due soon and the home page's attention list
            # walk this small index instead of every item ever closed.
            models.Index(
                fields=["deadline", "id"],
                condition=~Q(status=Status.CLOSED),
                name="ledger_item_open_deadline",
            ),
            # Open 长期坚持 items, the other half of "overdue" (a missed progress entry).
            models.Index(
                fields=["id"],
                condition=Q(kind=Kind.LONG_TERM) & ~Q(status=Status.CLOSED),
                name="ledger_item_open_long_term",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_long_term(self) -> bool:
        return self.kind == Kind.LONG_TERM

    def interval_days(self) -> int:
        return self.progress_interval_days or DEFAULT_PROGRESS_INTERVAL_DAYS

    @property
    def evidence_required(self) -> bool:
        """Whether submitting needs a file: per category (ORGLIFE_EVIDENCE_REQUIRED_CATEGORIES)."""
        return self.category in settings.ORGLIFE_EVIDENCE_REQUIRED_CATEGORIES

    def progress_since(self) -> date:
        """The date of the last progress entry, or the day the item was registered."""
        return self.last_progress_on or timezone.localdate(self.created_at)

    def progress_due_on(self) -> date | None:
        # The same rule as deadlines.progress_due (the SQL form lists and counts use).
        if not self.is_long_term:
            return None
        return self.progress_since() + timedelta(days=self.interval_days())

    def overdue_on(self, today: date) -> bool:
        """Derived: the deadline has passed (or, for 长期坚持, a progress entry is missing).

        ``deadlines.overdue_q`` is the same rule in SQL, for filters and counts."""
        if self.is_closed:
            return False
        if self.is_long_term:
            due = self.progress_due_on()
            return due is not None and today > due
        return self.deadline is not None and today > self.deadline

    def due_within(self, today: date, days: int) -> bool:
        if self.is_closed or self.deadline is None:
            return False
        return today <= self.deadline <= today + timedelta(days=days)

    @property
    def is_overdue(self) -> bool:
        from orglife.core import clock

        return self.overdue_on(clock.today())


class ItemEvent(HashChained):
    """One recorded change: who, when, what (old → new) and why. Never edited; hash-chained."""

    class Action(models.TextChoices):
        CREATE = "create", "登记"
        UPDATE = "update", "修改"
        START = "start", "开始整改"
        SUBMIT = "submit", "提交验收"
        VERIFY = "verify", "验收销号"
        REJECT = "reject", "退回整改"
        REOPEN = "reopen", "重新打开"
        EVIDENCE = "evidence", "上传佐证"
        PROGRESS = "progress", "报送进展"
        EXTENSION_REQUEST = "extension_request", "申请延期"
        EXTENSION_APPROVE = "extension_approve", "批准延期"
        EXTENSION_REFUSE = "extension_refuse", "不予延期"

    # PROTECT, not CASCADE / SET_NULL: the hash covers these ids, so deleting the item or
    # the person would break the chain. A person who leaves is deactivated, not deleted.
    item = models.ForeignKey(RectificationItem, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The actor's name when they acted, inside the hash: the row says who, on its own.
    actor_name = models.CharField(
        "操作人姓名", max_length=150, blank=True, default="", db_default=""
    )
    at = models.DateTimeField("时间", auto_now_add=True)
    action = models.CharField("操作", max_length=30, choices=Action)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    # {"field": [old, new]} with values as shown to people (usernames, ISO dates).
    changes = models.JSONField("字段变化", default=dict, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "整改记录"
        verbose_name_plural = "整改记录"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        snapshot_actor(self)
        super().save(*args, **kwargs)


def evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name is ours (the original is kept in a field): no user text in paths.
    import uuid
    from pathlib import PurePath

    ext = PurePath(filename).suffix.lower()[:8]
    return f"ledger/evidence/{instance.item_id}/{uuid.uuid4().hex}{ext}"


class Evidence(models.Model):
    """佐证材料: a file that shows the work was done. Served only through a checked view."""

    item = models.ForeignKey(RectificationItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to=evidence_path, max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("类型", max_length=120)
    size = models.PositiveBigIntegerField("大小（字节）")
    note = models.CharField("说明", max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = "佐证材料"
        verbose_name_plural = "佐证材料"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(models.Model):
    """延期申请: the only way a deadline moves once set (docs/domain.md)."""

    class State(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    item = models.ForeignKey(
        RectificationItem, on_delete=models.CASCADE, related_name="extension_requests"
    )
    new_deadline = models.DateField("申请延至")
    reason = models.TextField("延期理由")
    status = models.CharField("状态", max_length=20, choices=State, default=State.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField("审批意见", blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status="pending"),
                name="ledger_one_pending_extension",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.new_deadline}"


class ProgressEntry(models.Model):
    """进展报送: the periodic report that keeps a 长期坚持 item alive."""

    item = models.ForeignKey(
        RectificationItem, on_delete=models.CASCADE, related_name="progress_entries"
    )
    on = models.DateField("报送日期")
    text = models.TextField("进展情况")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "整改进展"
        verbose_name_plural = "整改进展"
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.on}"

    def save(self, *args, **kwargs) -> None:
        # The item's last_progress_on follows every write of an entry (service, admin,
        # demo). Deletes refresh it through the post_delete receiver in apps.py;
        # bulk_create and update() bypass both and must call refresh_last_progress.
        super().save(*args, **kwargs)
        refresh_last_progress([self.item_id])


def refresh_last_progress(item_ids: list[int]) -> None:
    """Set ``last_progress_on`` of these items to their latest progress entry's date."""
    latest = ProgressEntry.objects.filter(item=models.OuterRef("pk")).order_by("-on")
    RectificationItem.objects.filter(pk__in=item_ids).update(
        last_progress_on=models.Subquery(latest.values("on")[:1])
    )
    remember.changed(RectificationItem)  # update() sends no signal; overdue counts follow it
