"""Admin for meetings: procedures are edited here (versioned data); meeting records are read-only,
because every change to a meeting goes through the services (audit, locking, revisions)."""

from django.contrib import admin

from chibo.meetings.models import Meeting, MeetingFigures, MinutesRevision, Procedure, ProcedureStep


class ProcedureStepInline(admin.TabularInline):
    model = ProcedureStep
    extra = 0
    fields = ("order", "phase", "section", "code", "title", "evidence")


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ("name", "meeting_kind", "effective_from", "effective_to", "min_duration_minutes")
    list_filter = ("meeting_kind",)
    inlines = [ProcedureStepInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RevisionInline(admin.TabularInline):
    model = MinutesRevision
    extra = 0
    fields = ("number", "created_at", "author", "reason")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "organization", "kind", "planned_date", "held_on", "status")
    list_filter = ("kind", "status", "entered_after_the_fact")
    search_fields = ("organization__code", "organization__name", "topic")
    raw_id_fields = ("organization",)
    date_hierarchy = "planned_date"
    inlines = [RevisionInline]


@admin.register(MeetingFigures)
class MeetingFiguresAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "expected", "present", "attendance_rate", "speakers", "speaking_share")
