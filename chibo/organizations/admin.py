from django.contrib import admin

from chibo.organizations.models import (
    Exemption,
    ImportJob,
    Member,
    Membership,
    Organization,
    OrganizationChange,
    Position,
)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "sector", "parent", "valid_from", "valid_to")
    list_filter = ("kind", "sector")
    search_fields = ("code", "name", "search_name")
    raw_id_fields = ("parent", "merged_into")
    readonly_fields = ("path", "depth")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("organization",)


class ExemptionInline(admin.TabularInline):
    model = Exemption
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    raw_id_fields = ("organization",)


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("full_name", "card_number", "status", "birth_date", "exit_kind")
    list_filter = ("status", "gender", "exit_kind")
    search_fields = ("search_name", "card_number")
    inlines = [MembershipInline, PositionInline, ExemptionInline]
    readonly_fields = ("search_name", "sort_key")


@admin.register(OrganizationChange)
class OrganizationChangeAdmin(admin.ModelAdmin):
    list_display = ("effective_date", "kind", "organization", "other", "decision")
    list_filter = ("kind",)
    raw_id_fields = ("organization", "other", "old_parent", "new_parent")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "original_name", "organization", "status", "total_rows", "created_count")
    list_filter = ("status", "kind")
    raw_id_fields = ("organization",)
