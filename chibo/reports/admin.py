from django.contrib import admin

from chibo.reports.models import DocumentFormat, DocumentNumber


@admin.register(DocumentFormat)
class DocumentFormatAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "issued_on", "effective_from", "effective_to", "status", "is_enabled")
    list_filter = ("status", "is_enabled")
    search_fields = ("code", "title")


@admin.register(DocumentNumber)
class DocumentNumberAdmin(admin.ModelAdmin):
    list_display = ("organization", "term", "doc_type", "issuer_code", "last_number", "updated_at")
    list_filter = ("term", "doc_type")
    search_fields = ("organization__name", "organization__code")
    raw_id_fields = ("organization",)
    readonly_fields = ("updated_at",)
