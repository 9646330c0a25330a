"""chibo quality_report: the JSON object of METRICS.md, the .xlsx for people, the errors, and the report
recomputed by hand from `chibo export_meetings` (the contract external checks rely on)."""

import json
from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from chibo.organizations.models import Organization
from chibo.organizations.services import member_attach_temporarily, member_exempt
from chibo.quality import services as quality
from chibo.quality.tests.builders import hold
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.quality.tests.test_services import full_marks
from chibo.reports.management.commands.quality_report import Command
from chibo.reports.statistics import Period

pytestmark = pytest.mark.django_db

KEYS = ["org", "from", "to", "cells", "meetings", "regular_meetings", "thematic_meetings", "missed_regular_meetings",
        "attendance_rate", "share_attendance_ge_90", "share_over_half_spoke", "proposal_share", "levels"]


def run(*args: str) -> str:
    out = StringIO()
    call_command("quality_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def subtree(world):
    """Four months of two cells: an exempt member, a temporary attachment, a missed month, ratings."""
    member_exempt(member=world.a_members[3], kind="maternity", reason="Nghỉ thai sản", start_date=date(2026, 2, 1),
                  expected_end_date=date(2026, 3, 31))
    member_attach_temporarily(member=world.b_members[2], to=world.cell_a, start_date=date(2026, 3, 1))
    a, b = world.secretary_a, world.secretary_b
    meetings = [
        hold(world.cell_a, date(2026, 1, 5), by=a, statuses={"Dung": "excused"}, speakers=["An", "Bích"]),
        hold(world.cell_a, date(2026, 2, 5), by=a, statuses={"Dung": "present", "Cường": "absent"},
             speakers=["An"], contributions=[("Dung", "concern"), ("Bích", "question")]),
        hold(world.cell_a, date(2026, 3, 5), by=a, statuses={"Hà": "present"}, speakers=["Hà", "An", "Cường"]),
        hold(world.cell_a, date(2026, 3, 19), by=a, kind="thematic", speakers=["Bích"],
             contributions=[("An", "criticism")]),
        hold(world.cell_b, date(2026, 1, 8), by=b, speakers=["Em", "Giang"], contributions=[("Hà", "report")]),
        hold(world.cell_b, date(2026, 2, 8), by=b, statuses={"Giang": "excused"}, contributions=[("Em", "agreement")]),
        # cell B skips March; April is outside the period
        hold(world.cell_b, date(2026, 4, 8), by=b),
    ]
    quality.meeting_rate(meeting=meetings[0], rater=a, rater_kind="self", manual=full_marks(meetings[0]))
    quality.meeting_rate(meeting=meetings[4], rater=b, rater_kind="self", manual=full_marks(meetings[4]))
    manual = dict.fromkeys(full_marks(meetings[4]), (0, "Chưa đạt"))
    quality.meeting_rate(meeting=meetings[4], rater=world.committee_leader, rater_kind="superior", manual=manual)
    return meetings


def test_it_prints_exactly_the_metrics_object(world, subtree):
    data = json.loads(run("--org", "38.168", "--from", "2026-01", "--to", "2026-03", "--format", "json"))
    assert list(data) == KEYS
    assert list(data["levels"]) == ["tot", "kha", "trung_binh", "kem", "unrated"]
    assert (data["org"], data["from"], data["to"]) == ("38.168", "2026-01", "2026-03")
    assert (data["cells"], data["meetings"], data["regular_meetings"], data["thematic_meetings"]) == (2, 6, 5, 1)
    assert data["missed_regular_meetings"] == 1
    assert isinstance(data["attendance_rate"], float)  # unrounded
    assert data["levels"]["unrated"]["count"] == 4


def test_it_recomputes_from_export_meetings(world, subtree):
    """Every figure of the report, recounted by hand from the export lines (METRICS.md definitions)."""
    args = ("--org", "38.168", "--from", "2026-01", "--to", "2026-03")
    report = json.loads(run(*args, "--format", "json"))
    out = StringIO()
    call_command("export_meetings", *args, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert report == recompute(lines, Organization.objects.get(code="38.168"), Period.of("2026-01", "2026-03"))


def recompute(lines: list[dict], org: Organization, period: Period) -> dict:
    def share(part, whole):
        return part / whole if whole else None

    present = expected = ge_90 = with_expected = over_half = with_present = proposals = contributions = 0
    for line in lines:
        statuses = [line["attendance"][str(m)] for m in line["expected"]]
        here = {m for m in line["expected"] if line["attendance"][str(m)] == "present"}
        n_present = len(here)
        present, expected = present + n_present, expected + len(statuses)
        if statuses:
            with_expected += 1
            ge_90 += n_present / len(statuses) >= 0.9
        speakers = {c["member"] for c in line["contributions"] if c["member"] in here}
        if n_present:
            with_present += 1
            over_half += len(speakers) / n_present > 0.5
        contributions += len(line["contributions"])
        proposals += sum(c["kind"] == "proposal" for c in line["contributions"])
    cells = Organization.objects.cells().filter(path__startswith=org.path)
    held = {(line["cell"], line["date"][:7]) for line in lines if line["kind"] == "regular"}
    missed = sum(
        1 for cell in cells for y, m in period.months
        if (cell.valid_from is None or cell.valid_from <= date(y, m, 1)) and (cell.code, f"{y:04d}-{m:02d}") not in held
    )
    levels = Counter(line["level"] for line in lines)
    return {
        "org": org.code, "from": period.from_code, "to": period.to_code, "cells": cells.count(),
        "meetings": len(lines), "regular_meetings": sum(line["kind"] == "regular" for line in lines),
        "thematic_meetings": sum(line["kind"] == "thematic" for line in lines), "missed_regular_meetings": missed,
        "attendance_rate": share(present, expected), "share_attendance_ge_90": share(ge_90, with_expected),
        "share_over_half_spoke": share(over_half, with_present), "proposal_share": share(proposals, contributions),
        "levels": {level: {"count": levels[level], "share": share(levels[level], len(lines))}
                   for level in ("tot", "kha", "trung_binh", "kem", "unrated")},
    }


def test_it_writes_the_report_as_a_spreadsheet_for_people(world, subtree, tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    run("--org", "38.168", "--from", "2026-01", "--to", "2026-03", "--format", "xlsx", "--output", str(path))
    data = json.loads(run("--org", "38.168", "--from", "2026-01", "--to", "2026-03"))
    book = load_workbook(path)
    rows = {row[0]: row[1:] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    rate = data["attendance_rate"]
    assert rows["Tỷ lệ đảng viên dự sinh hoạt"][0] == f"{rate * 100:.1f}".replace(".", ",") + "%"
    assert rows["Tỷ lệ đảng viên dự sinh hoạt"][1] == pytest.approx(rate)
    assert rows["Số buổi sinh hoạt"][0] == "6"
    assert rows["Xếp loại Chưa đánh giá: số buổi"][1] == 4
    units = list(book.worksheets[1].iter_rows(values_only=True))
    assert [u[1] for u in units[1:]] == ["38.168.001", "38.168.002"]


@pytest.mark.parametrize("args", [
    ("--org", "NOPE", "--from", "2026-01", "--to", "2026-03"),
    ("--org", "38.168", "--from", "2026-1", "--to", "2026-03"),
    ("--org", "38.168", "--from", "2026-01", "--to", "2026-13"),
    ("--org", "38.168", "--from", "2026-04", "--to", "2026-03"),
])
def test_unknown_org_or_malformed_month_is_one_line_on_stderr_and_exit_2(world, args, capsys, monkeypatch):
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)  # keep the test's connection open
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["chibo", "quality_report", *args, "--format", "json"])
    captured = capsys.readouterr()
    assert exit_info.value.code == 2
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1


def test_xlsx_needs_an_output_file(world):
    with pytest.raises(CommandError):
        run("--org", "38.168", "--from", "2026-01", "--to", "2026-03", "--format", "xlsx")
