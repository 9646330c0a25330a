"""Millions of plain rows into the database: COPY on PostgreSQL, executemany on SQLite.

The province's history is tens of millions of rows (attendance, steps, item scores…). Building a model
instance per row and going through bulk_create costs 100–140 µs a row on the demo VM; a tuple sent with
COPY or executemany costs 15–20 µs. The columns come from the model's own fields, so a renamed column
follows; a field the caller does not give gets the model's default (auto_now fields: the moment of
seeding), so a field added later with a default does not break the demo. Values are prepared the way
the backend's own field conversion would (aware datetimes to UTC text on SQLite, JSON as text).
"""

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models
from django.utils import timezone

FLUSH_ROWS = 20_000


def _prepare(field: models.Field) -> Callable[[Any], Any] | None:
    """How a value of this field goes to the database, when it needs more than the driver's own adaptation."""
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else json.dumps(value, cls=field.encoder)
    if connection.vendor != "sqlite":
        return None
    if isinstance(field, models.DateTimeField):
        return _sqlite_datetime
    if isinstance(field, models.TimeField):
        return lambda value: None if value is None else connection.ops.adapt_timefield_value(value)
    if isinstance(field, models.DateField):
        return lambda value: None if value is None else connection.ops.adapt_datefield_value(value)
    return None


def _sqlite_datetime(value: datetime | None) -> str | None:
    """What the SQLite backend stores for an aware datetime (adapt_datetimefield_value: naive UTC, str()), quicker."""
    if value is None:
        return None
    if timezone.is_naive(value):
        raise ValueError(f"naive datetime {value} for SQLite")
    return str(value.astimezone(UTC).replace(tzinfo=None))


class Table:
    """Rows for one model: `add` the given fields' values in order, the rest are filled with defaults."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, now: datetime | None = None) -> None:
        self.model = model
        meta = model._meta
        given = [field for name in fields if isinstance(field := meta.get_field(name), models.Field)]
        if len(given) != len(fields):
            raise ValueError(f"{meta.label}: {fields} are not all concrete fields")
        now = now or timezone.now()
        rest: list[tuple[models.Field, Any]] = []
        for field in meta.concrete_fields:
            if field in given or (field.primary_key and isinstance(field, models.AutoField)):
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                rest.append((field, now))
            elif field.has_default() or field.null or field.empty_strings_allowed:
                rest.append((field, field.get_default()))  # the default, else None or ""
            else:
                raise ValueError(f"{meta.label}.{field.name} has no default: give it")
        self.columns = [str(f.column) for f in given] + [str(f.column) for f, _ in rest]
        self.preparers = [_prepare(f) for f in given]
        self.tail = tuple(prep(value) if (prep := _prepare(f)) else value for f, value in rest)
        self.rows: list[tuple] = []

    def add(self, *values: Any) -> None:
        self.rows.append(values)

    def __len__(self) -> int:
        return len(self.rows)

    def flush(self) -> int:
        """Send the rows collected so far; returns how many."""
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        preparers = [(i, p) for i, p in enumerate(self.preparers) if p is not None]
        tail = self.tail
        if preparers:
            prepared: Iterable[tuple] = (
                tuple(_apply(row, preparers)) + tail for row in rows
            )
        else:
            prepared = (row + tail for row in rows)
        table = connection.ops.quote_name(str(self.model._meta.db_table))
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(prepared))
        return len(rows)


def _apply(row: tuple, preparers: list[tuple[int, Callable[[Any], Any]]]) -> list:
    values = list(row)
    for index, prepare in preparers:
        values[index] = prepare(values[index])
    return values


def next_id(model: type[models.Model]) -> int:
    """The first id to hand out for rows whose id the caller chooses (to refer to them before they exist)."""
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1

