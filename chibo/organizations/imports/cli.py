"""What import_members and import_organizations share: a progress bar, the report, the exit status.

Exit status: 0 written (or a clean dry run), 1 the file has invalid rows (nothing written),
2 bad usage: unknown organization, missing or unreadable file.
"""

import sys
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper
from django.utils.translation import gettext as _
from tqdm import tqdm

from chibo.organizations.imports.reading import ImportFileError
from chibo.organizations.imports.result import ImportResult
from chibo.organizations.imports.workbooks import error_workbook

EXIT_INVALID = 1
EXIT_USAGE = 2
PHASES = {"validate": "kiểm tra", "write": "ghi"}


class ProgressBar:
    """A tqdm bar on stderr per phase (tqdm hides it when stderr is not a terminal)."""

    def __init__(self) -> None:
        self.bar: tqdm | None = None
        self.phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase != self.phase:
            self.close()
            self.phase = phase
            self.bar = tqdm(total=total, desc=PHASES.get(phase, phase), unit=" dòng", file=sys.stderr,
                            disable=None, leave=False)
        if self.bar is not None:
            self.bar.total = max(total, done)
            self.bar.n = done
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def check_file(path: str) -> Path:
    file = Path(path)
    if not file.is_file():
        raise CommandError(_("Không thấy tệp %(path)s.") % {"path": path}, returncode=EXIT_USAGE)
    return file


def run(action: Callable[[ProgressBar], ImportResult]) -> ImportResult:
    bar = ProgressBar()
    try:
        return action(bar)
    except ImportFileError as exc:
        raise CommandError(" ".join(exc.messages), returncode=EXIT_USAGE) from exc
    finally:
        bar.close()


def report(result: ImportResult, *, file: Path, kind: str, stdout: OutputWrapper, stderr: OutputWrapper,
           error_report: str | None, summary: str) -> None:
    """Errors on stderr (one line per problem, with the row as Excel shows it), the summary on stdout."""
    if result.unknown_columns:
        stderr.write(_("Lưu ý: bỏ qua các cột không nhận ra: %(columns)s") %
                     {"columns": ", ".join(result.unknown_columns)})
    if result.errors:
        for error in result.errors:
            where = _("Dòng %(row)d") % {"row": error.row} if error.row is not None else _("Cả tệp")
            stderr.write(f"{where}: {error.message}")
        if error_report:
            with open(error_report, "wb") as out:
                error_workbook(source=file, name=file.name, kind=kind, errors=result.errors, out=out)
            stderr.write(_("Đã ghi tệp lỗi: %(path)s") % {"path": error_report})
        raise CommandError(_("%(rows)d dòng có lỗi; chưa ghi gì vào cơ sở dữ liệu.") % {"rows": result.error_rows},
                           returncode=EXIT_INVALID)
    if result.dry_run:
        stdout.write(_("Kiểm tra thử, chưa ghi gì. %(summary)s") % {"summary": summary})
    else:
        stdout.write(summary)
