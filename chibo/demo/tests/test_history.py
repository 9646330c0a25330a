"""The commune demo's 24 months of meetings: the calendar, the roll, the figures, the spreads the dashboard
shows, the weak cells on the "cells needing support" list, and quality_report recomputed from export_meetings."""

import json
import statistics as stats
from collections import Counter
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from chibo.demo import history
from chibo.demo.tests.conftest import seeded
from chibo.demo.tests.recount import recompute_scope
from chibo.meetings import selectors as meetings
from chibo.meetings.models import Meeting, MeetingFigures, MeetingKind, MeetingStatus, MeetingStep
from chibo.organizations.models import Organization
from chibo.quality.models import MeetingQuality, MeetingRating
from chibo.quality.selectors import cells_needing_support
from chibo.reports.statistics import Period, report

pytestmark = pytest.mark.django_db

FIRST, LAST = "2024-11", "2026-10"
PERIOD = Period.of(FIRST, LAST)
# What each weakness shows as on the committee's list (quality alert rule kinds).
SHOWS_AS = {
    history.MISSED: {"missed_regular_meeting"},
    history.LOW_ATTENDANCE: {"low_attendance"},
    history.SILENT: {"low_speaking_share"},
    history.TASKS_UNDONE: {"low_followup"},
    history.TRUANT: {"absent_without_reason", "absent_in_a_row", "absent_months_in_year"},
}


@pytest.fixture(scope="module", autouse=True)
def commune_output(django_db_setup, django_db_blocker):
    with seeded(django_db_blocker, "--profile", "commune", "--seed", "1") as output:
        yield output


@pytest.fixture(scope="module")
def weak(django_db_setup, django_db_blocker) -> dict[str, tuple[str, ...]]:
    """The weak cells, derived as the writer derives them (seed, the commune's cells, the demo logins' cells)."""
    with django_db_blocker.unblock():
        codes = list(Organization.objects.cells().order_by("code").values_list("code", flat=True))
    tempers = history.tempers(codes, seed=1, key="04.012", months=24, calm={"04.012.001", "04.012.005"})
    return {code: t.weaknesses for code, t in tempers.items() if t.weaknesses}


def _closed():
    return Meeting.objects.filter(status=MeetingStatus.CLOSED)


def test_it_prints_the_shape_of_the_history(commune_output, weak):
    assert "Lịch sử 24 tháng (từ tháng 11/2024 đến tháng 10/2026)" in commune_output
    assert "buổi trên nửa phát biểu" in commune_output and "Xếp loại: Tốt" in commune_output
    assert "Chi bộ yếu (3)" in commune_output
    for name in Organization.objects.filter(code__in=list(weak)).values_list("name", flat=True):
        assert name in commune_output


def test_three_weak_cells_one_of_each_kind_never_the_demo_logins_cells(weak):
    assert len(weak) == 3
    assert set(weak.values()) == set(history.WEAK_PROFILES)
    assert not {"04.012.001", "04.012.005"} & set(weak)


def test_every_cell_meets_every_month_except_the_weak_ones_that_miss_some(weak):
    held = Counter(_closed().filter(kind=MeetingKind.REGULAR).values_list("organization__code", flat=True))
    for cell in Organization.objects.cells():
        months = sum(1 for y, m in PERIOD.months if cell.valid_from is None or cell.valid_from <= date(y, m, 28))
        if history.MISSED in weak.get(cell.code, ()):
            assert months - 6 <= held[cell.code] < months, cell.name
        else:
            assert held[cell.code] == months, cell.name
    assert Counter(held.values())[24] >= 25
    agencies = Organization.objects.filter(valid_from=date(2025, 7, 1), kind="grassroots_cell")
    assert {held[c.code] for c in agencies} == {16}  # formed on 1/7/2025


def test_meetings_follow_the_calendar():
    regular = _closed().filter(kind=MeetingKind.REGULAR).select_related("organization")
    for meeting in regular:
        assert meeting.held_on is not None and meeting.planned_date == meeting.held_on
        assert not meeting.entered_after_the_fact and meeting.closed_at == meeting.ended_at
        # On the usual day, a few days later now and then (a weekend at a workplace; Tết moves it a week or two).
        late = meeting.held_on.day - meeting.organization.usual_meeting_day
        assert 0 <= late <= 5 or meeting.held_on.month in (1, 2), meeting
    thematic = Counter((m.organization_id, (m.held_on.year, (m.held_on.month - 1) // 3))
                       for m in _closed().filter(kind=MeetingKind.THEMATIC))
    assert max(thematic.values()) == 1  # at most one a quarter
    assert len(thematic) >= 0.85 * 30 * 8
    assert 3 <= _closed().filter(kind=MeetingKind.EXTRAORDINARY).count() <= 30
    numbers = list(Meeting.objects.values_list("organization_id", "year", "number"))
    assert len(numbers) == len(set(numbers))


def test_the_roll_of_each_meeting_is_the_selectors_roll_of_that_day():
    for meeting in _closed().select_related("organization").order_by("id")[::2]:  # half of them: 3 queries each
        assert meeting.held_on is not None
        expected = {(e.member.pk, e.is_expected, e.not_expected_reason, e.is_official, e.is_temporary)
                    for e in meetings.roll_entries(meeting.organization, meeting.held_on)}
        stored = set(meeting.attendances.values_list("member_id", "is_expected", "not_expected_reason", "is_official",
                                                     "is_temporary"))
        assert stored == expected, meeting


def test_stored_figures_are_the_figures_the_meetings_rules_compute():
    for meeting in _closed().select_related("figures"):
        figures, followup = meetings.meeting_figures(meeting), meetings.followup_figures(meeting)
        stored = meeting.figures
        assert (stored.expected, stored.present, stored.excused, stored.absent, stored.late,
                stored.present_not_expected) == (figures.expected, figures.present, figures.excused, figures.absent,
                                                 figures.late, figures.present_not_expected), meeting
        assert (stored.speakers, stored.contributions, stored.contributions_proposal, stored.duration_minutes) == (
            figures.speakers, figures.contributions, figures.by_kind.get("proposal", 0), figures.duration_minutes)
        assert (stored.attendance_rate, stored.speaking_share, stored.over_half_spoke) == (
            figures.attendance_rate, figures.speaking_share, figures.over_half_spoke)
        assert (stored.followup_tasks, stored.followup_done, stored.followup_partly_done, stored.followup_not_done) == (
            followup.tasks, followup.done, followup.partly_done, followup.not_done), meeting
        assert figures.unmarked == 0


def test_the_spreads_look_like_the_seeds():
    data = report(Organization.objects.get(code="04.012"), PERIOD)
    assert data["meetings"] > 900 and data["cells"] == 30
    assert 0.93 <= data["attendance_rate"] <= 0.98
    assert 0.8 <= data["share_attendance_ge_90"] <= 0.97  # seeds/002: "90% and above", mostly
    assert 0.35 <= data["share_over_half_spoke"] <= 0.7  # seeds/001: 52,8%
    assert 0.04 <= data["proposal_share"] < 0.25  # seeds/001: few proposals
    levels = data["levels"]
    assert 0.45 <= levels["tot"]["share"] <= 0.65  # seeds/001: 57,3% rated good
    assert levels["kha"]["count"] > 0 and levels["trung_binh"]["count"] + levels["kem"]["count"] > 0
    assert levels["unrated"]["count"] == 0
    totals = {kind: sum(MeetingFigures.objects.values_list(f"contributions_{kind}", flat=True))
              for kind in ("report", "concern", "agreement", "proposal", "criticism", "question", "other")}
    assert all(totals.values())
    assert totals["proposal"] < min(totals["report"], totals["concern"], totals["agreement"])  # seeds/001


def test_durations_hover_around_the_minimum_and_materials_go_out_the_day_before():
    rated = _closed().exclude(kind=MeetingKind.EXTRAORDINARY).select_related("figures")
    durations = [m.figures.duration_minutes for m in rated]
    assert 95 <= stats.median(durations) <= 115
    assert 0.05 <= sum(d < 90 for d in durations) / len(durations) <= 0.3
    hd42 = [m for m in rated if m.held_on >= date(2025, 10, 28)]
    ahead = [m for m in hd42 if m.materials_released_at
             and (m.held_on - timezone.localdate(m.materials_released_at)).days >= 1]
    assert 0.6 <= len(ahead) / len(hd42) <= 0.98
    assert all(m.checked_steps.exists() for m in rated[:200])


def test_tasks_are_followed_up_at_the_next_regular_meeting_and_the_last_ones_stay_open():
    for meeting in _closed().filter(kind=MeetingKind.REGULAR, held_on__lt=date(2026, 10, 1))[:300]:
        tasks = list(meeting.tasks.all())
        assert tasks
        reviewed = {t.followup_meeting_id for t in tasks}
        assert len(reviewed) == 1
        following = Meeting.objects.get(pk=reviewed.pop())
        assert following.kind == MeetingKind.REGULAR and meetings.previous_regular_meeting(following) == meeting
        assert all(t.status != "open" for t in tasks)
    last = _closed().filter(kind=MeetingKind.REGULAR, held_on__gte=date(2026, 10, 1))
    assert {t.status for m in last for t in m.tasks.all()} == {"open"}


def test_every_rated_meeting_has_a_self_rating_and_about_a_fifth_a_superior_one():
    rows = MeetingQuality.objects.all()
    assert rows.count() == _closed().exclude(kind=MeetingKind.EXTRAORDINARY).count()
    assert not rows.filter(self_level="").exists()
    superior = rows.exclude(superior_level="").count() / rows.count()
    assert 0.12 <= superior <= 0.3
    disagree = rows.filter(disagrees=True)
    assert disagree.count() >= 5
    assert disagree.filter(self_level="tot", superior_level="kha").exists()  # a cell that rates itself Tốt, rated Khá


def test_the_weak_cells_top_the_committees_list_with_the_reasons_of_their_weakness(weak):
    commune = Organization.objects.get(code="04.012")
    flagged = cells_needing_support(commune, Period.of("2026-01", "2026-10"))
    reasons = {c.cell.code: {r.rule.kind for r in c.reasons} for c in flagged}
    assert {c.cell.code for c in flagged[:3]} == set(weak)
    for code, weaknesses in weak.items():
        for weakness in weaknesses:
            assert SHOWS_AS[weakness] & reasons[code], (code, weakness, reasons[code])
        assert all(r.meeting_ids or r.months for c in flagged if c.cell.code == code for r in c.reasons)
    assert len(flagged) <= 12  # most healthy cells are not on it


def test_the_demo_logins_cells_are_healthy_and_bithu1_has_a_meeting_to_run():
    for code in ("04.012.001", "04.012.005"):
        data = report(Organization.objects.get(code=code), PERIOD)
        assert data["missed_regular_meetings"] == 0 and data["attendance_rate"] >= 0.9
    upcoming = Meeting.objects.get(organization__code="04.012.001", status=MeetingStatus.PLANNED)
    assert upcoming.kind == MeetingKind.REGULAR and upcoming.planned_date.strftime("%Y-%m") == "2026-11"
    assert upcoming.materials.count() == 2 and upcoming.created_by is not None
    assert upcoming.created_by.username == "bithu1"
    assert meetings.followup_tasks(upcoming).filter(status="open").exists()


def test_quality_report_is_recomputed_from_export_meetings():
    args = ("--org", "04.012", "--from", FIRST, "--to", LAST)
    out = StringIO()
    call_command("quality_report", *args, "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == data["meetings"]
    assert data == recompute_scope(lines, "04.012", FIRST, LAST)


def test_nothing_happens_after_the_reference_date():
    reference = timezone.make_aware(datetime(2026, 11, 1))
    assert max(_closed().values_list("ended_at", flat=True)) < reference
    assert max(MeetingRating.objects.values_list("created_at", flat=True)) < reference
    assert max(MeetingStep.objects.values_list("done_on", flat=True)) < reference.date()
