from django.contrib import admin

from orglife.materials.models import FindingDismissal, InspectionMaterial


@admin.register(InspectionMaterial)
class InspectionMaterialAdmin(admin.ModelAdmin):
    list_display = ("__str__", "org", "kind", "year", "author", "created_at")
    list_filter = ("kind", "year")
    search_fields = ("title", "source_name")


@admin.register(FindingDismissal)
class FindingDismissalAdmin(admin.ModelAdmin):
    list_display = ("material", "rule", "reason", "dismissed_by", "created_at")
