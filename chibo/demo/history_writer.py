"""Writes the demo history (chibo.demo.history's plans) with the numbers the meetings and quality services store.

Through the services a meeting costs about 500 queries (every tap locks the meeting, reads the roll,
writes an audit row): 0,9 s a meeting on the demo VM, fifteen minutes for the commune's 1,000 meetings.
So every profile is written in bulk, and what the services would compute is computed by the same code
they use:

- per-meeting figures by `meetings.rules.compute_figures` and `compute_followup` (what meeting_close
  stores through `selectors.meeting_figures` / `followup_figures`), votes by `rules.vote_denominator`,
  `required_for` and `vote_is_valid` (what vote_record stores);
- ratings by `quality.scoring.score_sheet` on the facts `quality.selectors.meeting_facts` would read
  at the moment of rating, item lines with `quality.services.measured_text`, and the summary row as
  `quality_refresh` keeps it;
- the approved minutes by `meetings.minutes.minutes_text` itself, read back once the rows are in (the
  commune), or the same text written from the plan by chibo.demo.history_minutes (district, province).

chibo/demo/tests/test_history_services.py plays the same plans through the real services and checks that
they store the same rows. What the bulk path leaves out: audit rows (one per tap) and meeting notices
(the notify step is checked, as when the cell is told by phone or loudspeaker).
"""

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from chibo.core import text
from chibo.demo import history, rows
from chibo.demo.cell_history import CellHistory
from chibo.demo.generator import Chunk, OrgSpec
from chibo.demo.history import Context, MeetingPlan, Person, RatingPlan, Temper
from chibo.demo.history_minutes import MinutesWriter
from chibo.meetings import rules
from chibo.meetings.minutes import minutes_text
from chibo.meetings.models import (
    Attendance,
    Contribution,
    Meeting,
    MeetingFigures,
    MeetingGuest,
    MeetingMaterial,
    MeetingStatus,
    MeetingStep,
    MinutesRevision,
    Procedure,
    Recognition,
    ResolutionItem,
    Task,
    Vote,
)
from chibo.meetings.services.closing import figures_values
from chibo.organizations.models import CELL_KINDS, Organization
from chibo.quality import scoring
from chibo.quality import selectors as quality_selectors
from chibo.quality.models import ItemScore, MeetingQuality, MeetingRating, RaterKind, Rubric, RubricStatus
from chibo.quality.services import measured_text

MINUTES_BATCH = 200
# text.clean (NFC, spaces) as the services apply it; the history's texts come from small pools, so remember them.
clean = functools.lru_cache(maxsize=8192)(text.clean)


# --- reference data ---------------------------------------------------------------------------------------

def load_procedures() -> list[history.ProcedureInfo]:
    return [
        history.ProcedureInfo(
            pk=p.pk, code=p.code, kind=p.meeting_kind, effective_from=p.effective_from, effective_to=p.effective_to,
            min_duration=p.min_duration_minutes, lead_days=p.materials_lead_days,
            steps=tuple(history.StepInfo(s.pk, s.code, s.phase, s.order) for s in p.steps.order_by("order")),
        )
        for p in Procedure.objects.order_by("id")
    ]


def load_rubrics() -> list[history.RubricInfo]:
    """The central rubrics in force at some time; committees' own rubrics do not exist in a fresh demo."""
    if Rubric.objects.filter(owner__isnull=False).exists():
        raise RuntimeError("the demo history expects only the central rubrics (a fresh database)")
    found = []
    for rubric in Rubric.objects.filter(status=RubricStatus.PUBLISHED, owner__isnull=True).order_by("id"):
        full = quality_selectors.rubric_with_parts(rubric.pk)
        assert full is not None
        items = {i.code: i.pk for c in full.criteria.all() for i in c.items.all()}
        found.append(history.RubricInfo(pk=rubric.pk, code=rubric.code, effective_from=rubric.effective_from,
                                        effective_to=rubric.effective_to, spec=quality_selectors.rubric_spec(full),
                                        item_ids=items))
    return found


# --- what the services would compute ----------------------------------------------------------------------

def roll_rows(plan: MeetingPlan) -> list[rules.RollRow]:
    return [rules.RollRow(m.seat.pk, m.status, m.seat.is_expected, m.seat.is_official, m.late) for m in plan.roll]


def figures_of(plan: MeetingPlan, rows: list[rules.RollRow] | None = None) -> tuple[rules.Figures, rules.Followup]:
    """What meeting_close stores (selectors.meeting_figures and followup_figures)."""
    figures = rules.compute_figures(rows or roll_rows(plan), [(s.member, s.kind) for s in plan.said],
                                    duration_minutes=plan.duration_minutes)
    followup = rules.compute_followup(t.status if t.reviewed_in is plan else "open" for t in plan.followups)
    return figures, followup


def minutes_record(plan: MeetingPlan, figures: rules.Figures, votes: list[dict[str, Any]]) -> dict[str, Any]:
    """What meeting_close keeps with the approved minutes (closing._record)."""
    ordered = sorted(plan.roll, key=lambda m: m.seat.pk)
    return {
        "attendance": {str(m.seat.pk): m.status for m in ordered},
        "expected": sorted(m.seat.pk for m in plan.roll if m.seat.is_expected),
        "figures": {"expected": figures.expected, "present": figures.present, "excused": figures.excused,
                    "absent": figures.absent, "speakers": figures.speakers, "contributions": figures.contributions,
                    "attendance_rate": figures.attendance_rate, "speaking_share": figures.speaking_share,
                    "duration_minutes": figures.duration_minutes},
        "votes": [{"motion": v["motion"], "for": v["votes_for"], "denominator": v["denominator"], "valid": v["is_valid"]}
                  for v in votes],
    }


def vote_rows(plan: MeetingPlan, rows: list[rules.RollRow] | None = None) -> list[dict[str, Any]]:
    """Each ballot as vote_record stores it: the Charter's denominator, the votes needed, validity."""
    if not plan.ballots:
        return []
    denominator = rules.vote_denominator(rows or roll_rows(plan))
    result = []
    for ballot in plan.ballots:
        errors = rules.vote_errors(ballot.votes_for, ballot.votes_against, ballot.votes_abstain, denominator)
        if errors:
            raise ValueError(f"{plan.cell} {plan.held_on}: {errors}")
        needed = rules.required_for(ballot.kind, denominator.value)
        result.append({
            "motion": clean(ballot.motion)[:500], "kind": ballot.kind, "votes_for": ballot.votes_for,
            "votes_against": ballot.votes_against, "votes_abstain": ballot.votes_abstain,
            "denominator": denominator.value, "required_for": needed,
            "is_valid": rules.vote_is_valid(ballot.kind, ballot.votes_for, denominator.value),
            "computation": {**denominator.as_dict(), "rule": ballot.kind, "required_for": needed}, "at": ballot.at,
        })
    return result


@dataclass
class ExcusedRuns:
    """Each member's statuses at the cell's closed regular meetings, per year: for "no one excused more than
    three times in a row this year" (quality.selectors._excused_runs)."""

    years: dict[int, list[tuple[date, dict[int, str]]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, plan: MeetingPlan) -> None:
        if plan.kind == history.REGULAR:
            self.years[plan.held_on.year].append(
                (plan.held_on, {m.seat.pk: m.status for m in plan.roll if m.seat.is_expected}))

    def longest(self, plan: MeetingPlan) -> int:
        expected = [m.seat.pk for m in plan.roll if m.seat.is_expected]
        meetings = [statuses for held_on, statuses in self.years.get(plan.held_on.year, []) if held_on <= plan.held_on]
        return max((scoring.longest_run([s[pk] for s in meetings if pk in s], history.EXCUSED) for pk in expected),
                   default=0)


def rating_sheet(plan: MeetingPlan, rating: RatingPlan, figures: rules.Figures, followup: rules.Followup,
                 excused_run: int) -> scoring.Sheet:
    """The score sheet meeting_rate would compute at `rating.at` (quality.selectors.meeting_facts then)."""
    published = plan.publish.done_on if plan.publish and plan.published_at and plan.published_at <= rating.at else None
    facts = scoring.MeetingFacts(
        held_on=plan.held_on, today=timezone.localdate(rating.at), closed=True, entered_after_the_fact=False,
        duration_minutes=figures.duration_minutes,
        min_duration_minutes=(plan.procedure.min_duration if plan.procedure else 0) or 90,
        expected=figures.expected, present=figures.present, absent=figures.absent, speakers=figures.speakers,
        followup_tasks=followup.tasks, followup_done=followup.done,
        materials_released_on=timezone.localdate(plan.released_at) if plan.released_at else None,
        published_on=published, longest_excused_run=excused_run,
    )
    sheet = scoring.score_sheet(rating.rubric.spec, facts, {code: points for code, (points, _why) in rating.manual.items()})
    for line in sheet.lines:  # what meeting_rate refuses
        if line.source == scoring.BY_HAND:
            points, why = rating.manual[line.item.code]
            if points < line.item.max_points and not text.clean(why):
                raise ValueError(f"{plan.cell} {plan.held_on}: {line.item.code} taken off without a reason")
    return sheet


def cell_plans(ctx: Context, cell: OrgSpec, people: Sequence[Person], temper: Temper,
               names: Mapping[str, str]) -> list[MeetingPlan]:
    """One cell's meetings; `people` are those with a membership in it, `names` the committees' names."""
    parent = cell.parent_code or ""
    liaisons = history.superior_people(ctx.seed, parent)
    liaison = liaisons[int(cell.code.rsplit(".", 1)[-1]) % len(liaisons)]
    return CellHistory(ctx, cell, people, temper, superior=names.get(parent, ""), liaison=liaison).meetings()


# --- the writer -------------------------------------------------------------------------------------------

@dataclass
class HistoryCounts:
    meetings: int = 0
    attendance: int = 0
    contributions: int = 0
    ratings: int = 0


class HistoryWriter:
    """Generates and writes the history of each chunk's cells right after the chunk's members are written."""

    def __init__(self, *, seed: int, as_of: date, months: int, calm: Iterable[str],
                 orgs: Mapping[str, Organization], exact_minutes: bool = True) -> None:
        self.orgs = orgs  # code → organization, filled by the tree writer chunk by chunk
        # The approved minutes by meetings.minutes itself (read back from the rows), or the same text from the plan.
        self.minutes = None if exact_minutes else MinutesWriter()
        self.member_names: dict[int, str] = {}
        self.measured: dict[tuple[str, scoring.Measured], str] = {}
        self.ctx = Context(seed=seed, as_of=as_of, months=history.history_months(as_of, months),
                           procedures=load_procedures(), rubrics=load_rubrics())
        self.calm = set(calm)
        self.names: dict[str, str] = {}
        self.tempers: dict[str, Temper] = {}
        self.counts = HistoryCounts()
        self.meeting_id = rows.next_id(Meeting)
        self.item_id = rows.next_id(ResolutionItem)
        self.rating_id = rows.next_id(MeetingRating)
        self.records: dict[int, dict[str, Any]] = {}
        self._open_tables(timezone.now())
        if connection.vendor == "postgresql":
            # Check foreign keys row by row: deferred to the commit, tens of millions of checks would queue up.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def _open_tables(self, now: datetime) -> None:
        """The rows each model gets, in the order they are sent (a row's parents before it)."""
        self.t_meeting = rows.Table(Meeting, (
            "id", "organization", "kind", "year", "number", "planned_date", "planned_time", "place", "topic",
            "presenter", "agenda", "status", "procedure", "min_duration_minutes", "materials_released_at", "held_on",
            "started_at", "ended_at", "chair", "meeting_secretary", "fees_note", "conclusion", "entered_after_the_fact",
            "closed_at", "created_at", "updated_at"), now=now)
        self.t_attendance = rows.Table(Attendance, (
            "meeting", "member", "status", "reason", "arrived_late", "is_expected", "not_expected_reason", "is_official",
            "is_temporary", "marked_at"), now=now)
        self.t_contribution = rows.Table(Contribution, ("meeting", "member", "kind", "gist", "order", "created_at"), now=now)
        self.t_recognition = rows.Table(Recognition, ("meeting", "member", "kind", "note", "created_at"), now=now)
        self.t_vote = rows.Table(Vote, (
            "meeting", "order", "motion", "kind", "votes_for", "votes_against", "votes_abstain", "denominator",
            "required_for", "is_valid", "computation", "recorded_at"), now=now)
        self.t_item = rows.Table(ResolutionItem, ("id", "meeting", "order", "text"), now=now)
        self.t_task = rows.Table(Task, (
            "meeting", "resolution_item", "description", "assignee", "to_committee", "deadline", "status",
            "followup_meeting", "followup_note", "followed_up_at", "created_at"), now=now)
        self.t_step = rows.Table(MeetingStep, ("meeting", "step", "done_on", "started_at", "done_at", "note"), now=now)
        self.t_material = rows.Table(MeetingMaterial, ("meeting", "kind", "title", "body", "uploaded_at"), now=now)
        self.t_guest = rows.Table(MeetingGuest, ("meeting", "name", "title", "created_at"), now=now)
        figure_fields = tuple(figures_values(rules.Figures(), rules.Followup()))
        self.t_figures = rows.Table(MeetingFigures, ("meeting", *figure_fields, "computed_at"), now=now)
        self.t_minutes = rows.Table(MinutesRevision, ("meeting", "number", "text", "record", "created_at"), now=now)
        self.t_rating = rows.Table(MeetingRating, (
            "id", "meeting", "rubric", "rater_kind", "rater_name", "total", "score_level", "level", "failed_gates", "note",
            "created_at"), now=now)
        self.t_score = rows.Table(ItemScore, ("rating", "item", "points", "source", "measured", "justification"), now=now)
        self.t_quality = rows.Table(MeetingQuality, (
            "meeting", "final_rating", "final_kind", "final_level", "final_score", "self_level", "self_score",
            "superior_level", "superior_score", "disagrees", "updated_at"), now=now)
        self.tables = [self.t_meeting, self.t_item, self.t_attendance, self.t_contribution, self.t_recognition,
                       self.t_vote, self.t_task, self.t_step, self.t_material, self.t_guest, self.t_figures,
                       self.t_minutes, self.t_rating, self.t_score, self.t_quality]

    # --- chunks and cells ---

    def write(self, chunk: Chunk, people: Sequence[Person]) -> int:
        """Write the history of the chunk's cells; returns the number of cells."""
        for org in chunk.orgs:
            self.names[org.code] = org.name
        cells = [org for org in chunk.orgs if org.kind in CELL_KINDS]
        if not cells:
            return 0
        tempers = history.tempers([c.code for c in cells], seed=self.ctx.seed, key=cells[0].parent_code or "",
                                  months=len(self.ctx.months), calm=self.calm)
        self.tempers.update(tempers)
        if not self.ctx.months:
            return len(cells)
        index: dict[str, list[Person]] = defaultdict(list)
        self.member_names = {p.pk: text.clean(p.spec.full_name) for p in people}
        for person in people:
            for code in dict.fromkeys(m.org_code for m in person.spec.memberships):
                index[code].append(person)
        for cell in cells:
            self.write_plans(cell_plans(self.ctx, cell, index[cell.code], tempers[cell.code], self.names))
            if max(len(t) for t in self.tables) >= rows.FLUSH_ROWS:
                self.flush()
        self.flush()
        self.write_minutes()
        return len(cells)

    def flush(self) -> None:
        for table in self.tables:
            table.flush()

    def finish(self) -> None:
        """Move the id sequences past the ids chosen here (PostgreSQL; SQLite's AUTOINCREMENT follows by itself)."""
        self.flush()
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Meeting, ResolutionItem, MeetingRating]):
                cursor.execute(sql)

    # --- rows ---

    def write_plans(self, plans: Sequence[MeetingPlan]) -> None:
        ids: dict[int, int] = {}
        excused = ExcusedRuns()
        for plan in plans:
            ids[id(plan)] = self.meeting_id
            self.meeting_id += 1
        for plan in plans:
            meeting_id = ids[id(plan)]
            rows = roll_rows(plan)
            figures, followup = figures_of(plan, rows)
            votes = vote_rows(plan, rows)
            self._meeting(meeting_id, plan)
            self._record(meeting_id, plan, ids, votes)
            self.t_figures.add(meeting_id, *figures_values(figures, followup).values(), plan.ended_at)
            record = minutes_record(plan, figures, votes)
            if self.minutes is None:
                self.records[meeting_id] = record  # the text once the rows are in: write_minutes
            else:
                body = self.minutes.text(plan, cell_name=self.orgs[plan.cell].name, names=self.member_names,
                                         figures=figures, followup=followup, votes=votes)
                self.t_minutes.add(meeting_id, 1, body, record, plan.ended_at)
            excused.add(plan)
            self._ratings(meeting_id, plan, figures, followup, excused.longest(plan))
            self.counts.meetings += 1
            self.counts.attendance += len(plan.roll)
            self.counts.contributions += len(plan.said)

    def _meeting(self, meeting_id: int, plan: MeetingPlan) -> None:
        cell = self.orgs[plan.cell].pk
        procedure = plan.procedure
        self.t_meeting.add(
            meeting_id, cell, plan.kind, plan.held_on.year, plan.number, plan.held_on, plan.planned_time,
            text.clean(plan.place), text.clean(plan.topic), plan.presenter, plan.agenda.strip(), MeetingStatus.CLOSED,
            procedure.pk if procedure else None, procedure.min_duration if procedure else 0, plan.released_at,
            plan.held_on, plan.started_at, plan.ended_at, plan.chair, plan.secretary, text.clean(plan.fees_note),
            plan.conclusion.strip(), False, plan.ended_at, plan.planned_at, plan.ended_at,
        )

    def _record(self, meeting_id: int, plan: MeetingPlan, ids: dict[int, int], votes: list[dict[str, Any]]) -> None:
        for mark in plan.roll:
            seat = mark.seat
            self.t_attendance.add(meeting_id, seat.pk, mark.status,
                                  clean(mark.reason)[:255] if mark.status == history.EXCUSED else "",
                                  mark.late and mark.status == history.PRESENT, seat.is_expected,
                                  seat.not_expected_reason, seat.is_official, seat.is_temporary, mark.at)
        for order, said in enumerate(plan.said, start=1):
            self.t_contribution.add(meeting_id, said.member, said.kind, clean(said.gist)[:500], order, said.at)
        for named in plan.named:
            self.t_recognition.add(meeting_id, named.member, named.kind, clean(named.note)[:500], named.at)
        for order, vote in enumerate(votes, start=1):
            self.t_vote.add(meeting_id, order, vote["motion"], vote["kind"], vote["votes_for"], vote["votes_against"],
                            vote["votes_abstain"], vote["denominator"], vote["required_for"], vote["is_valid"],
                            vote["computation"], vote["at"])
        item_ids = []
        for order, item in enumerate(plan.items, start=1):
            item_ids.append(self.item_id)
            self.t_item.add(self.item_id, meeting_id, order, item.text.strip())
            self.item_id += 1
        for task in plan.tasks:
            reviewed = task.reviewed_in is not None and task.status != "open"
            self.t_task.add(meeting_id, item_ids[task.item], clean(task.description)[:500], task.assignee,
                            task.to_committee, task.deadline, task.status,
                            ids[id(task.reviewed_in)] if reviewed and task.reviewed_in else None,
                            clean(task.note)[:500], task.reviewed_at if reviewed else None, task.at)
        previous_done_at = plan.started_at
        for step in plan.steps:
            started = None
            if step.done_at is not None:
                started, previous_done_at = previous_done_at, max(previous_done_at, step.done_at)
            self.t_step.add(meeting_id, step.step.pk, step.done_on, started, step.done_at, step.note.strip())
        if plan.publish is not None:
            self.t_step.add(meeting_id, plan.publish.step.pk, plan.publish.done_on, None, None, "")
        for material in plan.materials:
            self.t_material.add(meeting_id, material.kind, clean(material.title), material.body.strip(), material.at)
        for guest in plan.guests:
            self.t_guest.add(meeting_id, clean(guest.name), clean(guest.title), guest.at)

    def _ratings(self, meeting_id: int, plan: MeetingPlan, figures: rules.Figures, followup: rules.Followup,
                 excused_run: int) -> None:
        stored = []
        for rating in plan.ratings:
            sheet = rating_sheet(plan, rating, figures, followup, excused_run)
            rating_id = self.rating_id
            self.rating_id += 1
            self.t_rating.add(rating_id, meeting_id, rating.rubric.pk, rating.kind, "", sheet.total, sheet.score_level,
                              sheet.level, [g.name for g in sheet.failed_gates], rating.note.strip(), rating.at)
            for line in sheet.lines:
                why = clean(rating.manual[line.item.code][1])[:300] if line.source == scoring.BY_HAND else ""
                self.t_score.add(rating_id, rating.rubric.item_ids[line.item.code], line.points or 0, line.source,
                                 self._measured(line), why)
            stored.append((rating, rating_id, sheet))
            self.counts.ratings += 1
        if not stored:
            return
        # quality_refresh: the latest superior or working-group rating is final, else the latest self-rating.
        ordered = sorted(stored, key=lambda r: (r[0].at, r[1]), reverse=True)
        own = next((r for r in ordered if r[0].kind == RaterKind.SELF), None)
        superior = next((r for r in ordered if r[0].kind != RaterKind.SELF), None)
        final = superior or own
        assert final is not None
        self.t_quality.add(
            meeting_id, final[1], final[0].kind, final[2].level, final[2].total,
            own[2].level if own else "", own[2].total if own else None,
            superior[2].level if superior else "", superior[2].total if superior else None,
            bool(own and superior and own[2].level != superior[2].level), final[0].at,
        )

    def _measured(self, line: scoring.Line) -> str:
        """quality.services.measured_text of the line ("87,5%", "Đạt"), remembered: the same values recur."""
        key = (line.item.source, line.measured)
        found = self.measured.get(key)
        if found is None:
            found = self.measured[key] = measured_text(line)[:40]
        return found

    # --- the approved minutes, written by meetings.minutes from the rows just stored ---

    def write_minutes(self) -> None:
        pending = sorted(self.records)
        for start in range(0, len(pending), MINUTES_BATCH):
            batch = pending[start:start + MINUTES_BATCH]
            for meeting in _with_record(batch):
                self.t_minutes.add(meeting.pk, 1, minutes_text(meeting), self.records[meeting.pk], meeting.ended_at)
            self.t_minutes.flush()
        self.records.clear()


def _with_record(ids: list[int]) -> Iterable[Meeting]:
    """selectors.meeting_with_record for many meetings at once (the relations minutes_text reads)."""
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("organization", "procedure", "chair", "meeting_secretary", "presenter")
        .prefetch_related(
            # Members in their own queries: one instance per member of the batch, not one per row.
            "attendances__member", "contributions__member", "recognitions__member", "votes", "resolution_items",
            "guests", Prefetch("tasks", queryset=Task.objects.select_related("assignee", "resolution_item")),
        )
        .order_by("id")
    )

