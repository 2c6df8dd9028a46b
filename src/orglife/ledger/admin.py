"""Admin: read-only. Ledger records change only through the services, which keep the history.

Nothing here adds, edits or deletes an item, its history, evidence, progress or extension
requests: an "add" could forge a closed item with a verifier and no history, a delete would
take the audit trail (and leave the files) with it. The administrator reads here and acts
through the pages and the API like everyone else.
"""

from django.contrib import admin

from orglife.ledger.models import (
    Evidence,
    ExtensionRequest,
    ItemEvent,
    ProgressEntry,
    RectificationItem,
)


class AuditedReadOnly:
    """No add, change or delete, and no bulk-delete action, for an audited record."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ShowsActedBy:
    # The name stored when they acted, as the item's page shows it: not the account's
    # current name, and no query per row for it.
    @admin.display(description="操作人")
    def acted_by(self, event: ItemEvent) -> str:
        return event.acted_by


class ReadOnlyInline(AuditedReadOnly, admin.TabularInline):
    extra = 0
    can_delete = False


class EventInline(ShowsActedBy, ReadOnlyInline):
    model = ItemEvent
    fields = ("at", "acted_by", "action", "changes", "note")
    readonly_fields = fields


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ("original_name", "content_type", "size", "uploaded_by", "at")
    readonly_fields = fields


class AuditedAdmin(AuditedReadOnly, admin.ModelAdmin):
    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(RectificationItem)
class RectificationItemAdmin(AuditedAdmin):
    list_display = ("title", "org", "category", "kind", "status", "owner", "deadline")
    list_filter = ("status", "kind", "category", "source", "org")
    search_fields = ("title", "description")
    inlines = [EvidenceInline, EventInline]


@admin.register(ItemEvent)
class ItemEventAdmin(ShowsActedBy, AuditedAdmin):
    list_display = ("item", "at", "acted_by", "action")
    list_filter = ("action",)


@admin.register(Evidence)
class EvidenceAdmin(AuditedAdmin):
    list_display = ("item", "original_name", "content_type", "size", "uploaded_by", "at")


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(AuditedAdmin):
    list_display = ("item", "new_deadline", "status", "requested_by", "decided_by")
    list_filter = ("status",)


@admin.register(ProgressEntry)
class ProgressEntryAdmin(AuditedAdmin):
    list_display = ("item", "on", "author")
