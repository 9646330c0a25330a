from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from chibo.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("chibo", {"fields": ("member",)}))
    raw_id_fields = ("member",)
    inlines = [RoleAssignmentInline]
    list_display = ("username", "first_name", "last_name", "member", "is_active", "is_superuser")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organization", "start_date", "end_date")
    list_filter = ("role",)
    autocomplete_fields = ("organization",)
    raw_id_fields = ("user",)
