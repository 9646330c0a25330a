"""One cell's meetings over the months of the history, as plain records (chibo.demo.history's plans).

The cell's temper sets how well it prepares, attends, speaks and follows up; each month draws around it,
and a weak cell's last months show its weaknesses. Every draw comes from the cell's own
`random.Random("{seed}:history:{code}")`, so a cell's history does not depend on the cells around it.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from django.utils import timezone

from chibo.demo import meeting_texts as texts
from chibo.demo.generator import OrgSpec
from chibo.demo.history import (
    ABSENT,
    EXCUSED,
    EXEMPT,
    EXTRAORDINARY,
    LOW_ATTENDANCE,
    MISSED,
    PRESENT,
    REGULAR,
    SELF,
    SILENT,
    START_TIMES,
    SUPERIOR,
    TASKS_UNDONE,
    TET,
    THEMATIC,
    THEMATIC_MONTHS,
    TRUANT,
    WORKING_GROUP,
    Ballot,
    Context,
    Guest,
    Item,
    Mark,
    Material,
    MeetingPlan,
    Named,
    Person,
    RatingPlan,
    RubricInfo,
    Said,
    Seat,
    StepMark,
    TaskPlan,
    Temper,
    active_on,
    aware,
    cell_group,
    meeting_place,
    month_day,
    month_words,
    procedure_on,
    roll_on,
    rubric_on,
)
from chibo.demo.names import weighted
from chibo.organizations.models import MembershipKind, PositionTitle


@dataclass(slots=True)
class _Traits:
    miss: float  # chance to miss a meeting
    voice: float  # weight when the speakers are drawn
    away: bool  # works far away ("Đi làm ăn xa")


STEP_WEIGHTS = {"report": 18, "discussion": 28, "ideology": 10, "presentation": 22, "conclusion": 8,
                "approve_minutes": 6, "roll_call": 4, "personnel": 6, "recognition": 4, "purpose": 4, "rating": 3}
PREP_OFFSETS = {"committee_meeting": -5, "committee_approval": -4, "orientation": -4, "notify": -3,
                "content_prepared": -2}


class CellHistory:
    """Generates one cell's meetings over the months of the context."""

    def __init__(self, ctx: Context, cell: OrgSpec, people: Sequence[Person], temper: Temper, *,
                 superior: str, liaison: str) -> None:
        self.ctx, self.cell, self.temper = ctx, cell, temper
        self.rng = random.Random(f"{ctx.seed}:history:{cell.code}")
        self.group = cell_group(cell)
        self.people = list(people)
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
        minutes = {REGULAR: rng.gauss(73 + 36 * quality, 6), THEMATIC: rng.gauss(75 + 34 * quality, 6),
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
        self._speak(plan, quality, weak)
        if kind == REGULAR:
            self._recognize(plan, present)
            self._follow_up(previous, plan, quality, weak)
            self._resolve(plan, present)
        self._vote(plan)
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
                            (current and pos.end is None) or (not current and active_on(pos.start, pos.end, day))):
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
                if mark.status == ABSENT and plan.kind == REGULAR:
                    self.previous_absent.discard(pk)
                mark.status, mark.reason, mark.late = PRESENT, "", False
                mark.at = plan.started_at + timedelta(minutes=3)
                if self.truant == pk:
                    self.truant_runs = max(0, self.truant_runs - 1)

    def _speak(self, plan: MeetingPlan, quality: float, weak: tuple[str, ...]) -> None:
        rng = self.rng
        here = [m.seat.pk for m in plan.roll if m.status == PRESENT and m.seat.is_expected]
        n = len(here)
        if SILENT in weak:
            share = rng.uniform(0.1, 0.28)
        else:
            share = 0.06 + 0.62 * quality + rng.gauss(0, 0.06) - 0.004 * max(0, n - 20)
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

    def _recognize(self, plan: MeetingPlan, present: list[Mark]) -> None:
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

    def _resolve(self, plan: MeetingPlan, present: list[Mark]) -> None:
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

    def _vote(self, plan: MeetingPlan) -> None:
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
            if 0 <= days and plan.held_on + timedelta(days=days) < self.ctx.as_of:
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
            if day >= self.ctx.as_of:
                return  # not rated yet on the reference date
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
