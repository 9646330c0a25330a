"""chibo export_meetings: the JSON Lines contract of shared/METRICS.md, parsed and recounted."""

import json
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from chibo.meetings import services
from chibo.meetings.management.commands.export_meetings import Command
from chibo.meetings.tests.conftest import mark
from chibo.organizations.services import member_exempt

KEYS = ["id", "cell", "date", "kind", "expected", "attendance", "contributions", "score", "level"]


def held(world, cell, day: date, *, kind="regular", close=True, **statuses):
    start = datetime(day.year, day.month, day.day, 19, 0, tzinfo=timezone.get_current_timezone())
    meeting = services.meeting_enter_past(organization=cell, kind=kind, held_on=day, started_at=start,
                                          ended_at=start + timedelta(minutes=90), entered_by=None,
                                          topic="Chuyên đề" if kind == "thematic" else "")
    for attendance in meeting.attendances.all():
        services.attendance_mark(attendance=attendance, status=statuses.get(attendance.member.given_name, "present"),
                                 marked_by=None, reason="Ốm")
    secretary = meeting.attendances.select_related("member")[0].member
    services.meeting_opening_set(meeting=meeting, set_by=None, meeting_secretary=secretary)
    if close:
        services.meeting_close(meeting=meeting, closed_by=None)
    return meeting


def export(*args: str) -> list[dict]:
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_prints_one_closed_meeting_per_line_with_the_contract_keys(world):
    world.cell_a.valid_from = date(2020, 1, 1)
    world.cell_a.save(update_fields=["valid_from"])
    member_exempt(member=world.a_members[2], kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    an, bich, cuong, dung = world.a_members
    start = datetime(2026, 3, 4, 19, 0, tzinfo=timezone.get_current_timezone())
    meeting = services.meeting_enter_past(organization=world.cell_a, kind="regular", held_on=date(2026, 3, 4),
                                          started_at=start, ended_at=start + timedelta(minutes=95), entered_by=None)
    mark(meeting, None, An="present", Bích="excused", Cường="present", Dung="absent")
    services.contribution_add(meeting=meeting, member=an, kind="proposal", added_by=None)
    services.contribution_add(meeting=meeting, member=cuong, kind="agreement", added_by=None)
    services.meeting_opening_set(meeting=meeting, set_by=None, meeting_secretary=an)
    services.meeting_close(meeting=meeting, closed_by=None)

    [row] = export("--org", world.cell_a.code, "--from", "2026-03", "--to", "2026-03")
    assert list(row) == KEYS
    assert row == {
        "id": meeting.pk, "cell": "38.168.001", "date": "2026-03-04", "kind": "regular",
        "expected": sorted([an.pk, bich.pk, dung.pk]),
        "attendance": {str(an.pk): "present", str(bich.pk): "excused", str(dung.pk): "absent"},
        "contributions": [{"member": an.pk, "kind": "proposal"}, {"member": cuong.pk, "kind": "agreement"}],
        "score": None, "level": "unrated",
    }
    # Recounting by hand gives the stored figures.
    present = [m for m, s in row["attendance"].items() if s == "present"]
    speakers = {c["member"] for c in row["contributions"]} & {int(m) for m in present}
    figures = meeting.figures
    assert (len(row["expected"]), len(present), len(speakers)) == (figures.expected, figures.present, figures.speakers)


def test_it_exports_the_subtree_in_the_months_asked_and_only_closed_counted_kinds(world):
    for cell in (world.cell_a, world.cell_b):
        cell.valid_from = date(2020, 1, 1)
        cell.save(update_fields=["valid_from"])
    jan = held(world, world.cell_a, date(2026, 1, 31))
    feb_b = held(world, world.cell_b, date(2026, 2, 1))
    thematic = held(world, world.cell_a, date(2026, 2, 10), kind="thematic")
    held(world, world.cell_a, date(2026, 2, 12), kind="extraordinary")  # not counted
    held(world, world.cell_a, date(2026, 2, 20), close=False)  # minutes not approved
    held(world, world.cell_a, date(2026, 4, 1))  # outside the period
    rows = export("--org", world.commune.code, "--from", "2026-01", "--to", "2026-03")
    assert [r["id"] for r in rows] == [jan.pk, feb_b.pk, thematic.pk]
    assert [r["cell"] for r in rows] == ["38.168.001", "38.168.002", "38.168.001"]
    assert rows[2]["kind"] == "thematic"
    assert [r["id"] for r in export("--org", world.cell_b.code, "--from", "2026-01", "--to", "2026-12")] == [feb_b.pk]
    assert export("--org", world.province.code, "--from", "2025-01", "--to", "2025-12") == []


@pytest.mark.parametrize("args", [
    ["--org", "NOPE", "--from", "2026-01", "--to", "2026-02"],
    ["--org", "38", "--from", "2026-13", "--to", "2026-12"],
    ["--org", "38", "--from", "2026-1", "--to", "2026-12"],
    ["--org", "38", "--from", "2026-01", "--to", "2026-02-01"],
    ["--org", "38", "--from", "2026-01\n", "--to", "2026-02"],
    ["--org", "38", "--from", "2026-03", "--to", "2026-02"],
])
def test_bad_arguments_are_one_line_on_stderr_and_exit_2(world, capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["chibo", "export_meetings", *args])
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1


def test_call_command_raises_with_status_2(world):
    with pytest.raises(CommandError) as error:
        call_command("export_meetings", "--org", "NOPE", "--from", "2026-01", "--to", "2026-02")
    assert error.value.returncode == 2
