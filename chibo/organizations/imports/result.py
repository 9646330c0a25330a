"""What an import found and did: counts, errors by spreadsheet row, a preview."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# progress(phase, done, total): phase is "validate" or "write"; called every PROGRESS_EVERY rows.
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 500
PREVIEW_ROWS = 20


@dataclass(frozen=True)
class RowError:
    row: int | None  # as the spreadsheet shows it; None for a problem with the whole file
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "message": self.message}


@dataclass
class ImportResult:
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    transferred: int = 0
    header_row: int | None = None
    unknown_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    preview_columns: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({e.row for e in self.errors})

    def errors_by_row(self) -> dict[int | None, list[str]]:
        grouped: dict[int | None, list[str]] = {}
        for error in self.errors:
            grouped.setdefault(error.row, []).append(error.message)
        return grouped


def no_progress(phase: str, done: int, total: int) -> None:
    return None
