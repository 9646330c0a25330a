"""Template filters for meetings: shares as people read them ("90,0%")."""

from django import template

from chibo.meetings.minutes import percent as _percent

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A fraction as a percentage with one decimal and the locale's decimal comma; "—" when undefined."""
    return _percent(value)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
