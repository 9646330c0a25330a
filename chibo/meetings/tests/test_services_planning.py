"""Planning, notices, preparation, materials, starting and entering a past meeting."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chibo.core.errors import RuleViolation
from chibo.core.models import AuditEvent
from chibo.meetings import services
from chibo.meetings.models import Meeting, MeetingStep, ProcedureStep
from chibo.organizations.services import member_attach_temporarily, member_exempt, organization_update


def test_it_plans_a_meeting_with_the_procedure_in_force(world, planned):
    assert planned.procedure.code == "hd42-2025-regular"
    assert planned.min_duration_minutes == 90
    assert planned.status == "planned"
    assert planned.number == 1 and planned.year == planned.planned_date.year
    assert AuditEvent.objects.filter(action="meeting.plan", object_id=planned.pk).exists()


def test_it_numbers_meetings_per_cell_and_year(world):
    first = services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=date(2027, 1, 3),
                                  planned_by=None)
    second = services.meeting_plan(organization=world.cell_a, kind="thematic", planned_date=date(2027, 2, 3),
                                   planned_by=None)
    other = services.meeting_plan(organization=world.cell_b, kind="regular", planned_date=date(2027, 1, 3),
                                  planned_by=None)
    assert (first.number, second.number, other.number) == (1, 2, 1)


def test_only_a_cell_that_exists_on_the_day_has_meetings(world):
    with pytest.raises(RuleViolation):
        services.meeting_plan(organization=world.commune, kind="regular", planned_date=date(2027, 1, 3),
                              planned_by=None)
    with pytest.raises(RuleViolation):
        services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=date(2025, 6, 30),
                              planned_by=None)
    with pytest.raises(RuleViolation):
        services.meeting_plan(organization=world.cell_a, kind="weekly", planned_date=date(2027, 1, 3),
                              planned_by=None)


def test_the_presenter_must_belong_to_the_cell(world):
    with pytest.raises(RuleViolation):
        services.meeting_plan(organization=world.cell_a, kind="thematic", planned_date=date(2027, 1, 3),
                              planned_by=None, topic="Học tập Bác", presenter=world.b_members[0])


def test_it_plans_the_year_on_the_usual_day_with_a_thematic_meeting_each_quarter(world):
    organization_update(org=world.cell_a, updated_by=None, usual_meeting_day=31)
    created = services.meetings_plan_year(organization=world.cell_a, year=2027, planned_by=world.secretary_a,
                                          today=date(2026, 12, 1))
    regular = [m.planned_date for m in created if m.kind == "regular"]
    thematic = [m.planned_date for m in created if m.kind == "thematic"]
    assert len(regular) == 12
    assert regular[1] == date(2027, 2, 28)  # the 31st, clamped to the month
    assert thematic == [date(2027, 2, 28), date(2027, 5, 31), date(2027, 8, 31), date(2027, 11, 30)]
    again = services.meetings_plan_year(organization=world.cell_a, year=2027, planned_by=None,
                                        today=date(2026, 12, 1))
    assert again == []  # nothing twice


def test_the_year_plan_skips_past_days_and_needs_a_day(world):
    with pytest.raises(RuleViolation):
        services.meetings_plan_year(organization=world.cell_a, year=2027, planned_by=None)
    created = services.meetings_plan_year(organization=world.cell_a, year=2027, planned_by=None, day=3,
                                          today=date(2027, 6, 4))
    assert [m.planned_date.month for m in created if m.kind == "regular"] == list(range(7, 13))
    # Q2's thematic days (5/5, 6/3) are past: none that quarter.
    assert [m.planned_date for m in created if m.kind == "thematic"] == [date(2027, 8, 3), date(2027, 11, 3)]


def test_each_planned_month_can_be_moved_and_a_planned_meeting_deleted(world, planned):
    new_day = planned.planned_date + timedelta(days=2)
    services.meeting_update(meeting=planned, updated_by=world.secretary_a, planned_date=new_day, place="Hội trường")
    planned.refresh_from_db()
    assert (planned.planned_date, planned.place) == (new_day, "Hội trường")
    with pytest.raises(TypeError):
        services.meeting_update(meeting=planned, updated_by=None, status="closed")
    services.meeting_delete(meeting=planned, deleted_by=world.secretary_a)
    assert not Meeting.objects.filter(pk=planned.pk).exists()


def test_the_plan_is_frozen_once_the_meeting_starts(world, running):
    with pytest.raises(RuleViolation):
        services.meeting_update(meeting=running, updated_by=None, place="Khác")
    with pytest.raises(RuleViolation):
        services.meeting_delete(meeting=running, deleted_by=None)


def test_the_notice_goes_to_the_roll_in_the_app_and_by_email(world, planned, django_capture_on_commit_callbacks):
    world.secretary_a.email = "bithu1@example.vn"
    world.secretary_a.save(update_fields=["email"])
    world.secretary_b.email = "bithu2@example.vn"  # another cell: not notified
    world.secretary_b.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.meeting_notify(meeting=planned, sent_by=world.secretary_a)
    assert (notice.recipients, notice.emailed) == (4, 1)
    assert "Nhà văn hóa khu phố 1" in notice.body
    assert [m.to for m in mail.outbox] == [["bithu1@example.vn"]]
    assert MeetingStep.objects.filter(meeting=planned, step__code="notify").exists()


def test_preparation_steps_are_checked_with_a_date_and_note_and_make_the_meeting_prepared(world, planned):
    steps = list(ProcedureStep.objects.filter(procedure=planned.procedure, phase="preparation"))
    check = services.step_check(meeting=planned, step=steps[1], checked_by=world.secretary_a,
                                note="Chi ủy họp, thống nhất nội dung", done_on=date(2026, 11, 20))
    assert (check.done_on, check.note, check.done_at) == (date(2026, 11, 20), "Chi ủy họp, thống nhất nội dung", None)
    for step in steps:
        services.step_check(meeting=planned, step=step, checked_by=world.secretary_a)
    planned.refresh_from_db()
    assert planned.status == "prepared"
    services.step_check(meeting=planned, step=steps[0], checked_by=world.secretary_a, done=False)
    planned.refresh_from_db()
    assert planned.status == "planned"
    assert MeetingStep.objects.get(meeting=planned, step=steps[1]).note == "Chi ủy họp, thống nhất nội dung"


def test_a_step_of_another_procedure_or_a_meeting_step_before_the_start_is_refused(world, planned):
    other = ProcedureStep.objects.filter(procedure__code="hd12-2018-regular").first()
    with pytest.raises(RuleViolation):
        services.step_check(meeting=planned, step=other, checked_by=None)
    roll_call = ProcedureStep.objects.get(procedure=planned.procedure, code="roll_call")
    with pytest.raises(RuleViolation):
        services.step_check(meeting=planned, step=roll_call, checked_by=None)


def test_materials_are_released_once_and_the_time_is_recorded(world, planned):
    with pytest.raises(RuleViolation):
        services.materials_release(meeting=planned, released_by=None)  # nothing to release
    services.material_add(meeting=planned, title="Dự thảo nghị quyết tháng", kind="draft_resolution",
                          body="1. Vận động nhân dân…", added_by=world.secretary_a)
    services.material_add(meeting=planned, title="Báo cáo", added_by=world.secretary_a,
                          upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 test"))
    services.materials_release(meeting=planned, released_by=world.secretary_a)
    planned.refresh_from_db()
    assert planned.materials_released_at is not None
    assert services.materials_on_time(planned) is True  # a week ahead
    assert MeetingStep.objects.filter(meeting=planned, step__code="materials").exists()
    with pytest.raises(RuleViolation):
        services.materials_release(meeting=planned, released_by=None)
    with pytest.raises(RuleViolation):
        services.material_remove(material=planned.materials.first(), removed_by=None)


def test_materials_released_on_the_day_are_late(world):
    today = services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=timezone.localdate(),
                                  planned_by=None)
    services.material_add(meeting=today, title="Báo cáo", body="…", added_by=None)
    services.materials_release(meeting=today, released_by=None)
    assert services.materials_on_time(today) is False


@pytest.mark.parametrize("name,size", [("virus.exe", 10), ("big.pdf", 11 * 1024 * 1024)])
def test_uploads_must_be_documents_of_reasonable_size(world, planned, name, size):
    with pytest.raises(RuleViolation):
        services.material_add(meeting=planned, title="X", added_by=None,
                              upload=SimpleUploadedFile(name, b"x" * size))


def test_starting_snapshots_the_roll_with_who_is_expected(world, planned):
    member_exempt(member=world.a_members[2], kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    member_attach_temporarily(member=world.b_members[0], to=world.cell_a, start_date=date(2026, 1, 1))
    meeting = services.meeting_start(meeting=planned, started_by=world.secretary_a)
    rows = {a.member.given_name: a for a in meeting.attendances.select_related("member")}
    assert sorted(rows) == ["An", "Bích", "Cường", "Dung", "Em"]
    assert not rows["Cường"].is_expected and rows["Cường"].not_expected_reason == "exempt"
    assert rows["Em"].is_temporary and rows["Em"].is_expected
    assert not rows["Dung"].is_official
    assert all(a.status == "" for a in rows.values())
    assert (meeting.status, meeting.held_on) == ("in_progress", timezone.localdate())
    with pytest.raises(RuleViolation):
        services.meeting_start(meeting=meeting, started_by=None)


def test_a_past_meeting_is_entered_with_the_roll_and_procedure_of_its_day(world):
    tz = timezone.get_current_timezone()
    start = datetime(2024, 5, 3, 19, 30, tzinfo=tz)
    world.cell_a.valid_from = date(2020, 1, 1)
    world.cell_a.save(update_fields=["valid_from"])
    meeting = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=date(2024, 5, 3),
                                          started_at=start, ended_at=start + timedelta(minutes=95),
                                          entered_by=world.secretary_a, place="Nhà văn hóa")
    assert meeting.entered_after_the_fact and meeting.status == "in_progress"
    assert meeting.procedure.code == "hd12-2018-regular"
    assert meeting.duration_minutes == 95
    assert meeting.planned_time == time(19, 30)
    assert meeting.attendances.count() == 4
    assert not meeting.attendances.get(member=world.a_members[3]).is_official


def test_a_past_meeting_cannot_be_in_the_future_or_end_before_it_starts(world):
    tz = timezone.get_current_timezone()
    start = datetime(2026, 3, 3, 19, 0, tzinfo=tz)
    with pytest.raises(RuleViolation):
        services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=date(2026, 3, 3),
                                    started_at=start, ended_at=start - timedelta(minutes=1), entered_by=None)
    with pytest.raises(RuleViolation):
        services.meeting_enter_past(organization=world.cell_a, kind="regular",
                                    held_on=timezone.localdate() + timedelta(days=1), started_at=start,
                                    ended_at=start + timedelta(hours=2), entered_by=None)
