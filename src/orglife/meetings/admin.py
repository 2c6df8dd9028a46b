from django.contrib import admin

from orglife.meetings.models import LifeMeeting


@admin.register(LifeMeeting)
class LifeMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "year", "held_on")
    list_filter = ("year",)
