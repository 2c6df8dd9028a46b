from django.contrib import admin

from orglife.meetings.models import FindingDismissal, InspectionMaterial, LifeMeeting


@admin.register(LifeMeeting)
class LifeMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "year", "held_on")
    list_filter = ("year",)


@admin.register(InspectionMaterial)
class InspectionMaterialAdmin(admin.ModelAdmin):
    list_display = ("__str__", "org", "kind", "year", "author", "created_at")
    list_filter = ("kind", "year")
    search_fields = ("title", "source_name")


@admin.register(FindingDismissal)
class FindingDismissalAdmin(admin.ModelAdmin):
    list_display = ("material", "rule", "reason", "dismissed_by", "created_at")
