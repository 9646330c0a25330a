"""The one place that writes AuditEvent rows."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models

from chibo.core.models import AuditEvent


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, str | None]:
    """The current values of `fields` as text, to diff against after a change."""
    return {name: _as_text(getattr(obj, name)) for name in fields}


def audit_record(
    *, actor, action: str, obj: models.Model, summary: str = "",
    before: dict[str, str | None] | None = None, after: dict[str, str | None] | None = None,
) -> AuditEvent:
    """Record one change; `before`/`after` snapshots become {field: [old, new]} for changed fields."""
    changes: dict[str, list[str | None]] = {}
    if after is not None:
        before = before or {}
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        summary=summary[:300],
        changes=changes,
    )


def audit_events_for(obj: models.Model):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=obj.pk).select_related("actor")
