from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from orglife.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit administrator reads the log on its own page; here nobody edits."""

    list_display = ("at", "actor", "action", "target", "address")
    list_filter = ("action",)
    search_fields = ("actor", "target")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
