"""Admin for quality: alert rules are edited here (thresholds are data); rubrics are edited through their
screens (which check that points add up) and ratings never change, so both are read-only here."""

from django.contrib import admin

from chibo.quality.models import AlertRule, MeetingQuality, MeetingRating, Rubric, SupportAction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "params", "is_active", "order")
    list_editable = ("is_active", "order")
    list_filter = ("kind", "is_active")


@admin.register(Rubric)
class RubricAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "status", "effective_from", "effective_to")
    list_filter = ("status",)


@admin.register(MeetingRating)
class MeetingRatingAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "rater_kind", "rater_name", "total", "level", "created_at")
    list_filter = ("rater_kind", "level")


@admin.register(MeetingQuality)
class MeetingQualityAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "final_level", "final_score", "self_level", "superior_level", "disagrees")
    list_filter = ("final_level", "disagrees")


@admin.register(SupportAction)
class SupportActionAdmin(ReadOnlyAdmin):
    list_display = ("cell", "taken_on", "action", "outcome_on")
