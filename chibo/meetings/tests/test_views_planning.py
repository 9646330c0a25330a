"""Calendar, planning, preparation, materials and starting, through the screens."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chibo.meetings import services
from chibo.meetings.models import Meeting, MeetingMaterial, ProcedureStep

HX = {"HTTP_HX_REQUEST": "true"}


def login(client, user):
    client.force_login(user)
    return client


def test_the_cell_calendar_lists_its_meetings_by_month(client, world, planned):
    html = login(client, world.secretary_a).get(
        reverse("meetings:meeting_calendar", args=[world.cell_a.code]) + f"?year={planned.planned_date.year}"
    ).content.decode()
    assert planned.title in html and planned.planned_date.strftime("%d/%m/%Y") in html
    assert "Lên lịch cả năm" in html


def test_the_committee_sees_its_subtrees_calendar_but_cannot_plan(client, world, planned):
    services.meeting_plan(organization=world.cell_b, kind="regular", planned_date=planned.planned_date, planned_by=None)
    response = login(client, world.committee_leader).get(
        reverse("meetings:meeting_calendar", args=[world.commune.code]) + f"?year={planned.planned_date.year}")
    html = response.content.decode()
    assert world.cell_a.name in html and world.cell_b.name in html
    assert "Lên lịch buổi sinh hoạt" not in html
    assert client.get(reverse("meetings:meeting_create", args=[world.cell_a.code])).status_code == 404


def test_the_calendar_runs_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    login(client, world.committee_leader)
    url = reverse("meetings:meeting_calendar", args=[world.commune.code]) + "?year=2027"
    for month in (1, 2):
        services.meeting_plan(organization=world.cell_a, kind="regular", planned_date=date(2027, month, 3), planned_by=None)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for month in range(3, 13):
        services.meeting_plan(organization=world.cell_b, kind="regular", planned_date=date(2027, month, 3), planned_by=None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_secretary_plans_a_meeting(client, world):
    day = timezone.localdate() + timedelta(days=10)
    response = login(client, world.secretary_a).post(reverse("meetings:meeting_create", args=[world.cell_a.code]), {
        "kind": "thematic", "planned_date": day.strftime("%d/%m/%Y"), "planned_time": "19:30", "place": "Hội trường",
        "topic": "Học tập và làm theo Bác", "presenter": world.a_members[2].pk})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    assert (meeting.kind, meeting.planned_date, meeting.presenter) == ("thematic", day, world.a_members[2])


def test_a_thematic_meeting_needs_a_topic_and_bad_dates_are_refused(client, world):
    url = reverse("meetings:meeting_create", args=[world.cell_a.code])
    login(client, world.secretary_a)
    assert "cần có chủ đề" in client.post(url, {"kind": "thematic", "planned_date": "2027-01-03"}).content.decode()
    response = client.post(url, {"kind": "regular", "planned_date": "2025-01-03"})
    assert response.status_code == 200 and "chưa thành lập" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_year_is_planned_from_the_screen(client, world):
    year = timezone.localdate().year + 1
    response = login(client, world.secretary_a).post(reverse("meetings:meetings_plan_year", args=[world.cell_a.code]),
                                                      {"year": year, "day": 3})
    assert response.status_code == 302
    assert Meeting.objects.filter(kind="regular").count() == 12
    assert Meeting.objects.filter(kind="thematic").count() == 4


def test_a_planned_meeting_is_edited_notified_and_deleted(client, world, planned, django_capture_on_commit_callbacks):
    world.secretary_a.email = "bithu1@example.vn"
    world.secretary_a.save(update_fields=["email"])
    login(client, world.secretary_a)
    new_day = planned.planned_date + timedelta(days=1)
    client.post(reverse("meetings:meeting_edit", args=[planned.pk]), {"planned_date": new_day.isoformat(), "place": "Sân"})
    planned.refresh_from_db()
    assert (planned.planned_date, planned.place) == (new_day, "Sân")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:meeting_notify", args=[planned.pk]))
    assert planned.notices.count() == 1 and len(mail.outbox) == 1
    assert "Sân" in login(client, world.member_a).get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
    login(client, world.secretary_a).post(reverse("meetings:meeting_delete", args=[planned.pk]))
    assert not Meeting.objects.filter(pk=planned.pk).exists()


def test_the_preparation_checklist_records_dates_and_notes(client, world, planned):
    step = ProcedureStep.objects.get(procedure=planned.procedure, code="committee_meeting")
    login(client, world.secretary_a)
    html = client.get(reverse("meetings:preparation", args=[planned.pk])).content.decode()
    assert "Chi ủy họp chuẩn bị" in html and "Theo nguồn chưa đối chiếu" in html
    html = client.post(reverse("meetings:step_check", args=[planned.pk, step.pk]),
                       {"done": "on", "done_on": "2026-11-15", "note": "Thống nhất nội dung"}, **HX).content.decode()
    assert "Đã xong ngày 15/11/2026" in html and "Thống nhất nội dung" in html
    check = planned.checked_steps.get()
    assert (check.done_on, check.note) == (date(2026, 11, 15), "Thống nhất nội dung")


def test_materials_are_uploaded_released_and_then_seen_by_members(client, world, planned):
    login(client, world.secretary_a)
    client.post(reverse("meetings:material_add", args=[planned.pk]), {
        "kind": "draft_resolution", "title": "Dự thảo nghị quyết", "body": "",
        "upload": SimpleUploadedFile("du-thao.docx", b"PK docx bytes")})
    material = MeetingMaterial.objects.get()
    assert material.original_name == "du-thao.docx"
    login(client, world.member_a)
    assert client.get(reverse("meetings:material_view", args=[material.pk])).status_code == 404
    assert "Dự thảo nghị quyết" not in client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
    login(client, world.secretary_a).post(reverse("meetings:materials_release", args=[planned.pk]))
    login(client, world.member_a)
    response = client.get(reverse("meetings:material_view", args=[material.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK docx bytes"
    assert "Dự thảo nghị quyết" in client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()


def test_a_wrong_upload_is_refused_on_the_form(client, world, planned):
    response = login(client, world.secretary_a).post(reverse("meetings:material_add", args=[planned.pk]), {
        "kind": "report", "title": "Virus", "upload": SimpleUploadedFile("x.exe", b"MZ")})
    assert response.status_code == 200 and ".pdf, .docx" in response.content.decode()
    assert not MeetingMaterial.objects.exists()


def test_starting_opens_the_run_screen(client, world, planned):
    response = login(client, world.secretary_a).post(reverse("meetings:meeting_start", args=[planned.pk]))
    assert response["Location"] == reverse("meetings:meeting_run", args=[planned.pk])
    assert planned.attendances.count() == 4


def test_a_past_meeting_is_entered_from_the_minutes_book(client, world):
    world.cell_a.valid_from = date(2020, 1, 1)
    world.cell_a.save(update_fields=["valid_from"])
    response = login(client, world.secretary_a).post(reverse("meetings:meeting_enter_past", args=[world.cell_a.code]), {
        "kind": "regular", "held_on": "03/05/2024", "start_time": "19:30", "end_time": "21:05", "place": "Nhà văn hóa"})
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings:meeting_run", args=[meeting.pk])
    assert meeting.entered_after_the_fact and meeting.duration_minutes == 95
    html = client.get(response["Location"]).content.decode()
    assert 'type="time" name="done_time"' in html  # steps take the time typed, not now
    response = client.post(reverse("meetings:meeting_enter_past", args=[world.cell_a.code]), {
        "kind": "regular", "held_on": "03/05/2024", "start_time": "19:30", "end_time": "19:00"})
    assert "Giờ kết thúc phải sau giờ bắt đầu" in response.content.decode()


@pytest.mark.parametrize("user_name", ["committee_leader", "member_a"])
def test_readers_see_the_meeting_but_not_its_controls(client, world, planned, user_name):
    login(client, getattr(world, user_name))
    html = client.get(reverse("meetings:meeting_detail", args=[planned.pk])).content.decode()
    assert planned.title in html and "Bắt đầu sinh hoạt" not in html
    assert client.post(reverse("meetings:meeting_start", args=[planned.pk])).status_code == 404
    assert client.get(reverse("meetings:preparation", args=[planned.pk])).status_code == 404
    planned.refresh_from_db()
    assert planned.status == "planned"
