"""Reads for the document layer."""

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from chibo.core.errors import RuleViolation
from chibo.reports.documents.layout import Layout
from chibo.reports.models import DocumentFormat


def format_for(day: date) -> DocumentFormat:
    """The enabled format version in force on `day`; the latest effective_from wins an overlap.

    Overlaps are allowed on purpose: a new version can be loaded (enabled or not) without
    editing the end date of the one it replaces, and switching it on is one field.
    """
    found = (
        DocumentFormat.objects.filter(is_enabled=True, effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from", "-id")
        .first()
    )
    if found is None:
        raise RuleViolation(_("Chưa có thể thức văn bản áp dụng cho ngày %(day)s.") % {"day": f"{day:%d/%m/%Y}"})
    return found


def layout_for(day: date) -> Layout:
    """The validated layout of the version in force on `day`, for the renderers."""
    return format_for(day).spec()
