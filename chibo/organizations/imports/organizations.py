"""Import the organization tree: code, name, kind, sector, parent code; all rows checked, then all written.

New organizations go through services.organization_create, so path, depth and the history row
are made exactly as when someone adds a unit on screen; existing codes get their name and sector
updated. A file may define a parent and its children together, parents first.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core.audit import audit_record
from chibo.organizations import services
from chibo.organizations.imports.reading import (
    Column,
    ColumnMatcher,
    Source,
    header_key,
    locate_table,
    open_sheets,
)
from chibo.organizations.imports.result import (
    PREVIEW_ROWS,
    PROGRESS_EVERY,
    ImportResult,
    Progress,
    RowError,
    no_progress,
)
from chibo.organizations.imports.values import CellError, is_blank, parse_text
from chibo.organizations.models import CELL_KINDS, Organization, OrganizationKind, Sector

LOOKUP_CHUNK = 500

ORGANIZATION_COLUMNS = (
    Column("code", "Mã", ("Mã tổ chức", "Mã đơn vị", "Mã số", "Code"), required=True),
    Column("name", "Tên", ("Tên tổ chức", "Tên đơn vị", "Tên tổ chức đảng", "Name"), required=True),
    Column("kind", "Loại", ("Loại tổ chức", "Loại tổ chức đảng", "Kind")),
    Column("sector", "Loại hình", ("Loại hình chi bộ", "Loại hình tổ chức", "Sector")),
    Column("parent", "Mã cấp trên", ("Mã tổ chức cấp trên", "Mã đơn vị cấp trên", "Cấp trên", "Parent code",
                                     "Parent")),
)
MATCHER = ColumnMatcher(ORGANIZATION_COLUMNS, ("STT", "TT", "Số TT", "Số thứ tự", "No"))
LABELS = {
    "code": gettext_lazy("Mã"), "name": gettext_lazy("Tên"), "kind": gettext_lazy("Loại"),
    "sector": gettext_lazy("Loại hình"), "parent": gettext_lazy("Mã cấp trên"),
}
# What offices also write for a kind, besides the labels of OrganizationKind.
KIND_ALIASES: dict[str, str] = {
    "dang bo tinh": OrganizationKind.PROVINCE, "dang bo thanh pho": OrganizationKind.PROVINCE,
    "dang bo xa": OrganizationKind.COMMUNE, "dang bo phuong": OrganizationKind.COMMUNE,
    "dang bo dac khu": OrganizationKind.COMMUNE, "dang bo huyen": OrganizationKind.DISTRICT,
    "dang bo quan": OrganizationKind.DISTRICT, "to dang": OrganizationKind.PARTY_GROUP,
}


def _choice_keys(choices: type[OrganizationKind] | type[Sector], aliases: dict[str, str]) -> dict[str, str]:
    """Label (Vietnamese and the current language) and value → value, compared like headers are.

    "Đảng bộ xã, phường, đặc khu", "dang bo xa phuong dac khu" and "commune" are all "commune".
    """
    keys = {header_key(alias): value for alias, value in aliases.items()}
    for choice in choices:
        keys[header_key(choice.value)] = choice.value
        keys[header_key(choice.label)] = choice.value
        with translation.override("vi"):
            keys[header_key(choice.label)] = choice.value
    return keys


@dataclass(slots=True)
class OrganizationRow:
    row: int
    code: str = ""
    name: str = ""
    kind: str = ""
    sector: str = ""
    parent_code: str = ""
    failed: bool = False
    existing: Organization | None = None
    parent: Organization | None = None  # when the parent is already in the database
    changed: bool = False


def organizations_import(
    *, source: Source, name: str = "", within: Organization | None = None, imported_by=None,
    dry_run: bool = False, progress: Progress = no_progress,
) -> ImportResult:
    """Validate every row, then create or update all organizations in one transaction.

    With `within` (an upload from an organization's page) every row must sit inside that subtree;
    without it (the command line) a blank parent makes a root.
    """
    name = name or Path(str(getattr(source, "name", source))).name
    result = ImportResult(dry_run=dry_run)
    rows = _read(source, name, result, progress)
    if rows is None:
        return result
    _check(rows, within=within, result=result)
    result.preview_columns = [_("Dòng"), _("Mã"), _("Tên"), _("Loại"), _("Loại hình"), _("Mã cấp trên"),
                              _("Kết quả")]
    kinds, sectors = dict(OrganizationKind.choices), dict(Sector.choices)
    for row in rows[:PREVIEW_ROWS]:
        result.preview.append([str(row.row), row.code, row.name, str(kinds.get(row.kind, row.kind)),
                               str(sectors.get(row.sector, row.sector)), row.parent_code, _outcome(row)])
    if result.errors or dry_run:
        return result
    _write(rows, imported_by=imported_by, name=name, result=result, progress=progress)
    return result


def _read(source: Source, name: str, result: ImportResult, progress: Progress) -> list[OrganizationRow] | None:
    kinds = _choice_keys(OrganizationKind, KIND_ALIASES)
    sectors = _choice_keys(Sector, {})
    with open_sheets(source, name) as sheets:
        table = locate_table(sheets, MATCHER)
        if table is None:
            result.errors.append(RowError(None, _(
                "Không tìm thấy dòng tiêu đề: cần có các cột “Mã”, “Tên”, “Loại”, “Mã cấp trên” (tải tệp mẫu để xem)."
            )))
            return None
        header = table.header
        result.header_row, result.unknown_columns = header.row, header.unknown
        for label in header.duplicates:
            result.errors.append(RowError(header.row, _("Cột “%(label)s” bị lặp lại.") % {"label": label}))
        if result.errors:
            return None
        rows = []
        for count, (number, cells) in enumerate(table.data_rows(), start=1):
            if count % PROGRESS_EVERY == 0:
                progress("validate", count, max(table.sheet.estimated_rows - header.row, count))
            values = {f: cells[i] if i < len(cells) else None for f, i in header.positions.items()}
            if all(is_blank(v) for v in values.values()):
                continue
            rows.append(_parse_row(number, values, kinds=kinds, sectors=sectors, errors=result.errors))
    result.total_rows = len(rows)
    progress("validate", len(rows), len(rows))
    if not rows:
        result.errors.append(RowError(None, _("Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)d).")
                                      % {"row": result.header_row}))
        return None
    return rows


def _parse_row(number: int, values: dict[str, object], *, kinds: dict[str, str], sectors: dict[str, str],
               errors: list[RowError]) -> OrganizationRow:
    row = OrganizationRow(row=number)

    def fail(message: str) -> None:
        errors.append(RowError(number, message))
        row.failed = True

    def read(field: str, max_length: int) -> str:
        try:
            return parse_text(values.get(field), label=LABELS[field], max_length=max_length)
        except CellError as exc:
            fail(str(exc))
            return ""

    row.code, row.name, row.parent_code = read("code", 40), read("name", 255), read("parent", 40)
    kind_text, sector_text = read("kind", 100), read("sector", 100)
    if not row.code:
        fail(_("Thiếu mã tổ chức."))
    if not row.name:
        fail(_("Thiếu tên tổ chức."))
    row.kind = kinds.get(header_key(kind_text), "") if kind_text else ""
    if kind_text and not row.kind:
        fail(_("Loại tổ chức “%(value)s” không có trong danh mục.") % {"value": kind_text})
    row.sector = sectors.get(header_key(sector_text), "") if sector_text else ""
    if sector_text and not row.sector:
        fail(_("Loại hình “%(value)s” không có trong danh mục.") % {"value": sector_text})
    return row


def _check(rows: list[OrganizationRow], *, within: Organization | None, result: ImportResult) -> None:
    codes = sorted({r.code for r in rows if r.code} | {r.parent_code for r in rows if r.parent_code})
    on_file = {}
    for start in range(0, len(codes), LOOKUP_CHUNK):
        chunk = codes[start:start + LOOKUP_CHUNK]
        on_file.update({o.code: o for o in Organization.objects.filter(code__in=chunk).select_related("parent")})
    seen: dict[str, OrganizationRow] = {}
    later: dict[str, int] = {}
    for r in rows:
        later.setdefault(r.code, r.row)

    def fail(row: OrganizationRow, message: str) -> None:
        result.errors.append(RowError(row.row, message))
        row.failed = True

    def inside(org: Organization) -> bool:
        return within is None or org.path.startswith(within.path)

    for row in rows:
        if row.code in seen:
            fail(row, _("Mã %(code)s trùng với dòng %(row)d.") % {"code": row.code, "row": seen[row.code].row})
            continue
        if row.code:
            seen[row.code] = row
        parent_kind = _parent_kind(row, seen, on_file, later, inside, fail, within)
        if parent_kind is None and not row.parent_code and within is not None:
            fail(row, _("Cần ghi mã cấp trên (một tổ chức thuộc %(org)s).") % {"org": within.name})
        if parent_kind in CELL_KINDS and row.kind and row.kind != OrganizationKind.PARTY_GROUP:
            fail(row, _("Dưới chi bộ chỉ có thể lập tổ đảng."))
        if parent_kind == OrganizationKind.PARTY_GROUP:
            fail(row, _("Tổ đảng không có tổ chức cấp dưới."))
        existing = on_file.get(row.code)
        if existing is not None:
            _check_existing(row, existing, inside, fail)
        elif not row.kind and not row.failed:
            fail(row, _("Thiếu loại tổ chức (ví dụ: Chi bộ cơ sở, Đảng bộ cơ sở)."))
    result.errors.sort(key=lambda e: e.row or 0)
    for row in rows:
        if row.existing is None:
            result.created += 1
        elif row.changed:
            result.updated += 1
        else:
            result.unchanged += 1


def _parent_kind(row, seen, on_file, later, inside, fail, within) -> str | None:
    """The kind of the row's parent, from earlier in the file or from the database (None: no parent)."""
    if not row.parent_code:
        return None
    if row.parent_code == row.code:
        fail(row, _("Tổ chức không thể trực thuộc chính nó."))
        return None
    if row.parent_code in seen:
        earlier = seen[row.parent_code]
        return earlier.kind or (earlier.existing.kind if earlier.existing else None)
    parent = on_file.get(row.parent_code)
    if parent is not None:
        row.parent = parent
        # The scope's own organization may be listed too, under its real (outside) parent.
        own_row = within is not None and row.code == within.code
        if not inside(parent) and not own_row:
            fail(row, _("Mã cấp trên %(code)s không thuộc phạm vi được nhập.") % {"code": row.parent_code})
        elif parent.valid_to is not None:
            fail(row, _("Tổ chức cấp trên %(code)s đã giải thể hoặc hợp nhất.") % {"code": row.parent_code})
        return parent.kind
    if row.parent_code in later:
        fail(row, _("Mã cấp trên %(code)s ở dòng %(row)d, phía dưới: hãy xếp cấp trên lên trước.")
             % {"code": row.parent_code, "row": later[row.parent_code]})
    else:
        fail(row, _("Không tìm thấy tổ chức cấp trên có mã %(code)s.") % {"code": row.parent_code})
    return None


def _check_existing(row: OrganizationRow, existing: Organization, inside, fail) -> None:
    """An existing code is updated (name, sector), never moved or changed in kind by a file."""
    if not inside(existing):
        fail(row, _("Mã %(code)s đã được dùng cho một tổ chức khác.") % {"code": row.code})
        return
    parent_code = existing.parent.code if existing.parent_id and existing.parent else ""
    if row.parent_code != parent_code:
        fail(row, _("Mã %(code)s đã có, trực thuộc %(parent)s; tệp nhập không chuyển tổ chức "
                    "(dùng chức năng “Chuyển trực thuộc”).") % {"code": row.code, "parent": parent_code or "—"})
    if row.kind and row.kind != existing.kind:
        fail(row, _("Mã %(code)s đã có với loại “%(kind)s”; tệp nhập không đổi loại tổ chức.")
             % {"code": row.code, "kind": existing.get_kind_display()})
    row.existing = existing
    row.changed = existing.name != row.name or (bool(row.sector) and existing.sector != row.sector)


def _outcome(row: OrganizationRow) -> str:
    if row.failed:
        return _("Lỗi")
    if row.existing is None:
        return _("Thêm mới")
    return _("Cập nhật") if row.changed else _("Không đổi")


def _write(rows: list[OrganizationRow], *, imported_by, name: str, result: ImportResult, progress: Progress) -> None:
    made: dict[str, Organization] = {}
    with transaction.atomic():
        for count, row in enumerate(rows, start=1):
            if row.existing is None:
                parent = made.get(row.parent_code) or row.parent
                made[row.code] = services.organization_create(
                    code=row.code, name=row.name, kind=row.kind, parent=parent, sector=row.sector,
                    created_by=imported_by)
            else:
                made[row.code] = row.existing
                if row.changed:
                    fields = {"name": row.name, **({"sector": row.sector} if row.sector else {})}
                    services.organization_update(org=row.existing, updated_by=imported_by, **fields)
            if count % PROGRESS_EVERY == 0:
                progress("write", count, len(rows))
        top = min(made.values(), key=lambda o: (o.depth, o.path))
        audit_record(actor=imported_by, action="organization.import", obj=top, summary=summary(result, name))
    progress("write", len(rows), len(rows))
    result.written = True


def summary(result: ImportResult, name: str) -> str:
    return _("Nhập tệp %(name)s: %(total)d dòng — %(created)d thêm mới, %(updated)d cập nhật, "
             "%(unchanged)d không đổi.") % {
        "name": name, "total": result.total_rows, "created": result.created, "updated": result.updated,
        "unchanged": result.unchanged,
    }
