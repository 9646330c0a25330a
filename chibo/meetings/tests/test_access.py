"""The gate for meetings (chibo/accounts/access.py): who sees and who changes a meeting of cell A."""

import pytest
from django.http import Http404

from chibo.accounts.access import access_material, access_meeting, access_meeting_part, access_task, access_task_report
from chibo.meetings import services
from chibo.meetings.models import Attendance


def can(fn, *args, **kwargs) -> bool:
    try:
        fn(*args, **kwargs)
    except Http404:
        return False
    return True


def test_it_lets_each_user_see_or_change_exactly_what_their_role_allows(world, planned):
    cases = [  # user, may see, may change
        (world.secretary_a, True, True),
        (world.committee_staff, True, True),
        (world.admin, True, True),
        (world.committee_leader, True, False),  # reads the commune's subtree, changes nothing
        (world.member_a, True, False),  # a plain member of cell A
        (world.secretary_b, False, False),  # another cell: 404, not 403
        (world.outsider, False, False),
    ]
    for user, sees, changes in cases:
        assert can(access_meeting, user, planned.pk) == sees, user.username
        assert can(access_meeting, user, planned.pk, for_write=True) == changes, user.username


def test_unknown_ids_are_404(world):
    with pytest.raises(Http404):
        access_meeting(world.admin, 999_999)
    with pytest.raises(Http404):
        access_meeting_part(world.admin, Attendance, 999_999)
    with pytest.raises(Http404):
        access_task(world.admin, 999_999)


def test_rows_of_a_meeting_go_through_their_meeting(world, running):
    attendance = running.attendances.first()
    assert access_meeting_part(world.secretary_a, Attendance, attendance.pk, for_write=True) == attendance
    assert can(access_meeting_part, world.committee_leader, Attendance, attendance.pk)
    assert not can(access_meeting_part, world.committee_leader, Attendance, attendance.pk, for_write=True)
    assert not can(access_meeting_part, world.secretary_b, Attendance, attendance.pk)


def test_members_see_materials_only_once_released(world, planned):
    material = services.material_add(meeting=planned, title="Dự thảo", body="…", added_by=None)
    assert can(access_material, world.secretary_a, material.pk)
    assert not can(access_material, world.member_a, material.pk)
    services.materials_release(meeting=planned, released_by=None)
    assert can(access_material, world.member_a, material.pk)
    assert not can(access_material, world.secretary_b, material.pk)


def test_a_member_reports_on_their_own_task_and_the_secretary_on_their_behalf(world, running):
    own = services.task_assign(meeting=running, description="Thu quỹ", assignee=world.a_members[1], assigned_by=None)
    other = services.task_assign(meeting=running, description="Báo cáo", assignee=world.a_members[2], assigned_by=None)
    assert can(access_task_report, world.member_a, own.pk)
    assert not can(access_task_report, world.member_a, other.pk)
    assert can(access_task_report, world.secretary_a, other.pk)
    assert not can(access_task_report, world.committee_leader, own.pk)
    assert not can(access_task_report, world.secretary_b, own.pk)
    assert not can(access_task, world.member_a, own.pk, for_write=True)
