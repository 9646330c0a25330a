"""The superior committee's member in charge of a cell (Liaison): assigned by the committee, notified of
every meeting (in the app and by e-mail), and able to follow the cell's calendar and meetings."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from chibo.accounts.access import access_meeting, access_meeting_calendar
from chibo.core.errors import RuleViolation
from chibo.core.testing import make_user
from chibo.meetings import selectors, services
from chibo.meetings.models import Liaison


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def liaison_user(world):
    """A commune committee member with an e-mail address and no role in chibo: only the assignment."""
    user = make_user("uyvien")
    user.email, user.first_name, user.last_name = "uyvien@example.vn", "Tám", "Lê Văn"
    user.save(update_fields=["email", "first_name", "last_name"])
    return user


def assign(world, user, start=None):
    return services.liaison_assign(cell=world.cell_a, user=user, start_date=start or timezone.localdate(),
                                   assigned_by=world.committee_staff, title="Đảng ủy viên")


# --- the service ---------------------------------------------------------------------------------

def test_a_new_assignment_ends_the_current_one_the_day_before(world, liaison_user):
    today = timezone.localdate()
    first = assign(world, world.committee_leader, today - timedelta(days=30))
    second = assign(world, liaison_user, today)
    first.refresh_from_db()
    assert first.end_date == today - timedelta(days=1) and second.end_date is None
    assert selectors.cell_liaison(world.cell_a, today) == second
    assert selectors.cell_liaison(world.cell_a, today - timedelta(days=2)) == first
    with pytest.raises(RuleViolation):
        assign(world, world.committee_leader, today - timedelta(days=5))  # not before the current one started
    with pytest.raises(RuleViolation):
        assign(world, liaison_user, today + timedelta(days=3))  # already in charge


def test_only_cells_have_liaisons_and_an_ended_one_stays_ended(world, liaison_user):
    with pytest.raises(RuleViolation):
        services.liaison_assign(cell=world.commune, user=liaison_user, start_date=date(2026, 1, 1), assigned_by=None)
    liaison = assign(world, liaison_user)
    services.liaison_end(liaison=liaison, ended_by=None)
    assert selectors.cell_liaison(world.cell_a, timezone.localdate() + timedelta(days=1)) is None
    with pytest.raises(RuleViolation):
        services.liaison_end(liaison=liaison, ended_by=None)


# --- the notice ------------------------------------------------------------------------------------

def test_the_notice_goes_to_the_liaison_in_the_app_and_by_email(world, planned, liaison_user, settings,
                                                                django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assign(world, liaison_user)
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.meeting_notify(meeting=planned, sent_by=world.secretary_a)
    assert notice.liaison.user == liaison_user
    assert notice.recipients == 5  # the four on the roll and the liaison
    assert notice.emailed == 1 and mail.outbox[0].to == ["uyvien@example.vn"]
    assert "Nhà văn hóa khu phố 1" in mail.outbox[0].body


def test_without_a_liaison_the_notice_goes_to_the_roll_only(world, planned):
    notice = services.meeting_notify(meeting=planned, sent_by=world.secretary_a)
    assert notice.liaison is None and notice.recipients == 4


def test_the_liaison_sees_the_notice_and_the_meeting_on_their_own_page(client, world, planned, liaison_user):
    assign(world, liaison_user)
    services.meeting_notify(meeting=planned, sent_by=world.secretary_a)
    html = login(client, liaison_user).get(reverse("meetings:my_meetings")).content.decode()
    assert "Chi bộ tôi phụ trách" in html and "Thông báo đã nhận" in html
    assert planned.title in html and "Chi bộ Khu phố 1" in html and "Nhà văn hóa khu phố 1" in html
    assert client.get(reverse("meetings:meeting_detail", args=[planned.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting_calendar", args=[world.cell_a.code])).status_code == 200
    # Only cell A: cell B's meetings and calendar stay out of reach.
    assert client.get(reverse("meetings:meeting_calendar", args=[world.cell_b.code])).status_code == 404


def test_a_member_does_not_see_the_liaison_section(client, world, planned):
    html = login(client, world.member_a).get(reverse("meetings:my_meetings")).content.decode()
    assert "Chi bộ tôi phụ trách" not in html


# --- access --------------------------------------------------------------------------------------

def can(fn, *args, **kwargs) -> bool:
    try:
        fn(*args, **kwargs)
    except Http404:
        return False
    return True


def test_the_liaison_reads_but_never_writes_the_cells_meetings(world, planned, liaison_user):
    assert not can(access_meeting, liaison_user, planned.pk)
    liaison = assign(world, liaison_user, timezone.localdate() - timedelta(days=10))
    assert can(access_meeting, liaison_user, planned.pk)
    assert access_meeting_calendar(liaison_user, world.cell_a.code) == world.cell_a
    assert not can(access_meeting, liaison_user, planned.pk, for_write=True)
    assert not can(access_meeting_calendar, liaison_user, world.cell_b.code)
    services.liaison_end(liaison=liaison, ended_by=None, end_date=timezone.localdate() - timedelta(days=1))
    assert not can(access_meeting, liaison_user, planned.pk)  # no longer in charge


# --- the screen ----------------------------------------------------------------------------------

def test_committee_staff_assign_the_liaison_on_the_cells_screen(client, world, liaison_user):
    url = reverse("meetings:cell_liaisons", args=[world.cell_a.code])
    login(client, world.committee_staff)
    form = client.get(url).content.decode()
    assert "Phân công người phụ trách" in form and "uyvien" not in form  # no committee role: not offered
    response = client.post(url, {"user": world.committee_leader.pk, "title": "Phó Bí thư Đảng ủy",
                                 "start_date": timezone.localdate().isoformat()})
    assert response.status_code == 302
    liaison = Liaison.objects.get()
    assert (liaison.user, liaison.title, liaison.assigned_by) == (world.committee_leader, "Phó Bí thư Đảng ủy",
                                                                  world.committee_staff)
    calendar = client.get(reverse("meetings:meeting_calendar", args=[world.cell_a.code])).content.decode()
    assert "Cấp ủy viên phụ trách:" in calendar and "danguy" in calendar
    response = client.post(reverse("meetings:liaison_end", args=[liaison.pk]))
    assert response.status_code == 302
    liaison.refresh_from_db()
    assert liaison.end_date == timezone.localdate()


def test_the_cell_sees_its_liaison_but_only_the_committee_assigns(client, world):
    url = reverse("meetings:cell_liaisons", args=[world.cell_a.code])
    for user in (world.secretary_a, world.member_a, world.committee_leader):
        html = login(client, user).get(url).content.decode()
        assert "Chưa phân công cấp ủy viên phụ trách." in html and "Phân công người phụ trách" not in html
        assert client.post(url, {"user": world.committee_leader.pk, "start_date": "2026-01-01"}).status_code == 404
    for user in (world.secretary_b, world.outsider):
        assert login(client, user).get(url).status_code == 404
    liaison = assign(world, world.committee_leader)
    for user in (world.secretary_a, world.secretary_b, world.committee_leader):
        assert login(client, user).post(reverse("meetings:liaison_end", args=[liaison.pk])).status_code == 404
    assert not Liaison.objects.filter(end_date__isnull=False).exists()
    assert login(client, world.committee_staff).get(reverse("meetings:cell_liaisons",
                                                            args=[world.commune.code])).status_code == 404
