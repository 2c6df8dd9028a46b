"""The audit log. Rows are only ever added; old ones are purged after the retention period.

Append-only three times over: ``save`` refuses an existing row, the queryset refuses
``update``/``delete``, and the database refuses UPDATE (and, on PostgreSQL, DELETE of a row
younger than the legal minimum of 180 days) with a trigger (migration 0002).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

# 网络安全法 第二十一条: network logs are kept for no less than six months.
LEGAL_MINIMUM_DAYS = 180


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("审计日志不可修改 (the audit log is append-only)")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("审计日志不可删除 (the audit log is append-only; use purge)")

    def purge(self) -> int:
        """Delete these rows: for ``audit_purge`` only, which picks rows past retention."""
        return models.QuerySet.delete(self)[0]


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        LOGIN = "login", "登录"
        LOGIN_FAILED = "login_failed", "登录失败"
        LOGOUT = "logout", "退出登录"
        ACCOUNT = "account", "账号变更"
        PASSWORD = "password", "密码变更"
        MEMBERSHIP = "membership", "职务变更"
        PERMISSION = "permission", "权限变更"
        EXPORT = "export", "导出个人信息"
        DOWNLOAD = "download", "下载"
        UNMASK = "unmask", "查看完整个人信息"
        ADMIN = "admin", "管理操作"
        SUPERUSER = "superuser", "超级管理员操作"

    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # Names as text, not foreign keys: the record outlives the account and never changes.
    actor = models.CharField("操作人", max_length=150, blank=True, db_index=True)
    action = models.CharField("事件", max_length=20, choices=Action, db_index=True)
    target = models.CharField("对象", max_length=300, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    address = models.GenericIPAddressField("地址", null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.get_action_display()} {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("审计日志不可修改 (the audit log is append-only)")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("审计日志不可删除 (the audit log is append-only)")
