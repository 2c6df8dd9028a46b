"""Admin: read-mostly. Changes to items go through the pages and API so history is kept."""

from django.contrib import admin

from orglife.ledger.models import (
    Evidence,
    ExtensionRequest,
    ItemEvent,
    ProgressEntry,
    RectificationItem,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class EventInline(ReadOnlyInline):
    model = ItemEvent
    fields = ("at", "actor", "action", "changes", "note")
    readonly_fields = fields


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ("original_name", "content_type", "size", "uploaded_by", "at")
    readonly_fields = fields


@admin.register(RectificationItem)
class RectificationItemAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "category", "kind", "status", "owner", "deadline")
    list_filter = ("status", "kind", "category", "source", "org")
    search_fields = ("title", "description")
    inlines = [EvidenceInline, EventInline]

    # Edits here would bypass the history and the transition table.
    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(admin.ModelAdmin):
    list_display = ("item", "new_deadline", "status", "requested_by", "decided_by")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ProgressEntry)
class ProgressEntryAdmin(admin.ModelAdmin):
    list_display = ("item", "on", "author")

    def has_change_permission(self, request, obj=None) -> bool:
        return False
