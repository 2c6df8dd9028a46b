from django.contrib import admin

from orglife.meetings.models import (
    HeartTalk,
    LifeMeeting,
    MeetingPlan,
    Opinion,
    PlanEvent,
    StudySession,
)


@admin.register(LifeMeeting)
class LifeMeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "org", "year", "held_on")
    list_filter = ("year",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """The preparation is recorded through the services (with its history); the admin
    only shows it, so nothing is changed or deleted behind the history's back."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


for model in (MeetingPlan, PlanEvent, StudySession, Opinion, HeartTalk):
    admin.site.register(model, ReadOnlyAdmin)
