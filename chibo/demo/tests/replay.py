"""The demo history played through the real meetings and quality services, and a fingerprint to compare.

`replay` takes a cell's plans (chibo.demo.history) and does what a secretary would have done in the app,
tap by tap, on the day: plan, check the preparation, add and release the materials, start, mark the roll,
follow up the previous tasks, note who spoke, recognize, vote, adopt the resolution and assign tasks, check
the steps, approve the minutes, rate, publish. The clock (django.utils.timezone.now) is set to each tap's
moment, so the services store the same times the bulk writer did. `fingerprint` reads back what either
path stored, by natural keys.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from unittest import mock

from chibo.demo import history
from chibo.demo.generator import Chunk, DemoPlan
from chibo.demo.history import Context, MeetingPlan, Person
from chibo.demo.history_writer import cell_plans, load_procedures, load_rubrics
from chibo.demo.profiles import build_plan
from chibo.meetings import services
from chibo.meetings.models import (
    Attendance,
    Contribution,
    Meeting,
    MeetingFigures,
    MeetingGuest,
    MeetingMaterial,
    MeetingStep,
    MinutesRevision,
    ProcedureStep,
    Recognition,
    ResolutionItem,
    Task,
    Vote,
)
from chibo.organizations.models import CELL_KINDS, Member, Organization
from chibo.quality import services as quality
from chibo.quality.models import ItemScore, MeetingQuality, MeetingRating


class Clock:
    def __init__(self) -> None:
        self.at: datetime | None = None

    def __call__(self) -> datetime:
        assert self.at is not None
        return self.at


@contextmanager
def frozen_clock() -> Iterator[Clock]:
    clock = Clock()
    with mock.patch("django.utils.timezone.now", clock):
        yield clock


# --- the plans of a seeded database -------------------------------------------------------------------------

def seeded_plans(profile: str, seed: int, months: int, codes: Sequence[str]) -> dict[str, list[MeetingPlan]]:
    """The plans the writer generated for these cells when `profile` was seeded into a fresh database.

    Members got their ids in the order the chunks list them; the plans are rebuilt from the same records.
    """
    plan: DemoPlan = build_plan(profile, seed=seed)
    ctx = Context(seed=seed, as_of=plan.as_of, months=history.history_months(plan.as_of, months),
                  procedures=load_procedures(), rubrics=load_rubrics())
    members = iter(Member.objects.order_by("id").values_list("pk", "sort_key"))
    names: dict[str, str] = {}
    found: dict[str, list[MeetingPlan]] = {}
    for chunk in plan.chunks:
        people = [Person(pk, key, spec) for (pk, key), spec in zip(members, chunk.members, strict=False)]
        found.update(_chunk_plans(ctx, chunk, people, names, plan, codes))
    return found


def _chunk_plans(ctx: Context, chunk: Chunk, people: list[Person], names: dict[str, str], plan: DemoPlan,
                 codes: Sequence[str]) -> dict[str, list[MeetingPlan]]:
    for org in chunk.orgs:
        names[org.code] = org.name
    cells = [o for o in chunk.orgs if o.kind in CELL_KINDS]
    if not cells:
        return {}
    tempers = history.tempers([c.code for c in cells], seed=ctx.seed, key=cells[0].parent_code or "",
                              months=len(ctx.months), calm=plan.secretary_cell_codes)
    found = {}
    for cell in cells:
        if cell.code in codes:
            here = [p for p in people if any(m.org_code == cell.code for m in p.spec.memberships)]
            found[cell.code] = cell_plans(ctx, cell, here, tempers[cell.code], names)
    return found


# --- the replay -----------------------------------------------------------------------------------------------

def replay(plans: Sequence[MeetingPlan]) -> None:
    """Store one cell's plans through the services, in the order a secretary would have tapped them."""
    if not plans:
        return
    cell = Organization.objects.get(code=plans[0].cell)
    members = {m.pk: m for m in Member.objects.filter(pk__in={s.seat.pk for p in plans for s in p.roll})}
    steps = {s.pk: s for s in ProcedureStep.objects.all()}
    tasks: dict[int, Task] = {}
    with frozen_clock() as clock:
        meetings = []
        for plan in plans:  # the calendar first, as meetings_plan_year does
            clock.at = plan.planned_at
            meetings.append(services.meeting_plan(
                organization=cell, kind=plan.kind, planned_date=plan.held_on, planned_by=None,
                planned_time=plan.planned_time, place=plan.place, topic=plan.topic,
                presenter=members.get(plan.presenter) if plan.presenter else None, agenda=plan.agenda,
            ))
        for plan, meeting in zip(plans, meetings, strict=True):
            _prepare(clock, plan, meeting, steps)
            _run(clock, plan, meeting, members, steps, tasks)
            _after(clock, plan, meeting, steps)


def _prepare(clock: Clock, plan: MeetingPlan, meeting: Meeting, steps: dict[int, ProcedureStep]) -> None:
    for check in plan.steps:
        if check.done_at is None and check.step.code != "materials":
            clock.at = plan.planned_at
            services.step_check(meeting=meeting, step=steps[check.step.pk], checked_by=None, done_on=check.done_on,
                                note=check.note)
    for material in plan.materials:
        clock.at = material.at
        services.material_add(meeting=meeting, title=material.title, added_by=None, kind=material.kind,
                              body=material.body)
    if plan.released_at is not None:
        clock.at = plan.released_at
        services.materials_release(meeting=meeting, released_by=None)


def _run(clock: Clock, plan: MeetingPlan, meeting: Meeting, members: dict[int, Member],
         steps: dict[int, ProcedureStep], tasks: dict[int, Task]) -> None:
    clock.at = plan.started_at
    services.meeting_start(meeting=meeting, started_by=None)
    rows = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    clock.at = plan.opened_at
    services.meeting_opening_set(meeting=meeting, set_by=None, chair=members[plan.chair] if plan.chair else None,
                                 meeting_secretary=members[plan.secretary] if plan.secretary else None,
                                 fees_note=plan.fees_note)
    for guest in plan.guests:
        clock.at = guest.at
        services.guest_add(meeting=meeting, added_by=None, name=guest.name, title=guest.title)
    for mark in sorted((m for m in plan.roll if m.status), key=lambda m: (m.at, m.seat.pk)):
        clock.at = mark.at
        services.attendance_mark(attendance=rows[mark.seat.pk], status=mark.status, marked_by=None, reason=mark.reason,
                                 arrived_late=mark.late)
    for task in plan.followups:
        clock.at = task.reviewed_at
        services.task_follow_up(meeting=meeting, task=tasks[id(task)], status=task.status, followed_up_by=None,
                                note=task.note)
    for said in plan.said:
        clock.at = said.at
        services.contribution_add(meeting=meeting, member=members[said.member], kind=said.kind, added_by=None,
                                  gist=said.gist)
    for named in plan.named:
        clock.at = named.at
        services.recognition_add(meeting=meeting, member=members[named.member], kind=named.kind, added_by=None,
                                 note=named.note)
    for ballot in plan.ballots:
        clock.at = ballot.at
        services.vote_record(meeting=meeting, motion=ballot.motion, kind=ballot.kind, votes_for=ballot.votes_for,
                             recorded_by=None, votes_against=ballot.votes_against, votes_abstain=ballot.votes_abstain)
    items = []
    for item in plan.items:
        clock.at = item.at
        items.append(services.resolution_item_add(meeting=meeting, body=item.text, added_by=None))
    for task in plan.tasks:
        clock.at = task.at
        tasks[id(task)] = services.task_assign(
            meeting=meeting, description=task.description, assigned_by=None,
            assignee=members[task.assignee] if task.assignee else None, to_committee=task.to_committee,
            deadline=task.deadline, resolution_item=items[task.item])
    clock.at = plan.ended_at
    services.meeting_conclusion_set(meeting=meeting, conclusion=plan.conclusion, set_by=None)
    for check in plan.steps:
        if check.done_at is not None:
            clock.at = check.done_at
            services.step_check(meeting=meeting, step=steps[check.step.pk], checked_by=None, done_at=check.done_at)
    clock.at = plan.ended_at
    services.meeting_close(meeting=meeting, closed_by=None)


def _after(clock: Clock, plan: MeetingPlan, meeting: Meeting, steps: dict[int, ProcedureStep]) -> None:
    events: list[tuple[datetime, Any]] = [(r.at, r) for r in plan.ratings]
    if plan.publish is not None and plan.published_at is not None:
        events.append((plan.published_at, plan.publish))
    for at, event in sorted(events, key=lambda e: e[0]):
        clock.at = at
        fresh = Meeting.objects.get(pk=meeting.pk)
        if isinstance(event, history.RatingPlan):
            quality.meeting_rate(meeting=fresh, rater=None, rater_kind=event.kind, manual=event.manual, note=event.note)
        else:
            services.step_check(meeting=fresh, step=steps[event.step.pk], checked_by=None, done_on=event.done_on)


# --- what was stored ----------------------------------------------------------------------------------------

def fingerprint(codes: Sequence[str]) -> dict[str, list]:
    """Every row the history of these cells stored, by natural keys, sorted: no ids, no bookkeeping times."""
    scope = {"meeting__organization__code__in": list(codes)}
    key = ("meeting__organization__code", "meeting__year", "meeting__number")
    member = ("member__full_name", "member__birth_date")

    def rows(queryset, *fields: str) -> list:
        return sorted(queryset.values_list(*fields), key=repr)

    return {
        "meetings": rows(Meeting.objects.filter(organization__code__in=list(codes)),
                         "organization__code", "year", "number", "kind", "status", "planned_date", "planned_time",
                         "place", "topic", "presenter__full_name", "agenda", "procedure__code", "min_duration_minutes",
                         "materials_released_at", "held_on", "started_at", "ended_at", "chair__full_name",
                         "meeting_secretary__full_name", "fees_note", "conclusion", "entered_after_the_fact",
                         "closed_at"),
        "attendance": rows(Attendance.objects.filter(**scope), *key, *member, "status", "reason", "arrived_late",
                           "is_expected", "not_expected_reason", "is_official", "is_temporary", "marked_at"),
        "contributions": rows(Contribution.objects.filter(**scope), *key, *member, "order", "kind", "gist",
                              "created_at"),
        "recognitions": rows(Recognition.objects.filter(**scope), *key, *member, "kind", "note", "created_at"),
        "votes": rows(Vote.objects.filter(**scope), *key, "order", "motion", "kind", "votes_for", "votes_against",
                      "votes_abstain", "denominator", "required_for", "is_valid", "computation", "recorded_at"),
        "items": rows(ResolutionItem.objects.filter(**scope), *key, "order", "text"),
        "tasks": rows(Task.objects.filter(**scope), *key, "resolution_item__order", "description",
                      "assignee__full_name", "to_committee", "deadline", "status", "followup_meeting__number",
                      "followup_note", "followed_up_at", "created_at"),
        "steps": rows(MeetingStep.objects.filter(**scope), *key, "step__code", "done_on", "started_at", "done_at",
                      "note"),
        "materials": rows(MeetingMaterial.objects.filter(**scope), *key, "kind", "title", "body", "uploaded_at"),
        "guests": rows(MeetingGuest.objects.filter(**scope), *key, "name", "title", "remarks", "created_at"),
        "figures": rows(MeetingFigures.objects.filter(**scope), *key, *[
            f.name for f in MeetingFigures._meta.concrete_fields if f.name not in ("meeting", "computed_at")]),
        "minutes": rows(MinutesRevision.objects.filter(**scope), *key, "number", "text", "record", "reason"),
        "ratings": rows(MeetingRating.objects.filter(**scope), *key, "rubric__code", "rater_kind", "rater_name",
                        "total", "score_level", "level", "failed_gates", "note", "created_at"),
        "scores": rows(ItemScore.objects.filter(rating__meeting__organization__code__in=list(codes)),
                       "rating__meeting__organization__code", "rating__meeting__number", "rating__rater_kind",
                       "rating__created_at", "item__code", "points", "source", "measured", "justification"),
        "quality": rows(MeetingQuality.objects.filter(**scope), *key, "final_kind", "final_level", "final_score",
                        "self_level", "self_score", "superior_level", "superior_score", "disagrees"),
    }


def features(plans: Sequence[MeetingPlan]) -> set[str]:
    """What a cell's plans exercise, to pick cells that together cover every service."""
    found = set()
    for plan in plans:
        found.add(plan.kind)
        found.update(f"rating:{r.kind}" for r in plan.ratings)
        found.update(f"vote:{b.kind}" for b in plan.ballots)
        found.update(f"attendance:{m.status}" for m in plan.roll if m.status)
        if any(m.late for m in plan.roll):
            found.add("late")
        if any(m.status == "present" and not m.seat.is_expected for m in plan.roll):
            found.add("present_not_expected")
        if any(not m.seat.is_expected for m in plan.roll):
            found.add("not_expected")
        if plan.followups:
            found.add("followup")
        if plan.named:
            found.add("recognition")
        if plan.released_at:
            found.add("materials")
        if plan.publish:
            found.add("publish")
        if plan.guests:
            found.add("guest")
    return found

