"""Reads of meetings: the roll on a date, the per-meeting figures, the run sheet, tasks. No writes here."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from chibo.accounts.models import ROSTER_ROLES, RoleAssignment, User
from chibo.meetings import rules
from chibo.meetings.models import (
    COUNTED_KINDS,
    OPEN_STATUSES,
    Attendance,
    AttendanceStatus,
    Contribution,
    Liaison,
    Meeting,
    MeetingKind,
    MeetingNotice,
    MeetingStatus,
    MeetingStep,
    NotExpectedReason,
    Procedure,
    ProcedureStep,
    StepPhase,
    Task,
    TaskStatus,
)
from chibo.organizations.models import Exemption, Member, Membership, MembershipKind, MemberStatus, Organization
from chibo.organizations.selectors import path_prefix_q, subtrees_q

# --- procedures ----------------------------------------------------------------------------------

def procedure_for(kind: str, day: date) -> Procedure | None:
    """The procedure in force on `day` for this kind of meeting (extraordinary meetings have none)."""
    return Procedure.objects.filter(meeting_kind=kind).effective_on(day).order_by("-effective_from").first()


# --- the roll (METRICS.md: roll, expected) --------------------------------------------------------

def _membership_on(day: date) -> Q:
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def _exemption_on(day: date) -> Q:
    """Same rule as Exemption.is_active_on: it ends on `ended_on`, else on the expected end date."""
    still_open = Q(ended_on__isnull=True) & (Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=day))
    return Q(start_date__lte=day) & (Q(ended_on__gte=day) | still_open)


def cell_roll(cell: Organization, day: date) -> QuerySet[Member]:
    """Members attached to the cell on `day`, official and probationary.

    Regular memberships here, minus members temporarily attached elsewhere that day, plus
    members temporarily attached here: they count where they attend, not in their home cell.
    """
    active = Membership.objects.filter(_membership_on(day))
    regular_here = active.filter(organization=cell, kind=MembershipKind.REGULAR).values("member_id")
    temporary_here = active.filter(organization=cell, kind=MembershipKind.TEMPORARY).values("member_id")
    temporary_elsewhere = active.filter(kind=MembershipKind.TEMPORARY).exclude(organization=cell).values("member_id")
    return Member.objects.filter(
        (Q(pk__in=regular_here) & ~Q(pk__in=temporary_elsewhere)) | Q(pk__in=temporary_here)
    ).order_by("sort_key", "id")


def is_official_on(member: Member, day: date) -> bool:
    if member.status != MemberStatus.OFFICIAL:
        return False
    return member.official_date is None or member.official_date <= day


@dataclass(frozen=True)
class RollEntry:
    member: Member
    is_temporary: bool
    is_official: bool
    not_expected_reason: str  # "" when expected

    @property
    def is_expected(self) -> bool:
        return not self.not_expected_reason


def roll_entries(cell: Organization, day: date) -> list[RollEntry]:
    """The roll with what counts: expected = roll minus exempt minus special duty (METRICS.md)."""
    members = list(cell_roll(cell, day))
    ids = [m.pk for m in members]
    exempt = set(Exemption.objects.filter(_exemption_on(day), member_id__in=ids).values_list("member_id", flat=True))
    temporary = set(
        Membership.objects.filter(_membership_on(day), organization=cell, kind=MembershipKind.TEMPORARY,
                                  member_id__in=ids).values_list("member_id", flat=True)
    )
    entries = []
    for member in members:
        reason = ""
        if member.pk in exempt:
            reason = NotExpectedReason.EXEMPT
        elif member.special_duty:
            reason = NotExpectedReason.SPECIAL_DUTY
        entries.append(RollEntry(member, member.pk in temporary, is_official_on(member, day), reason))
    return entries


def expected_members(cell: Organization, day: date) -> list[Member]:
    return [entry.member for entry in roll_entries(cell, day) if entry.is_expected]


# --- figures of one meeting ------------------------------------------------------------------------

def _roll_rows(attendances: Iterable[Attendance]) -> list[rules.RollRow]:
    return [rules.RollRow(a.member_id, a.status, a.is_expected, a.is_official, a.arrived_late) for a in attendances]


def meeting_roll_rows(meeting: Meeting) -> list[rules.RollRow]:
    """Always a fresh read: services call this right after writing attendance rows."""
    return _roll_rows(Attendance.objects.filter(meeting_id=meeting.pk))


def meeting_figures(meeting: Meeting) -> rules.Figures:
    """The figures of METRICS.md computed from the record (live while the meeting runs)."""
    contributions = Contribution.objects.filter(meeting_id=meeting.pk).values_list("member_id", "kind")
    return rules.compute_figures(meeting_roll_rows(meeting), list(contributions),
                                 duration_minutes=meeting.duration_minutes)


@dataclass(frozen=True)
class VotePreview:
    kind: str
    votes_for: int
    votes_against: int
    votes_abstain: int
    denominator: rules.Denominator
    required_for: int
    is_valid: bool
    errors: list[str] = field(default_factory=list)


def vote_preview(meeting: Meeting, *, kind: str, votes_for: int = 0, votes_against: int = 0,
                 votes_abstain: int = 0) -> VotePreview:
    """What the vote would give, shown before it is recorded (DOMAIN §3.3)."""
    denominator = rules.vote_denominator(meeting_roll_rows(meeting))
    return VotePreview(
        kind=kind, votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain,
        denominator=denominator, required_for=rules.required_for(kind, denominator.value),
        is_valid=rules.vote_is_valid(kind, votes_for, denominator.value),
        errors=rules.vote_errors(votes_for, votes_against, votes_abstain, denominator),
    )


# --- follow-up of the previous resolution ----------------------------------------------------------

def previous_regular_meeting(meeting: Meeting) -> Meeting | None:
    """The cell's last closed regular meeting before this one: its tasks are followed up here."""
    if meeting.kind != MeetingKind.REGULAR:
        return None
    return (
        Meeting.objects.filter(organization_id=meeting.organization_id, kind=MeetingKind.REGULAR,
                               status=MeetingStatus.CLOSED, held_on__lt=meeting.day)
        .exclude(pk=meeting.pk).order_by("-held_on", "-id").first()
    )


def followup_tasks(meeting: Meeting) -> QuerySet[Task]:
    previous = previous_regular_meeting(meeting)
    if previous is None:
        return Task.objects.none()
    return previous.tasks.select_related("assignee", "resolution_item").order_by("id")


def followup_figures(meeting: Meeting) -> rules.Followup:
    statuses = [
        task.status if task.followup_meeting_id == meeting.pk else TaskStatus.OPEN
        for task in followup_tasks(meeting)
    ]
    return rules.compute_followup(statuses)


# --- the run sheet: everything the run screen and the record page show ---------------------------

@dataclass
class StepLine:
    step: ProcedureStep
    check: MeetingStep | None


@dataclass
class MeetingSheet:
    meeting: Meeting
    attendances: list[Attendance]
    figures: rules.Figures
    preparation: list[StepLine]
    steps: list[StepLine]
    after: list[StepLine]
    followups: list[Task]
    followup: rules.Followup

    @property
    def all_steps(self) -> list[StepLine]:
        return [*self.preparation, *self.steps, *self.after]

    @property
    def present_attendances(self) -> list[Attendance]:
        return [a for a in self.attendances if a.status == AttendanceStatus.PRESENT]


def _step_lines(meeting: Meeting) -> dict[str, list[StepLine]]:
    lines: dict[str, list[StepLine]] = {phase: [] for phase in StepPhase.values}
    if meeting.procedure_id is None:
        return lines
    checks = {c.step_id: c for c in MeetingStep.objects.filter(meeting=meeting).select_related("done_by")}
    for step in ProcedureStep.objects.filter(procedure_id=meeting.procedure_id).order_by("order"):
        lines[step.phase].append(StepLine(step, checks.get(step.pk)))
    return lines


def meeting_with_record(meeting_id: int) -> Meeting:
    """One meeting with every related row the sheet shows, in a fixed number of queries (it must exist)."""
    return (
        Meeting.objects
        .select_related("organization", "procedure", "chair", "meeting_secretary", "presenter")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.select_related("member")),
            Prefetch("contributions", queryset=Contribution.objects.select_related("member")),
            "recognitions__member", "votes", "resolution_items", "guests", "materials", "revisions__author",
            Prefetch("tasks", queryset=Task.objects.select_related("assignee", "resolution_item")),
        )
        .get(pk=meeting_id)
    )


def meeting_sheet(meeting: Meeting) -> MeetingSheet:
    attendances = list(meeting.attendances.all())
    contributions = [(c.member_id, c.kind) for c in meeting.contributions.all()]
    figures = rules.compute_figures(_roll_rows(attendances), contributions, duration_minutes=meeting.duration_minutes)
    lines = _step_lines(meeting)
    followups = list(followup_tasks(meeting))
    statuses = [t.status if t.followup_meeting_id == meeting.pk else TaskStatus.OPEN for t in followups]
    return MeetingSheet(
        meeting=meeting, attendances=attendances, figures=figures,
        preparation=lines[StepPhase.PREPARATION], steps=lines[StepPhase.MEETING], after=lines[StepPhase.AFTER],
        followups=followups, followup=rules.compute_followup(statuses),
    )


# --- lists ---------------------------------------------------------------------------------------

def organization_meetings(org: Organization, *, year: int) -> QuerySet[Meeting]:
    """The meetings of a cell, or of every cell in a committee's subtree, planned or held in `year`."""
    in_year = Q(planned_date__year=year) | Q(held_on__year=year)
    return (
        Meeting.objects.filter(path_prefix_q(org.path, field="organization__path"))
        .filter(in_year)
        .select_related("organization", "figures")
        .order_by("planned_date", "organization__code", "id")
    )


OVERDUE_DAYS = 45  # a planned meeting whose day passed stays on the cell's page this long, to be held or removed


def cell_upcoming_meetings(cell: Organization, *, today: date, limit: int = 2) -> list[Meeting]:
    """The cell's meetings not yet closed, for its landing page: one under way, then the latest planned meeting
    whose day has passed without it being held (`is_overdue`), then the next ones."""
    open_meetings = Meeting.objects.filter(organization=cell).exclude(status=MeetingStatus.CLOSED)
    running = list(open_meetings.filter(status=MeetingStatus.IN_PROGRESS).order_by("planned_date", "id")[:limit])
    overdue = list(
        open_meetings.filter(status__in=OPEN_STATUSES, planned_date__lt=today,
                             planned_date__gte=today - timedelta(days=OVERDUE_DAYS))
        .order_by("-planned_date", "-id")[:1]
    )
    for meeting in overdue:
        meeting.is_overdue = True  # type: ignore[attr-defined]
    upcoming = open_meetings.filter(status__in=OPEN_STATUSES, planned_date__gte=today).order_by("planned_date", "id")
    return (running + overdue + list(upcoming[:limit]))[:limit]


def cells_meetings(cell_ids: Iterable[int]) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(organization_id__in=list(cell_ids))
        .select_related("organization")
        .prefetch_related("notices")
        .order_by("-planned_date", "-id")
    )


def member_open_tasks(member_id: int) -> QuerySet[Task]:
    return (
        Task.objects.filter(assignee_id=member_id, status=TaskStatus.OPEN)
        .select_related("meeting__organization", "resolution_item")
        .order_by("deadline", "id")
    )


def member_tasks(member_id: int) -> QuerySet[Task]:
    return (
        Task.objects.filter(assignee_id=member_id)
        .select_related("meeting__organization", "resolution_item", "followup_meeting")
        .order_by("-meeting__planned_date", "-id")
    )


def closed_meetings_in(paths: list[str], first_day: date, last_day: date) -> QuerySet[Meeting]:
    """Closed regular and thematic meetings held in [first_day, last_day] in the subtrees (the export)."""
    return (
        Meeting.objects.filter(subtrees_q(paths, field="organization__path"))
        .filter(status=MeetingStatus.CLOSED, kind__in=COUNTED_KINDS, held_on__gte=first_day, held_on__lte=last_day)
        .select_related("organization", "quality")
        .prefetch_related(
            Prefetch("attendances", queryset=Attendance.objects.order_by("member_id")),
            Prefetch("contributions", queryset=Contribution.objects.order_by("order", "id")),
        )
        .order_by("held_on", "id")
    )


def meeting_export_row(meeting: Meeting) -> dict:
    """One line of `chibo export_meetings` (shared/METRICS.md): everything needed to recount by hand.

    `expected` lists the expected members and `attendance` the status of each of them; the
    contributions are all of the meeting's, in order. Score and level are the final rating (superior
    or working group over self, METRICS.md); null and "unrated" when the meeting has not been rated.
    """
    expected = [a for a in meeting.attendances.all() if a.is_expected]
    # The final rating (quality.MeetingQuality, kept by the rating services); a missing row raises AttributeError.
    quality = getattr(meeting, "quality", None)
    score, level = (quality.final_score, quality.final_level) if quality is not None else (None, "")
    return {
        "id": meeting.pk,
        "cell": meeting.organization.code,
        "date": meeting.day.isoformat(),
        "kind": meeting.kind,
        "expected": [a.member_id for a in expected],
        "attendance": {str(a.member_id): a.status for a in expected},
        "contributions": [{"member": c.member_id, "kind": c.kind} for c in meeting.contributions.all()],
        "score": score if level else None,
        "level": level or "unrated",
    }


# --- the superior committee's member in charge of a cell (Liaison) -------------------------------

def cell_liaison(cell: Organization, day: date) -> Liaison | None:
    """Who is in charge of the cell on `day` (None when the committee has not assigned anyone)."""
    return (Liaison.objects.active_on(day).filter(organization=cell).select_related("user__member")
            .order_by("-start_date", "-id").first())


def cell_liaisons(cell: Organization) -> QuerySet[Liaison]:
    """Every assignment of the cell, the current one first."""
    return Liaison.objects.filter(organization=cell).select_related("user__member", "assigned_by").order_by(
        "-start_date", "-id")


def liaison_cell_ids(user_id: int, day: date) -> list[int]:
    """The cells a user is in charge of on `day`."""
    return list(Liaison.objects.active_on(day).filter(user_id=user_id).values_list("organization_id", flat=True))


def liaison_notices(user_id: int) -> QuerySet[MeetingNotice]:
    """Meeting notices sent to a user as the liaison of a cell, newest first."""
    return (MeetingNotice.objects.filter(liaison__user_id=user_id)
            .select_related("meeting__organization").order_by("-sent_at", "-id"))


def liaison_candidates(cell: Organization) -> QuerySet[User]:
    """Who may be put in charge of a cell: active users with a committee role above it (leaders, staff)."""
    holders = RoleAssignment.objects.active_on(timezone.localdate()).filter(
        organization_id__in=cell.ancestor_ids(), role__in=ROSTER_ROLES).values("user_id")
    return User.objects.filter(pk__in=holders, is_active=True).select_related("member").order_by("username")
