"""Building list files the way offices make them, for tests and the benchmark (never imported by the app)."""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell


def nfd(value: str) -> str:
    """The same text in decomposed form, as some Mac and old Windows tools save it."""
    return unicodedata.normalize("NFD", value)


def write_xlsx(path: Path, rows: Iterable[Sequence[object]], *, title: str = "Sheet1", date_format: str = "DD/MM/YYYY",
               extra_sheets: Sequence[str] = ()) -> Path:
    """Rows as given (None = empty cell, [] = empty row); dates become real Excel dates."""
    wb = Workbook(write_only=True)
    for name in extra_sheets:
        wb.create_sheet(name).append(["Trang khác, không phải danh sách"])
    ws = wb.create_sheet(title)
    for row in rows:
        cells = []
        for value in row:
            if hasattr(value, "year") and not isinstance(value, str):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = date_format
                cells.append(cell)
            else:
                cells.append(value)
        ws.append(cells)
    wb.save(path)
    return path


def write_csv(path: Path, rows: Iterable[Sequence[object]], *, delimiter: str = ",", bom: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path
