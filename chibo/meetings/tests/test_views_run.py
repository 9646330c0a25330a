"""The run screen: each tap is one POST that writes at once and answers with its section (htmx) or a redirect."""

import re

import pytest
from django.urls import reverse

from chibo.meetings.models import Attendance, ProcedureStep
from chibo.meetings.tests.conftest import mark_all_present

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def secretary(client, world):
    client.force_login(world.secretary_a)
    return client


def row(meeting, member) -> Attendance:
    return meeting.attendances.get(member=member)


def test_it_shows_the_whole_meeting_on_one_screen(secretary, world, running):
    response = secretary.get(reverse("meetings:meeting_run", args=[running.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for section in ("opening", "roll", "steps", "speak", "recognitions", "votes", "resolution", "close"):
        assert f'id="{section}"' in html
    assert html.count('name="status" value="present"') == 4
    assert "Phạm Thị Dung" in html and "dự bị" in html
    assert 'hx-post="/diem-danh/' in html


def test_a_roll_call_tap_saves_and_answers_with_the_row_and_the_running_rate(secretary, world, running):
    attendance = row(running, world.a_members[0])
    response = secretary.post(reverse("meetings:attendance_mark", args=[attendance.pk]), {"status": "present"}, **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<li id="att-{attendance.pk}"')
    assert 'aria-pressed="true">Có mặt' in html
    assert 'id="figures"' in html and 'hx-swap-oob="true"' in html
    assert "1/4" in html and "25,0%" in html  # decimal comma
    assert 'id="speaker-chips"' in html
    assert response["HX-Trigger"] == "roll-changed"
    attendance.refresh_from_db()
    assert attendance.status == "present"


def test_excused_with_reason_and_late_arrival(secretary, world, running):
    bich, an = row(running, world.a_members[1]), row(running, world.a_members[0])
    url = reverse("meetings:attendance_mark", args=[bich.pk])
    secretary.post(url, {"status": "excused"}, **HX)
    html = secretary.post(url, {"status": "excused", "reason": "Ốm"}, **HX).content.decode()
    assert 'value="Ốm"' in html
    secretary.post(reverse("meetings:attendance_mark", args=[an.pk]), {"status": "present", "arrived_late": "on"}, **HX)
    bich.refresh_from_db()
    an.refresh_from_db()
    assert (bich.status, bich.reason, an.arrived_late) == ("excused", "Ốm", True)


def test_without_htmx_a_tap_redirects_back_to_the_row(secretary, world, running):
    attendance = row(running, world.a_members[0])
    response = secretary.post(reverse("meetings:attendance_mark", args=[attendance.pk]), {"status": "absent"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/dien-bien/#att-{attendance.pk}")
    assert row(running, world.a_members[0]).status == "absent"


def test_a_bad_tap_shows_the_rule_not_a_500(secretary, world, running):
    attendance = row(running, world.a_members[0])
    response = secretary.post(reverse("meetings:attendance_mark", args=[attendance.pk]), {"status": "sometimes"}, **HX)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    response = secretary.post(reverse("meetings:contribution_add", args=[running.pk]),
                              {"member": world.a_members[0].pk, "kind": "report"}, **HX)
    assert "chưa được điểm danh có mặt" not in response.content.decode()  # not offered: the form refuses the choice
    assert 'role="alert"' in response.content.decode()


def test_contributions_show_the_running_speaking_share(secretary, world, running):
    mark_all_present(running, None)
    response = secretary.post(reverse("meetings:contribution_add", args=[running.pk]),
                              {"member": world.a_members[1].pk, "kind": "proposal", "gist": "Làm đường"}, **HX)
    html = response.content.decode()
    assert "Trần Thị Bích — Đề xuất phương hướng, giải pháp: Làm đường" in html
    assert "1/4" in html and "25,0%" in html
    contribution = running.contributions.get()
    secretary.post(reverse("meetings:contribution_remove", args=[contribution.pk]), **HX)
    assert not running.contributions.exists()


def test_the_vote_preview_shows_the_denominator_and_validity_before_recording(secretary, world, running):
    mark_all_present(running, None)
    secretary.post(reverse("meetings:attendance_mark", args=[row(running, world.a_members[2]).pk]),
                   {"status": "excused", "reason": "Ốm"}, **HX)
    url = reverse("meetings:vote_preview", args=[running.pk])
    html = secretary.post(url, {"kind": "ordinary", "votes_for": "1", "motion": ""}, **HX).content.decode()
    assert "<strong>2</strong>" in html  # 3 official minus 1 excused
    assert "Chưa đủ: 1/2" in html
    html = secretary.post(url, {"kind": "ordinary", "votes_for": "2"}, **HX).content.decode()
    assert "Hợp lệ: 2/2" in html
    html = secretary.post(url, {"kind": "ordinary", "votes_for": "5"}, **HX).content.decode()
    assert "vượt quá" in html
    assert not running.votes.exists()  # nothing recorded by previewing
    vote = {"motion": "Thông qua nghị quyết tháng", "kind": "ordinary", "votes_for": "2"}
    html = secretary.post(reverse("meetings:vote_record", args=[running.pk]), vote, **HX).content.decode()
    assert "Thông qua nghị quyết tháng: 2/2" in html and "được thông qua" in html
    assert running.votes.get().computation["excused_absent"] == 1


def test_steps_are_checked_with_their_time(secretary, world, running):
    step = ProcedureStep.objects.get(procedure=running.procedure, code="roll_call")
    html = secretary.post(reverse("meetings:step_check", args=[running.pk, step.pk]), {"done": "on", "back": "run"},
                          **HX).content.decode()
    assert 'aria-pressed="true"' in html
    assert re.search(r'class="when">\d\d:\d\d–\d\d:\d\d<', html)
    html = secretary.post(reverse("meetings:step_check", args=[running.pk, step.pk]), {"back": "run"}, **HX).content.decode()
    assert 'aria-pressed="false"' in html
    assert not running.checked_steps.filter(step=step).exists()


def test_resolution_tasks_opening_and_recognitions(secretary, world, running):
    secretary.post(reverse("meetings:opening_set", args=[running.pk]),
                   {"chair": world.a_members[0].pk, "meeting_secretary": world.a_members[2].pk, "fees_note": "Đủ"}, **HX)
    guest = {"name": "Đồng chí Hùng", "title": "Đảng ủy viên"}
    secretary.post(reverse("meetings:guest_add", args=[running.pk]), guest, **HX)
    secretary.post(reverse("meetings:resolution_item_add", args=[running.pk]), {"text": "Vận động thu quỹ"}, **HX)
    item = running.resolution_items.get()
    html = secretary.post(reverse("meetings:task_assign", args=[running.pk]), {
        "description": "Thu quỹ", "assignee": str(world.a_members[1].pk), "deadline": "2030-01-31",
        "resolution_item": str(item.pk)}, **HX).content.decode()
    assert "Thu quỹ — <strong>Trần Thị Bích</strong>, hạn 31/01/2030" in html
    committee_task = {"description": "Báo cáo", "assignee": "committee"}
    secretary.post(reverse("meetings:task_assign", args=[running.pk]), committee_task, **HX)
    secretary.post(reverse("meetings:recognition_add", args=[running.pk]),
                   {"member": world.a_members[1].pk, "kind": "praise", "note": "Tích cực"}, **HX)
    running.refresh_from_db()
    assert (running.chair, running.meeting_secretary, running.fees_note) == (world.a_members[0], world.a_members[2], "Đủ")
    assert running.guests.get().title == "Đảng ủy viên"
    assert [t.assignee_label for t in running.tasks.all()] == ["Trần Thị Bích", "Chi ủy"]
    assert running.recognitions.get().kind == "praise"


def test_closing_approves_the_minutes_and_locks_the_screen(secretary, world, running):
    close = reverse("meetings:meeting_close", args=[running.pk])
    html = secretary.post(close, **HX).content.decode()
    assert "Còn 4 đảng viên chưa điểm danh" in html
    mark_all_present(running, None)
    secretary.post(reverse("meetings:opening_set", args=[running.pk]), {"meeting_secretary": world.a_members[2].pk}, **HX)
    secretary.post(reverse("meetings:conclusion_set", args=[running.pk]), {"conclusion": "Thống nhất"}, **HX)
    response = secretary.post(close, **HX)
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("meetings:meeting_detail", args=[running.pk])
    running.refresh_from_db()
    assert running.status == "closed" and running.conclusion == "Thống nhất"
    assert secretary.get(reverse("meetings:meeting_run", args=[running.pk])).status_code == 302
    response = secretary.post(reverse("meetings:attendance_mark", args=[running.attendances.first().pk]),
                              {"status": "absent"}, **HX)
    assert "Biên bản đã được thông qua" in response.content.decode()
    assert running.attendances.filter(status="absent").count() == 0


def test_the_previous_resolutions_tasks_are_followed_up_on_screen(secretary, world, running):
    from datetime import date, datetime, timedelta

    from django.utils import timezone

    from chibo.meetings import services
    start = datetime(2026, 10, 3, 19, 0, tzinfo=timezone.get_current_timezone())
    previous = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=date(2026, 10, 3),
                                           started_at=start, ended_at=start + timedelta(minutes=95), entered_by=None)
    mark_all_present(previous, None)
    services.meeting_opening_set(meeting=previous, set_by=None, meeting_secretary=world.a_members[1])
    task = services.task_assign(meeting=previous, description="Sửa đường", to_committee=True, assigned_by=None)
    services.meeting_close(meeting=previous, closed_by=None)
    assert "Sửa đường" in secretary.get(reverse("meetings:meeting_run", args=[running.pk])).content.decode()
    html = secretary.post(reverse("meetings:task_follow_up", args=[running.pk, task.pk]),
                          {"status": "done", "note": "Đã xong"}, **HX).content.decode()
    assert "Hoàn thành 1/1" in html and "100,0%" in html
    task.refresh_from_db()
    assert (task.status, task.followup_meeting, task.followup_note) == ("done", running, "Đã xong")
