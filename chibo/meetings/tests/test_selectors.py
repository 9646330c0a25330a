"""The roll on a date (METRICS.md): temporary attachments, exemptions and special duty."""

from datetime import date

from chibo.meetings import selectors
from chibo.meetings.models import Procedure
from chibo.organizations.services import (
    attachment_end,
    exemption_end,
    member_attach_temporarily,
    member_exempt,
    member_transfer,
    member_update,
)

DAY = date(2026, 3, 10)


def names(members):
    return [m.full_name for m in members]


def test_the_roll_is_the_cells_members_on_that_day(world):
    assert names(selectors.cell_roll(world.cell_a, DAY)) == [
        "Nguyễn Văn An", "Trần Thị Bích", "Lê Đức Cường", "Phạm Thị Dung"]
    assert names(selectors.cell_roll(world.cell_a, date(2019, 12, 31))) == []  # before they joined


def test_a_temporarily_attached_member_counts_where_they_attend(world):
    bich, em = world.a_members[1], world.b_members[0]
    member_attach_temporarily(member=bich, to=world.cell_b, start_date=date(2026, 3, 1))
    member_attach_temporarily(member=em, to=world.cell_a, start_date=date(2026, 3, 1))
    assert "Trần Thị Bích" not in names(selectors.cell_roll(world.cell_a, DAY))
    assert "Trần Thị Bích" in names(selectors.cell_roll(world.cell_b, DAY))
    assert "Hoàng Văn Em" in names(selectors.cell_roll(world.cell_a, DAY))
    assert "Hoàng Văn Em" not in names(selectors.cell_roll(world.cell_b, DAY))
    # Before the attachment, everyone is at home.
    assert "Trần Thị Bích" in names(selectors.cell_roll(world.cell_a, date(2026, 2, 28)))
    entry = next(e for e in selectors.roll_entries(world.cell_a, DAY) if e.member == em)
    assert entry.is_temporary and entry.is_expected


def test_an_ended_attachment_sends_the_member_home(world):
    bich = world.a_members[1]
    attachment = member_attach_temporarily(member=bich, to=world.cell_b, start_date=date(2026, 3, 1))
    attachment_end(attachment=attachment, end_date=date(2026, 3, 31))
    assert "Trần Thị Bích" in names(selectors.cell_roll(world.cell_a, date(2026, 4, 1)))
    assert "Trần Thị Bích" not in names(selectors.cell_roll(world.cell_b, date(2026, 4, 1)))


def test_a_transferred_member_leaves_the_old_roll_on_the_transfer_date(world):
    cuong = world.a_members[2]
    member_transfer(member=cuong, to=world.cell_b, effective_date=date(2026, 3, 5))
    assert "Lê Đức Cường" in names(selectors.cell_roll(world.cell_a, date(2026, 3, 4)))
    assert "Lê Đức Cường" not in names(selectors.cell_roll(world.cell_a, date(2026, 3, 5)))
    assert "Lê Đức Cường" in names(selectors.cell_roll(world.cell_b, date(2026, 3, 5)))


def test_exempt_and_special_duty_members_are_on_the_roll_but_not_expected(world):
    an, bich, cuong = world.a_members[:3]
    member_exempt(member=cuong, kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    member_update(member=bich, data={"special_duty": True})
    entries = {e.member.given_name: e for e in selectors.roll_entries(world.cell_a, DAY)}
    assert len(entries) == 4
    assert entries["Cường"].not_expected_reason == "exempt"
    assert entries["Bích"].not_expected_reason == "special_duty"
    assert names(selectors.expected_members(world.cell_a, DAY)) == ["Nguyễn Văn An", "Phạm Thị Dung"]
    # Before the exemption began, Cường was expected (special duty is a flag without dates).
    assert names(selectors.expected_members(world.cell_a, date(2025, 12, 31))) == [
        "Nguyễn Văn An", "Lê Đức Cường", "Phạm Thị Dung"]


def test_an_exemption_counts_only_between_its_dates(world):
    cuong = world.a_members[2]
    exemption = member_exempt(member=cuong, kind="maternity", reason="Nghỉ", start_date=date(2026, 1, 1),
                              expected_end_date=date(2026, 6, 30))
    expected = lambda day: names(selectors.expected_members(world.cell_a, day))  # noqa: E731
    assert "Lê Đức Cường" not in expected(date(2026, 6, 30))
    assert "Lê Đức Cường" in expected(date(2026, 7, 1))  # past the expected end
    exemption_end(exemption=exemption, ended_on=date(2026, 2, 15))
    assert "Lê Đức Cường" in expected(date(2026, 2, 16))
    assert "Lê Đức Cường" not in expected(date(2026, 2, 15))


def test_a_member_is_official_only_from_the_official_date(world):
    an, dung = world.a_members[0], world.a_members[3]
    assert selectors.is_official_on(an, date(2001, 3, 2))
    assert not selectors.is_official_on(an, date(2001, 3, 1))
    assert not selectors.is_official_on(dung, DAY)


def test_the_procedure_is_the_one_in_force_on_the_day(db):
    assert selectors.procedure_for("regular", date(2025, 10, 28)).code == "hd42-2025-regular"
    assert selectors.procedure_for("regular", date(2025, 10, 27)).code == "hd12-2018-regular"
    assert selectors.procedure_for("thematic", date(2020, 1, 1)).code == "hd12-2018-thematic"
    assert selectors.procedure_for("regular", date(2017, 1, 1)) is None
    assert selectors.procedure_for("extraordinary", DAY) is None


def test_the_data_migration_loads_the_steps_with_their_evidence(db):
    hd42 = Procedure.objects.get(code="hd42-2025-regular")
    steps = list(hd42.steps.all())
    assert hd42.name == "HD 42-HD/BTCTW (28/10/2025) — sinh hoạt thường kỳ"
    assert (hd42.min_duration_minutes, hd42.combined_min_duration_minutes, hd42.materials_lead_days) == (90, 120, 1)
    assert [s.order for s in steps] == list(range(1, len(steps) + 1))
    by_code = {s.code: s for s in steps}
    assert by_code["materials"].phase == "preparation" and by_code["materials"].evidence == "confirmed"
    assert by_code["roll_call"].phase == "meeting" and by_code["roll_call"].evidence == "reported"
    assert by_code["publish"].phase == "after" and by_code["publish"].evidence == "reported"
    assert Procedure.objects.filter(code__startswith="hd12-2018").count() == 2


def test_a_members_open_tasks_leave_the_list_once_followed_up(world, planned):
    from chibo.meetings import services

    meeting = services.meeting_start(meeting=planned, started_by=None)
    bich = world.a_members[1]
    task = services.task_assign(meeting=meeting, description="Thu quỹ", assignee=bich, assigned_by=None)
    services.task_assign(meeting=meeting, description="Báo cáo", to_committee=True, assigned_by=None)
    assert list(selectors.member_open_tasks(bich.pk)) == [task]
    assert list(selectors.member_open_tasks(world.a_members[0].pk)) == []
    task.status = "done"
    task.save(update_fields=["status"])
    assert list(selectors.member_open_tasks(bich.pk)) == []
    assert list(selectors.member_tasks(bich.pk)) == [task]


def test_a_planned_meeting_whose_day_passed_stays_on_the_cells_page_until_held(client, world):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from chibo.meetings import services

    today = timezone.localdate()
    plan = lambda day: services.meeting_plan(organization=world.cell_a, kind="regular",  # noqa: E731
                                             planned_date=day, planned_by=None)
    forgotten = plan(today - timedelta(days=selectors.OVERDUE_DAYS + 5))
    missed = plan(today - timedelta(days=18))
    upcoming = plan(today + timedelta(days=12))
    shown = selectors.cell_upcoming_meetings(world.cell_a, today=today)
    assert shown == [missed, upcoming] and shown[0].is_overdue and not hasattr(shown[1], "is_overdue")
    assert forgotten not in shown
    client.force_login(world.secretary_a)
    body = client.get(reverse("organizations:organization_detail", args=[world.cell_a.code])).content.decode()
    assert reverse("meetings:meeting_detail", args=[missed.pk]) in body and "Đã qua ngày dự kiến" in body
    services.meeting_start(meeting=missed, started_by=None)  # held late: under way, no longer overdue
    shown = selectors.cell_upcoming_meetings(world.cell_a, today=today)
    assert shown == [missed, upcoming] and not hasattr(shown[0], "is_overdue")


def test_a_members_page_keeps_a_meeting_not_yet_held_among_the_coming_ones(client, world):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from chibo.meetings import services

    missed = services.meeting_plan(organization=world.cell_a, kind="regular",
                                   planned_date=timezone.localdate() - timedelta(days=10), planned_by=None)
    client.force_login(world.member_a)
    html = client.get(reverse("meetings:my_meetings")).content.decode()
    coming = html[html.index("Sắp tới"):html.index("Đã diễn ra")]
    assert reverse("meetings:meeting_detail", args=[missed.pk]) in coming
    assert "Đã qua ngày dự kiến, chưa sinh hoạt" in coming
