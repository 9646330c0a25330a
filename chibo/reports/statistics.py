"""The figures of shared/METRICS.md over a scope (an organization and its subtree) and a period (months).

Only closed regular and thematic meetings count. Every figure comes from the per-meeting rows stored
when the minutes were approved (meetings.MeetingFigures) and from the rating summary
(quality.MeetingQuality), summed in grouped queries: a dashboard request never scans attendance rows.
Shares are unrounded fractions, None when their denominator is empty; people see "57,3%".
"""

import calendar
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from io import BytesIO
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear, Substr, TruncMonth
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils.translation import gettext as _

from chibo.meetings.models import COUNTED_KINDS, ContributionKind, Meeting, MeetingKind, MeetingStatus
from chibo.organizations.models import PATH_STEP, Organization
from chibo.organizations.selectors import path_prefix_q
from chibo.quality.scoring import LEVELS, UNRATED

MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")
LEVEL_KEYS = (*LEVELS, UNRATED)
KINDS = tuple(ContributionKind.values)

# --- the period ------------------------------------------------------------------------------------


def parse_month(value: str) -> tuple[int, int]:
    """"2025-03" → (2025, 3); anything else raises ValueError."""
    match = MONTH.fullmatch(value or "")
    if match is None:
        raise ValueError(value)
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Period:
    """Months `first`..`last`, inclusive, as (year, month)."""

    first: tuple[int, int]
    last: tuple[int, int]

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the period ends before it starts")

    @classmethod
    def of(cls, from_month: str, to_month: str) -> "Period":
        return cls(parse_month(from_month), parse_month(to_month))

    @property
    def first_day(self) -> date:
        return date(*self.first, 1)

    @property
    def last_day(self) -> date:
        year, month = self.last
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def months(self) -> list[tuple[int, int]]:
        year, month = self.first
        months = []
        while (year, month) <= self.last:
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    @cached_property
    def first_days(self) -> list[date]:
        return [date(year, month, 1) for year, month in self.months]

    @property
    def from_code(self) -> str:
        return f"{self.first[0]:04d}-{self.first[1]:02d}"

    @property
    def to_code(self) -> str:
        return f"{self.last[0]:04d}-{self.last[1]:02d}"

    @property
    def label(self) -> str:
        if self.first == self.last:
            return _("tháng %(m)d/%(y)d") % {"m": self.first[1], "y": self.first[0]}
        return _("từ tháng %(m1)d/%(y1)d đến tháng %(m2)d/%(y2)d") % {
            "m1": self.first[1], "y1": self.first[0], "m2": self.last[1], "y2": self.last[0]}


# --- one row of sums ---------------------------------------------------------------------------------


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Totals:
    """Sums over a set of closed meetings, and the METRICS.md figures computed from them."""

    meetings: int = 0
    regular: int = 0
    thematic: int = 0
    expected: int = 0
    present: int = 0
    speakers: int = 0
    with_expected: int = 0
    ge_90: int = 0
    with_present: int = 0
    over_half: int = 0
    contributions: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    levels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVEL_KEYS, 0))
    disagreements: int = 0
    followup_tasks: int = 0
    followup_done: int = 0
    cells: int = 0
    missed_regular_meetings: int = 0

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Totals":
        rated = {level: row[f"level_{level}"] or 0 for level in LEVELS}
        return cls(
            meetings=row["meetings"], regular=row["regular"], thematic=row["thematic"],
            expected=row["expected"] or 0, present=row["present"] or 0, speakers=row["speakers"] or 0,
            with_expected=row["with_expected"], ge_90=row["ge_90"], with_present=row["with_present"],
            over_half=row["over_half"], contributions=row["contributions"] or 0,
            by_kind={kind: row[f"kind_{kind}"] or 0 for kind in KINDS},
            levels={**rated, UNRATED: row["meetings"] - sum(rated.values())},
            disagreements=row["disagreements"], followup_tasks=row["followup_tasks"] or 0,
            followup_done=row["followup_done"] or 0,
        )

    @classmethod
    def from_sums(cls, sums: dict[str, int]) -> "Totals":
        """From sums added up in Python (no meeting at all: every figure zero)."""
        return cls.from_row({name: sums.get(name, 0) for name in _SUMS}) if sums else cls()

    @property
    def attendance_rate(self) -> float | None:
        return share(self.present, self.expected)

    @property
    def share_attendance_ge_90(self) -> float | None:
        return share(self.ge_90, self.with_expected)

    @property
    def share_over_half_spoke(self) -> float | None:
        return share(self.over_half, self.with_present)

    @property
    def speaking_share(self) -> float | None:
        """Σ speakers / Σ present: the pooled share of those present who spoke (the trend line)."""
        return share(self.speakers, self.present)

    @property
    def proposal_share(self) -> float | None:
        return share(self.by_kind.get(ContributionKind.PROPOSAL, 0), self.contributions)

    @property
    def followup_done_share(self) -> float | None:
        return share(self.followup_done, self.followup_tasks)

    def level_share(self, level: str) -> float | None:
        return share(self.levels.get(level, 0), self.meetings)

    @property
    def level_rows(self) -> list[tuple[str, int, float | None]]:
        return [(level, self.levels.get(level, 0), self.level_share(level)) for level in LEVEL_KEYS]

    @property
    def kind_rows(self) -> list[tuple[str, str, int, float | None]]:
        return [(kind, str(label), self.by_kind.get(kind, 0), share(self.by_kind.get(kind, 0), self.contributions))
                for kind, label in ContributionKind.choices]


def _aggregates() -> dict[str, Any]:
    """One set of sums and counts, used for the whole scope and for every grouping alike."""
    expected, present, speakers = F("figures__expected"), F("figures__present"), F("figures__speakers")
    aggregates: dict[str, Any] = {
        "meetings": Count("pk"),
        "regular": Count("pk", filter=Q(kind=MeetingKind.REGULAR)),
        "thematic": Count("pk", filter=Q(kind=MeetingKind.THEMATIC)),
        "expected": Sum("figures__expected"),
        "present": Sum("figures__present"),
        "speakers": Sum("figures__speakers"),
        "with_expected": Count("pk", filter=Q(figures__expected__gt=0)),
        # present / expected ≥ 0,9 in whole numbers (10·present ≥ 9·expected): no float at the boundary.
        "ge_90": Count("pk", filter=Q(figures__expected__gt=0) & Q(GreaterThanOrEqual(present * 10, expected * 9))),
        "with_present": Count("pk", filter=Q(figures__present__gt=0)),
        # speakers / present > 0,5 strictly (2·speakers > present).
        "over_half": Count("pk", filter=Q(figures__present__gt=0) & Q(GreaterThan(speakers * 2, present))),
        "contributions": Sum("figures__contributions"),
        "disagreements": Count("pk", filter=Q(quality__disagrees=True)),
        "followup_tasks": Sum("figures__followup_tasks"),
        "followup_done": Sum("figures__followup_done"),
    }
    for kind in KINDS:
        aggregates[f"kind_{kind}"] = Sum(f"figures__contributions_{kind}")
    for level in LEVELS:
        aggregates[f"level_{level}"] = Count("pk", filter=Q(quality__final_level=level))
    return aggregates


_SUMS = tuple(_aggregates())  # the names of the sums and counts, which add up across groups

# --- queries ---------------------------------------------------------------------------------------


def closed_meetings(org: Organization, period: Period) -> QuerySet[Meeting]:
    """Closed regular and thematic meetings of the subtree held in the period (METRICS.md)."""
    return Meeting.objects.filter(
        path_prefix_q(org.path, field="organization__path"),
        status=MeetingStatus.CLOSED, kind__in=COUNTED_KINDS,
        held_on__gte=period.first_day, held_on__lte=period.last_day,
    )


def _child_key(org: Organization) -> Substr:
    """The path prefix of the child of `org` a meeting's cell lies under (one grouping key per child)."""
    return Substr("organization__path", 1, len(org.path) + PATH_STEP)


@dataclass(frozen=True)
class CellSpan:
    pk: int
    path: str
    valid_from: date | None
    valid_to: date | None

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)

    def exists_during(self, period: Period) -> bool:
        return (self.valid_from is None or self.valid_from <= period.last_day) and (
            self.valid_to is None or self.valid_to >= period.first_day)


def _cells(org: Organization, period: Period) -> list[CellSpan]:
    rows = (
        Organization.objects.cells().filter(path_prefix_q(org.path))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.last_day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.first_day))
        .values_list("pk", "path", "valid_from", "valid_to")
    )
    return [CellSpan(*row) for row in rows]


def _held_months(org: Organization, period: Period) -> dict[int, int]:
    """Cell id → months of the period with a closed regular meeting, counting a month only when the cell
    existed on its first day (so that held + missed = the months the cell is counted for).

    One row per cell, not per meeting: the province's dashboard reads 15,000 rows here, not 180,000.
    """
    month = TruncMonth("held_on")
    rows = (
        closed_meetings(org, period).filter(kind=MeetingKind.REGULAR)
        .filter(Q(organization__valid_from__isnull=True) | Q(organization__valid_from__lte=month))
        .filter(Q(organization__valid_to__isnull=True) | Q(organization__valid_to__gte=month))
        .values("organization_id").annotate(n=Count(month, distinct=True)).values_list("organization_id", "n")
    )
    return dict(rows)


@dataclass
class Statistics:
    """Everything the dashboard and the report show for one scope and one period."""

    org: Organization
    period: Period
    totals: Totals
    by_month: list[tuple[tuple[int, int], Totals]]
    by_child: list[tuple[Organization, Totals]] = field(default_factory=list)


@dataclass(frozen=True)
class CellMonths:
    """The cells of the scope and how many months each held a regular meeting: what missed months come from."""

    cells: list[CellSpan]
    held: dict[int, int]

    @classmethod
    def of(cls, org: Organization, period: Period) -> "CellMonths":
        return cls(_cells(org, period), _held_months(org, period))

    def missed(self, cell: CellSpan, period: Period) -> int:
        """METRICS.md: months the cell existed on the 1st without a closed regular meeting."""
        if cell.valid_from is None and cell.valid_to is None:
            counted = len(period.first_days)
        else:
            counted = sum(1 for day in period.first_days if cell.exists_on(day))
        return counted - self.held.get(cell.pk, 0)


def scope_totals(org: Organization, period: Period, cell_months: CellMonths | None = None) -> Totals:
    """The METRICS.md figures of the subtree over the period: one aggregate query, plus the cells (two)."""
    totals = Totals.from_row(closed_meetings(org, period).aggregate(**_aggregates()))
    cell_months = cell_months or CellMonths.of(org, period)
    totals.cells = sum(1 for c in cell_months.cells if c.exists_during(period))
    totals.missed_regular_meetings = sum(cell_months.missed(c, period) for c in cell_months.cells)
    return totals


def _by_unit_and_month(org: Organization, period: Period) -> list[dict[str, Any]]:
    """Rows of sums by (child path, year, month): one grouped query from which the scope, its months and its
    units add up. The province's dashboard scans its 200,000 meetings once, not once per view of them.
    For a cell (no children) the unit is the cell itself."""
    key = _child_key(org) if not org.is_cell else Substr("organization__path", 1, len(org.path))
    rows = (
        closed_meetings(org, period).annotate(unit=key, y=ExtractYear("held_on"), m=ExtractMonth("held_on"))
        .values("unit", "y", "m").annotate(**_aggregates()).order_by()
    )
    return [dict(row) for row in rows]


def _add_row(into: dict[str, int], row: dict[str, Any]) -> None:
    for name in _SUMS:
        into[name] = into.get(name, 0) + (row[name] or 0)


def _children(org: Organization, period: Period) -> list[Organization]:
    return list(Organization.objects.filter(parent=org).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=period.last_day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.first_day)).order_by("code"))


def _with_cells(totals: Totals, cells: list[CellSpan], cell_months: CellMonths, period: Period) -> Totals:
    totals.cells = sum(1 for c in cells if c.exists_during(period))
    totals.missed_regular_meetings = sum(cell_months.missed(c, period) for c in cells)
    return totals


def children_totals(org: Organization, period: Period,
                    cell_months: CellMonths | None = None) -> list[tuple[Organization, Totals]]:
    """The same figures for each direct child of `org` (its whole subtree), to compare siblings and drill down."""
    children = _children(org, period)
    if not children:
        return []
    by_unit: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _by_unit_and_month(org, period):
        _add_row(by_unit[row["unit"]], row)
    units = {unit: Totals.from_row(sums) for unit, sums in by_unit.items()}
    return _units_with_cells(org, period, children, units, cell_months or CellMonths.of(org, period))


def _units_with_cells(org: Organization, period: Period, children: list[Organization], by_unit: dict[str, Totals],
                      cell_months: CellMonths) -> list[tuple[Organization, Totals]]:
    step = len(org.path) + PATH_STEP
    cells: dict[str, list[CellSpan]] = defaultdict(list)
    for cell in cell_months.cells:
        cells[cell.path[:step]].append(cell)
    return [(child, _with_cells(by_unit.get(child.path, Totals()), cells[child.path], cell_months, period))
            for child in children]


def statistics(org: Organization, period: Period, *, children: bool = True) -> Statistics:
    """The scope's figures, by month and by child unit, in four queries whatever the number of meetings:
    the sums by unit and month, the cells, the months each cell held a regular meeting, the units."""
    cell_months = CellMonths.of(org, period)
    total: dict[str, int] = {}
    by_month: dict[tuple[int, int], dict[str, int]] = {month: {} for month in period.months}
    by_unit: dict[str, dict[str, int]] = defaultdict(dict)
    for row in _by_unit_and_month(org, period):  # one pass: every row adds to the scope, its month, its unit
        _add_row(total, row)
        _add_row(by_month[(row["y"], row["m"])], row)
        _add_row(by_unit[row["unit"]], row)
    units = _children(org, period) if children and not org.is_cell else []
    return Statistics(
        org=org, period=period,
        totals=_with_cells(Totals.from_sums(total), cell_months.cells, cell_months, period),
        by_month=[(month, Totals.from_sums(sums)) for month, sums in by_month.items()],
        by_child=_units_with_cells(org, period, units, {u: Totals.from_sums(t) for u, t in by_unit.items()},
                                   cell_months) if units else [],
    )


def cell_meetings(org: Organization, period: Period) -> QuerySet[Meeting]:
    """The closed meetings of a cell (or subtree) in the period with their figures and rating, for the drill-down."""
    return (
        closed_meetings(org, period).select_related("organization", "figures", "quality")
        .order_by("-held_on", "-id")
    )


# --- the report (METRICS.md: chibo quality_report) --------------------------------------------------------


def report(org: Organization, period: Period, totals: Totals | None = None) -> dict[str, Any]:
    """The JSON object of `chibo quality_report`, exactly as shared/METRICS.md shows it."""
    totals = totals or scope_totals(org, period)
    return {
        "org": org.code, "from": period.from_code, "to": period.to_code,
        "cells": totals.cells, "meetings": totals.meetings, "regular_meetings": totals.regular,
        "thematic_meetings": totals.thematic, "missed_regular_meetings": totals.missed_regular_meetings,
        "attendance_rate": totals.attendance_rate, "share_attendance_ge_90": totals.share_attendance_ge_90,
        "share_over_half_spoke": totals.share_over_half_spoke, "proposal_share": totals.proposal_share,
        "levels": {level: {"count": count, "share": level_share} for level, count, level_share in totals.level_rows},
    }


def percent_decimal(value: float) -> Decimal:
    """A fraction as a percentage rounded half up to one decimal: 2/3 → 66.7 (never 66,6 by truncation)."""
    return Decimal(value * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def vn_percent(value: float | None) -> str:
    """0.573 → "57,3%" whatever the active language (the spreadsheet is for Vietnamese readers); None → "—"."""
    if value is None:
        return "—"
    return f"{percent_decimal(value)}".replace(".", ",") + "%"


def report_rows(data: dict[str, Any]) -> list[tuple[str, str, int | float | None]]:
    """The report for people: (label, "57,3%" or a count, the raw value)."""
    level_labels = {"tot": _("Tốt"), "kha": _("Khá"), "trung_binh": _("Trung bình"), "kem": _("Kém"),
                    UNRATED: _("Chưa đánh giá")}
    rows: list[tuple[str, str, int | float | None]] = [
        (_("Số chi bộ"), str(data["cells"]), data["cells"]),
        (_("Số buổi sinh hoạt"), str(data["meetings"]), data["meetings"]),
        (_("Sinh hoạt thường kỳ"), str(data["regular_meetings"]), data["regular_meetings"]),
        (_("Sinh hoạt chuyên đề"), str(data["thematic_meetings"]), data["thematic_meetings"]),
        (_("Số tháng chi bộ không sinh hoạt thường kỳ"), str(data["missed_regular_meetings"]),
         data["missed_regular_meetings"]),
        (_("Tỷ lệ đảng viên dự sinh hoạt"), vn_percent(data["attendance_rate"]), data["attendance_rate"]),
        (_("Tỷ lệ buổi có từ 90% đảng viên dự"), vn_percent(data["share_attendance_ge_90"]),
         data["share_attendance_ge_90"]),
        (_("Tỷ lệ buổi có trên một nửa số đảng viên dự họp phát biểu"), vn_percent(data["share_over_half_spoke"]),
         data["share_over_half_spoke"]),
        (_("Tỷ lệ ý kiến đề xuất phương hướng, giải pháp"), vn_percent(data["proposal_share"]), data["proposal_share"]),
    ]
    for level in LEVEL_KEYS:
        entry = data["levels"][level]
        rows.append((_("Xếp loại %(level)s: số buổi") % {"level": level_labels[level]}, str(entry["count"]),
                     entry["count"]))
        rows.append((_("Xếp loại %(level)s: tỷ lệ") % {"level": level_labels[level]}, vn_percent(entry["share"]),
                     entry["share"]))
    return rows


def report_workbook(data: dict[str, Any], *, org_name: str, period: Period,
                    children: list[tuple[Organization, Totals]] | None = None) -> bytes:
    """The report as an .xlsx for people: Vietnamese labels and "57,3%", with the raw fraction beside it."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Báo cáo")
    sheet.append([_("Báo cáo chất lượng sinh hoạt chi bộ")])
    sheet.append([org_name, data["org"]])
    sheet.append([_("Thời gian"), period.label])
    sheet.append([])
    sheet.append([_("Chỉ tiêu"), _("Giá trị"), _("Số liệu gốc (tỷ lệ từ 0 đến 1)")])
    for cell in sheet[5]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    for label, shown, raw in report_rows(data):
        sheet.append([label, shown, raw])
    sheet.column_dimensions["A"].width = 62
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 30
    if children:
        units = book.create_sheet(_("Đơn vị trực thuộc"))
        # xgettext:no-python-format
        at_90 = _("Buổi từ 90% dự")
        units.append([_("Đơn vị"), _("Mã"), _("Chi bộ"), _("Số buổi"), _("Không sinh hoạt thường kỳ"),
                      _("Tỷ lệ dự"), at_90, _("Buổi trên nửa phát biểu"), _("Tốt"), _("Khá"),
                      _("Trung bình"), _("Kém"), _("Chưa đánh giá")])
        for cell in units[1]:
            cell.font = Font(bold=True)
        for child, totals in children:
            units.append([child.name, child.code, totals.cells, totals.meetings, totals.missed_regular_meetings,
                          vn_percent(totals.attendance_rate), vn_percent(totals.share_attendance_ge_90),
                          vn_percent(totals.share_over_half_spoke),
                          *(totals.levels.get(level, 0) for level in LEVEL_KEYS)])
        units.column_dimensions["A"].width = 40
    out = BytesIO()
    book.save(out)
    return out.getvalue()
