"""Admin: the checklists are edited here; records change through the pages and API."""

from django.contrib import admin

from orglife.safety.models import ChecklistItem, HazardDetail, Inspection, Report, RiskPoint


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ("text", "area", "sort_order", "active")
    list_filter = ("area", "active")
    list_editable = ("sort_order", "active")
    search_fields = ("text",)


class ReadOnlyAdmin(admin.ModelAdmin):
    # History rows are written by the services; the admin only looks.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RiskPoint)
class RiskPointAdmin(ReadOnlyAdmin):
    list_display = ("place", "area", "org", "method", "owner", "next_review")
    list_filter = ("area", "method")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "place", "area", "org")
    list_filter = ("area",)


@admin.register(HazardDetail)
class HazardDetailAdmin(ReadOnlyAdmin):
    list_display = ("item", "grade", "place", "found_on")
    list_filter = ("grade",)


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ("org", "year", "quarter", "submitted_on")
