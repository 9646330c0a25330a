"""Meetings of the named world: cell A's meeting planned, running, closed."""

import importlib
import shutil
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from chibo.meetings import services
from chibo.meetings.models import AttendanceStatus, Meeting, Procedure

PROCEDURES = importlib.import_module("chibo.meetings.migrations.0002_load_procedures")
FORMATS = importlib.import_module("chibo.reports.migrations.0002_load_document_formats")


@pytest.fixture(autouse=True)
def _procedures(request):
    """Procedures and document formats come from data migrations; a transactional test elsewhere flushes
    them: put them back."""
    names = request.fixturenames
    if "db" not in names and "transactional_db" not in names and "live_server" not in names:
        return
    request.getfixturevalue("transactional_db" if "live_server" in names else "db")
    if not Procedure.objects.exists():
        PROCEDURES.load(apps, None)
    if not apps.get_model("reports", "DocumentFormat").objects.exists():
        FORMATS.load(apps, None)


@pytest.fixture(scope="session")
def poppler_installed():
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils is not installed (apt-get install poppler-utils)")


def mark(meeting: Meeting, by, **statuses: str) -> None:
    """mark(meeting, user, An="present", Dung="excused") — by given name; excused rows get a reason."""
    for attendance in meeting.attendances.select_related("member"):
        status = statuses.get(attendance.member.given_name)
        if status:
            services.attendance_mark(attendance=attendance, status=status, marked_by=by,
                                     reason="Ốm" if status == AttendanceStatus.EXCUSED else "")


def mark_all_present(meeting: Meeting, by) -> None:
    for attendance in meeting.attendances.all():
        services.attendance_mark(attendance=attendance, status=AttendanceStatus.PRESENT, marked_by=by)


@pytest.fixture
def planned(world):
    return services.meeting_plan(organization=world.cell_a, kind="regular", place="Nhà văn hóa khu phố 1",
                                 planned_date=timezone.localdate() + timedelta(days=7), planned_by=world.secretary_a)


@pytest.fixture
def running(world, planned):
    return services.meeting_start(meeting=planned, started_by=world.secretary_a)


@pytest.fixture
def closed(world, running):
    mark_all_present(running, world.secretary_a)
    services.meeting_opening_set(meeting=running, set_by=world.secretary_a, chair=world.a_members[0],
                                 meeting_secretary=world.a_members[2])
    services.contribution_add(meeting=running, member=world.a_members[1], kind="proposal", gist="Làm đường",
                              added_by=world.secretary_a)
    return services.meeting_close(meeting=running, closed_by=world.secretary_a)


def _at(day, hour: int, minute: int = 0):
    from datetime import datetime

    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def march(world):
    """Cell A's regular meeting of 03/3/2026, entered from the paper book and closed, with every kind of row.

    On the roll: An (bí thư, chairs), Bích (excused), Cường (exempt since 01/01, did not come), Dung
    (probationary, absent) and Hà of cell B, temporarily attached here — expected 4, present 2 (An, Hà).
    The February meeting's two tasks are followed up (one done, one partly done).
    """
    from datetime import date

    from chibo.organizations.services import member_attach_temporarily, member_exempt, position_assign

    an, bich, cuong, dung = world.a_members
    ha = world.b_members[2]
    position_assign(member=an, organization=world.cell_a, title="secretary", start_date=date(2025, 7, 1))
    member_exempt(member=cuong, kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    member_attach_temporarily(member=ha, to=world.cell_a, start_date=date(2026, 1, 1))
    by = world.secretary_a

    feb_day = date(2026, 2, 3)
    february = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=feb_day,
                                           started_at=_at(feb_day, 19, 30), ended_at=_at(feb_day, 21), entered_by=by)
    mark_all_present(february, by)
    services.meeting_opening_set(meeting=february, set_by=by, chair=an, meeting_secretary=bich)
    fees = services.task_assign(meeting=february, description="Thu đảng phí quý I", assignee=bich, assigned_by=by)
    hall = services.task_assign(meeting=february, description="Sửa mái nhà văn hóa", to_committee=True, assigned_by=by)
    services.meeting_close(meeting=february, closed_by=by)

    day = date(2026, 3, 3)
    meeting = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=day,
                                          started_at=_at(day, 19, 30), ended_at=_at(day, 21, 5), entered_by=by,
                                          place="Nhà văn hóa Khu phố 1")
    mark(meeting, by, An="present", Bích="excused", Dung="absent", Hà="present")
    services.meeting_opening_set(meeting=meeting, set_by=by, chair=an, meeting_secretary=ha,
                                 fees_note="Đã thu đảng phí tháng 3/2026 của 4/5 đồng chí")
    services.guest_add(meeting=meeting, name="Đồng chí Lê Văn Tám", title="Đảng ủy viên, phụ trách chi bộ",
                       remarks="Ghi nhận chi bộ đã chuẩn bị chu đáo", added_by=by)
    services.task_follow_up(meeting=meeting, task=fees, status="done", followed_up_by=by)
    services.task_follow_up(meeting=meeting, task=hall, status="partly_done", note="Còn thiếu kinh phí",
                            followed_up_by=by)
    services.contribution_add(meeting=meeting, member=an, kind="report", gist="Báo cáo kết quả tháng 02/2026",
                              added_by=by)
    services.contribution_add(meeting=meeting, member=ha, kind="proposal", gist="Đề nghị lắp đèn đường ngõ 5",
                              added_by=by)
    services.recognition_add(meeting=meeting, member=ha, kind="praise", note="Vận động bà con góp công",
                             added_by=by)
    item = services.resolution_item_add(meeting=meeting, body="Hoàn thành lắp đèn đường ngõ 5 trước ngày 30/3/2026",
                                        added_by=by)
    services.task_assign(meeting=meeting, description="Khảo sát vị trí lắp đèn", assignee=ha,
                         deadline=date(2026, 3, 20), resolution_item=item, assigned_by=by)
    services.meeting_conclusion_set(meeting=meeting, conclusion="Chi bộ thống nhất tập trung chỉnh trang ngõ 5.",
                                    set_by=by)
    services.vote_record(meeting=meeting, motion="Thông qua Nghị quyết tháng 3/2026", kind="ordinary", votes_for=2,
                         recorded_by=by)
    return services.meeting_close(meeting=meeting, closed_by=by)
