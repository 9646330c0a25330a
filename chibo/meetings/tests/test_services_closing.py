"""Approving the minutes locks the meeting; corrections are revisions; the next meeting follows up the tasks."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from chibo.core.errors import RuleViolation
from chibo.core.models import AuditEvent
from chibo.meetings import selectors, services
from chibo.meetings.models import MeetingFigures, ProcedureStep
from chibo.meetings.tests.conftest import mark, mark_all_present


def test_closing_stores_the_figures_and_the_approved_minutes(world, running):
    mark(running, None, An="present", Bích="present", Cường="excused", Dung="absent")
    services.meeting_opening_set(meeting=running, set_by=None, chair=world.a_members[0],
                                 meeting_secretary=world.a_members[1])
    services.contribution_add(meeting=running, member=world.a_members[1], kind="proposal", gist="Làm đường",
                              added_by=None)
    services.contribution_add(meeting=running, member=world.a_members[1], kind="concern", added_by=None)
    services.meeting_close(meeting=running, closed_by=world.secretary_a)
    running.refresh_from_db()
    assert running.status == "closed" and running.ended_at is not None and running.closed_by == world.secretary_a
    f = MeetingFigures.objects.get(meeting=running)
    assert (f.expected, f.present, f.excused, f.absent, f.speakers, f.contributions) == (4, 2, 1, 1, 1, 2)
    assert (f.contributions_proposal, f.contributions_concern, f.contributions_report) == (1, 1, 0)
    assert f.attendance_rate == 0.5 and f.speaking_share == 0.5 and f.over_half_spoke is False
    assert f.proposal_share == 0.5 and f.duration_minutes == 0
    revision = running.revisions.get()
    assert revision.number == 1 and revision.author == world.secretary_a
    assert "có mặt: 2 (50,0%)" in revision.text
    assert "Lê Đức Cường (Ốm)" in revision.text
    assert "Trần Thị Bích (Đề xuất phương hướng, giải pháp): Làm đường" in revision.text
    assert revision.record["attendance"][str(world.a_members[3].pk)] == "absent"
    assert running.checked_steps.filter(step__code="approve_minutes", done_at__isnull=False).exists()


def test_the_minutes_cannot_be_approved_with_gaps(world, running):
    services.attendance_mark(attendance=running.attendances.first(), status="excused", marked_by=None)
    with pytest.raises(RuleViolation) as error:
        services.meeting_close(meeting=running, closed_by=None)
    messages = " ".join(error.value.messages)
    assert "Còn 3 đảng viên chưa điểm danh" in messages
    assert "Chưa ghi lý do vắng" in messages and "Chưa cử thư ký" in messages


def test_a_closed_meeting_refuses_every_edit(world, closed):
    attendance = closed.attendances.first()
    contribution = closed.contributions.first()
    step = ProcedureStep.objects.get(procedure=closed.procedure, code="discussion")
    attempts = [
        lambda: services.attendance_mark(attendance=attendance, status="absent", marked_by=None),
        lambda: services.contribution_add(meeting=closed, member=world.a_members[0], kind="report", added_by=None),
        lambda: services.contribution_remove(contribution=contribution, removed_by=None),
        lambda: services.recognition_add(meeting=closed, member=world.a_members[0], kind="praise", added_by=None),
        lambda: services.vote_record(meeting=closed, motion="X", kind="ordinary", votes_for=1, recorded_by=None),
        lambda: services.task_assign(meeting=closed, description="X", to_committee=True, assigned_by=None),
        lambda: services.meeting_opening_set(meeting=closed, set_by=None),
        lambda: services.meeting_conclusion_set(meeting=closed, conclusion="X", set_by=None),
        lambda: services.meeting_update(meeting=closed, updated_by=None, place="X"),
        lambda: services.meeting_close(meeting=closed, closed_by=None),
        lambda: services.step_check(meeting=closed, step=step, checked_by=None),
        lambda: services.guest_add(meeting=closed, name="X", added_by=None),
        lambda: services.material_add(meeting=closed, title="X", body="Y", added_by=None),
        lambda: services.meeting_delete(meeting=closed, deleted_by=None),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolation):
            attempt()
    assert closed.attendances.get(pk=attendance.pk).status == "present"


def test_publishing_after_the_meeting_is_still_recorded(world, closed):
    publish = ProcedureStep.objects.get(procedure=closed.procedure, code="publish")
    check = services.step_check(meeting=closed, step=publish, checked_by=world.secretary_a, note="Đã đăng")
    assert check.note == "Đã đăng"


def test_a_correction_is_a_new_revision_and_the_approved_text_stays(world, closed):
    approved = closed.revisions.get().text
    an = closed.attendances.get(member=world.a_members[0])
    revision = services.minutes_revise(meeting=closed, body=approved + "Bổ sung ý kiến.", reason="Thiếu ý kiến",
                                       revised_by=world.secretary_a,
                                       attendance={an.pk: ("excused", "Đi viện")})
    assert revision.number == 2 and revision.reason == "Thiếu ý kiến"
    assert [r.text for r in closed.revisions.order_by("number")][0] == approved
    figures = MeetingFigures.objects.get(meeting=closed)
    assert (figures.present, figures.excused) == (3, 1)
    assert revision.record["figures"]["present"] == 3
    assert AuditEvent.objects.filter(action="meeting.revise", object_id=closed.pk).exists()


def test_a_revision_needs_a_reason_and_a_change(world, closed):
    approved = closed.revisions.get().text
    with pytest.raises(RuleViolation):
        services.minutes_revise(meeting=closed, body="Khác", reason=" ", revised_by=None)
    with pytest.raises(RuleViolation):
        services.minutes_revise(meeting=closed, body=approved, reason="Không đổi", revised_by=None)
    with pytest.raises(RuleViolation):
        services.minutes_revise(meeting=closed, body="", reason="Xóa", revised_by=None)
    with pytest.raises(RuleViolation):
        services.minutes_revise(meeting=closed, body="X", reason="Y", revised_by=None, attendance={999999: ("present", "")})


def test_an_open_meeting_is_edited_directly_not_revised(world, running):
    with pytest.raises(RuleViolation):
        services.minutes_revise(meeting=running, body="X", reason="Y", revised_by=None)


def _close_with_tasks(world, day: date):
    tz = timezone.get_current_timezone()
    start = datetime(day.year, day.month, day.day, 19, 0, tzinfo=tz)
    meeting = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=day, started_at=start,
                                          ended_at=start + timedelta(minutes=100), entered_by=None)
    mark_all_present(meeting, None)
    services.meeting_opening_set(meeting=meeting, set_by=None, meeting_secretary=world.a_members[1])
    tasks = [services.task_assign(meeting=meeting, description=f"Việc {i}", to_committee=True, assigned_by=None)
             for i in range(4)]
    services.meeting_close(meeting=meeting, closed_by=None)
    return meeting, tasks


def test_the_next_regular_meeting_follows_up_the_previous_tasks(world, planned):
    previous, tasks = _close_with_tasks(world, date(2026, 10, 3))
    assert MeetingFigures.objects.get(meeting=previous).duration_minutes == 100
    meeting = services.meeting_start(meeting=planned, started_by=None)
    assert selectors.previous_regular_meeting(meeting) == previous
    assert list(selectors.followup_tasks(meeting)) == tasks
    services.task_follow_up(meeting=meeting, task=tasks[0], status="done", note="Xong", followed_up_by=None)
    services.task_follow_up(meeting=meeting, task=tasks[1], status="partly_done", followed_up_by=None)
    services.task_follow_up(meeting=meeting, task=tasks[2], status="not_done", followed_up_by=None)
    followup = selectors.followup_figures(meeting)
    assert (followup.tasks, followup.done, followup.partly_done, followup.not_done, followup.unreviewed) == (4, 1, 1, 1, 1)
    mark_all_present(meeting, None)
    services.meeting_opening_set(meeting=meeting, set_by=None, meeting_secretary=world.a_members[1])
    services.meeting_close(meeting=meeting, closed_by=None)
    figures = MeetingFigures.objects.get(meeting=meeting)
    assert (figures.followup_tasks, figures.followup_done, figures.followup_done_share) == (4, 1, 0.25)
    with pytest.raises(RuleViolation):  # locked with the meeting that followed them up
        services.task_follow_up(meeting=meeting, task=tasks[3], status="done", followed_up_by=None)


def test_only_the_previous_resolutions_tasks_are_followed_up_here(world, running):
    older, older_tasks = _close_with_tasks(world, date(2026, 9, 3))
    previous, tasks = _close_with_tasks(world, date(2026, 10, 3))
    with pytest.raises(RuleViolation):
        services.task_follow_up(meeting=running, task=older_tasks[0], status="done", followed_up_by=None)
    with pytest.raises(RuleViolation):
        services.task_follow_up(meeting=running, task=tasks[0], status="finished", followed_up_by=None)
    services.task_follow_up(meeting=running, task=tasks[0], status="done", followed_up_by=None)
    services.task_follow_up(meeting=running, task=tasks[0], status="open", followed_up_by=None)  # undo
    tasks[0].refresh_from_db()
    assert tasks[0].followup_meeting is None and tasks[0].status == "open"


def test_a_past_meeting_closes_with_its_own_times(world):
    meeting, _tasks = _close_with_tasks(world, date(2026, 9, 3))
    meeting.refresh_from_db()
    assert timezone.localtime(meeting.ended_at).strftime("%H:%M") == "20:40"
    assert meeting.revisions.get().text.count("19:00") == 1
