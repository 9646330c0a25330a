"""The closed meeting: read-only record, the approved minutes and their revisions; a member's own pages."""

from django.urls import reverse

from chibo.meetings import services


def login(client, user):
    client.force_login(user)
    return client


def test_the_closed_meeting_page_is_the_record(client, world, closed):
    html = login(client, world.committee_leader).get(reverse("meetings:meeting_detail", args=[closed.pk])).content.decode()
    assert "Đã thông qua biên bản" in html
    assert "100,0%" in html and "Trần Thị Bích — Đề xuất phương hướng, giải pháp: Làm đường" in html
    assert "Mở màn hình điều hành" not in html


def test_a_correction_keeps_the_approved_text_retrievable(client, world, closed):
    approved = closed.revisions.get().text
    login(client, world.secretary_a)
    form = client.get(reverse("meetings:minutes_revise", args=[closed.pk])).content.decode()
    assert "Bản đã thông qua được giữ nguyên" in form
    response = client.post(reverse("meetings:minutes_revise", args=[closed.pk]),
                           {"body": approved + "Bổ sung: đồng chí Cường đề nghị sửa đường.", "reason": "Ghi thiếu ý kiến"})
    assert response["Location"] == reverse("meetings:minutes", args=[closed.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Bản sửa số 2" in html and "Ghi thiếu ý kiến" in html and "người sửa: Nguyễn Văn An" in html
    assert "Bổ sung: đồng chí Cường" in html
    original = client.get(reverse("meetings:minutes_revision", args=[closed.pk, 1])).content.decode()
    assert "Bổ sung: đồng chí Cường" not in original and "Đây không phải bản mới nhất" in original


def test_a_revision_without_a_reason_is_refused(client, world, closed):
    response = login(client, world.secretary_a).post(reverse("meetings:minutes_revise", args=[closed.pk]),
                                                      {"body": "Khác hẳn", "reason": ""})
    assert response.status_code == 200
    assert closed.revisions.count() == 1


def test_readers_see_the_minutes_but_cannot_revise(client, world, closed):
    for user in (world.committee_leader, world.member_a):
        login(client, user)
        assert client.get(reverse("meetings:minutes", args=[closed.pk])).status_code == 200
        assert client.get(reverse("meetings:minutes_revise", args=[closed.pk])).status_code == 404
        revise = reverse("meetings:minutes_revise", args=[closed.pk])
        assert client.post(revise, {"body": "X", "reason": "Y"}).status_code == 404
    assert login(client, world.secretary_b).get(reverse("meetings:minutes", args=[closed.pk])).status_code == 404
    assert closed.revisions.count() == 1


def test_an_open_meeting_has_no_minutes_yet(client, world, running):
    assert login(client, world.secretary_a).get(reverse("meetings:minutes", args=[running.pk])).status_code == 404


def test_a_member_sees_their_cells_meetings_and_their_own_tasks(client, world, running):
    services.task_assign(meeting=running, description="Thu quỹ khuyến học", assignee=world.a_members[1],
                                assigned_by=None)
    services.task_assign(meeting=running, description="Việc của người khác", assignee=world.a_members[2],
                         assigned_by=None)
    other_cell = services.meeting_plan(organization=world.cell_b, kind="regular", planned_date=running.planned_date,
                                       planned_by=None, place="Trường tiểu học")
    login(client, world.member_a)
    meetings = client.get(reverse("meetings:my_meetings")).content.decode()
    assert running.title in meetings and "Trường tiểu học" not in meetings
    assert client.get(reverse("meetings:meeting_detail", args=[other_cell.pk])).status_code == 404
    tasks = client.get(reverse("meetings:my_tasks")).content.decode()
    assert "Thu quỹ khuyến học" in tasks and "Việc của người khác" not in tasks


def test_a_member_reports_on_their_task_and_the_secretary_can_on_their_behalf(client, world, running):
    mine = services.task_assign(meeting=running, description="Thu quỹ", assignee=world.a_members[1], assigned_by=None)
    other = services.task_assign(meeting=running, description="Khác", assignee=world.a_members[2], assigned_by=None)
    login(client, world.member_a)
    response = client.post(reverse("meetings:task_report", args=[mine.pk]), {"note": "Đã thu 80%"})
    assert response["Location"] == reverse("meetings:my_tasks")
    assert client.post(reverse("meetings:task_report", args=[other.pk]), {"note": "X"}).status_code == 404
    login(client, world.secretary_a)
    response = client.post(reverse("meetings:task_report", args=[other.pk]), {"note": "Báo cáo thay: xong một nửa"})
    assert response["Location"] == reverse("meetings:meeting_detail", args=[running.pk])
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.progress_note, mine.progress_reported_by) == ("Đã thu 80%", world.member_a)
    assert (other.progress_note, other.progress_reported_by) == ("Báo cáo thay: xong một nửa", world.secretary_a)
    assert login(client, world.committee_leader).post(reverse("meetings:task_report", args=[mine.pk]),
                                                       {"note": "X"}).status_code == 404


def test_a_user_without_a_member_record_has_empty_own_pages(client, world):
    login(client, world.committee_leader)
    assert "không gắn với đảng viên" in client.get(reverse("meetings:my_tasks")).content.decode()
    assert client.get(reverse("meetings:my_meetings")).status_code == 200
