from django.contrib import admin

from orglife.copycheck.models import ReferenceText


@admin.register(ReferenceText)
class ReferenceTextAdmin(admin.ModelAdmin):
    list_display = ("title", "source", "uploaded_by", "created_at")
    search_fields = ("title", "source")
