"""Template filters for quality pages: levels as people read them, shares as "57,3%"."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from chibo.quality.models import Level
from chibo.quality.scoring import UNRATED
from chibo.reports.statistics import percent_decimal

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A fraction as a percentage with one decimal and the locale's decimal comma ("57,3%"); "—" when undefined."""
    if value is None:
        return "—"
    return f"{number_format(percent_decimal(value), 1)}%"


@register.filter
def level_label(value: str | None) -> str:
    if not value or value == UNRATED:
        return _("Chưa đánh giá")
    return str(Level(value).label) if value in Level.values else value


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
