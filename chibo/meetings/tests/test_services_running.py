"""The run: roll call, steps with times, speakers, recognitions, votes, resolution and tasks."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from chibo.core.errors import RuleViolation
from chibo.meetings import selectors, services
from chibo.meetings.models import ProcedureStep
from chibo.meetings.tests.conftest import mark, mark_all_present
from chibo.organizations.services import member_attach_temporarily, member_exempt, member_update


def row(meeting, member):
    return meeting.attendances.get(member=member)


def test_one_tap_marks_present_late_excused_with_reason_or_absent(world, running):
    an, bich, cuong, dung = world.a_members
    services.attendance_mark(attendance=row(running, an), status="present", arrived_late=True,
                             marked_by=world.secretary_a)
    services.attendance_mark(attendance=row(running, bich), status="excused", reason="  Đi   công tác ",
                             marked_by=world.secretary_a)
    services.attendance_mark(attendance=row(running, cuong), status="absent", reason="ignored", arrived_late=True,
                             marked_by=world.secretary_a)
    a, b, c = row(running, an), row(running, bich), row(running, cuong)
    assert (a.status, a.arrived_late, b.status, b.reason, c.status, c.reason, c.arrived_late) == (
        "present", True, "excused", "Đi công tác", "absent", "", False)
    figures = selectors.meeting_figures(running)
    assert (figures.expected, figures.present, figures.excused, figures.absent, figures.unmarked) == (4, 1, 1, 1, 1)
    assert figures.attendance_rate == 0.25
    with pytest.raises(RuleViolation):
        services.attendance_mark(attendance=row(running, dung), status="maybe", marked_by=None)


def test_the_roll_call_is_refused_before_the_start(world, planned):
    with pytest.raises(RuleViolation):
        services.contribution_add(meeting=planned, member=world.a_members[0], kind="report", added_by=None)


def test_exempt_members_who_come_are_recorded_but_not_counted(world, planned):
    member_exempt(member=world.a_members[2], kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    member_update(member=world.a_members[1], data={"special_duty": True})
    meeting = services.meeting_start(meeting=planned, started_by=None)
    mark(meeting, None, An="present", Bích="absent", Cường="present", Dung="present")
    services.contribution_add(meeting=meeting, member=world.a_members[2], kind="proposal", added_by=None)
    services.contribution_add(meeting=meeting, member=world.a_members[3], kind="report", added_by=None)
    figures = selectors.meeting_figures(meeting)
    assert (figures.expected, figures.present, figures.absent, figures.present_not_expected) == (2, 2, 0, 1)
    assert figures.attendance_rate == 1.0
    assert figures.speakers == 1  # Cường spoke but is not expected; Dung (probationary) counts
    assert figures.speaking_share == 0.5 and figures.over_half_spoke is False
    assert figures.proposal_share == 0.5


def test_meeting_steps_take_their_times_from_the_taps(world, running):
    opening, secretary = ProcedureStep.objects.filter(procedure=running.procedure, phase="meeting")[:2]
    first = services.step_check(meeting=running, step=opening, checked_by=world.secretary_a)
    second = services.step_check(meeting=running, step=secretary, checked_by=world.secretary_a)
    assert first.started_at == running.started_at
    assert first.done_at is not None and second.started_at == first.done_at
    assert second.done_on == timezone.localdate()


def test_only_present_members_speak_and_every_kind_is_known(world, running):
    mark(running, None, An="present", Bích="absent")
    with pytest.raises(RuleViolation):
        services.contribution_add(meeting=running, member=world.a_members[1], kind="report", added_by=None)
    with pytest.raises(RuleViolation):
        services.contribution_add(meeting=running, member=world.a_members[0], kind="rant", added_by=None)
    with pytest.raises(RuleViolation):
        services.contribution_add(meeting=running, member=world.b_members[0], kind="report", added_by=None)
    first = services.contribution_add(meeting=running, member=world.a_members[0], kind="concern",
                                      gist="Đường ngập", added_by=None)
    second = services.contribution_add(meeting=running, member=world.a_members[0], kind="proposal", added_by=None)
    assert (first.order, second.order) == (1, 2)
    services.contribution_remove(contribution=first, removed_by=None)
    assert list(running.contributions.values_list("kind", flat=True)) == ["proposal"]


def test_recognitions_name_a_member_of_the_roll(world, running):
    rec = services.recognition_add(meeting=running, member=world.a_members[1], kind="praise",
                                   note="Vận động hiến đất", added_by=None)
    assert rec.get_kind_display() == "Biểu dương"
    with pytest.raises(RuleViolation):
        services.recognition_add(meeting=running, member=world.b_members[1], kind="criticism", added_by=None)
    with pytest.raises(RuleViolation):
        services.recognition_add(meeting=running, member=world.a_members[1], kind="medal", added_by=None)


# --- votes -----------------------------------------------------------------------------------------

def test_only_official_members_are_counted_and_probationary_ones_never(world, running):
    mark_all_present(running, None)
    preview = selectors.vote_preview(running, kind="ordinary", votes_for=2)
    assert preview.denominator.value == 3  # An, Bích, Cường; Dung is probationary
    assert preview.required_for == 2 and preview.is_valid
    with pytest.raises(RuleViolation):  # 4 hands, 3 official members present
        services.vote_record(meeting=running, motion="Nghị quyết tháng", kind="ordinary", votes_for=4,
                             recorded_by=None)


def test_an_absent_exempt_member_leaves_the_denominator_a_present_one_stays(world, planned):
    member_exempt(member=world.a_members[2], kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    meeting = services.meeting_start(meeting=planned, started_by=None)
    mark(meeting, None, An="present", Bích="present", Dung="present")
    assert selectors.vote_preview(meeting, kind="ordinary").denominator.value == 2
    mark(meeting, None, Cường="present")
    assert selectors.vote_preview(meeting, kind="ordinary").denominator.value == 3


def test_excused_official_members_leave_the_denominator_unexcused_ones_stay(world, running):
    mark(running, None, An="present", Bích="excused", Cường="absent", Dung="present")
    preview = selectors.vote_preview(running, kind="ordinary", votes_for=1)
    assert preview.denominator.as_dict() == {"official": 3, "not_expected_absent": 0, "excused_absent": 1,
                                             "voters_present": 1, "denominator": 2}
    assert not preview.is_valid  # 1 of 2 is not more than half
    vote = services.vote_record(meeting=running, motion="Thông qua nghị quyết", kind="ordinary", votes_for=1,
                                recorded_by=world.secretary_a)
    assert (vote.denominator, vote.required_for, vote.is_valid) == (2, 2, False)
    assert vote.computation["excused_absent"] == 1


def test_special_duty_and_temporary_attachment_in_the_denominator(world, planned):
    member_update(member=world.a_members[1], data={"special_duty": True})
    member_attach_temporarily(member=world.a_members[2], to=world.cell_b, start_date=date(2026, 1, 1))
    member_attach_temporarily(member=world.b_members[1], to=world.cell_a, start_date=date(2026, 1, 1))
    meeting = services.meeting_start(meeting=planned, started_by=None)
    mark(meeting, None, An="present", Bích="absent", Giang="present", Dung="present")
    d = selectors.vote_preview(meeting, kind="ordinary").denominator
    # Official on the roll: An, Bích, Giang (attached here); Cường attends cell B. Bích on duty, absent: out.
    assert (d.official, d.not_expected_absent, d.value, d.voters_present) == (3, 1, 2, 2)


def test_an_admission_needs_two_thirds(world, running):
    mark_all_present(running, None)
    three_of_three = services.vote_record(meeting=running, motion="Kết nạp quần chúng Lê Văn Hải",
                                          kind="admission", votes_for=2, votes_against=1, recorded_by=None)
    assert (three_of_three.denominator, three_of_three.required_for, three_of_three.is_valid) == (3, 2, True)
    services.attendance_mark(attendance=row(running, world.a_members[2]), status="absent", marked_by=None)
    one_of_three = services.vote_record(meeting=running, motion="Kết nạp lần hai", kind="admission", votes_for=1,
                                        votes_against=1, recorded_by=None)
    assert (one_of_three.denominator, one_of_three.is_valid) == (3, False)


def test_a_vote_needs_a_motion_and_sensible_counts(world, running):
    mark_all_present(running, None)
    with pytest.raises(RuleViolation):
        services.vote_record(meeting=running, motion=" ", kind="ordinary", votes_for=1, recorded_by=None)
    with pytest.raises(RuleViolation):
        services.vote_record(meeting=running, motion="X", kind="majority", votes_for=1, recorded_by=None)
    with pytest.raises(RuleViolation):
        services.vote_record(meeting=running, motion="X", kind="ordinary", votes_for=-1, recorded_by=None)


# --- resolution and tasks -------------------------------------------------------------------------

def test_tasks_go_to_a_member_or_the_committee_with_a_deadline_and_an_item(world, running):
    item = services.resolution_item_add(meeting=running, body="Hoàn thành thu quỹ vì người nghèo", added_by=None)
    task = services.task_assign(meeting=running, description="Thu quỹ", assignee=world.a_members[1],
                                deadline=timezone.localdate() + timedelta(days=20), resolution_item=item,
                                assigned_by=world.secretary_a)
    committee = services.task_assign(meeting=running, description="Báo cáo cấp ủy", to_committee=True,
                                     assigned_by=None)
    assert (task.assignee_label, committee.assignee_label) == ("Trần Thị Bích", "Chi ủy")
    for bad in [
        {"assignee": world.a_members[1], "to_committee": True},
        {},
        {"assignee": world.b_members[0]},
        {"assignee": world.a_members[0], "deadline": timezone.localdate() - timedelta(days=1)},
    ]:
        with pytest.raises(RuleViolation):
            services.task_assign(meeting=running, description="X", assigned_by=None, **bad)
    with pytest.raises(RuleViolation):
        services.task_assign(meeting=running, description="  ", to_committee=True, assigned_by=None)


def test_a_member_reports_on_their_task_and_the_cell_judges_it_later(world, running):
    task = services.task_assign(meeting=running, description="Thu quỹ", assignee=world.a_members[1],
                                assigned_by=None)
    services.task_report(task=task, note="Đã thu 80%", reported_by=world.member_a)
    task.refresh_from_db()
    assert (task.progress_note, task.status, task.progress_reported_by) == ("Đã thu 80%", "open", world.member_a)
    with pytest.raises(RuleViolation):
        services.task_report(task=task, note=" ", reported_by=None)


def test_opening_chair_and_secretary_come_from_the_roll(world, running):
    assert running.chair is None  # no bí thư position in the named world
    services.meeting_opening_set(meeting=running, set_by=None, chair=world.a_members[0],
                                 meeting_secretary=world.a_members[2], fees_note="100% đã đóng")
    running.refresh_from_db()
    assert (running.chair, running.meeting_secretary, running.fees_note) == (
        world.a_members[0], world.a_members[2], "100% đã đóng")
    with pytest.raises(RuleViolation):
        services.meeting_opening_set(meeting=running, set_by=None, chair=world.b_members[0])
    guest = services.guest_add(meeting=running, name="", user=world.committee_leader, title="Đảng ủy phường",
                               added_by=None)
    assert guest.name == "danguy"
    with pytest.raises(RuleViolation):
        services.guest_add(meeting=running, name=" ", added_by=None)
