"""The .xlsx files the importer hands out: the blank template, and the file sent back with a "Lỗi" column."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import IO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from chibo.organizations.imports import members as member_import
from chibo.organizations.imports import organizations as organization_import
from chibo.organizations.imports.reading import ColumnMatcher, ImportFileError, Source, locate_table, open_sheets
from chibo.organizations.imports.result import RowError
from chibo.organizations.models import ImportJob, OrganizationKind, Sector

ERROR_HEADER = "Lỗi"  # the column name offices see, whatever the interface language
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)
ERROR_FILL = PatternFill("solid", fgColor="FBEAEA")
ERROR_FONT = Font(color="7A0A0A")
TEMPLATE_ROWS = 1000  # rows formatted as text/date below the header, for typing into


def matcher_for(kind: str) -> ColumnMatcher:
    return organization_import.MATCHER if kind == ImportJob.Kind.ORGANIZATIONS else member_import.MATCHER


# --- template ---------------------------------------------------------------------------------------

def template_workbook(kind: str, out: IO[bytes]) -> None:
    if kind == ImportJob.Kind.ORGANIZATIONS:
        _organization_template(out)
    else:
        _member_template(out)


def _title_rows(ws, title: str, note: str, width: int) -> None:
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([note])
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[2].height = 90


def _member_template(out: IO[bytes]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách đảng viên"
    headers = ["STT", *(c.label for c in member_import.MEMBER_COLUMNS)]
    _title_rows(ws, "DANH SÁCH ĐẢNG VIÊN", _(
        "Ghi chú: mỗi đảng viên một dòng, dưới dòng tiêu đề (không đổi tên cột). Ngày ghi dạng ngày/tháng/năm "
        "(05/03/1970). Có ngày chính thức là đảng viên chính thức, để trống là dự bị. Cột “Chi bộ” ghi mã hoặc tên "
        "chi bộ (bắt buộc với đảng viên mới khi nhập ở cấp đảng bộ). Số thẻ dùng để nhận ra đảng viên khi nhập lại; "
        "ô để trống không xóa dữ liệu đã có. Dòng “Ví dụ” được bỏ qua, có thể xóa."
    ), len(headers))
    ws.append(headers)
    example = ["Ví dụ", "Nguyễn Văn An", date(1970, 3, 5), "Nam", "Kinh", "Không", date(2000, 3, 2),
               date(2001, 3, 2), "01000001", "0912345678", "Chi bộ Khu phố 1"]
    ws.append(example)
    for cell in ws[3]:
        cell.font = BOLD
    dates = {i + 1 for i, c in enumerate(headers) if c.startswith("Ngày")}
    texts = {headers.index("Số thẻ đảng viên") + 1, headers.index("Số điện thoại") + 1}
    for row in ws.iter_rows(min_row=4, max_row=4 + TEMPLATE_ROWS):
        for cell in row[:len(headers)]:
            if cell.column in dates:
                cell.number_format = DATE_FORMAT
            elif cell.column in texts:
                cell.number_format = "@"  # keep leading zeros of card and phone numbers
    gender = DataValidation(type="list", formula1='"Nam,Nữ"', allow_blank=True)
    ws.add_data_validation(gender)
    column = get_column_letter(headers.index("Giới tính") + 1)
    gender.add(f"{column}4:{column}{4 + TEMPLATE_ROWS}")
    for index, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 4)
    ws.column_dimensions["B"].width = 26
    ws.freeze_panes = "A4"
    wb.save(out)


def _organization_template(out: IO[bytes]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổ chức đảng"
    headers = ["STT", *(c.label for c in organization_import.ORGANIZATION_COLUMNS)]
    _title_rows(ws, "DANH SÁCH TỔ CHỨC ĐẢNG", _(
        "Ghi chú: mỗi tổ chức một dòng; cấp trên phải có sẵn hoặc nằm ở dòng phía trên. “Mã cấp trên” để trống "
        "là tổ chức gốc. “Loại” và “Loại hình” chọn trong trang “Danh mục”. Mã đã có thì cập nhật tên, loại hình. "
        "Dòng “Ví dụ” được bỏ qua, có thể xóa."
    ), len(headers))
    ws.append(headers)
    for cell in ws[3]:
        cell.font = BOLD
    ws.append(["Ví dụ", "38.168.003", "Chi bộ Khu phố 3", str(OrganizationKind.GRASSROOTS_CELL.label),
               str(Sector.RESIDENTIAL.label), "38.168"])
    for index, width in enumerate((8, 14, 36, 28, 30, 14), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    lists = wb.create_sheet("Danh mục")
    lists.append(["Loại", "Loại hình"])
    kinds = [str(k.label) for k in OrganizationKind]
    sectors = [str(s.label) for s in Sector]
    for index in range(max(len(kinds), len(sectors))):
        lists.append([kinds[index] if index < len(kinds) else None, sectors[index] if index < len(sectors) else None])
    lists.column_dimensions["A"].width = lists.column_dimensions["B"].width = 40
    wb.save(out)


# --- error report -------------------------------------------------------------------------------------

def error_workbook(*, source: Source, name: str, kind: str, errors: Sequence[RowError], out: IO[bytes]) -> None:
    """The rows of the file as they were, with a "Lỗi" column on the rows to fix, and a sheet listing every error.

    Row numbers stay those of the original, title rows included, so the report and Excel agree.
    """
    by_row: dict[int | None, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error.message)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Danh sách"))
    try:
        with open_sheets(source, name) as sheets:
            table = locate_table(sheets, matcher_for(kind))
            sheet = table.sheet if table else sheets[0] if sheets else None
            if sheet is not None:
                header_row = table.header.row if table else 1
                width = max((len(cells) for _n, cells in sheet.head()), default=0)
                for number, cells in sheet.rows():
                    ws.append(_error_row(ws, number, cells, width, header_row, by_row.get(number)))
    except ImportFileError:
        pass  # an unreadable file has no rows to give back; the second sheet still says why
    summary = wb.create_sheet(_("Các lỗi"))
    summary.append([_cell(summary, _("Dòng"), font=BOLD), _cell(summary, ERROR_HEADER, font=BOLD)])
    for error in sorted(errors, key=lambda e: e.row or 0):
        summary.append([error.row if error.row is not None else _("Cả tệp"), error.message])
    wb.save(out)


def _cell(ws, value: object, *, font: Font | None = None, number_format: str | None = None,
          fill: PatternFill | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if number_format is not None:
        cell.number_format = number_format
    if fill is not None:
        cell.fill = fill
    return cell


def _error_row(ws, number: int, cells: Sequence[object], width: int, header_row: int,
               messages: list[str] | None) -> list[object]:
    values: list[object] = [
        _cell(ws, v, number_format=DATE_FORMAT) if isinstance(v, datetime | date) else v for v in cells
    ]
    values.extend([None] * (width - len(values)))
    if number == header_row:
        values.append(_cell(ws, ERROR_HEADER, font=BOLD))
    elif messages:
        values.append(_cell(ws, "; ".join(messages), font=ERROR_FONT, fill=ERROR_FILL))
    return values
