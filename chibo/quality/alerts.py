"""Why a cell needs support: alert rules (AlertRule rows) evaluated on plain data, no ORM.

"Yếu ở đâu, xoáy sâu khắc phục ở đó" (seeds/003): each rule names a weakness, with the months and the
meetings behind it, so that the committee can open them. Thresholds are the rules' parameters.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from chibo.quality import scoring

# --- the record of one cell, as plain data -------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigures:
    """One month of a cell: pooled figures of its counted meetings, and whether it held a regular one."""

    year: int
    month: int
    exists: bool  # the cell existed on the month's first day
    regular_held: bool = False
    expected: int = 0
    present: int = 0
    speakers: int = 0
    meeting_ids: tuple[int, ...] = ()
    ended: bool = True  # the month is over: until then its regular meeting may still come

    @property
    def attendance(self) -> float | None:
        return self.present / self.expected if self.expected else None

    @property
    def speaking(self) -> float | None:
        return self.speakers / self.present if self.present else None

    @property
    def label(self) -> str:
        return f"{self.month:02d}/{self.year}"


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    level: str  # the final level, "" when unrated
    followup_tasks: int = 0
    followup_done: int = 0


@dataclass(frozen=True)
class AttendanceRow:
    """An expected member at a closed regular meeting of the cell, in meeting order."""

    member_id: int
    member_name: str
    meeting_id: int
    held_on: date
    status: str


@dataclass
class CellRecord:
    months: list[MonthFigures] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    attendance: list[AttendanceRow] = field(default_factory=list)  # ordered by meeting


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    name: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        """The name in the reader's language: the rules chibo loads are in the catalog (loaded_names.py);
        a committee's own are not and show as written."""
        return gettext(self.name)


@dataclass(frozen=True)
class Reason:
    """One reason a cell is flagged, with the meetings behind it (to open) and the months concerned."""

    rule: Rule
    text: str
    meeting_ids: tuple[int, ...] = ()
    months: tuple[str, ...] = ()


# --- evaluation -------------------------------------------------------------------------------------


def _runs(months: Sequence[MonthFigures], below) -> list[list[MonthFigures]]:
    """Runs of consecutive months for which `below(month)` holds; a month without meetings breaks a run."""
    runs: list[list[MonthFigures]] = []
    current: list[MonthFigures] = []
    for month in months:
        if below(month):
            current.append(month)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _ids(months: Iterable[MonthFigures]) -> tuple[int, ...]:
    return tuple(i for m in months for i in m.meeting_ids)


def _percent(value: float) -> str:
    return f"{value:g}".replace(".", ",") + "%"


def missed_regular_meeting(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    missed = [m for m in record.months if m.exists and m.ended and not m.regular_held]
    if not missed:
        return []
    months = tuple(m.label for m in missed)
    return [Reason(rule, _("Không sinh hoạt thường kỳ: tháng %(months)s.") % {"months": ", ".join(months)},
                   months=months)]


def low_attendance(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    threshold, needed = float(rule.params.get("below_percent", 90)) / 100, int(rule.params.get("months", 2))
    runs = [run for run in _runs(record.months, lambda m: m.attendance is not None and m.attendance < threshold)
            if len(run) >= needed]
    return [Reason(rule, _("Tỷ lệ dự sinh hoạt dưới %(p)s các tháng %(months)s (%(rates)s).")
                   % {"p": _percent(threshold * 100), "months": ", ".join(m.label for m in run),
                      "rates": "; ".join(_percent(round((m.attendance or 0) * 100, 1)) for m in run)},
                   _ids(run), tuple(m.label for m in run)) for run in runs]


def low_speaking_share(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    threshold, needed = float(rule.params.get("at_most_percent", 30)) / 100, int(rule.params.get("months", 3))
    runs = [run for run in _runs(record.months, lambda m: m.speaking is not None and m.speaking <= threshold)
            if len(run) >= needed]
    return [Reason(rule, _("Tỷ lệ đảng viên phát biểu từ %(p)s trở xuống các tháng %(months)s.")
                   % {"p": _percent(threshold * 100), "months": ", ".join(m.label for m in run)},
                   _ids(run), tuple(m.label for m in run)) for run in runs]


def low_level(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    levels = set(rule.params.get("levels", [scoring.TRUNG_BINH, scoring.KEM]))
    meetings = [m for m in record.meetings if m.level in levels]
    if not meetings:
        return []
    labels = {scoring.TOT: _("Tốt"), scoring.KHA: _("Khá"), scoring.TRUNG_BINH: _("Trung bình"), scoring.KEM: _("Kém")}
    detail = ", ".join(f"{m.held_on:%d/%m/%Y} ({labels.get(m.level, m.level)})" for m in meetings)
    return [Reason(rule, _("Buổi sinh hoạt xếp loại thấp: %(d)s.") % {"d": detail}, tuple(m.id for m in meetings))]


def low_followup(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    threshold = float(rule.params.get("below_percent", 50)) / 100
    meetings = [m for m in record.meetings if m.followup_tasks and m.followup_done / m.followup_tasks < threshold]
    if not meetings:
        return []
    detail = ", ".join(f"{m.held_on:%d/%m/%Y} ({m.followup_done}/{m.followup_tasks})" for m in meetings)
    return [Reason(rule, _("Nhiệm vụ kỳ trước hoàn thành dưới %(p)s: %(d)s.")
                   % {"p": _percent(threshold * 100), "d": detail}, tuple(m.id for m in meetings))]


def _by_member(rows: Iterable[AttendanceRow]) -> dict[int, list[AttendanceRow]]:
    members: dict[int, list[AttendanceRow]] = defaultdict(list)
    for row in rows:
        members[row.member_id].append(row)
    return members


def absent_without_reason(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    times = int(rule.params.get("times", 1))
    reasons = []
    for rows in _by_member(r for r in record.attendance if r.held_on >= period_first).values():
        absent = [r for r in rows if r.status == "absent"]
        if len(absent) >= times:
            reasons.append(Reason(rule, _("Đồng chí %(name)s vắng không lý do %(n)d lần (%(days)s).") % {
                "name": rows[0].member_name, "n": len(absent),
                "days": ", ".join(f"{r.held_on:%d/%m/%Y}" for r in absent)}, tuple(r.meeting_id for r in absent)))
    return reasons


def absent_in_a_row(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    needed = int(rule.params.get("meetings", 3))
    reasons = []
    for rows in _by_member(record.attendance).values():
        best: list[AttendanceRow] = []
        run: list[AttendanceRow] = []
        for row in rows:
            run = [*run, row] if row.status in ("absent", "excused") else []
            if len(run) >= needed and run[-1].held_on >= period_first and len(run) > len(best):
                best = run
        if best:
            reasons.append(Reason(rule, _("Đồng chí %(name)s vắng %(n)d buổi liên tiếp (%(days)s).") % {
                "name": rows[0].member_name, "n": len(best),
                "days": ", ".join(f"{r.held_on:%d/%m/%Y}" for r in best)}, tuple(r.meeting_id for r in best)))
    return reasons


def absent_months_in_year(rule: Rule, record: CellRecord, period_first: date) -> list[Reason]:
    needed = int(rule.params.get("months", 3))
    reasons = []
    for rows in _by_member(record.attendance).values():
        by_year: dict[int, list[AttendanceRow]] = defaultdict(list)
        for row in rows:
            if row.status == "absent":
                by_year[row.held_on.year].append(row)
        for year, absent in sorted(by_year.items()):
            months = sorted({r.held_on.month for r in absent})
            if len(months) >= needed and absent[-1].held_on >= period_first:
                reasons.append(Reason(rule, _("Đồng chí %(name)s vắng không lý do %(n)d tháng trong năm %(y)d "
                                              "(tháng %(months)s): chi bộ xem xét xóa tên theo Điều lệ.") % {
                    "name": rows[0].member_name, "n": len(months), "y": year,
                    "months": ", ".join(str(m) for m in months)}, tuple(r.meeting_id for r in absent)))
    return reasons


EVALUATORS = {
    "missed_regular_meeting": missed_regular_meeting,
    "low_attendance": low_attendance,
    "absent_without_reason": absent_without_reason,
    "absent_in_a_row": absent_in_a_row,
    "absent_months_in_year": absent_months_in_year,
    "low_speaking_share": low_speaking_share,
    "low_level": low_level,
    "low_followup": low_followup,
}


def evaluate(rules: Iterable[Rule], record: CellRecord, period_first: date) -> list[Reason]:
    """Every reason the rules find in the cell's record; the record reaches back before the period
    (to January of its first year) so that runs and yearly counts see their beginning."""
    reasons: list[Reason] = []
    for rule in rules:
        evaluator = EVALUATORS.get(rule.kind)
        if evaluator is not None:
            reasons.extend(evaluator(rule, record, period_first))
    return reasons
