"""Read a member or organization list as offices make it: .xlsx or .csv, title rows above the header.

Rows are numbered as the spreadsheet shows them (1-based, counting the title rows), so that
an error report can say "dòng 7" and the person finds line 7 in Excel.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from chibo.core import text
from chibo.core.errors import RuleViolation
from chibo.organizations.imports.values import as_text, is_blank

Row = tuple[int, Sequence[object]]  # (row number as the spreadsheet shows it, cell values)
Source = str | Path | IO[bytes]

EXTENSIONS = (".xlsx", ".csv")
HEADER_SEARCH_ROWS = 30  # the header is looked for among the first rows only
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


class ImportFileError(RuleViolation):
    """The file cannot be read at all (wrong type, damaged, not UTF-8): bad input, not bad rows."""


@dataclass(frozen=True)
class Column:
    """One column the importer knows: the header offices write, and the variants they also write."""

    field: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def keys(self) -> set[str]:
        return {header_key(name) for name in (self.label, *self.aliases)}


@dataclass
class Header:
    row: int  # the (last) header row number
    positions: dict[str, int]  # field → 0-based column index
    labels: list[str]  # the header cells as written (for the error report)
    unknown: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def header_key(label: object) -> str:
    """"Họ và tên (đảng viên)" → "hovaten": accents, case, spaces, punctuation and notes in brackets ignored."""
    return _NOT_ALNUM.sub("", text.fold(_PARENTHESES.sub(" ", as_text(label))))


def _key_variants(key: str) -> list[str]:
    # Two-level headers ("Ngày, tháng, năm" over "Sinh" | "Vào Đảng" | "Chính thức") and their
    # one-cell forms ("Ngày tháng năm sinh") all come down to "ngay" + what the date is of.
    variants = [key]
    for prefix in ("ngaythangnam", "ngaythang", "ngay"):
        if key.startswith(prefix) and len(key) > len(prefix):
            variants.append("ngay" + key[len(prefix):])
            break
    variants.append("ngay" + key)
    return variants


class ColumnMatcher:
    def __init__(self, columns: Sequence[Column], ignored: Sequence[str] = ()):
        self.columns = columns
        self.by_key: dict[str, str] = {}
        for column in columns:
            for key in column.keys():
                self.by_key[key] = column.field
        self.ignored = {header_key(name) for name in ignored}

    def field_for(self, label: object) -> str | None:
        key = header_key(label)
        if not key:
            return None
        for variant in _key_variants(key):
            if variant in self.by_key:
                return self.by_key[variant]
        return None

    def is_ignored(self, label: object) -> bool:
        return header_key(label) in self.ignored

    def required_fields(self) -> set[str]:
        return {c.field for c in self.columns if c.required}

    def read_header(self, row: int, cells: Sequence[object]) -> Header:
        positions: dict[str, int] = {}
        unknown: list[str] = []
        duplicates: list[str] = []
        for index, cell in enumerate(cells):
            if is_blank(cell):
                continue
            found = self.field_for(cell)
            if found is None:
                if not self.is_ignored(cell):
                    unknown.append(as_text(cell))
            elif found in positions:
                duplicates.append(as_text(cell))
            else:
                positions[found] = index
        return Header(row=row, positions=positions, labels=[as_text(c) for c in cells],
                      unknown=unknown, duplicates=duplicates)

    def score(self, cells: Sequence[object]) -> int:
        found = {self.field_for(c) for c in cells if not is_blank(c)}
        found.discard(None)
        if not self.required_fields() <= found:
            return 0
        return len(found)


def find_header(head: list[Row], matcher: ColumnMatcher) -> tuple[Header, int] | None:
    """The header among the first rows: the row naming the most known columns (the required ones among them).

    Returns the header and how many of `head` it consumed (one row, or two for a two-level header).
    """
    best: tuple[int, int] | None = None  # (score, index)
    for index, (_number, cells) in enumerate(head):
        score = matcher.score(cells)
        if score >= 2 and (best is None or score > best[0]):
            best = (score, index)
    if best is None:
        return None
    index = best[1]
    number, cells = head[index]
    header = matcher.read_header(number, cells)
    if index + 1 < len(head):
        combined = _two_level(cells, head[index + 1][1])
        if combined is not None:
            second = matcher.read_header(head[index + 1][0], combined)
            if len(second.positions) > len(header.positions):
                return second, index + 2
    return header, index + 1


def _two_level(top: Sequence[object], below: Sequence[object]) -> list[object] | None:
    """Join a header with the row under it when that row holds sub-headings (text only)."""
    if not any(isinstance(c, str) and c.strip() for c in below):
        return None
    if any(not is_blank(c) and not isinstance(c, str) for c in below):
        return None
    combined: list[object] = []
    carried = ""
    for index in range(max(len(top), len(below))):
        upper = as_text(top[index]) if index < len(top) else ""
        lower = as_text(below[index]) if index < len(below) else ""
        if upper:
            carried = upper
        # A blank upper cell under a merged heading carries the heading to its left.
        parent = upper or carried
        combined.append(f"{parent} {lower}".strip() if lower else upper)
    return combined


def is_numbering_row(cells: Sequence[object]) -> bool:
    """The "(1) (2) (3) …" row official forms put under the header."""
    values = [as_text(c).strip("()") for c in cells if not is_blank(c)]
    return len(values) >= 3 and all(v.isdigit() for v in values) and values[:3] == ["1", "2", "3"]


def is_example_row(cells: Sequence[object]) -> bool:
    """The template's sample row, marked "Ví dụ" in its first cell: never imported, even if left in."""
    first = next((c for c in cells if not is_blank(c)), None)
    if not isinstance(first, str) or first.lstrip()[:1] not in ("V", "v"):
        return False  # the cheap test first: this runs on every row
    return text.fold(first) in {"vi du", "vi du:"}


# --- sources ---------------------------------------------------------------------------------------

def file_extension(name: str) -> str:
    return Path(name).suffix.lower()


def check_extension(name: str) -> None:
    ext = file_extension(name)
    if ext == ".xls":
        raise ImportFileError(_("Tệp .xls (Excel 97–2003) chưa đọc được: hãy mở bằng Excel và lưu lại dạng .xlsx."))
    if ext not in EXTENSIONS:
        raise ImportFileError(_("Chỉ nhận tệp .xlsx hoặc .csv (tệp đã chọn là “%(name)s”).") % {"name": name})


@dataclass
class Sheet:
    """One table of rows; `estimated_rows` is what the file claims (exact for CSV)."""

    title: str
    estimated_rows: int
    _rows: Callable[[], Iterator[Row]]

    def rows(self) -> Iterator[Row]:
        return self._rows()

    def head(self) -> list[Row]:
        head = []
        for row in self.rows():
            head.append(row)
            if len(head) >= HEADER_SEARCH_ROWS:
                break
        return head


@contextmanager
def open_sheets(source: Source, name: str) -> Iterator[list[Sheet]]:
    """The sheets of an .xlsx (each visible worksheet) or the one table of a .csv."""
    check_extension(name)
    if file_extension(name) == ".csv":
        yield [_csv_sheet(_read_bytes(source))]
        return
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(_("Không đọc được tệp Excel “%(name)s”: tệp hỏng hoặc không phải .xlsx.")
                              % {"name": name}) from exc
    try:
        yield [_xlsx_sheet(ws) for ws in workbook.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    finally:
        workbook.close()


def _xlsx_sheet(ws) -> Sheet:
    estimated = ws.max_row or 0
    # Some programs write a wrong sheet size; read every row there is rather than trust it.
    ws.reset_dimensions()

    def rows() -> Iterator[Row]:
        yield from enumerate(ws.iter_rows(values_only=True), start=1)

    return Sheet(title=ws.title, estimated_rows=estimated, _rows=rows)


def _read_bytes(source: Source) -> bytes:
    if isinstance(source, str | Path):
        try:
            return Path(source).read_bytes()
        except OSError as exc:
            raise ImportFileError(_("Không mở được tệp “%(name)s”.") % {"name": source}) from exc
    source.seek(0)
    return source.read()


def _csv_sheet(data: bytes) -> Sheet:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Tệp CSV phải lưu theo mã UTF-8 (trong Excel: “CSV UTF-8”).")) from exc
    delimiter = _sniff_delimiter(content)
    estimated = content.count("\n") + (0 if content.endswith("\n") else 1)

    def rows() -> Iterator[Row]:
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
        yield from enumerate(reader, start=1)

    return Sheet(title="CSV", estimated_rows=estimated, _rows=rows)


def _sniff_delimiter(content: str) -> str:
    """Comma, semicolon (Excel in Vietnamese locale) or tab: whichever the first lines use most."""
    sample = content[:65536].splitlines()[:50]
    counts = {d: sum(line.count(d) for line in sample) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


@dataclass
class Table:
    """The chosen sheet, its header, and an iterator over the data rows below the header."""

    sheet: Sheet
    header: Header
    skip: int  # rows of the sheet up to and including the header

    def data_rows(self) -> Iterator[Row]:
        rows = self.sheet.rows()
        for _index in range(self.skip):
            next(rows, None)
        first = True
        for number, cells in rows:
            if (first and is_numbering_row(cells)) or is_example_row(cells):
                first = False
                continue
            first = False
            yield number, cells


def locate_table(sheets: list[Sheet], matcher: ColumnMatcher) -> Table | None:
    for sheet in sheets:
        head = sheet.head()
        found = find_header(head, matcher)
        if found is not None:
            header, consumed = found
            return Table(sheet=sheet, header=header, skip=_skip_count(head, consumed))
    return None


def _skip_count(head: list[Row], consumed: int) -> int:
    # Rows are numbered from 1 with no gaps (missing rows come back empty), so the count of rows
    # to skip is the number of the last header row.
    return head[consumed - 1][0]
