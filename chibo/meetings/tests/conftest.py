"""Meetings of the named world: cell A's meeting planned, running, closed."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from chibo.meetings import services
from chibo.meetings.models import AttendanceStatus, Meeting, Procedure

PROCEDURES = importlib.import_module("chibo.meetings.migrations.0002_load_procedures")


@pytest.fixture(autouse=True)
def _procedures(request):
    """The procedures come from a data migration; a transactional test elsewhere flushes them: put them back."""
    names = request.fixturenames
    if "db" not in names and "transactional_db" not in names and "live_server" not in names:
        return
    request.getfixturevalue("transactional_db" if "live_server" in names else "db")
    if not Procedure.objects.exists():
        PROCEDURES.load(apps, None)


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
