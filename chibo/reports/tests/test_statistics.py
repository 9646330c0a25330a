"""statistics.py: the METRICS.md figures on constructed cases (exemptions, zero denominators, temporary
attachment, boundaries, levels, missed months) and the promise that no attendance row is scanned."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chibo.core.testing import make_member
from chibo.organizations.services import member_attach_temporarily, member_exempt, organization_create
from chibo.quality import services as quality
from chibo.quality.tests.builders import hold
from chibo.quality.tests.fixtures import reference_data  # noqa: F401  (autouse: the migrations' data)
from chibo.quality.tests.test_services import full_marks
from chibo.reports.statistics import Period, report, scope_totals, statistics, vn_percent

pytestmark = pytest.mark.django_db

JAN_FEB = Period((2026, 1), (2026, 2))


def test_an_empty_scope_has_zero_counts_and_null_shares(world):
    data = report(world.commune, JAN_FEB)
    assert data == {
        "org": "38.168", "from": "2026-01", "to": "2026-02", "cells": 2, "meetings": 0, "regular_meetings": 0,
        "thematic_meetings": 0, "missed_regular_meetings": 4, "attendance_rate": None,
        "share_attendance_ge_90": None, "share_over_half_spoke": None, "proposal_share": None,
        "levels": {level: {"count": 0, "share": None} for level in ("tot", "kha", "trung_binh", "kem", "unrated")},
    }


def test_the_figures_of_a_constructed_subtree(world):
    a, b = world.secretary_a, world.secretary_b
    hold(world.cell_a, date(2026, 1, 5), by=a, statuses={"Dung": "excused"}, speakers=["An", "Bích"],
         contributions=[("Cường", "agreement")])
    hold(world.cell_b, date(2026, 1, 8), by=b, speakers=[], contributions=[("Em", "report")])
    hold(world.cell_a, date(2026, 2, 20), by=a, kind="thematic", speakers=["An", "Bích", "Cường"])
    hold(world.cell_a, date(2026, 2, 25), by=a, kind="extraordinary")  # not counted
    hold(world.cell_b, date(2026, 2, 9), by=b, close=False)  # not closed: not counted
    hold(world.cell_b, date(2026, 3, 9), by=b)  # outside the period
    data = report(world.commune, JAN_FEB)
    assert (data["cells"], data["meetings"], data["regular_meetings"], data["thematic_meetings"]) == (2, 3, 2, 1)
    # Missed: cell A in February (a thematic meeting does not replace the regular one), cell B in February.
    assert data["missed_regular_meetings"] == 2
    # Present 3 + 3 + 4 of expected 4 + 3 + 4.
    assert data["attendance_rate"] == 10 / 11
    # ≥ 90%: cell B in January (3/3) and cell A's thematic (4/4); cell A in January had 3/4.
    assert data["share_attendance_ge_90"] == 2 / 3
    # Over half spoke: A in January (2 of 3), A's thematic (3 of 4); B in January: "Em" reported (1 of 3).
    assert data["share_over_half_spoke"] == 2 / 3
    # Proposals 2 + 3 of 3 + 1 + 3 contributions.
    assert data["proposal_share"] == 5 / 7
    assert data["levels"]["unrated"] == {"count": 3, "share": 1.0}
    assert report(world.cell_b, JAN_FEB)["meetings"] == 1


def test_exempt_members_are_not_expected_even_when_they_come(world):
    member_exempt(member=world.a_members[3], kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    hold(world.cell_a, date(2026, 1, 5), by=world.secretary_a, statuses={"Dung": "present", "Cường": "excused"},
         speakers=["An", "Dung"])
    totals = scope_totals(world.cell_a, JAN_FEB)
    assert (totals.expected, totals.present) == (3, 2)
    assert totals.attendance_rate == 2 / 3
    # Dung (exempt) spoke: the contribution counts, but she is not a speaker among the expected present.
    assert (totals.speakers, totals.contributions, totals.over_half) == (1, 2, 0)


def test_a_temporarily_attached_member_counts_in_the_host_cell_only(world):
    member_attach_temporarily(member=world.a_members[2], to=world.cell_b, start_date=date(2025, 12, 1))
    hold(world.cell_a, date(2026, 1, 5), by=world.secretary_a)
    hold(world.cell_b, date(2026, 1, 8), by=world.secretary_b, statuses={"Cường": "absent"})
    by_child = dict(statistics(world.commune, JAN_FEB).by_child)
    assert (by_child[world.cell_a].expected, by_child[world.cell_a].present) == (3, 3)
    assert (by_child[world.cell_b].expected, by_child[world.cell_b].present) == (4, 3)
    assert by_child[world.cell_b].share_attendance_ge_90 == 0.0


def test_zero_denominators_give_null_shares(world):
    for member in world.b_members:
        member_exempt(member=member, kind="abroad", reason="Công tác", start_date=date(2026, 1, 1))
    hold(world.cell_b, date(2026, 1, 8), by=world.secretary_b, statuses={"Em": "present"})
    data = report(world.cell_b, JAN_FEB)
    assert data["meetings"] == 1
    assert (data["attendance_rate"], data["share_attendance_ge_90"], data["share_over_half_spoke"],
            data["proposal_share"]) == (None, None, None, None)
    assert data["levels"]["unrated"] == {"count": 1, "share": 1.0}


def test_ninety_percent_is_counted_as_at_least_ninety(world):
    cell = organization_create(code="38.168.003", name="Chi bộ Khu phố 3", kind="grassroots_cell",
                               parent=world.commune, valid_from=date(2025, 7, 1))
    names = ["Anh", "Bảo", "Chi", "Duy", "Giao", "Hải", "Khoa", "Lan", "Minh", "Nga"]
    for i, name in enumerate(names):
        make_member(cell, f"Đỗ Văn {name}", f"0300000{i}")
    hold(cell, date(2026, 1, 5), by=world.committee_staff, statuses={"Nga": "excused"},
         speakers=["Anh", "Bảo", "Chi", "Duy", "Giao"])  # 5 of 9 present: over half
    hold(cell, date(2026, 2, 5), by=world.committee_staff, statuses={"Nga": "absent", "Minh": "excused"},
         speakers=["Anh", "Bảo", "Chi", "Duy"])  # 80%; 4 of 8: exactly half is not over half
    totals = scope_totals(cell, JAN_FEB)
    assert (totals.ge_90, totals.with_expected, totals.over_half, totals.with_present) == (1, 2, 1, 2)


def test_levels_count_the_final_rating(world):
    first = hold(world.cell_a, date(2026, 1, 5), by=world.secretary_a, speakers=["An", "Bích", "Cường"])
    second = hold(world.cell_b, date(2026, 1, 8), by=world.secretary_b, speakers=["Em", "Giang"])
    hold(world.cell_a, date(2026, 2, 5), by=world.secretary_a)
    quality.meeting_rate(meeting=first, rater=world.secretary_a, rater_kind="self", manual=full_marks(first))
    quality.meeting_rate(meeting=second, rater=world.secretary_b, rater_kind="self", manual=full_marks(second))
    manual = full_marks(second)
    manual["regular_content"] = (0, "Nội dung sơ sài")
    manual["democracy"] = (0, "Không có tranh luận")
    quality.meeting_rate(meeting=second, rater=world.committee_leader, rater_kind="working_group", manual=manual)
    totals = scope_totals(world.commune, JAN_FEB)
    assert totals.levels == {"tot": 1, "kha": 1, "trung_binh": 0, "kem": 0, "unrated": 1}
    assert totals.disagreements == 1
    assert report(world.commune, JAN_FEB)["levels"]["tot"] == {"count": 1, "share": 1 / 3}


def test_a_cell_counts_for_months_it_existed_on_the_first_day(world):
    organization_create(code="38.168.004", name="Chi bộ mới", kind="grassroots_cell", parent=world.commune,
                        valid_from=date(2026, 2, 10))
    period = Period((2026, 1), (2026, 3))
    data = report(world.commune, period)
    assert data["cells"] == 3
    assert data["missed_regular_meetings"] == 2 * 3 + 1  # the new cell only from March


def test_monthly_rows_cover_every_month(world):
    hold(world.cell_a, date(2026, 2, 5), by=world.secretary_a)
    months = statistics(world.commune, Period((2026, 1), (2026, 3))).by_month
    assert [(m, t.meetings) for m, t in months] == [((2026, 1), 0), ((2026, 2), 1), ((2026, 3), 0)]


def test_it_never_scans_attendance_rows_and_its_queries_are_fixed(world):
    for month in (1, 2):
        hold(world.cell_a, date(2026, month, 5), by=world.secretary_a, speakers=["An"])
        hold(world.cell_b, date(2026, month, 8), by=world.secretary_b)
    with CaptureQueriesContext(connection) as few:
        statistics(world.commune, JAN_FEB)
    for month in (1, 2):
        hold(world.cell_a, date(2026, month, 15), by=world.secretary_a, kind="thematic")
    with CaptureQueriesContext(connection) as more:
        statistics(world.commune, JAN_FEB)
    assert len(few) == len(more) == 4
    assert not any("meetings_attendance" in q["sql"] or "meetings_contribution" in q["sql"] for q in more)


def test_periods_and_people_formats():
    assert Period.of("2025-11", "2026-02").months == [(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
    assert Period.of("2024-02", "2024-02").last_day == date(2024, 2, 29)
    with pytest.raises(ValueError):
        Period.of("2026-03", "2026-01")
    with pytest.raises(ValueError):
        Period.of("2026-13", "2026-12")
    assert vn_percent(0.573) == "57,3%"
    assert vn_percent(None) == "—"
    assert vn_percent(1.0) == "100,0%"
    assert vn_percent(2 / 3) == "66,7%"  # rounded, not truncated
    assert vn_percent(1 / 16) == "6,3%"  # half up


def test_a_meeting_in_the_month_a_cell_was_founded_neither_counts_nor_is_missed(world):
    cell = organization_create(code="38.168.005", name="Chi bộ Khu phố 5", kind="grassroots_cell",
                               parent=world.commune, valid_from=date(2026, 2, 10))
    make_member(cell, "Đỗ Văn Năm", "05000001")
    hold(cell, date(2026, 2, 20), by=world.committee_staff)
    hold(cell, date(2026, 3, 20), by=world.committee_staff)
    totals = scope_totals(cell, Period((2026, 1), (2026, 4)))
    assert (totals.cells, totals.regular, totals.missed_regular_meetings) == (1, 2, 1)  # only April is missed
