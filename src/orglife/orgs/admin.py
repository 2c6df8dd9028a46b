from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from orglife.orgs import throttle
from orglife.orgs.models import ApiToken, Membership, Organization, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "name", "phone", "is_active", "is_staff")
    search_fields = ("username", "name", "phone")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("党员信息", {"fields": ("name", "gender", "birth_date", "join_date", "phone")}),
    )
    inlines = [MembershipInline]
    actions = ["unlock_signin"]

    @admin.action(description="解除登录等待（登录失败次数过多时）")
    def unlock_signin(self, request, queryset) -> None:
        for user in queryset:
            throttle.unlock(user.get_username())
        self.message_user(request, f"已解除 {queryset.count()} 个账号的登录等待")

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # 三员分立: seats, staff and permission flags are the security administrator's.
        hidden = {"is_superuser", "is_staff", "groups", "user_permissions"}
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]})
            for name, opts in fieldsets
        ]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        if not change:
            obj.must_change_password = True  # the administrator chose it: change it first
        super().save_model(request, obj, form, change)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    search_fields = ("user__name", "user__username", "organization__name")
    autocomplete_fields = ["user", "organization"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "expires_at")
    readonly_fields = ("digest",)
