"""The demo history as plain records: every cell's meetings, month by month, before anything is written.

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
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chibo.demo import meeting_texts as texts
from chibo.demo import names
from chibo.demo.generator import MemberSpec, OrgSpec
from chibo.demo.names import weighted
from chibo.organizations.models import MembershipKind, MemberStatus, PositionTitle, Sector
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


def _active(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or end >= day)


def roll_on(cell_code: str, day: date, candidates: Iterable[Person]) -> list[Seat]:
    """meetings.selectors.roll_entries in memory: regular members here not attached elsewhere that day,
    plus members attached here; exempt and special-duty members are on it but not expected."""
    seats = []
    for person in candidates:
        spec = person.spec
        here = elsewhere = temporary = False
        for m in spec.memberships:
            if not _active(m.start, m.end, day):
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
        exempt = any(_active(e.start, e.ended_on or e.expected_end, day) for e in spec.exemptions)
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
    for code in codes:
        if code in weak:
            profile = WEAK_PROFILES[weak.index(code) % len(WEAK_PROFILES)]
            span = rng.randint(*WEAK_MONTHS)
            result[code] = Temper(quality=0.5 + 0.15 * rng.random(), weaknesses=profile, weak_from=max(0, months - span))
        elif code in calm:
            result[code] = Temper(quality=0.8 + 0.1 * rng.random())
        else:
            result[code] = Temper(quality=0.5 + 0.5 * rng.random() ** 0.55)
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


# --- the generator of one cell ---------------------------------------------------------------------------

@dataclass
class Context:
    """What every cell of a run shares."""

    seed: int
    as_of: date
    months: list[tuple[int, int]]
    procedures: Sequence[ProcedureInfo]
    rubrics: Sequence[RubricInfo]


@dataclass(slots=True)
class _Traits:
    miss: float  # chance to miss a meeting
    voice: float  # weight when the speakers are drawn
    away: bool  # works far away ("Đi làm ăn xa")


STEP_WEIGHTS = {"report": 18, "discussion": 28, "ideology": 10, "presentation": 22, "conclusion": 8,
                "approve_minutes": 6, "roll_call": 4, "personnel": 6, "recognition": 4, "purpose": 4, "rating": 3}
PREP_OFFSETS = {"committee_meeting": -5, "committee_approval": -4, "orientation": -4, "notify": -3,
                "content_prepared": -2}
START_TIMES = {texts.VILLAGE: time(19, 30), texts.TOWN: time(19, 30), texts.SCHOOL: time(16, 30),
               texts.HEALTH: time(15, 30), texts.OFFICE: time(14, 0), texts.ENTERPRISE: time(15, 0),
               texts.POLICE: time(14, 0), texts.MILITARY: time(14, 0)}


class CellHistory:
    """Generates one cell's meetings over the months of the context."""

    def __init__(self, ctx: Context, cell: OrgSpec, people: Sequence[Person], temper: Temper, *,
                 superior: str, liaison: str) -> None:
        self.ctx, self.cell, self.temper = ctx, cell, temper
        self.rng = random.Random(f"{ctx.seed}:history:{cell.code}")
        self.group = cell_group(cell)
        self.people = list(people)
        self.by_pk = {p.pk: p for p in self.people}
        self.superior, self.liaison = superior, liaison
        rng = self.rng
        self.traits: dict[int, _Traits] = {}
        self.officers = {p.pk for p in self.people for pos in p.spec.positions if pos.org_code == cell.code}
        self.has_committee = any(pos.org_code == cell.code and pos.title == PositionTitle.COMMITTEE_MEMBER
                                 for p in self.people for pos in p.spec.positions)
        for person in self.people:
            age = person.age_on(ctx.as_of)
            away = self.group == texts.VILLAGE and age <= 45 and rng.random() < 0.04
            base = 0.09 if age >= 75 else (0.065 if age >= 65 else 0.04)
            voice = (2.5 if person.pk in self.officers else 1.0) * (1.3 if age < 40 else (0.6 if age >= 70 else 1.0))
            self.traits[person.pk] = _Traits(miss=0.22 if away else base + (0.01 if self.group in texts.WORKPLACES else 0),
                                             voice=voice * rng.uniform(0.5, 1.5), away=away)
        start = START_TIMES[self.group]
        self.start_time = start if rng.random() < 0.7 else time(start.hour - 1, start.minute)
        self.place = meeting_place(cell)
        self.truant: int | None = None  # the member of a truant cell who stays away without reason
        self.truant_runs = 0
        self.previous_absent: set[int] = set()  # absent without reason at the last regular meeting
        self.remind: set[int] = set()  # …and back this time: reminded by name
        self.admitted = self._admissions()

    # --- the calendar ---

    def meetings(self) -> list[MeetingPlan]:
        ctx, rng, temper = self.ctx, self.rng, self.temper
        plans: list[MeetingPlan] = []
        previous_regular: MeetingPlan | None = None
        quarter_month = {q: ms[0] if rng.random() < 0.7 else ms[1] for q, ms in enumerate(THEMATIC_MONTHS)}
        for index, (year, month) in enumerate(ctx.months):
            weak = temper.weaknesses if index >= temper.weak_from else ()
            quality = min(1.0, max(0.05, temper.quality + rng.gauss(0, 0.12)))
            if weak:
                quality = min(quality, 0.35)
            day = self._regular_day(year, month)
            if self._usable(day) and not (MISSED in weak and rng.random() < 0.45):
                plan = self._meeting(REGULAR, day, quality, weak, previous_regular)
                if plan is not None:
                    plans.append(plan)
                    previous_regular = plan
            if month == quarter_month[(month - 1) // 3]:
                thematic_day = month_day(year, month, day.day + rng.randint(7, 14))
                skipped = MISSED in weak and rng.random() < 0.5
                if thematic_day.month == month and self._usable(thematic_day) and not skipped:
                    plan = self._meeting(THEMATIC, thematic_day, min(1.0, quality + 0.05), weak, None)
                    if plan is not None:
                        plans.append(plan)
            if rng.random() < 0.012:
                other = month_day(year, month, rng.randint(12, 28))
                if self._usable(other) and all(p.held_on != other for p in plans[-2:]):
                    plan = self._meeting(EXTRAORDINARY, other, quality, weak, None)
                    if plan is not None:
                        plans.append(plan)
        # Numbered in the order they are held, as meetings_plan would number them planned in that order.
        plans.sort(key=lambda p: p.started_at)
        counters: dict[int, int] = {}
        for plan in plans:
            counters[plan.held_on.year] = counters.get(plan.held_on.year, 0) + 1
            plan.number = counters[plan.held_on.year]
        return plans

    def _usable(self, day: date) -> bool:
        cell = self.cell
        return (day < self.ctx.as_of and (cell.valid_from is None or day >= cell.valid_from)
                and (cell.valid_to is None or day <= cell.valid_to))

    def _regular_day(self, year: int, month: int) -> date:
        day = month_day(year, month, self.cell.usual_meeting_day or 5)
        if self.rng.random() < 0.1:
            day = month_day(year, month, day.day + self.rng.randint(1, 3))
        tet = TET.get(year)
        if tet and abs((day - tet).days) <= 4:
            day = tet + timedelta(days=6)
        if self.group in texts.WORKPLACES and day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())  # Monday
        return day

    def _admissions(self) -> list[tuple[date, Person]]:
        """Members admitted into this cell during the history: the cell voted on them a month or two before."""
        first = date(*self.ctx.months[0], 1) + timedelta(days=45) if self.ctx.months else self.ctx.as_of
        found = []
        for person in self.people:
            spec = person.spec
            joined = spec.memberships[0] if spec.memberships else None
            if (joined and joined.org_code == self.cell.code and joined.kind == MembershipKind.REGULAR
                    and joined.start == spec.admission_date and first <= spec.admission_date <= self.ctx.as_of):
                found.append((spec.admission_date, person))
        return sorted(found, key=lambda x: (x[0], x[1].pk))

    # --- one meeting ---

    def _meeting(self, kind: str, day: date, quality: float, weak: tuple[str, ...],
                 previous: MeetingPlan | None) -> MeetingPlan | None:
        rng, ctx = self.rng, self.ctx
        roll = roll_on(self.cell.code, day, self.people)
        if not any(seat.is_expected for seat in roll):
            return None
        procedure = procedure_on(ctx.procedures, kind, day)
        minutes = {REGULAR: rng.gauss(72 + 36 * quality, 6), THEMATIC: rng.gauss(74 + 34 * quality, 6),
                   EXTRAORDINARY: rng.gauss(55, 10)}[kind]
        start_time = self.start_time if kind != EXTRAORDINARY else time(rng.choice((8, 14, 19)), 30)
        started = aware(day, start_time) + timedelta(minutes=rng.choice((0, 0, 0, 5, 10, 15)))
        ended = started + timedelta(minutes=int(min(150, max(40, minutes))), seconds=rng.randint(0, 59))
        planned = aware(day - timedelta(days=rng.randint(3, 5) if kind == EXTRAORDINARY else rng.randint(8, 14)),
                        time(8, rng.randint(0, 59)))
        plan = MeetingPlan(cell=self.cell.code, kind=kind, number=0, planned_at=planned, planned_time=start_time,
                           held_on=day, started_at=started, ended_at=ended, procedure=procedure, place=self.place)
        words = month_words(day)
        if kind == REGULAR:
            plan.agenda = texts.REGULAR_AGENDA.format(**words)
            plan.conclusion = texts.REGULAR_CONCLUSION.format(**words)
        elif kind == THEMATIC:
            pool = texts.THEMATIC_TOPICS["any"] + texts.THEMATIC_TOPICS[self.group]
            plan.topic = pool[rng.randrange(len(pool))]
            plan.conclusion = texts.THEMATIC_CONCLUSION
        else:
            plan.conclusion = texts.EXTRAORDINARY_CONCLUSION
        self._attendance(plan, roll, quality, weak)
        present = [mark for mark in plan.roll if mark.status == PRESENT and mark.seat.is_expected]
        if not present:
            return None
        self._opening(plan, present, kind)
        self._speak(plan, present, quality, weak)
        if kind == REGULAR:
            self._recognize(plan, present, weak)
            self._follow_up(previous, plan, quality, weak)
            self._resolve(plan, present, quality)
        self._vote(plan, present)
        self._prepare(plan, quality)
        self._steps(plan, quality, weak)
        self._after(plan, quality, weak)
        return plan

    def _attendance(self, plan: MeetingPlan, roll: list[Seat], quality: float, weak: tuple[str, ...]) -> None:
        rng = self.rng
        expected = sum(1 for seat in roll if seat.is_expected)
        small = 0.6 if expected < 12 else 1.0
        extra = 0.2 if LOW_ATTENDANCE in weak else 0.0
        if TRUANT in weak and self.truant is None:
            plain = [s.pk for s in roll if s.is_expected and s.is_official and s.pk not in self.officers
                     and 28 <= s.person.age_on(plan.held_on) <= 60]
            self.truant = rng.choice(plain) if plain else None
        second = 0
        absent_now: set[int] = set()
        for seat in roll:
            mark = Mark(seat)
            if not seat.is_expected:
                if rng.random() < (0.12 if seat.not_expected_reason == EXEMPT else 0.3):
                    mark.status = PRESENT
            else:
                traits = self.traits[seat.pk]
                truant = seat.pk == self.truant and TRUANT in weak and plan.kind == REGULAR and self.truant_runs < 4
                if truant:
                    self.truant_runs += 1
                    mark.status = ABSENT
                elif rng.random() < traits.miss * small * (2 - 1.6 * quality) + extra:
                    no_reason = 0.08 if weak else 0.006
                    if rng.random() < no_reason:
                        mark.status = ABSENT
                    else:
                        mark.status = EXCUSED
                        mark.reason = self._reason(seat, plan.held_on, traits)
                else:
                    mark.status = PRESENT
                    mark.late = rng.random() < 0.04
            if mark.status:
                second += rng.randint(8, 25)
                mark.at = plan.started_at + timedelta(minutes=3, seconds=second)
                if mark.late:
                    mark.at += timedelta(minutes=rng.randint(10, 25))
            if mark.status == ABSENT:
                absent_now.add(seat.pk)
            plan.roll.append(mark)
        if plan.kind == REGULAR:
            self.remind = self.previous_absent & {m.seat.pk for m in plan.roll if m.status == PRESENT}
            self.previous_absent = absent_now

    def _reason(self, seat: Seat, day: date, traits: _Traits) -> str:
        if traits.away:
            return texts.AWAY_REASON
        if seat.person.age_on(day) >= 70:
            return weighted(self.rng, texts.ELDERLY_REASONS)
        return weighted(self.rng, texts.EXCUSED_REASONS[self.group])

    def _opening(self, plan: MeetingPlan, present: list[Mark], kind: str) -> None:
        """The bí thư in office that day chairs (else the current one, else the phó bí thư); a younger member
        takes the minutes. Both are present: the chair and the thư ký do not miss the meeting."""
        rng, day = self.rng, plan.held_on
        code = self.cell.code
        on_roll = {mark.seat.pk: mark for mark in plan.roll}

        def holder(title: str, current: bool) -> int | None:
            for person in self.people:
                for pos in person.spec.positions:
                    if pos.org_code == code and pos.title == title and (
                            (current and pos.end is None) or (not current and _active(pos.start, pos.end, day))):
                        if person.pk in on_roll and on_roll[person.pk].seat.is_expected:
                            return person.pk
            return None

        # The bí thư chairs; if away, the phó bí thư does.
        officers = [pk for pk in (holder(PositionTitle.SECRETARY, False), holder(PositionTitle.SECRETARY, True),
                                  holder(PositionTitle.DEPUTY_SECRETARY, True)) if pk is not None]
        chair = next((pk for pk in officers if on_roll[pk].status == PRESENT), officers[0] if officers else None)
        chair = chair if chair is not None else present[0].seat.pk
        self._make_present(plan, chair)
        pool = sorted((m for m in plan.roll if m.seat.is_expected and m.seat.pk not in (chair, self.truant)),
                      key=lambda m: (m.status != PRESENT, m.seat.person.age_on(day) > 50, m.seat.pk not in self.officers,
                                     m.seat.person.sort_key, m.seat.pk))
        secretary = pool[0].seat.pk if pool else chair
        self._make_present(plan, secretary)
        plan.chair, plan.secretary = chair, secretary
        plan.opened_at = plan.started_at + timedelta(minutes=2)
        if kind == REGULAR:
            due = sum(1 for m in plan.roll if m.seat.is_expected)
            paid = due - (1 if rng.random() < 0.12 else 0)
            plan.fees_note = texts.FEES_NOTE.format(paid=paid, due=due, **month_words(day))
        if kind == THEMATIC:
            speakers = [m.seat.pk for m in plan.roll if m.status == PRESENT and m.seat.is_official
                        and m.seat.is_expected]
            plan.presenter = max(speakers, key=lambda pk: (self.traits[pk].voice, -pk)) if speakers else None

    def _make_present(self, plan: MeetingPlan, pk: int) -> None:
        for mark in plan.roll:
            if mark.seat.pk == pk and mark.status != PRESENT:
                mark.status, mark.reason, mark.late = PRESENT, "", False
                mark.at = plan.started_at + timedelta(minutes=3)
                if self.truant == pk:
                    self.truant_runs = max(0, self.truant_runs - 1)

    def _speak(self, plan: MeetingPlan, present: list[Mark], quality: float, weak: tuple[str, ...]) -> None:
        rng = self.rng
        here = [m.seat.pk for m in plan.roll if m.status == PRESENT and m.seat.is_expected]
        n = len(here)
        if SILENT in weak:
            share = rng.uniform(0.1, 0.28)
        else:
            share = 0.08 + 0.62 * quality + rng.gauss(0, 0.06) - 0.004 * max(0, n - 20)
            share += 0.06 if plan.kind == THEMATIC else 0.0
        count = max(1, min(n, round(share * n)))
        if SILENT in weak:
            count = max(1, min(count, int(0.3 * n)))
        others = [pk for pk in here if pk != plan.chair]
        chosen = sorted(others, key=lambda pk: -(rng.random() ** (1 / self.traits[pk].voice)))[:count - 1]
        speakers = [plan.chair, *chosen] if plan.chair is not None else chosen
        kinds = texts.SILENT_KINDS if SILENT in weak else (
            texts.THEMATIC_KINDS if plan.kind == THEMATIC else texts.REGULAR_KINDS)
        words = month_words(plan.held_on)
        duration = (plan.ended_at - plan.started_at).total_seconds()
        said: list[tuple[int, str]] = []
        for index, pk in enumerate(speakers):
            turns = 1 + (rng.random() < 0.22) + (rng.random() < 0.04)
            for turn in range(turns):
                if index == 0 and turn == 0 and plan.kind == REGULAR:
                    kind = "report"
                else:
                    kind = weighted(rng, kinds)
                said.append((pk, kind))
        guests = [m.seat.pk for m in plan.roll if m.status == PRESENT and not m.seat.is_expected]
        if guests and rng.random() < 0.2:
            said.append((rng.choice(guests), weighted(rng, kinds)))
        first, rest = said[:1], said[1:]
        rng.shuffle(rest)
        for index, (pk, kind) in enumerate([*first, *rest]):
            at = plan.started_at + timedelta(seconds=duration * (0.12 + 0.6 * index / max(1, len(said))))
            gist = rng.choice(texts.gists(kind, self.group)).format(**words)
            plan.said.append(Said(pk, kind, gist, at + timedelta(seconds=rng.randint(0, 50))))

    def _recognize(self, plan: MeetingPlan, present: list[Mark], weak: tuple[str, ...]) -> None:
        rng = self.rng
        at = plan.started_at + (plan.ended_at - plan.started_at) * 0.76
        here = [m.seat.pk for m in present]
        if rng.random() < 0.3:
            best = max(here, key=lambda pk: self.traits[pk].voice * rng.random())
            plan.named.append(Named(best, "praise", rng.choice(texts.PRAISES), at))
        on_roll = {m.seat.pk for m in plan.roll}
        for pk in sorted(self.remind & on_roll):
            kind = "criticism" if pk == self.truant and self.truant_runs >= 2 else "reminder"
            note = texts.CRITICISMS[0] if kind == "criticism" else texts.REMINDERS[2]
            plan.named.append(Named(pk, kind, note, at + timedelta(seconds=30)))
        if rng.random() < 0.06:
            plan.named.append(Named(rng.choice(here), "reminder", rng.choice(texts.REMINDERS[:2]),
                                    at + timedelta(seconds=60)))

    def _follow_up(self, previous: MeetingPlan | None, plan: MeetingPlan, quality: float,
                   weak: tuple[str, ...]) -> None:
        if previous is None:
            return
        rng = self.rng
        done = 0.15 if TASKS_UNDONE in weak else 0.86 + 0.13 * quality
        for index, task in enumerate(previous.tasks):
            roll = rng.random()
            status = "done" if roll < done else ("partly_done" if roll < done + (1 - done) * 0.6 else "not_done")
            task.status, task.note = status, rng.choice(texts.FOLLOWUP_NOTES[status])
            task.reviewed_in = plan
            task.reviewed_at = plan.started_at + (plan.ended_at - plan.started_at) * 0.1 + timedelta(seconds=20 * index)
            plan.followups.append(task)

    def _resolve(self, plan: MeetingPlan, present: list[Mark], quality: float) -> None:
        rng = self.rng
        words = month_words(plan.held_on)
        pool = texts.ITEMS[self.group]
        chosen = rng.sample(range(len(pool)), min(len(pool), 2 + (rng.random() < 0.4)))
        at = plan.started_at + (plan.ended_at - plan.started_at) * 0.82
        members = [mark.seat.pk for mark in present if mark.seat.pk != plan.chair] or [mark.seat.pk for mark in present]
        deadline = month_day(plan.held_on.year, plan.held_on.month, 31)
        for order, index in enumerate(sorted(chosen)):
            text, tasks = pool[index]
            plan.items.append(Item(text.format(**words), at + timedelta(seconds=40 * order)))
            for description, committee in tasks[: 1 + (rng.random() < 0.5)]:
                assignee = None if committee else rng.choice(members)
                plan.tasks.append(TaskPlan(description.format(**words), assignee, deadline, order,
                                           at + timedelta(seconds=40 * order + 20 + 5 * len(plan.tasks))))

    def _vote(self, plan: MeetingPlan, present: list[Mark]) -> None:
        rng = self.rng
        voters = sum(1 for m in plan.roll if m.status == PRESENT and m.seat.is_official)
        if voters == 0:
            return
        at = plan.started_at + (plan.ended_at - plan.started_at) * 0.9
        motions: list[tuple[str, str]] = []
        if plan.kind == REGULAR:
            motions.append((texts.RESOLUTION_MOTION.format(**month_words(plan.held_on)), "ordinary"))
            while self.admitted and self.admitted[0][0] <= plan.held_on + timedelta(days=75):
                day, person = self.admitted.pop(0)
                if day > plan.held_on + timedelta(days=20):
                    motions.insert(0, (texts.ADMISSION_MOTION.format(name=person.spec.full_name), "admission"))
        elif plan.kind == EXTRAORDINARY:
            motions.append((rng.choice(texts.EXTRAORDINARY_MOTIONS), "ordinary"))
        for index, (motion, kind) in enumerate(motions):
            against = rng.choice((0, 0, 0, 1, 2)) if kind == "admission" and rng.random() < 0.25 else 0
            abstain = 1 if rng.random() < 0.05 and voters > 2 else 0
            against = min(against, voters - abstain)
            plan.ballots.append(Ballot(motion, kind, voters - against - abstain, against, abstain,
                                       at + timedelta(seconds=60 * index)))

    def _prepare(self, plan: MeetingPlan, quality: float) -> None:
        """Preparation steps by date, the materials and their release (HD 42: at least a day before)."""
        rng, procedure = self.rng, plan.procedure
        if procedure is None:
            return
        planned_on, held = timezone.localdate(plan.planned_at), plan.held_on
        words = month_words(held)
        for step in procedure.phase("preparation"):
            if step.code == "materials":
                continue
            if rng.random() < 0.25 * (1 - quality):
                continue  # a weak month skips a step of the checklist
            offset = PREP_OFFSETS.get(step.code)
            day = held + timedelta(days=offset) if offset is not None else planned_on + timedelta(
                days=1 if step.code == "assign_drafting" else 0)
            day = min(max(day, planned_on), held)
            note = ""
            if step.code in ("committee_meeting", "committee_approval"):
                note = texts.COMMITTEE_NOTE if self.has_committee else texts.SECRETARIES_NOTE
            plan.steps.append(StepMark(step, day, None, note))
        hd42 = procedure.lead_days > 0
        chance = (0.55 + 0.4 * quality) if hd42 else 0.45
        if rng.random() < chance:
            release = aware(held - timedelta(days=1 if rng.random() < 0.85 else 2), time(20, rng.randint(0, 50)))
        elif hd42 and rng.random() < 0.4:
            release = aware(held, time(7, rng.randint(0, 50)))  # the same morning: too late
        else:
            return
        added = release - timedelta(hours=2, minutes=rng.randint(0, 50))
        if plan.kind == THEMATIC:
            plan.materials.append(Material("topic_paper", f"Dự thảo chuyên đề: {plan.topic}", texts.MATERIAL_BODY, added))
        else:
            for offset, (kind, title) in enumerate(texts.REGULAR_MATERIALS):
                plan.materials.append(Material(kind, title.format(**words), texts.MATERIAL_BODY,
                                               added + timedelta(minutes=5 * offset)))
        plan.released_at = release
        materials = procedure.step("materials")
        if materials is not None:
            plan.steps.append(StepMark(materials, timezone.localdate(release)))

    def _steps(self, plan: MeetingPlan, quality: float, weak: tuple[str, ...]) -> None:
        """The meeting's steps checked off in order, each when it ended; the last one when the meeting ends."""
        rng, procedure = self.rng, plan.procedure
        if procedure is None:
            return
        steps = []
        for step in procedure.phase("meeting"):
            if step.code == "personnel" and not any(b.kind == "admission" for b in plan.ballots):
                continue
            if step.code == "recognition" and not plan.named:
                continue
            if step.code == "ideology" and (SILENT in weak or rng.random() < 0.3 * (1 - quality)):
                continue
            steps.append(step)
        total = sum(STEP_WEIGHTS.get(s.code, 2) for s in steps) or 1
        span = (plan.ended_at - plan.started_at).total_seconds()
        elapsed = 0
        for step in steps:
            elapsed += STEP_WEIGHTS.get(step.code, 2)
            done_at = plan.started_at + timedelta(seconds=int(span * elapsed / total))
            plan.steps.append(StepMark(step, timezone.localdate(done_at), done_at))

    def _after(self, plan: MeetingPlan, quality: float, weak: tuple[str, ...]) -> None:
        """Publishing the resolution (within two days), then the ratings: the cell's own at the end of the
        meeting, the superior's on some meetings a few days later."""
        rng, procedure = self.rng, plan.procedure
        if procedure is not None and (step := procedure.step("publish")) is not None:
            if rng.random() < 0.55 + 0.43 * quality - (0.3 if weak else 0):
                days = rng.choice((0, 1, 1, 2))
            elif rng.random() < 0.6:
                days = rng.randint(3, 6)
            else:
                days = -1
            if days >= 0:
                plan.publish = StepMark(step, plan.held_on + timedelta(days=days))
                plan.published_at = aware(plan.publish.done_on, time(rng.randint(8, 10), rng.randint(0, 59)))
        if plan.kind == EXTRAORDINARY:
            return
        rubric = rubric_on(self.ctx.rubrics, plan.held_on)
        if rubric is None:
            return
        visited = rng.random() < (0.35 if weak else 0.17)
        if visited:
            plan.guests.append(Guest(self.liaison, f"{texts.SUPERIOR_TITLE}, {self.superior}",
                                     plan.started_at + timedelta(minutes=1)))
        plan.ratings.append(RatingPlan(SELF, rubric, plan.ended_at + timedelta(minutes=rng.randint(1, 4)),
                                       self._manual(rubric, quality, weak, strict=False), texts.SELF_NOTE))
        if visited and rng.random() < 0.85 or (not visited and rng.random() < 0.05):
            kind = SUPERIOR if visited else WORKING_GROUP
            day = plan.held_on + timedelta(days=rng.randint(2, 8))
            at = aware(day, time(rng.randint(14, 16), rng.randint(0, 59)))
            note = f"{texts.SUPERIOR_NOTE}: đồng chí {self.liaison}" if visited else f"Tổ công tác {self.superior}"
            plan.ratings.append(RatingPlan(kind, rubric, at, self._manual(rubric, quality, weak, strict=True), note))

    def _manual(self, rubric: RubricInfo, quality: float, weak: tuple[str, ...], *, strict: bool
                ) -> dict[str, tuple[int, str]]:
        """Points for every item, used where the record does not know: full marks, a few taken off (with why)."""
        rng = self.rng
        chance = (0.2 + 0.3 * (1 - quality)) if strict else (0.01 + 0.1 * (1 - quality) + (0.3 if weak else 0))
        manual = {}
        for item in rubric.spec.items:
            points, why = item.max_points, ""
            if not item.from_record and item.max_points > 0 and rng.random() < chance:
                points = max(0, item.max_points - rng.randint(1, 2 if not strict else 3))
                why = texts.JUSTIFICATIONS.get(item.code, texts.DEFAULT_JUSTIFICATION)
            manual[item.code] = (points, why)
        return manual


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

