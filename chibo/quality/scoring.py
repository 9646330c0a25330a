"""Scoring a meeting against a rubric: pure functions on plain data (no ORM).

A rubric is criteria of sub-items; each sub-item is scored from the meeting record where the record
knows (a `source` key below), else by hand with a short justification. Banded items turn a measure
(a percentage, minutes short of the minimum) into points through ranges that must cover the measure's
whole domain exactly once. The level follows the rubric's thresholds, then its gates ("Tốt requires
full marks on attendance, duration and speaking share"): a failed gate drops the level one step.

Everything is exact: percentages are Fractions, and band bounds are compared as Fractions of the
decimals people typed, so "27 of 30 present" is 90% and falls in "≥ 90%" (never 89.99…).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

# --- levels --------------------------------------------------------------------------------------

TOT, KHA, TRUNG_BINH, KEM = "tot", "kha", "trung_binh", "kem"
LEVELS = (TOT, KHA, TRUNG_BINH, KEM)  # best first
UNRATED = "unrated"


@dataclass(frozen=True)
class Thresholds:
    """The lowest total of each level: Tốt ≥ 90, Khá 70–<90, Trung bình 50–<70, Kém < 50 by default."""

    tot: int = 90
    kha: int = 70
    trung_binh: int = 50


def level_for(total: int, thresholds: Thresholds) -> str:
    if total >= thresholds.tot:
        return TOT
    if total >= thresholds.kha:
        return KHA
    if total >= thresholds.trung_binh:
        return TRUNG_BINH
    return KEM


def lower_level(level: str) -> str:
    return LEVELS[min(LEVELS.index(level) + 1, len(LEVELS) - 1)]


# --- measures: what the record knows --------------------------------------------------------------

MANUAL = "manual"
# Banded measures and the domain their bands must cover: percentages 0–100, minutes 0–∞.
PERCENT, MINUTES = "percent", "minutes"
BANDED = {
    "duration_shortfall": MINUTES,  # minutes short of the minimum duration (0 when it was met)
    "attendance_rate": PERCENT,  # present / expected
    "speaking_share": PERCENT,  # speakers / present
    "followup_done_share": PERCENT,  # tasks of the previous resolution done / all of them
}
FLAGS = (
    "no_excused_streak",  # nobody absent with reason more than N times in a row this year
    "no_absent_without_reason",
    "materials_on_time",  # materials released at least N days before
    "minutes_approved",
    "documents_on_time",  # resolution and materials published within N days after
)
RECORD_KEYS = (*BANDED, *FLAGS)
DEFAULT_PARAMS: dict[str, dict[str, int]] = {
    "no_excused_streak": {"streak_limit": 3},
    "materials_on_time": {"lead_days": 1},
    "documents_on_time": {"within_days": 2},
}


@dataclass(frozen=True)
class MeetingFacts:
    """What the record of one closed meeting says, as plain values (built by selectors)."""

    held_on: date
    today: date
    closed: bool = True
    entered_after_the_fact: bool = False
    duration_minutes: int | None = None
    min_duration_minutes: int = 90
    expected: int = 0
    present: int = 0
    absent: int = 0
    speakers: int = 0
    followup_tasks: int = 0
    followup_done: int = 0
    materials_released_on: date | None = None
    published_on: date | None = None
    longest_excused_run: int = 0  # the longest run of "excused" of any expected member this year, up to here


Measured = Fraction | bool | None


def _percent(part: int, whole: int) -> Fraction | None:
    return Fraction(100 * part, whole) if whole else None


def measure(key: str, facts: MeetingFacts, params: Mapping[str, Any] | None = None) -> Measured:
    """The value of a record key for this meeting; None when the record does not know (score by hand)."""
    params = {**DEFAULT_PARAMS.get(key, {}), **(params or {})}
    if key == "duration_shortfall":
        minimum = int(params.get("minimum_minutes") or facts.min_duration_minutes or 0)
        if facts.duration_minutes is None or minimum <= 0:
            return None
        return Fraction(max(0, minimum - facts.duration_minutes))
    if key == "attendance_rate":
        return _percent(facts.present, facts.expected)
    if key == "speaking_share":
        return _percent(facts.speakers, facts.present)
    if key == "followup_done_share":
        return _percent(facts.followup_done, facts.followup_tasks)
    if key == "no_excused_streak":
        return None if facts.expected == 0 else facts.longest_excused_run <= int(params["streak_limit"])
    if key == "no_absent_without_reason":
        return None if facts.expected == 0 else facts.absent == 0
    if key == "materials_on_time":
        if facts.materials_released_on is None:
            # From a paper minutes book the app cannot know how materials went out.
            return None if facts.entered_after_the_fact else False
        return (facts.held_on - facts.materials_released_on).days >= int(params["lead_days"])
    if key == "minutes_approved":
        return facts.closed
    if key == "documents_on_time":
        deadline = int(params["within_days"])
        if facts.published_on is not None:
            return (facts.published_on - facts.held_on).days <= deadline
        # Not published yet: late once the deadline has passed (until then the record cannot tell),
        # except for a meeting from a paper minutes book, where the app cannot know what was posted.
        if facts.entered_after_the_fact:
            return None
        return False if (facts.today - facts.held_on).days > deadline else None
    raise ValueError(key)


# --- bands ---------------------------------------------------------------------------------------

def exact(value: float | int | Decimal | Fraction | str) -> Fraction:
    """A bound as people typed it, exactly: Decimal("0.1") is 1/10, never 0.1000000000000000055…"""
    if isinstance(value, float):
        value = Decimal(repr(value))
    return Fraction(value)


@dataclass(frozen=True)
class Band:
    """A range of a measure and its points: [lower, upper) unless told otherwise; upper None is no limit."""

    lower: Fraction
    upper: Fraction | None
    points: int
    lower_open: bool = False  # (lower, …: the lower bound itself is not in the band
    upper_closed: bool = False  # …, upper]: the upper bound itself is in the band

    @classmethod
    def of(cls, lower, upper, points: int, *, lower_open: bool = False, upper_closed: bool = False) -> "Band":
        return cls(exact(lower), None if upper is None else exact(upper), points, lower_open, upper_closed)

    def contains(self, x: Fraction) -> bool:
        above = x > self.lower if self.lower_open else x >= self.lower
        if self.upper is None:
            return above
        below = x <= self.upper if self.upper_closed else x < self.upper
        return above and below

    def describe(self, unit: str = "") -> str:
        """For people: "≥ 75% và < 90%", "= 0 phút", "> 45 phút"."""
        if self.upper is not None and self.upper == self.lower:
            return f"= {_format(self.lower)}{unit}"
        low = f"{'>' if self.lower_open else '≥'} {_format(self.lower)}{unit}"
        if self.upper is None:
            return low
        high = f"{'≤' if self.upper_closed else '<'} {_format(self.upper)}{unit}"
        if self.lower == 0 and not self.lower_open:
            return high
        return _("%(low)s và %(high)s") % {"low": low, "high": high}

    def label(self, unit: str = "") -> str:
        lo = "(" if self.lower_open else "["
        hi = "∞)" if self.upper is None else (_format(self.upper) + unit + ("]" if self.upper_closed else ")"))
        return f"{lo}{_format(self.lower)}{unit}; {hi}"


def _format(x: Fraction) -> str:
    """A bound as people read it: 90, 7,5 (the decimal comma)."""
    if x.denominator == 1:
        return str(x.numerator)
    return f"{float(x):g}".replace(".", ",")


def band_points(bands: Iterable[Band], x: Fraction) -> int | None:
    for band in bands:
        if band.contains(x):
            return band.points
    return None


DOMAINS: dict[str, tuple[Fraction, Fraction | None]] = {PERCENT: (Fraction(0), Fraction(100)), MINUTES: (Fraction(0), None)}


def unit(domain: str) -> str:
    """How a bound of the domain is written: "90%", "15 phút"."""
    return "%" if domain == PERCENT else " " + _("phút")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a rubric, said for people; `kind` is for tests and code."""

    kind: str  # invalid, overlap, gap, outside, points, sum, threshold, gate, code
    message: str
    where: str = ""  # the code of the item or criterion concerned, if any


def _point(x: Fraction, unit: str) -> str:
    return _format(x) + unit


def band_problems(bands: Sequence[Band], domain: str, *, max_points: int | None = None,
                  where: str = "") -> list[Problem]:
    """Ranges that are empty, overlap, leave gaps in the domain, or give more points than the item has."""
    unit_text = unit(domain)
    lo, hi = DOMAINS[domain]
    problems: list[Problem] = []
    if not bands:
        return [Problem("gap", _("Chưa có khoảng nào."), where)]
    for band in bands:
        if band.upper is not None and (band.upper < band.lower or (
                band.upper == band.lower and (band.lower_open or not band.upper_closed))):
            problems.append(Problem("invalid", _("Khoảng %(b)s không chứa giá trị nào.") % {"b": band.label(unit_text)},
                                    where))
        if band.lower < lo or (hi is not None and band.lower > hi):
            problems.append(Problem("outside", _("Khoảng %(b)s nằm ngoài miền %(lo)s–%(hi)s.")
                                    % {"b": band.label(unit_text), "lo": _point(lo, unit_text),
                                       "hi": _point(hi, unit_text) if hi is not None else "∞"}, where))
        if band.points < 0 or (max_points is not None and band.points > max_points):
            problems.append(Problem("points", _("Khoảng %(b)s cho %(p)d điểm, vượt điểm tối đa %(m)d.")
                                    % {"b": band.label(unit_text), "p": band.points, "m": max_points or 0}, where))
    if problems:
        return problems
    # Sweep from the bottom of the domain, keeping how far the bands seen so far reach.
    reach: tuple[Fraction | None, bool] = (lo, False)  # (value, closed); value None: no upper limit
    holder: Band | None = None
    for band in sorted(bands, key=lambda b: (b.lower, b.lower_open)):
        value, closed = reach
        if value is None or band.lower < value or (band.lower == value and closed and not band.lower_open):
            problems.append(Problem("overlap", _("Khoảng %(a)s chồng lên khoảng %(b)s.")
                                    % {"a": holder.label(unit_text) if holder else "", "b": band.label(unit_text)},
                                    where))
        elif band.lower > value or (band.lower == value and not closed and band.lower_open):
            problems.append(Problem("gap", _("Còn thiếu các giá trị từ %(a)s đến %(b)s.")
                                    % {"a": _point(value, unit_text), "b": _point(band.lower, unit_text)}, where))
        if value is not None and (band.upper is None or band.upper > value or (
                band.upper == value and band.upper_closed)):
            reach, holder = (band.upper, band.upper_closed), band
    value, closed = reach
    if value is not None and (hi is None or value < hi or (value == hi and not closed)):
        problems.append(Problem("gap", _("Còn thiếu các giá trị từ %(a)s trở lên.") % {"a": _point(value, unit_text)},
                                where))
    if max_points is not None and not problems and max(b.points for b in bands) != max_points:
        problems.append(Problem("points", _("Không khoảng nào đạt điểm tối đa %(m)d.") % {"m": max_points}, where))
    return problems


# --- the rubric as plain data ------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemSpec:
    code: str
    name: str
    max_points: int
    source: str = MANUAL  # a key of RECORD_KEYS, or MANUAL
    bands: tuple[Band, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def from_record(self) -> bool:
        return self.source != MANUAL


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    name: str
    max_points: int
    items: tuple[ItemSpec, ...]


@dataclass(frozen=True)
class GateSpec:
    """A level needs full marks on these items; otherwise the level drops one step."""

    level: str
    item_codes: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True)
class RubricSpec:
    total_points: int
    criteria: tuple[CriterionSpec, ...]
    thresholds: Thresholds = Thresholds()
    gates: tuple[GateSpec, ...] = ()

    @property
    def items(self) -> list[ItemSpec]:
        return [item for criterion in self.criteria for item in criterion.items]


def rubric_problems(rubric: RubricSpec) -> list[Problem]:
    """Why the rubric cannot be used: points that do not add up, bad bands, thresholds, gates."""
    problems: list[Problem] = []
    codes = [item.code for item in rubric.items]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem("code", _("Mã tiêu chí con “%(c)s” bị trùng.") % {"c": code}, code))
    criteria_sum = sum(c.max_points for c in rubric.criteria)
    if criteria_sum != rubric.total_points:
        problems.append(Problem("sum", _("Tổng điểm các tiêu chí là %(s)d, chưa bằng tổng điểm thang điểm %(t)d.")
                                % {"s": criteria_sum, "t": rubric.total_points}))
    for criterion in rubric.criteria:
        items_sum = sum(i.max_points for i in criterion.items)
        if not criterion.items:
            problems.append(Problem("sum", _("Tiêu chí “%(n)s” chưa có nội dung chấm.") % {"n": criterion.name},
                                    criterion.code))
        elif items_sum != criterion.max_points:
            problems.append(Problem("sum", _("Tiêu chí “%(n)s”: các nội dung cộng lại %(s)d điểm, chưa bằng %(m)d.")
                                    % {"n": criterion.name, "s": items_sum, "m": criterion.max_points},
                                    criterion.code))
        for item in criterion.items:
            problems.extend(item_problems(item))
    t = rubric.thresholds
    if not rubric.total_points >= t.tot > t.kha > t.trung_binh > 0:
        problems.append(Problem("threshold", _("Ngưỡng xếp loại phải giảm dần: tổng điểm ≥ Tốt > Khá > Trung bình > 0.")))
    for gate in rubric.gates:
        unknown = [c for c in gate.item_codes if c not in codes]
        if unknown:
            problems.append(Problem("gate", _("Điều kiện “%(n)s” nhắc đến nội dung không có: %(c)s.")
                                    % {"n": gate.name or gate.level, "c": ", ".join(unknown)}))
        if gate.level not in (TOT, KHA, TRUNG_BINH):
            problems.append(Problem("gate", _("Điều kiện chỉ đặt cho mức Tốt, Khá hoặc Trung bình.")))
    return problems


def item_problems(item: ItemSpec) -> list[Problem]:
    if item.max_points < 0:
        return [Problem("points", _("Điểm tối đa không được âm."), item.code)]
    if item.source in BANDED:
        return [Problem(p.kind, f"{item.name}: {p.message}", item.code)
                for p in band_problems(item.bands, BANDED[item.source], max_points=item.max_points, where=item.code)]
    if item.source not in (MANUAL, *FLAGS):
        return [Problem("invalid", _("Nguồn chấm “%(s)s” không có.") % {"s": item.source}, item.code)]
    return []


# --- scoring -------------------------------------------------------------------------------------

RECORD, BY_HAND = "record", "manual"


@dataclass(frozen=True)
class Line:
    """One sub-item on the score sheet: its points and where they came from."""

    item: ItemSpec
    points: int | None  # None: still to be scored by hand
    source: str  # RECORD or BY_HAND
    measured: Measured = None

    @property
    def full(self) -> bool:
        return self.points is not None and self.points >= self.item.max_points


def score_from_record(item: ItemSpec, facts: MeetingFacts) -> Line:
    """The item's points from the record; a manual line (points None) when the record does not know."""
    if not item.from_record:
        return Line(item, None, BY_HAND)
    value = measure(item.source, facts, item.params)
    if value is None:
        return Line(item, None, BY_HAND)
    if isinstance(value, bool):
        return Line(item, item.max_points if value else 0, RECORD, value)
    points = band_points(item.bands, value)
    if points is None:
        return Line(item, None, BY_HAND, value)
    cap = item.params.get("absent_cap")
    if cap is not None and facts.absent > 0:
        points = min(points, int(cap))  # "1 point if any member is absent without reason"
    return Line(item, max(0, min(points, item.max_points)), RECORD, value)


@dataclass(frozen=True)
class Sheet:
    lines: tuple[Line, ...]
    total: int
    score_level: str  # from the thresholds alone
    level: str  # after the gates
    failed_gates: tuple[GateSpec, ...]
    missing: tuple[str, ...]  # codes of items still to score by hand

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def from_record(self) -> int:
        return sum(line.points or 0 for line in self.lines if line.source == RECORD)


def apply_gates(level: str, lines: Iterable[Line], gates: Iterable[GateSpec]) -> tuple[str, tuple[GateSpec, ...]]:
    """Drop the level one step for every gate of the current level that is not met, repeatedly."""
    full = {line.item.code: line.full for line in lines}
    gates = tuple(gates)
    failed: list[GateSpec] = []
    while level != KEM:
        broken = [g for g in gates if g.level == level and not all(full.get(c, False) for c in g.item_codes)]
        if not broken:
            break
        failed.extend(broken)
        level = lower_level(level)
    return level, tuple(failed)


def score_sheet(rubric: RubricSpec, facts: MeetingFacts, manual: Mapping[str, int] | None = None) -> Sheet:
    """Score every item: from the record where it knows, else from `manual` (code → points, clamped)."""
    manual = manual or {}
    lines = []
    for item in rubric.items:
        line = score_from_record(item, facts)
        if line.points is None and item.code in manual:
            points = max(0, min(int(manual[item.code]), item.max_points))
            line = Line(item, points, BY_HAND, line.measured)
        lines.append(line)
    total = sum(line.points or 0 for line in lines)
    score_level = level_for(total, rubric.thresholds)
    level, failed = apply_gates(score_level, lines, rubric.gates)
    missing = tuple(line.item.code for line in lines if line.points is None)
    return Sheet(tuple(lines), total, score_level, level, failed, missing)


# --- attendance history ----------------------------------------------------------------------------

def longest_run(statuses: Iterable[str], status: str) -> int:
    """The longest run of `status` in a member's statuses, in meeting order."""
    best = run = 0
    for value in statuses:
        run = run + 1 if value == status else 0
        best = max(best, run)
    return best
