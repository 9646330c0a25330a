"""Reads of rubrics and ratings; what the record of a meeting says for scoring. No writes here."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from chibo.meetings.models import (
    COUNTED_KINDS,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MeetingStep,
)
from chibo.organizations.models import Organization
from chibo.organizations.selectors import path_prefix_q
from chibo.quality import alerts, scoring
from chibo.quality.models import (
    SUPERIOR_KINDS,
    AlertRule,
    Band,
    Criterion,
    CriterionItem,
    ItemScore,
    MeetingQuality,
    MeetingRating,
    RaterKind,
    Rubric,
    RubricStatus,
    SupportAction,
)
from chibo.reports.statistics import Period

PUBLISH_STEP = "publish"  # the procedure step "post the finished resolution within 02 days" (meetings 0002)

# --- rubrics -------------------------------------------------------------------------------------


def rubric_with_parts(rubric_id: int) -> Rubric | None:
    """A rubric with its criteria, sub-items, bands and gates, in a fixed number of queries."""
    return (
        Rubric.objects.filter(pk=rubric_id)
        .select_related("owner", "cloned_from")
        .prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("order", "id").prefetch_related(
                Prefetch("items", queryset=CriterionItem.objects.order_by("order", "id").prefetch_related(
                    Prefetch("bands", queryset=Band.objects.order_by("lower", "lower_open", "id")))))),
            "gates",
        )
        .first()
    )


def rubric_spec(rubric: Rubric) -> scoring.RubricSpec:
    """The rubric as plain data for scoring.py (use a rubric from rubric_with_parts: no query per item)."""
    criteria = tuple(
        scoring.CriterionSpec(
            code=c.code, name=c.name, max_points=c.max_points,
            items=tuple(
                scoring.ItemSpec(code=i.code, name=i.name, max_points=i.max_points, source=i.source,
                                 bands=tuple(b.spec for b in i.bands.all()), params=i.params or {})
                for i in c.items.all()
            ),
        )
        for c in rubric.criteria.all()
    )
    gates = tuple(scoring.GateSpec(level=g.level, item_codes=tuple(g.item_codes), name=g.name) for g in rubric.gates.all())
    return scoring.RubricSpec(total_points=rubric.total_points, criteria=criteria, thresholds=rubric.thresholds,
                              gates=gates)


def _owner_chain_ids(org: Organization) -> list[int]:
    return [*org.ancestor_ids(), org.pk]


def rubric_for(cell: Organization, day: date) -> Rubric | None:
    """The rubric in force for `cell` on `day`: its nearest ancestor's own (or its own), else the central one."""
    chain = _owner_chain_ids(cell)
    candidates = list(
        Rubric.objects.in_force_on(day).filter(Q(owner__isnull=True) | Q(owner_id__in=chain)).select_related("owner")
    )
    if not candidates:
        return None

    def specificity(rubric: Rubric) -> tuple[int, date, int]:
        depth = chain.index(rubric.owner_id) if rubric.owner_id is not None else -1
        return depth, rubric.effective_from, rubric.pk

    return max(candidates, key=specificity)


def rubrics_for_organization(org: Organization) -> QuerySet[Rubric]:
    """Rubrics that apply to `org` (central, its ancestors' and its own) and those issued inside its subtree."""
    applies = Q(owner__isnull=True) | Q(owner_id__in=_owner_chain_ids(org))
    inside = path_prefix_q(org.path, field="owner__path")
    return Rubric.objects.filter(applies | inside).select_related("owner", "cloned_from").order_by(
        "owner__path", "-effective_from", "code")


def rubric_applies_to(rubric: Rubric, org: Organization) -> bool:
    return rubric.owner_id is None or rubric.owner_id in _owner_chain_ids(org)


def rubric_is_used(rubric: Rubric) -> bool:
    return MeetingRating.objects.filter(rubric=rubric).exists()


def published_rubric_codes() -> set[str]:
    return set(Rubric.objects.filter(status=RubricStatus.PUBLISHED).values_list("code", flat=True))


# --- what the record says ----------------------------------------------------------------------------

def _excused_runs(meeting: Meeting) -> int:
    """The longest run of excused absences of any member expected here, over this year's regular meetings so far."""
    expected = list(meeting.attendances.filter(is_expected=True).values_list("member_id", flat=True))
    if not expected:
        return 0
    rows = (
        Attendance.objects.filter(
            member_id__in=expected, is_expected=True, meeting__organization_id=meeting.organization_id,
            meeting__status=MeetingStatus.CLOSED, meeting__kind=MeetingKind.REGULAR,
            meeting__held_on__year=meeting.day.year, meeting__held_on__lte=meeting.day,
        )
        .order_by("meeting__held_on", "meeting_id")
        .values_list("member_id", "status")
    )
    history: dict[int, list[str]] = defaultdict(list)
    for member_id, status in rows:
        history[member_id].append(status)
    return max((scoring.longest_run(statuses, AttendanceStatus.EXCUSED) for statuses in history.values()), default=0)


def meeting_facts(meeting: Meeting, *, today: date | None = None) -> scoring.MeetingFacts:
    """The record of a closed meeting as scoring.py reads it (stored figures, release and publish dates)."""
    figures = getattr(meeting, "figures", None)
    published = (
        MeetingStep.objects.filter(meeting=meeting, step__code=PUBLISH_STEP).values_list("done_on", flat=True).first()
    )
    released = meeting.materials_released_at
    return scoring.MeetingFacts(
        held_on=meeting.day,
        today=today or timezone.localdate(),
        closed=meeting.status == MeetingStatus.CLOSED,
        entered_after_the_fact=meeting.entered_after_the_fact,
        duration_minutes=figures.duration_minutes if figures else meeting.duration_minutes,
        min_duration_minutes=meeting.min_duration_minutes or 90,
        expected=figures.expected if figures else 0,
        present=figures.present if figures else 0,
        absent=figures.absent if figures else 0,
        speakers=figures.speakers if figures else 0,
        followup_tasks=figures.followup_tasks if figures else 0,
        followup_done=figures.followup_done if figures else 0,
        materials_released_on=timezone.localdate(released) if released else None,
        published_on=published,
        longest_excused_run=_excused_runs(meeting),
    )


# --- ratings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RatingView:
    """A stored rating with its score lines grouped by criterion, for the score sheet."""

    rating: MeetingRating
    criteria: list[tuple[Criterion, list[ItemScore]]]

    @property
    def from_record(self) -> int:
        return sum(s.points for _c, scores in self.criteria for s in scores if s.source == scoring.RECORD)


def meeting_ratings(meeting: Meeting) -> list[RatingView]:
    """Every rating of the meeting, newest first, with their lines (a fixed number of queries)."""
    ratings = list(
        MeetingRating.objects.filter(meeting=meeting).select_related("rubric", "rater", "rescored_from")
        .prefetch_related(Prefetch("scores", queryset=ItemScore.objects.select_related("item__criterion")))
        .order_by("-created_at", "-id")
    )
    views = []
    for rating in ratings:
        grouped: dict[int, tuple[Criterion, list[ItemScore]]] = {}
        for score in sorted(rating.scores.all(), key=lambda s: (s.item.criterion.order, s.item.order)):
            grouped.setdefault(score.item.criterion_id, (score.item.criterion, []))[1].append(score)
        views.append(RatingView(rating, list(grouped.values())))
    return views


def latest_ratings(ratings: Iterable[MeetingRating]) -> tuple[MeetingRating | None, MeetingRating | None]:
    """(the latest self-rating, the latest superior or working-group rating)."""
    ordered = sorted(ratings, key=lambda r: (r.created_at, r.pk), reverse=True)
    own = next((r for r in ordered if r.rater_kind == RaterKind.SELF), None)
    superior = next((r for r in ordered if r.rater_kind in SUPERIOR_KINDS), None)
    return own, superior


def disagreements(org: Organization, period: Period) -> QuerySet[MeetingQuality]:
    """The rated meetings of the subtree and period where the cell's own level differs from the superior's,
    newest first: "a cell that rates itself Tốt and is rated Khá shows up" (issue 4)."""
    return (
        MeetingQuality.objects.filter(
            path_prefix_q(org.path, field="meeting__organization__path"), disagrees=True,
            meeting__status=MeetingStatus.CLOSED, meeting__kind__in=COUNTED_KINDS,
            meeting__held_on__gte=period.first_day, meeting__held_on__lte=period.last_day,
        )
        .select_related("meeting__organization", "final_rating")
        .order_by("-meeting__held_on", "meeting__organization__code", "meeting_id")
    )


def meeting_quality(meeting: Meeting) -> MeetingQuality | None:
    return MeetingQuality.objects.filter(meeting=meeting).first()


def final_ratings(meeting_ids: Iterable[int]) -> dict[int, tuple[int | None, str]]:
    """meeting id → (final score, final level) for the exports; unrated meetings are left out."""
    rows = MeetingQuality.objects.filter(meeting_id__in=list(meeting_ids)).exclude(final_level="")
    return {row.meeting_id: (row.final_score, row.final_level) for row in rows}


# --- cells needing support ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CellSupport:
    """A cell of the scope with the reasons it needs support and the latest support recorded for it."""

    cell: Organization
    reasons: list[alerts.Reason]
    last_action: SupportAction | None


def active_rules() -> list[alerts.Rule]:
    return [alerts.Rule(r.code, r.kind, r.name, r.params or {}) for r in AlertRule.objects.filter(is_active=True)]


def _meeting_rows(org: Organization, first_day: date, last_day: date) -> list[tuple]:
    """One row per closed counted meeting of the subtree: (id, cell id, day, kind, expected, present, speakers,
    follow-up tasks, follow-up done, final level) from the stored figures and ratings (no attendance).
    Tuples, not dicts: a province's year is a quarter of a million rows."""
    return list(
        Meeting.objects.filter(path_prefix_q(org.path, field="organization__path"), status=MeetingStatus.CLOSED,
                               kind__in=COUNTED_KINDS, held_on__gte=first_day, held_on__lte=last_day)
        .order_by("held_on", "id")
        .values_list("id", "organization_id", "held_on", "kind", "figures__expected", "figures__present",
                     "figures__speakers", "figures__followup_tasks", "figures__followup_done",
                     "quality__final_level")
    )


def _attendance_rows(org: Organization, first_day: date, last_day: date, *, in_a_row: int) -> list[tuple]:
    """Regular-meeting attendance, in order, of the members a member rule could flag: absent without reason at
    least once, or away (with or without reason) at least `in_a_row` times in the window. Anyone else meets
    none of those rules, and leaving them out keeps a province's list from reading millions of rows."""
    window = Q(meeting__status=MeetingStatus.CLOSED, meeting__kind=MeetingKind.REGULAR,
               meeting__held_on__gte=first_day, meeting__held_on__lte=last_day, is_expected=True)
    scope = path_prefix_q(org.path, field="meeting__organization__path")
    candidates = (
        Attendance.objects.filter(scope, window, status__in=[AttendanceStatus.ABSENT, AttendanceStatus.EXCUSED])
        .values("member_id")
        .annotate(absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)), away=Count("pk"))
        .filter(Q(absent__gte=1) | Q(away__gte=in_a_row))
        .values("member_id")
    )
    return list(
        Attendance.objects.filter(scope, window, member_id__in=candidates)
        .order_by("meeting__held_on", "meeting_id")
        .values_list("meeting__organization_id", "member_id", "member__full_name", "meeting_id", "meeting__held_on",
                     "status")
    )


def support_records(org: Organization, period: Period, cells: list[Organization], *,
                    in_a_row: int = 3, today: date | None = None) -> dict[int, alerts.CellRecord]:
    """Each cell's months, meetings and absences over the period, in three queries for the whole subtree.

    Attendance reaches back to January of the period's first year, so that "3 in a row" and
    "3 months in a year" see the whole year so far.
    """
    records = {cell.pk: alerts.CellRecord() for cell in cells}
    # (cell, year, month) → [regular held, expected, present, speakers, meeting ids], in one pass.
    pooled: dict[tuple[int, int, int], list] = {}
    for (meeting_id, cell_id, held_on, kind, expected, present, speakers, tasks, done,
         level) in _meeting_rows(org, period.first_day, period.last_day):
        record = records.get(cell_id)
        if record is None:
            continue
        record.meetings.append(alerts.MeetingRow(meeting_id, held_on, level or "", tasks or 0, done or 0))
        month = pooled.get((cell_id, held_on.year, held_on.month))
        if month is None:
            month = pooled[(cell_id, held_on.year, held_on.month)] = [False, 0, 0, 0, []]
        month[0] = month[0] or kind == MeetingKind.REGULAR
        month[1] += expected or 0
        month[2] += present or 0
        month[3] += speakers or 0
        month[4].append(meeting_id)
    empty: list = [False, 0, 0, 0, ()]
    today = today or timezone.localdate()
    ended = {(y, m): date(y + m // 12, m % 12 + 1, 1) <= today for y, m in period.months}
    for cell in cells:
        months = records[cell.pk].months
        for year, month_number in period.months:
            first = date(year, month_number, 1)
            held, expected, present, speakers, ids = pooled.get((cell.pk, year, month_number), empty)
            months.append(alerts.MonthFigures(
                year=year, month=month_number,
                exists=(cell.valid_from is None or cell.valid_from <= first) and (
                    cell.valid_to is None or cell.valid_to >= first),
                regular_held=held, expected=expected, present=present, speakers=speakers, meeting_ids=tuple(ids),
                ended=ended[(year, month_number)]))
    for cell_id, member_id, name, meeting_id, held_on, status in _attendance_rows(
            org, date(period.first[0], 1, 1), period.last_day, in_a_row=in_a_row):
        if cell_id in records:
            records[cell_id].attendance.append(alerts.AttendanceRow(member_id, name, meeting_id, held_on, status))
    return records


def cells_needing_support(org: Organization, period: Period, *, today: date | None = None) -> list[CellSupport]:
    """The cells of the subtree that some active rule flags, most reasons first, with their last support action."""
    cells = list(
        Organization.objects.cells().filter(path_prefix_q(org.path))
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.last_day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.first_day)).order_by("code")
    )
    rules = active_rules()
    in_a_row = min((int(r.params.get("meetings", 3)) for r in rules if r.kind == "absent_in_a_row"), default=3)
    records = support_records(org, period, cells, in_a_row=in_a_row, today=today)
    latest: dict[int, SupportAction] = {}
    for action in SupportAction.objects.filter(cell__in=cells).order_by("taken_on", "id"):
        latest[action.cell_id] = action
    flagged = []
    for cell in cells:
        reasons = alerts.evaluate(rules, records[cell.pk], period.first_day)
        if reasons:
            flagged.append(CellSupport(cell, reasons, latest.get(cell.pk)))
    return sorted(flagged, key=lambda c: (-len(c.reasons), c.cell.code))


def support_actions_of(cell: Organization) -> QuerySet[SupportAction]:
    return SupportAction.objects.filter(cell=cell).select_related("created_by").order_by("-taken_on", "-id")
