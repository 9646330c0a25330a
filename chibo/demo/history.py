"""The demo history as plain records: every cell's meetings, month by month, before anything is written.

(This module: the records, the roll, the weak cells and the calendar; chibo.demo.cell_history generates a
cell's meetings with them.)

For each cell and each of the months before the reference date: a regular meeting on the cell's usual
day, a thematic one once a quarter, now and then an extraordinary one. Each meeting carries everything
a secretary taps on the run screen — the roll (as the meetings selectors build it: exemptions, special
duty and temporary attachment per shared/METRICS.md), who came, who spoke and how, recognitions, votes,
the resolution, tasks and the follow-up of the previous ones, the procedure steps, the materials — and
the ratings the cell and its superior gave it. `chibo.demo.history_writer` stores these records;
`chibo/demo/tests/replay.py` plays the same records through the real services, and the tests check
that both give the same rows.

Nothing here touches the database or reads today's date: every draw comes from `random.Random`
seeded with the seed and the cell's code, every date from the reference date.

A few cells per chunk are weak (`tempers`): for their last months they miss meetings, come in small
numbers, stay silent, leave tasks undone or keep a member away without reason — what the quality app's
"cells needing support" rules look for (seeds/003: "yếu ở đâu xoáy sâu khắc phục ở đó").
"""

import calendar
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from chibo.demo import meeting_texts as texts
from chibo.demo import names
from chibo.demo.generator import MemberSpec, OrgSpec
from chibo.organizations.models import MembershipKind, MemberStatus, Sector
from chibo.quality import scoring

REGULAR, THEMATIC, EXTRAORDINARY = "regular", "thematic", "extraordinary"
PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"
EXEMPT, SPECIAL_DUTY = "exempt", "special_duty"
SELF, SUPERIOR, WORKING_GROUP = "self", "superior", "working_group"
HISTORY_MONTHS = 24

# Weak cells: about one in ten (at least one per chunk of five cells or more), never a demo login's cell.
WEAK_SHARE = 0.1
MISSED, LOW_ATTENDANCE, SILENT, TASKS_UNDONE, TRUANT = "missed", "low_attendance", "silent", "tasks_undone", "truant"
WEAK_PROFILES: tuple[tuple[str, ...], ...] = (
    (MISSED, LOW_ATTENDANCE),  # members away working; meetings skipped, the rest half empty
    (SILENT, TASKS_UNDONE),  # meets, reads the report, nobody speaks, nothing gets done
    (TRUANT, TASKS_UNDONE),  # a member absent without reason month after month
)
WEAK_MONTHS = (7, 11)  # weak over the last 7 to 11 months of the history

TET = {2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6)}
THEMATIC_MONTHS = ((2, 3), (5, 6), (8, 9), (11, 12))  # as meetings_plan_year: the middle month, else the last


# --- reference data as plain records (loaded from the database by the writer) -------------------------

@dataclass(frozen=True, slots=True)
class StepInfo:
    pk: int
    code: str
    phase: str
    order: int


@dataclass(frozen=True)
class ProcedureInfo:
    pk: int
    code: str
    kind: str
    effective_from: date
    effective_to: date | None
    min_duration: int
    lead_days: int
    steps: tuple[StepInfo, ...]

    def phase(self, phase: str) -> list[StepInfo]:
        return [s for s in self.steps if s.phase == phase]

    def step(self, code: str) -> StepInfo | None:
        return next((s for s in self.steps if s.code == code), None)


@dataclass(frozen=True)
class RubricInfo:
    pk: int
    code: str
    effective_from: date
    effective_to: date | None
    spec: scoring.RubricSpec
    item_ids: dict[str, int]


def procedure_on(procedures: Sequence[ProcedureInfo], kind: str, day: date) -> ProcedureInfo | None:
    """meetings.selectors.procedure_for, in memory."""
    found = [p for p in procedures if p.kind == kind and p.effective_from <= day
             and (p.effective_to is None or p.effective_to >= day)]
    return max(found, key=lambda p: p.effective_from, default=None)


def rubric_on(rubrics: Sequence[RubricInfo], day: date) -> RubricInfo | None:
    """quality.selectors.rubric_for for a tree without committee rubrics: the central one in force."""
    found = [r for r in rubrics if r.effective_from <= day and (r.effective_to is None or r.effective_to >= day)]
    return max(found, key=lambda r: (r.effective_from, r.pk), default=None)


# --- people and the roll --------------------------------------------------------------------------------

@dataclass(slots=True)
class Person:
    """A member as the history sees them: the generator's record and the id it was written with."""

    pk: int
    sort_key: str
    spec: MemberSpec

    def age_on(self, day: date) -> int:
        birth = self.spec.birth_date
        return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True, slots=True)
class Seat:
    """One member on the roll of a meeting (meetings.selectors.RollEntry)."""

    person: Person
    not_expected_reason: str
    is_official: bool
    is_temporary: bool

    @property
    def is_expected(self) -> bool:
        return not self.not_expected_reason

    @property
    def pk(self) -> int:
        return self.person.pk


def active_on(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


def roll_on(cell_code: str, day: date, candidates: Iterable[Person]) -> list[Seat]:
    """meetings.selectors.roll_entries in memory: regular members here not attached elsewhere that day,
    plus members attached here; exempt and special-duty members are on it but not expected."""
    seats = []
    for person in candidates:
        spec = person.spec
        here = elsewhere = temporary = False
        for m in spec.memberships:
            if not active_on(m.start, m.end, day):
                continue
            if m.kind == MembershipKind.TEMPORARY:
                if m.org_code == cell_code:
                    temporary = True
                else:
                    elsewhere = True
            elif m.org_code == cell_code:
                here = True
        if not (temporary or (here and not elsewhere)):
            continue
        exempt = any(active_on(e.start, e.ended_on or e.expected_end, day) for e in spec.exemptions)
        reason = EXEMPT if exempt else (SPECIAL_DUTY if spec.special_duty else "")
        official = spec.status == MemberStatus.OFFICIAL and (spec.official_date is None or spec.official_date <= day)
        seats.append(Seat(person, reason, official, temporary))
    seats.sort(key=lambda s: (s.person.sort_key, s.person.pk))
    return seats


# --- the plan of one meeting ----------------------------------------------------------------------------

@dataclass(slots=True)
class Mark:
    seat: Seat
    status: str = ""  # "" for a member who is not expected and did not come
    reason: str = ""
    late: bool = False
    at: datetime | None = None


@dataclass(slots=True)
class Said:
    member: int
    kind: str
    gist: str
    at: datetime


@dataclass(slots=True)
class Named:
    member: int
    kind: str
    note: str
    at: datetime


@dataclass(slots=True)
class Ballot:
    motion: str
    kind: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    at: datetime


@dataclass(slots=True)
class Item:
    text: str
    at: datetime


@dataclass(slots=True, eq=False)
class TaskPlan:
    description: str
    assignee: int | None
    deadline: date
    item: int  # index in the meeting's items
    at: datetime
    status: str = "open"  # until the next regular meeting reviews it
    note: str = ""
    reviewed_at: datetime | None = None
    reviewed_in: "MeetingPlan | None" = None

    @property
    def to_committee(self) -> bool:
        return self.assignee is None


@dataclass(slots=True)
class StepMark:
    step: StepInfo
    done_on: date
    done_at: datetime | None = None  # meeting steps only
    note: str = ""


@dataclass(slots=True)
class Guest:
    name: str
    title: str
    at: datetime


@dataclass(slots=True)
class Material:
    kind: str
    title: str
    body: str
    at: datetime


@dataclass(slots=True)
class RatingPlan:
    kind: str  # self, superior, working_group
    rubric: RubricInfo
    at: datetime
    manual: dict[str, tuple[int, str]]  # every item of the rubric: (points if scored by hand, justification)
    note: str


@dataclass(slots=True, eq=False)
class MeetingPlan:
    cell: str
    kind: str
    number: int
    planned_at: datetime
    planned_time: time
    held_on: date
    started_at: datetime
    ended_at: datetime
    procedure: ProcedureInfo | None
    place: str = ""
    topic: str = ""
    presenter: int | None = None
    agenda: str = ""
    materials: list[Material] = field(default_factory=list)
    released_at: datetime | None = None
    chair: int | None = None
    secretary: int | None = None
    opened_at: datetime | None = None
    fees_note: str = ""
    conclusion: str = ""
    roll: list[Mark] = field(default_factory=list)
    guests: list[Guest] = field(default_factory=list)
    said: list[Said] = field(default_factory=list)
    named: list[Named] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    tasks: list[TaskPlan] = field(default_factory=list)
    followups: list[TaskPlan] = field(default_factory=list)  # the previous regular meeting's tasks
    steps: list[StepMark] = field(default_factory=list)  # preparation (by date), then the meeting (in order)
    publish: StepMark | None = None
    published_at: datetime | None = None
    ratings: list[RatingPlan] = field(default_factory=list)

    @property
    def duration_minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)


# --- how a cell holds its meetings ----------------------------------------------------------------------

@dataclass(frozen=True)
class Temper:
    quality: float  # 0..1: how well the cell prepares, attends, speaks and follows up
    weaknesses: tuple[str, ...] = ()
    weak_from: int = 0  # index of the first weak month


def tempers(codes: Sequence[str], *, seed: int, key: str, months: int, calm: Iterable[str] = ()) -> dict[str, Temper]:
    """Every cell's temper; about one cell in ten is weak over its last months (never a `calm` one).

    In a chunk of five cells or more the weak ones are the first of a seeded shuffle (so a commune of 30 cells
    always has three); a smaller chunk draws each cell on its own, so weak cells stay about one in ten.
    """
    calm = set(calm)
    rng = random.Random(f"{seed}:temper:{key}")
    candidates = [c for c in codes if c not in calm]
    if len(codes) >= 5:
        shuffled = sorted(candidates, key=lambda _c: rng.random())
        weak = shuffled[:max(1, round(WEAK_SHARE * len(codes)))]
    else:
        weak = [c for c in candidates if random.Random(f"{seed}:weak:{c}").random() < WEAK_SHARE]
    result = {}
    turn = rng.randrange(len(WEAK_PROFILES))  # a chunk with one weak cell does not always get the first profile
    # The healthy cells' qualities are drawn stratified (one from each slice of the distribution, shuffled):
    # a commune's mix of good and middling cells, and so its spreads, then vary little from seed to seed.
    healthy = [c for c in codes if c not in weak and c not in calm]
    slices = sorted(range(len(healthy)), key=lambda _i: rng.random())
    for code in codes:
        if code in weak:
            profile = WEAK_PROFILES[(weak.index(code) + turn) % len(WEAK_PROFILES)]
            span = rng.randint(*WEAK_MONTHS)
            result[code] = Temper(quality=0.5 + 0.15 * rng.random(), weaknesses=profile, weak_from=max(0, months - span))
        elif code in calm:
            result[code] = Temper(quality=0.8 + 0.1 * rng.random())
        else:
            u = (slices[healthy.index(code)] + rng.random()) / len(healthy)
            result[code] = Temper(quality=0.5 + 0.5 * u ** 0.55)
    return result


def history_months(as_of: date, count: int) -> list[tuple[int, int]]:
    """The `count` whole months before the month of `as_of`, oldest first."""
    year, month = as_of.year, as_of.month
    months = []
    for _ in range(count):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        months.append((year, month))
    return months[::-1]


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def cell_group(cell: OrgSpec) -> str:
    """What the cell's meetings talk about: a village, a street, a school, an office…"""
    name = cell.name
    if cell.sector == Sector.RESIDENTIAL:
        return texts.TOWN if "Tổ dân phố" in name else texts.VILLAGE
    if cell.sector == Sector.EDUCATION:
        return texts.SCHOOL
    if cell.sector == Sector.ARMED_FORCES:
        return texts.POLICE if "Công an" in name else texts.MILITARY
    if cell.sector in (Sector.STATE_ENTERPRISE, Sector.PRIVATE_ENTERPRISE):
        return texts.ENTERPRISE
    return texts.HEALTH if "Y tế" in name or "Khoa" in name or "Bệnh viện" in name else texts.OFFICE


def month_words(day: date) -> dict[str, int]:
    """The placeholders of meeting_texts: a meeting early in month m2 of year y reviews month m."""
    return {"m": 12 if day.month == 1 else day.month - 1, "m2": day.month, "y": day.year}


def usual_time(cell: OrgSpec) -> time:
    """When the cell meets: villages and streets in the evening, workplaces in the afternoon."""
    return START_TIMES[cell_group(cell)]


def meeting_place(cell: OrgSpec) -> str:
    """Where the cell meets: the village's cultural house, the school's staff room, the office's meeting room."""
    return texts.PLACES[cell_group(cell)].format(place=cell.name.removeprefix("Chi bộ ").strip())


def aware(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at), timezone.get_default_timezone())


# --- what every cell of a run shares ----------------------------------------------------------------

@dataclass
class Context:
    """What every cell of a run shares."""

    seed: int
    as_of: date
    months: list[tuple[int, int]]
    procedures: Sequence[ProcedureInfo]
    rubrics: Sequence[RubricInfo]


START_TIMES = {texts.VILLAGE: time(19, 30), texts.TOWN: time(19, 30), texts.SCHOOL: time(16, 30),
               texts.HEALTH: time(15, 30), texts.OFFICE: time(14, 0), texts.ENTERPRISE: time(15, 0),
               texts.POLICE: time(14, 0), texts.MILITARY: time(14, 0)}


def superior_people(seed: int, committee_code: str, count: int = 5) -> list[str]:
    """Members of a committee who are put in charge of its cells (the liaisons), by name."""
    rng = random.Random(f"{seed}:liaisons:{committee_code}")
    people = []
    for _ in range(count):
        female = rng.random() < 0.3
        people.append(names.person_name(rng, ethnicity=names.KINH, female=female, birth_year=rng.randint(1966, 1988)))
    return people


def upcoming_day(cell: OrgSpec, as_of: date) -> date:
    """The cell's next regular meeting on or after the reference date (the one bithu1 runs in the demo)."""
    day = month_day(as_of.year, as_of.month, cell.usual_meeting_day or 5)
    if day < as_of:
        year, month = next_month(as_of.year, as_of.month)
        day = month_day(year, month, cell.usual_meeting_day or 5)
    return day

