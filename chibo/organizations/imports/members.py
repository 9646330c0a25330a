"""Import a member list into an organization: read every row, check every row, then write all or nothing.

A half-imported file is worse than a rejected one: the office would not know which rows made it.
So nothing is written until every row has passed, and the write is one transaction.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chibo.core import text
from chibo.core.audit import audit_record
from chibo.organizations.imports.reading import (
    Column,
    ColumnMatcher,
    Source,
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
from chibo.organizations.imports.values import (
    CellError,
    as_text,
    is_blank,
    parse_card,
    parse_date,
    parse_gender,
    parse_phone,
    parse_text,
)
from chibo.organizations.models import (
    CELL_KINDS,
    Gender,
    Member,
    Membership,
    MembershipKind,
    MemberStatus,
    Organization,
    Position,
)
from chibo.organizations.selectors import organization_subtree, path_prefix_q

BATCH = 1000
LOOKUP_CHUNK = 500  # ids per IN (...) query: under SQLite's 999 parameters

MEMBER_COLUMNS = (
    Column("full_name", "Họ và tên", ("Họ tên", "Họ và tên đảng viên", "Họ tên đảng viên", "Tên đảng viên",
                                      "Full name"), required=True),
    Column("birth_date", "Ngày sinh", ("Ngày tháng năm sinh", "Sinh ngày", "Date of birth")),
    Column("gender", "Giới tính", ("Nam/Nữ", "Gender")),
    Column("ethnicity", "Dân tộc", ("Ethnicity",)),
    Column("religion", "Tôn giáo", ("Religion",)),
    Column("admission_date", "Ngày vào Đảng", ("Ngày kết nạp", "Ngày kết nạp Đảng", "Ngày kết nạp vào Đảng",
                                               "Admission date")),
    Column("official_date", "Ngày chính thức", ("Ngày công nhận chính thức", "Ngày được công nhận chính thức",
                                                "Ngày chuyển chính thức", "Official date")),
    Column("card_number", "Số thẻ đảng viên", ("Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng", "Card number")),
    Column("phone", "Số điện thoại", ("Điện thoại", "SĐT", "ĐT", "Điện thoại di động", "Phone")),
    Column("cell", "Chi bộ", ("Mã chi bộ", "Tên chi bộ", "Chi bộ sinh hoạt", "Cell")),
)
IGNORED_COLUMNS = ("STT", "TT", "Số TT", "Số thứ tự", "No")
MATCHER = ColumnMatcher(MEMBER_COLUMNS, IGNORED_COLUMNS)

LABELS = {
    "full_name": gettext_lazy("Họ và tên"),
    "birth_date": gettext_lazy("Ngày sinh"),
    "gender": gettext_lazy("Giới tính"),
    "ethnicity": gettext_lazy("Dân tộc"),
    "religion": gettext_lazy("Tôn giáo"),
    "admission_date": gettext_lazy("Ngày vào Đảng"),
    "official_date": gettext_lazy("Ngày chính thức"),
    "card_number": gettext_lazy("Số thẻ đảng viên"),
    "phone": gettext_lazy("Số điện thoại"),
    "cell": gettext_lazy("Chi bộ"),
}
# Fields a row may change on an existing member; a blank cell never erases what is on file.
DATA_FIELDS = ("full_name", "gender", "birth_date", "ethnicity", "religion", "phone", "card_number",
               "admission_date", "official_date", "status")
DATES = ("birth_date", "admission_date", "official_date")


@dataclass(slots=True)
class MemberRow:
    row: int
    full_name: str = ""
    gender: str = ""
    birth_date: date | None = None
    ethnicity: str = ""
    religion: str = ""
    phone: str = ""
    card_number: str = ""
    admission_date: date | None = None
    official_date: date | None = None
    cell_label: str = ""
    failed: bool = False
    # What the check decided:
    member_id: int | None = None
    cell_id: int | None = None  # the cell a new membership opens in (new member, adoption, transfer)
    old_membership_id: int | None = None  # closed by a transfer
    changed: tuple[str, ...] = ()


@dataclass(slots=True)
class Known:
    """A member already on file, with what a row may compare against."""

    id: int
    full_name: str
    search_name: str
    gender: str
    birth_date: date | None
    ethnicity: str
    religion: str
    phone: str
    card_number: str | None
    admission_date: date | None
    official_date: date | None
    status: str
    exit_kind: str
    membership_id: int | None = None
    cell_id: int | None = None
    membership_start: date | None = None

    @classmethod
    def from_values(cls, values: Sequence[Any], **extra: Any) -> "Known":
        return cls(*values, **extra)


KNOWN_VALUES = ("id", "full_name", "search_name", "gender", "birth_date", "ethnicity", "religion", "phone",
                "card_number", "admission_date", "official_date", "status", "exit_kind")


def members_import(
    *, organization: Organization, source: Source, name: str = "", imported_by=None, dry_run: bool = False,
    progress: Progress = no_progress,
) -> ImportResult:
    """Validate every row first; write all or nothing: a half-imported file is worse than a rejected one.

    `organization` is a cell (every row goes there) or a committee (each new row names its cell
    in the "Chi bộ" column). Raises ImportFileError when the file cannot be read at all.
    """
    name = name or Path(str(getattr(source, "name", source))).name
    result = ImportResult(dry_run=dry_run)
    rows = _read(source, name, result, progress)
    if rows is None:
        return result
    _Checker(organization, result).check(rows)
    _preview(rows, result)
    if result.errors or dry_run:
        return result
    _write(rows, organization=organization, imported_by=imported_by, name=name, result=result, progress=progress)
    return result


# --- reading --------------------------------------------------------------------------------------

def _read(source: Source, name: str, result: ImportResult, progress: Progress) -> list[MemberRow] | None:
    with open_sheets(source, name) as sheets:
        table = locate_table(sheets, MATCHER)
        if table is None:
            result.errors.append(RowError(None, _(
                "Không tìm thấy dòng tiêu đề: cần có cột “Họ và tên” và ít nhất một cột khác như “Ngày sinh”, "
                "“Số thẻ đảng viên” (tải tệp mẫu để xem)."
            )))
            return None
        header = table.header
        result.header_row = header.row
        result.unknown_columns = header.unknown
        for label in header.duplicates:
            result.errors.append(RowError(header.row, _("Cột “%(label)s” bị lặp lại.") % {"label": label}))
        if result.errors:
            return None
        today = timezone.localdate()
        estimate = max(table.sheet.estimated_rows - header.row, 0)
        rows: list[MemberRow] = []
        section = ""
        for count, (number, cells) in enumerate(table.data_rows(), start=1):
            if count % PROGRESS_EVERY == 0:
                progress("validate", count, max(estimate, count))
            values = {f: cells[i] if i < len(cells) else None for f, i in header.positions.items()}
            kind = _row_kind(cells, values)
            if kind == "section":
                section = _first_text(cells)
            if kind == "footer":
                break
            if kind != "member":
                continue
            row = _parse_row(number, values, today=today, errors=result.errors)
            if not row.cell_label and section:
                row.cell_label = section
            rows.append(row)
    result.total_rows = len(rows)
    progress("validate", len(rows), len(rows))
    if not rows:
        result.errors.append(RowError(None, _("Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)d).")
                                      % {"row": result.header_row}))
        return None
    return rows


IDENTIFYING = ("birth_date", "admission_date", "official_date", "card_number")
SUBTOTAL_STARTS = ("tong cong", "tong so", "cong:")
# Where the signature block starts. No name begins like these, so they end the table wherever they are;
# "Bí thư" could begin a name ("Bì Thu …"), so it ends the table only on a row without dates or card.
FOOTER_STARTS = ("nguoi lap", "t/m", "tm ", "xac nhan", "(ky", "ky ten", "noi nhan")
WEAK_FOOTER_STARTS = ("bi thu", "pho bi thu")
PLACE_AND_DATE = re.compile(r"ngay \d{1,2} thang \d{1,2} nam \d{4}")  # "Đông Tiến, ngày 01 tháng 3 năm 2026"


def _ends_table(value: str) -> bool:
    # Cheap tests first (this runs on every cell of 100,000 rows): footer words start with one of
    # these letters, and the place-and-date line has "th" (tháng) and digits.
    head = value.lstrip()[:1].lower()
    if head not in ("n", "t", "x", "(", "k", "đ") and not ("th" in value.lower() and any(c.isdigit() for c in value)):
        return False
    folded = text.fold(value)
    return folded.startswith(FOOTER_STARTS) or PLACE_AND_DATE.search(folded) is not None


def _first_text(cells: Sequence[object]) -> str:
    return next((as_text(c) for c in cells if not is_blank(c)), "")


def _row_kind(cells: Sequence[object], values: dict[str, object]) -> str:
    """What a row below the header is, as offices lay lists out.

    "member" (a row to import); "blank" (nothing in the known columns, e.g. only an STT number);
    "section" (only "Chi bộ Khu phố 1": the cell of the rows below it, in committee-wide lists);
    "subtotal" ("Tổng cộng: 25 đồng chí"); "footer" (the place-and-date line or the signature
    block, in whichever columns it sits: the table has ended).
    """
    if any(_ends_table(c) for c in cells if isinstance(c, str)):
        return "footer"
    if any(not is_blank(values.get(f)) for f in IDENTIFYING):
        return "member"
    filled = [text.fold(as_text(c)) for c in cells if not is_blank(c)]
    if len(filled) == 1 and filled[0].startswith("chi bo "):
        return "section"
    if any(f.startswith(WEAK_FOOTER_STARTS) for f in filled):
        return "footer"
    if all(is_blank(v) for v in values.values()):
        return "blank"
    if filled[0].startswith(SUBTOTAL_STARTS):
        return "subtotal"
    return "member"


def _parse_row(number: int, values: dict[str, object], *, today: date, errors: list[RowError]) -> MemberRow:
    row = MemberRow(row=number)

    def read(field: str, parse, **kwargs):
        if field not in values:
            return None
        try:
            return parse(values[field], label=LABELS[field], **kwargs)
        except CellError as exc:
            errors.append(RowError(number, str(exc)))
            row.failed = True
            return None

    row.full_name = _tidy_name(read("full_name", parse_text, max_length=120) or "")
    if not row.full_name and not row.failed:
        errors.append(RowError(number, _("Thiếu họ và tên.")))
        row.failed = True
    if row.full_name and all(is_blank(values.get(f)) for f in IDENTIFYING):
        errors.append(RowError(number, _(
            "Dòng “%(name)s” chỉ có họ tên: cần thêm ngày sinh, ngày vào Đảng hoặc số thẻ để nhận ra đảng viên."
        ) % {"name": row.full_name}))
        row.failed = True
    row.gender = read("gender", parse_gender) or ""
    row.ethnicity = read("ethnicity", parse_text, max_length=40) or ""
    row.religion = read("religion", parse_text, max_length=40) or ""
    row.phone = read("phone", parse_phone) or ""
    row.card_number = read("card_number", parse_card) or ""
    row.cell_label = read("cell", parse_text, max_length=255) or ""
    for field in DATES:
        setattr(row, field, read(field, parse_date, today=today))
    return row


def _tidy_name(name: str) -> str:
    # Lists often write names in capitals ("NGUYỄN VĂN AN"); store them as names are written.
    return name.title() if name.isupper() else name


# --- checking -------------------------------------------------------------------------------------

class _Cells:
    """The cells a row may name inside the importing organization's subtree, by code or by name."""

    def __init__(self, organization: Organization):
        self.organization = organization
        self.by_code: dict[str, Organization] = {}
        self.by_name: dict[str, list[Organization]] = defaultdict(list)
        for org in organization_subtree(organization).only("id", "code", "name", "kind", "valid_to", "path"):
            self.by_code[org.code] = org
            self.by_name[_cell_key(org.name)].append(org)
        self.cache: dict[str, Organization | str] = {}

    def resolve(self, label: str) -> Organization:
        if label not in self.cache:
            try:
                self.cache[label] = self._resolve(label)
            except CellError as exc:
                self.cache[label] = str(exc)
        found = self.cache[label]
        if isinstance(found, str):
            raise CellError(found)
        return found

    def _resolve(self, label: str) -> Organization:
        org = self.by_code.get(label)
        candidates = [org] if org is not None else self.by_name.get(_cell_key(label), [])
        cells = [o for o in candidates if o.kind in CELL_KINDS]
        open_cells = [o for o in cells if o.valid_to is None]
        if len(open_cells) == 1:
            return open_cells[0]
        if len(open_cells) > 1:
            raise CellError(_("Có %(n)d chi bộ tên “%(label)s”; hãy ghi mã chi bộ.")
                            % {"n": len(open_cells), "label": label})
        if cells:
            raise CellError(_("Chi bộ “%(label)s” đã giải thể hoặc hợp nhất.") % {"label": label})
        if candidates:
            raise CellError(_("“%(label)s” không phải là chi bộ.") % {"label": label})
        where = {"label": label, "org": self.organization.name}
        if Organization.objects.filter(code=label).exists():
            raise CellError(_("Chi bộ “%(label)s” không thuộc %(org)s.") % where)
        raise CellError(_("Không tìm thấy chi bộ “%(label)s” trong %(org)s.") % where)


def _cell_key(name: str) -> str:
    folded = text.fold(name)
    return folded[len("chi bo "):] if folded.startswith("chi bo ") else folded


class _Checker:
    """Everything that needs the database: who each row is, which cell, and whether the dates still fit."""

    def __init__(self, organization: Organization, result: ImportResult):
        self.organization = organization
        self.result = result
        self.cells = _Cells(organization)
        self.today = timezone.localdate()
        self.known: dict[int, Known] = {}
        self.by_card: dict[str, int] = {}
        self.by_key: dict[tuple[str, date | None], list[int]] = defaultdict(list)
        self.elsewhere: dict[str, tuple[Known, bool]] = {}  # card → (member, has an open membership)

    def error(self, row: MemberRow, message: str) -> None:
        self.result.errors.append(RowError(row.row, message))
        row.failed = True

    def check(self, rows: list[MemberRow]) -> None:
        self._load_roll()
        self._load_cards_elsewhere({r.card_number for r in rows if r.card_number} - self.by_card.keys())
        first_card: dict[str, int] = {}
        first_key: dict[tuple[str, date | None], int] = {}
        claimed: dict[int, int] = {}  # member id → first row that matched it
        for row in rows:
            for problem in _date_problems(row.birth_date, row.admission_date, row.official_date, today=self.today):
                self.error(row, problem)
            if row.card_number:
                if row.card_number in first_card:
                    self.error(row, _("Số thẻ %(card)s trùng với dòng %(row)d.") %
                               {"card": row.card_number, "row": first_card[row.card_number]})
                    continue
                first_card[row.card_number] = row.row
            known = self._match(row)
            if known is None and not row.card_number and row.full_name:
                key = (text.fold(row.full_name), row.birth_date)
                if key in first_key:
                    self.error(row, _("Trùng họ tên và ngày sinh với dòng %(row)d (cả hai dòng không có số thẻ).")
                               % {"row": first_key[key]})
                    continue
                first_key[key] = row.row
            if known is not None:
                if known.id in claimed:
                    self.error(row, _("Dòng này và dòng %(row)d cùng là một đảng viên.") % {"row": claimed[known.id]})
                    continue
                claimed[known.id] = row.row
            self._place(row, known)
        self.result.errors.sort(key=lambda e: (e.row or 0))
        self._count(rows)

    # What the database already holds ---------------------------------------------------------------

    def _load_roll(self) -> None:
        memberships = (
            Membership.objects.filter(path_prefix_q(self.organization.path, field="organization__path"),
                                      end_date__isnull=True, kind=MembershipKind.REGULAR)
            .values_list("id", "organization_id", "start_date", *(f"member__{f}" for f in KNOWN_VALUES))
        )
        for membership_id, cell_id, start, *values in memberships.iterator(chunk_size=2000):
            known = Known.from_values(values, membership_id=membership_id, cell_id=cell_id, membership_start=start)
            self.known[known.id] = known
            if known.card_number:
                self.by_card[known.card_number] = known.id
            self.by_key[(known.search_name, known.birth_date)].append(known.id)

    def _load_cards_elsewhere(self, cards: set[str]) -> None:
        open_regular = Membership.objects.filter(member=OuterRef("pk"), end_date__isnull=True,
                                                 kind=MembershipKind.REGULAR)
        ordered = sorted(cards)
        for start in range(0, len(ordered), LOOKUP_CHUNK):
            chunk = ordered[start:start + LOOKUP_CHUNK]
            found = (Member.objects.filter(card_number__in=chunk).annotate(has_open=Exists(open_regular))
                     .values_list(*KNOWN_VALUES, "has_open"))
            for *values, has_open in found:
                known = Known.from_values(values)
                self.elsewhere[known.card_number or ""] = (known, has_open)

    # Who the row is --------------------------------------------------------------------------------

    def _match(self, row: MemberRow) -> Known | None:
        if row.card_number:
            if row.card_number in self.by_card:
                known = self.known[self.by_card[row.card_number]]
                return known if self._same_person(row, known) else None
            if row.card_number in self.elsewhere:
                return self._adopt(row, *self.elsewhere[row.card_number])
            # A new card may belong to someone already here without one: fill it in.
            candidates = [k for k in self._by_key(row) if not k.card_number]
            return candidates[0] if len(candidates) == 1 else None
        if not row.full_name:
            return None
        candidates = self._by_key(row)
        if len(candidates) > 1:
            self.error(row, _("Có %(n)d đảng viên cùng họ tên và ngày sinh trong %(org)s; hãy ghi số thẻ để phân biệt.")
                       % {"n": len(candidates), "org": self.organization.name})
            return None
        return candidates[0] if candidates else None

    def _by_key(self, row: MemberRow) -> list[Known]:
        return [self.known[i] for i in self.by_key.get((text.fold(row.full_name), row.birth_date), [])]

    def _same_person(self, row: MemberRow, known: Known) -> bool:
        # A corrected name or birth date is an update; both different means a mistyped card number.
        other_name = row.full_name and text.fold(row.full_name) != known.search_name
        other_birth = row.birth_date and known.birth_date and row.birth_date != known.birth_date
        if other_name and other_birth:
            self.error(row, _("Số thẻ %(card)s là của đảng viên %(name)s (sinh %(birth)s); kiểm tra lại số thẻ.") % {
                "card": row.card_number, "name": known.full_name,
                "birth": known.birth_date.strftime("%d/%m/%Y") if known.birth_date else "—"})
            return False
        return True

    def _adopt(self, row: MemberRow, known: Known, has_open: bool) -> Known | None:
        """A card found outside the subtree: someone else's member, or a record with no cell yet."""
        if known.exit_kind:
            self.error(row, _("Số thẻ %(card)s là của một đảng viên đã ra khỏi danh sách; không nhập lại qua tệp.")
                       % {"card": row.card_number})
            return None
        if has_open:
            self.error(row, _("Số thẻ %(card)s đã thuộc một đảng viên của tổ chức khác.") % {"card": row.card_number})
            return None
        return known if self._same_person(row, known) else None

    # Where the row goes, and what changes ------------------------------------------------------------

    def _place(self, row: MemberRow, known: Known | None) -> None:
        cell = self._cell(row)
        if known is None:
            if cell is None and not row.failed:
                self.error(row, _("Cần ghi chi bộ của đảng viên mới (cột “Chi bộ”)."))
            row.cell_id = cell.pk if cell is not None else None
            return
        row.member_id = known.id
        merged = _merged(known, row)
        own = _date_problems(row.birth_date, row.admission_date, row.official_date, today=self.today)
        for problem in _date_problems(merged["birth_date"], merged["admission_date"], merged["official_date"],
                                      today=self.today):
            if problem not in own:
                self.error(row, _("%(problem)s (Ngày không có trong tệp được lấy từ hồ sơ đang có.)")
                           % {"problem": problem})
        row.changed = tuple(f for f in DATA_FIELDS if merged[f] != getattr(known, f))
        if known.membership_id is None:
            if cell is None and not row.failed:
                self.error(row, _("Cần ghi chi bộ (cột “Chi bộ”): đảng viên này chưa sinh hoạt ở chi bộ nào."))
            row.cell_id = cell.pk if cell is not None else None
        elif cell is not None and cell.pk != known.cell_id:
            row.cell_id, row.old_membership_id = cell.pk, known.membership_id

    def _cell(self, row: MemberRow) -> Organization | None:
        if row.cell_label:
            try:
                cell = self.cells.resolve(row.cell_label)
            except CellError as exc:
                self.error(row, str(exc))
                return None
            if self.organization.is_cell and cell.pk != self.organization.pk:
                self.error(row, _("Chi bộ “%(label)s” khác với chi bộ đang nhập (%(org)s).")
                           % {"label": row.cell_label, "org": self.organization.name})
                return None
            return cell
        return self.organization if self.organization.is_cell else None

    def _count(self, rows: list[MemberRow]) -> None:
        for row in rows:
            if row.member_id is None:
                self.result.created += 1
            elif row.changed or row.cell_id is not None:
                self.result.updated += 1
                self.result.transferred += row.old_membership_id is not None
            else:
                self.result.unchanged += 1


def _merged(known: Known, row: MemberRow) -> dict[str, Any]:
    """The member's data after the row: what the row says where it says something, else what is on file."""
    values = {f: getattr(row, f) or getattr(known, f) for f in DATA_FIELDS if f != "status"}
    values["card_number"] = values["card_number"] or None
    values["status"] = MemberStatus.OFFICIAL if row.official_date else known.status
    return values


def _date_problems(birth: date | None, admission: date | None, official: date | None, *, today: date) -> list[str]:
    """birth < admission ≤ official ≤ today; the twelve months of probation are not checked here."""
    problems = []
    for field, value in (("birth_date", birth), ("admission_date", admission), ("official_date", official)):
        if value is not None and value > today:
            problems.append(_("%(label)s %(date)s ở tương lai.") % {"label": LABELS[field], "date": _fmt(value)})
    if birth and admission and birth >= admission:
        problems.append(_("Ngày sinh (%(birth)s) phải trước ngày vào Đảng (%(admission)s).")
                        % {"birth": _fmt(birth), "admission": _fmt(admission)})
    if admission and official and admission > official:
        problems.append(_("Ngày vào Đảng (%(admission)s) không thể sau ngày chính thức (%(official)s).")
                        % {"admission": _fmt(admission), "official": _fmt(official)})
    return problems


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


# --- preview --------------------------------------------------------------------------------------

def preview_columns() -> list[str]:
    return [_("Dòng"), _("Họ và tên"), _("Ngày sinh"), _("Giới tính"), _("Ngày vào Đảng"), _("Ngày chính thức"),
            _("Trạng thái"), _("Số thẻ"), _("Chi bộ"), _("Kết quả")]


def _preview(rows: list[MemberRow], result: ImportResult) -> None:
    cell_names = dict(Organization.objects.filter(pk__in={r.cell_id for r in rows[:PREVIEW_ROWS] if r.cell_id})
                      .values_list("pk", "name"))
    result.preview_columns = preview_columns()
    genders = dict(Gender.choices)
    for row in rows[:PREVIEW_ROWS]:
        status = MemberStatus.OFFICIAL if row.official_date else MemberStatus.PROBATIONARY
        result.preview.append([
            str(row.row), row.full_name, _fmt(row.birth_date) if row.birth_date else "",
            str(genders.get(row.gender, "")),
            _fmt(row.admission_date) if row.admission_date else "",
            _fmt(row.official_date) if row.official_date else "", str(MemberStatus(status).label),
            row.card_number, cell_names.get(row.cell_id, row.cell_label) if row.cell_id else row.cell_label,
            _outcome(row),
        ])


def _outcome(row: MemberRow) -> str:
    if row.failed:
        return _("Lỗi")
    if row.member_id is None:
        return _("Thêm mới")
    if row.old_membership_id is not None:
        return _("Chuyển sinh hoạt")
    if row.changed or row.cell_id is not None:
        return _("Cập nhật")
    return _("Không đổi")


# --- writing --------------------------------------------------------------------------------------

def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _write(rows: list[MemberRow], *, organization: Organization, imported_by, name: str, result: ImportResult,
           progress: Progress) -> None:
    note = (_("Nhập từ tệp %(name)s") % {"name": name})[:255]
    today = timezone.localdate()
    todo = [r for r in rows if r.member_id is None or r.changed or r.cell_id is not None]
    done = 0
    progress("write", 0, len(todo))
    with transaction.atomic():
        for batch in _batches(r for r in todo if r.member_id is None):
            members = [_new_member(r) for r in batch]
            Member.objects.bulk_create(members)
            Membership.objects.bulk_create(
                Membership(member_id=m.pk, organization_id=_id(r.cell_id), kind=MembershipKind.REGULAR,
                           start_date=min(r.admission_date or today, today), note=note)
                for m, r in zip(members, batch, strict=True)
            )
            done += len(batch)
            progress("write", done, len(todo))
        for batch in _batches(r for r in todo if r.member_id is not None):
            _update_members(batch)
            _open_memberships([r for r in batch if r.cell_id is not None], today=today, note=note)
            done += len(batch)
            progress("write", done, len(todo))
        audit_record(actor=imported_by, action="member.import", obj=organization, summary=summary(result, name))
    result.written = True


def _new_member(row: MemberRow) -> Member:
    member = Member(
        gender=row.gender, birth_date=row.birth_date, ethnicity=row.ethnicity, religion=row.religion,
        phone=row.phone, card_number=row.card_number or None, admission_date=row.admission_date,
        official_date=row.official_date,
        status=MemberStatus.OFFICIAL if row.official_date else MemberStatus.PROBATIONARY,
    )
    member.set_name(row.full_name)
    return member


def _update_members(batch: list[MemberRow]) -> None:
    """One UPDATE per set of changed fields: a re-import that only fixes phone numbers touches only `phone`."""
    groups: dict[tuple[str, ...], list[MemberRow]] = defaultdict(list)
    for row in batch:
        if row.changed:
            groups[row.changed].append(row)
    now = timezone.now()
    for changed, group in groups.items():
        known = {m.pk: m for m in Member.objects.filter(pk__in=[r.member_id for r in group])}
        members = []
        for row in group:
            member = known[_id(row.member_id)]
            for field, value in _merged(_known_of(member), row).items():
                if field == "full_name":
                    member.set_name(value)
                elif field in changed:
                    setattr(member, field, value)
            member.updated_at = now
            members.append(member)
        extra = ["search_name", "sort_key"] if "full_name" in changed else []
        Member.objects.bulk_update(members, [*changed, *extra, "updated_at"])


def _id(value: int | None) -> int:
    assert value is not None, "a checked row always has it"
    return value


def _known_of(member: Member) -> Known:
    return Known(*(getattr(member, f) for f in KNOWN_VALUES))


def _open_memberships(rows: list[MemberRow], *, today: date, note: str) -> None:
    """Transfers end the old membership the day before; every moved or adopted member opens one today."""
    closing = list(Membership.objects.filter(pk__in=[r.old_membership_id for r in rows if r.old_membership_id]))
    for membership in closing:
        membership.end_date = max(today - timedelta(days=1), membership.start_date)
        membership.end_reason = Membership.EndReason.TRANSFER
    Membership.objects.bulk_update(closing, ["end_date", "end_reason"])
    by_cell: dict[int, list[int]] = defaultdict(list)
    for membership in closing:
        by_cell[membership.organization_id].append(membership.member_id)
    for cell_id, member_ids in by_cell.items():
        # Offices held in the old cell end with the transfer, as in services.member_transfer.
        Position.objects.filter(organization_id=cell_id, member_id__in=member_ids, end_date__isnull=True).update(
            end_date=today - timedelta(days=1))
    Membership.objects.bulk_create(
        Membership(member_id=_id(r.member_id), organization_id=_id(r.cell_id), kind=MembershipKind.REGULAR,
                   start_date=today, note=note)
        for r in rows
    )


def summary(result: ImportResult, name: str) -> str:
    return _("Nhập tệp %(name)s: %(total)d dòng — %(created)d thêm mới, %(updated)d cập nhật "
             "(%(transferred)d chuyển sinh hoạt), %(unchanged)d không đổi.") % {
        "name": name, "total": result.total_rows, "created": result.created, "updated": result.updated,
        "transferred": result.transferred, "unchanged": result.unchanged,
    }

