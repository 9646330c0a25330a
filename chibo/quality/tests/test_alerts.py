"""alerts.py: each rule on plain records (runs, thresholds, the Charter's three months), then on the world."""

from datetime import date

import pytest

from chibo.quality import alerts
from chibo.quality.alerts import AttendanceRow, CellRecord, MeetingRow, MonthFigures, Rule

START = date(2026, 1, 1)


def rule(kind: str, **params) -> Rule:
    return Rule(kind, kind, kind, params)


def months(*figures: tuple[int, int, int] | None, regular: bool = True) -> list[MonthFigures]:
    """(expected, present, speakers) per month from January 2026; None: no meeting that month."""
    rows = []
    for i, f in enumerate(figures, start=1):
        if f is None:
            rows.append(MonthFigures(2026, i, True))
        else:
            rows.append(MonthFigures(2026, i, True, regular, f[0], f[1], f[2], (100 + i,)))
    return rows


def test_a_missed_regular_meeting_names_the_months():
    record = CellRecord(months=[*months((10, 10, 6), None), MonthFigures(2026, 3, False)])
    reasons = alerts.evaluate([rule("missed_regular_meeting")], record, START)
    assert [r.months for r in reasons] == [("02/2026",)]  # March: the cell did not exist yet


def test_a_month_not_over_is_not_missed_yet():
    record = CellRecord(months=[*months((10, 10, 6), None), MonthFigures(2026, 3, True, ended=False)])
    reasons = alerts.evaluate([rule("missed_regular_meeting")], record, START)
    assert [r.months for r in reasons] == [("02/2026",)]  # March is still running: its meeting may come


@pytest.mark.parametrize(("figures", "flagged"), [
    ([(10, 8, 5), (10, 8, 5)], True),
    ([(10, 8, 5), (10, 9, 5), (10, 8, 5)], False),  # 90% breaks the run
    ([(10, 8, 5), None, (10, 8, 5)], False),  # a month without meetings breaks it too
    ([(10, 9, 5), (10, 9, 5)], False),
])
def test_attendance_under_90_two_months_running(figures, flagged):
    reasons = alerts.evaluate([rule("low_attendance", below_percent=90, months=2)], CellRecord(months=months(*figures)),
                              START)
    assert bool(reasons) is flagged
    if flagged:
        assert reasons[0].meeting_ids == (101, 102)
        assert "80%; 80%" in reasons[0].text


@pytest.mark.parametrize(("speakers", "flagged"), [((3, 3, 3), True), ((3, 4, 3), False), ((2, 3), False)])
def test_speaking_share_at_most_30_three_months_running(speakers, flagged):
    record = CellRecord(months=months(*[(10, 10, s) for s in speakers]))
    assert bool(alerts.evaluate([rule("low_speaking_share", at_most_percent=30, months=3)], record, START)) is flagged


def test_levels_and_followup():
    record = CellRecord(meetings=[MeetingRow(1, date(2026, 1, 5), "tot", 4, 1), MeetingRow(2, date(2026, 2, 5), "kem"),
                                  MeetingRow(3, date(2026, 3, 5), "trung_binh", 4, 2), MeetingRow(4, date(2026, 4, 5), "")])
    low = alerts.evaluate([rule("low_level", levels=["trung_binh", "kem"])], record, START)
    assert low[0].meeting_ids == (2, 3)
    followup = alerts.evaluate([rule("low_followup", below_percent=50)], record, START)
    assert followup[0].meeting_ids == (1,)  # 2/4 is 50%: not under


def attendance(*statuses: str, member: int = 7, name: str = "Lê Văn Tám") -> list[AttendanceRow]:
    return [AttendanceRow(member, name, 200 + i, date(2026, i, 5), s) for i, s in enumerate(statuses, start=1)]


def test_absent_without_reason_once():
    reasons = alerts.evaluate([rule("absent_without_reason", times=1)],
                              CellRecord(attendance=attendance("present", "absent", "present")), START)
    assert reasons[0].meeting_ids == (202,) and "Lê Văn Tám" in reasons[0].text


def test_absent_three_meetings_in_a_row_with_or_without_reason():
    flagged = alerts.evaluate([rule("absent_in_a_row", meetings=3)],
                              CellRecord(attendance=attendance("excused", "absent", "excused", "present")), START)
    assert flagged[0].meeting_ids == (201, 202, 203)
    assert not alerts.evaluate([rule("absent_in_a_row", meetings=3)],
                               CellRecord(attendance=attendance("excused", "absent", "present", "excused")), START)


def test_the_charters_three_months_without_reason_in_a_year():
    record = CellRecord(attendance=attendance("absent", "present", "absent", "excused", "absent"))
    reasons = alerts.evaluate([rule("absent_months_in_year", months=3)], record, START)
    assert reasons[0].meeting_ids == (201, 203, 205) and "xóa tên" in reasons[0].text
    assert not alerts.evaluate([rule("absent_months_in_year", months=3)],
                               CellRecord(attendance=attendance("absent", "present", "absent", "excused")), START)


def test_history_before_the_period_counts_but_must_reach_into_it():
    record = CellRecord(attendance=attendance("absent", "absent", "absent", "present"))
    assert alerts.evaluate([rule("absent_months_in_year", months=3)], record, date(2026, 3, 1))
    assert not alerts.evaluate([rule("absent_months_in_year", months=3)], record, date(2026, 4, 1))
    assert not alerts.evaluate([rule("absent_without_reason")], record, date(2026, 4, 1))


def test_unknown_kinds_are_ignored():
    assert alerts.evaluate([rule("something_else")], CellRecord(), START) == []
