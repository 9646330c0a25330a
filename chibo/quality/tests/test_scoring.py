"""scoring.py: every record-scored criterion at its boundaries, the gates, the levels, and the bands' coverage."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chibo.quality import scoring
from chibo.quality.scoring import Band
from chibo.quality.tests.specs import facts, full_manual, item, spec

HD42 = spec("hd42-2025")
HD12 = spec("hd12-2018")


def points(code: str, rubric: scoring.RubricSpec = HD42, **overrides) -> int | None:
    return scoring.score_from_record(item(rubric, code), facts(**overrides)).points


# --- the rubrics as loaded -----------------------------------------------------------------------------

@pytest.mark.parametrize("rubric", [HD42, HD12], ids=["hd42", "hd12"])
def test_it_loads_rubrics_that_add_up(rubric):
    assert scoring.rubric_problems(rubric) == []
    assert sum(c.max_points for c in rubric.criteria) == 100


def test_hd42_has_the_seven_criteria_of_domain_4_2():
    assert [(c.code, c.max_points) for c in HD42.criteria] == [
        ("time", 5), ("attendance", 5), ("preparation", 10), ("conduct", 40), ("principles", 5), ("results", 30),
        ("closing", 5)]


def test_a_model_meeting_with_full_manual_marks_is_tot_with_100():
    sheet = scoring.score_sheet(HD42, facts(), full_manual(HD42))
    assert (sheet.total, sheet.level, sheet.complete) == (100, "tot", True)
    assert sheet.from_record == 5 + 5 + 2 + 5 + 30 + 2 + 1


# --- criterion 1: duration --------------------------------------------------------------------------

@pytest.mark.parametrize(("minutes", "expected"), [
    (120, 5), (90, 5), (89, 4), (75, 4), (74, 3), (60, 3), (59, 2), (45, 2), (44, 1), (1, 1),
])
def test_duration_scores_by_minutes_short_of_the_minimum(minutes, expected):
    assert points("duration", duration_minutes=minutes) == expected


def test_duration_uses_the_meeting_minimum_of_120_for_combined_meetings():
    assert points("duration", duration_minutes=110, min_duration_minutes=120) == 4


def test_duration_unknown_is_scored_by_hand():
    line = scoring.score_from_record(item(HD42, "duration"), facts(duration_minutes=None))
    assert (line.points, line.source) == (None, scoring.BY_HAND)


# --- criterion 2: attendance -------------------------------------------------------------------------

@pytest.mark.parametrize(("present", "expected_points"), [
    (30, 4), (27, 4), (26, 3), (23, 3), (22, 2), (20, 2), (19, 1), (0, 1),
])
def test_attendance_band_of_thirty_members(present, expected_points):
    # 27/30 = 90% exactly: ≥ 90% (no float rounding to 89.99…); 23/30 = 76,7%; 20/30 = 66,7%; 19/30 = 63,3%.
    assert points("attendance_band", expected=30, present=present, absent=0) == expected_points


def test_attendance_band_is_one_point_when_anyone_is_absent_without_reason():
    assert points("attendance_band", expected=30, present=29, absent=1) == 1


def test_attendance_band_of_no_expected_member_is_scored_by_hand():
    assert points("attendance_band", expected=0, present=0) is None


@pytest.mark.parametrize(("run", "expected"), [(0, 1), (3, 1), (4, 0), (7, 0)])
def test_no_one_absent_with_reason_more_than_three_times_in_a_row(run, expected):
    assert points("excused_streak", longest_excused_run=run) == expected


@pytest.mark.parametrize(("statuses", "run"), [
    ([], 0), (["excused"], 1), (["excused", "present", "excused", "excused"], 2),
    (["excused"] * 4, 4), (["absent", "excused", "excused", "excused", "present"], 3),
])
def test_longest_run(statuses, run):
    assert scoring.longest_run(statuses, "excused") == run


# --- criterion 3: materials ---------------------------------------------------------------------------

@pytest.mark.parametrize(("days_before", "expected"), [(3, 2), (1, 2), (0, 0)])
def test_materials_released_at_least_a_day_before(days_before, expected):
    day = date(2026, 3, 10)
    assert points("materials", held_on=day, materials_released_on=day - timedelta(days=days_before)) == expected


def test_materials_never_released_score_zero_but_a_paper_meeting_is_scored_by_hand():
    assert points("materials", materials_released_on=None) == 0
    assert points("materials", materials_released_on=None, entered_after_the_fact=True) is None


# --- criterion 4: speaking share ----------------------------------------------------------------------

@pytest.mark.parametrize(("speakers", "expected"), [
    (20, 5), (11, 5), (10, 4), (8, 4), (7, 3), (6, 3), (5, 2), (0, 2),
])
def test_speaking_share_of_twenty_present(speakers, expected):
    # > 50% → 5 (strictly: 10/20 is 4); 40–50% → 4; 30–<40% → 3; < 30% → 2.
    assert points("speaking_share", present=20, speakers=speakers) == expected


def test_speaking_share_with_nobody_present_is_scored_by_hand():
    assert points("speaking_share", present=0, speakers=0, expected=5) is None


# --- criterion 6: results of the previous resolution -------------------------------------------------

@pytest.mark.parametrize(("done", "expected"), [
    (10, 30), (9, 30), (8, 27), (7, 24), (6, 20), (5, 15), (4, 10), (0, 10),
])
def test_previous_resolution_completion_bands(done, expected):
    assert points("followup", followup_tasks=10, followup_done=done) == expected


def test_no_tasks_in_the_previous_resolution_is_scored_by_hand():
    assert points("followup", followup_tasks=0, followup_done=0) is None


# --- criterion 7: closing -------------------------------------------------------------------------------

def test_minutes_approved_comes_from_the_record():
    assert points("minutes_approved") == 2
    assert points("minutes_approved", closed=False) == 0


@pytest.mark.parametrize(("published_after", "today_after", "expected"), [
    (0, 5, 1), (2, 5, 1), (3, 5, 0), (None, 5, 0), (None, 2, None),
])
def test_documents_issued_within_two_days(published_after, today_after, expected):
    day = date(2026, 3, 10)
    published = None if published_after is None else day + timedelta(days=published_after)
    assert points("published", held_on=day, published_on=published, today=day + timedelta(days=today_after)) == expected


# --- HD 12 (2018) -------------------------------------------------------------------------------------

def test_hd12_attendance_needs_more_than_85_percent():
    assert points("attendance_band", HD12, expected=20, present=17) == 8  # 85% is not "> 85%"
    assert points("attendance_band", HD12, expected=20, present=18) == 12
    assert points("no_unexcused", HD12, absent=1) == 0
    assert points("no_unexcused", HD12, absent=0) == 4


# --- manual points, levels and gates -----------------------------------------------------------------

def test_manual_points_are_clamped_and_missing_ones_listed():
    manual = full_manual(HD42)
    manual["content"] = 99
    del manual["democracy"]
    sheet = scoring.score_sheet(HD42, facts(), manual)
    assert next(line.points for line in sheet.lines if line.item.code == "content") == 3
    assert sheet.missing == ("democracy",)
    assert not sheet.complete


def test_a_score_of_ninety_five_without_full_speaking_share_is_kha():
    manual = full_manual(HD42)
    sheet = scoring.score_sheet(HD42, facts(speakers=4), manual)  # 40% → 4 of 5
    assert (sheet.total, sheet.score_level, sheet.level) == (99, "tot", "kha")
    assert [g.level for g in sheet.failed_gates] == ["tot"]


def test_the_tot_gate_fails_on_each_of_its_items():
    for overrides in ({"duration_minutes": 80}, {"present": 8, "absent": 0}, {"longest_excused_run": 4},
                      {"speakers": 3}):
        sheet = scoring.score_sheet(HD42, facts(**overrides), full_manual(HD42))
        assert sheet.score_level == "tot" and sheet.level == "kha", overrides


def test_gates_do_not_touch_a_level_they_do_not_guard():
    manual = dict.fromkeys(full_manual(HD42), 0)
    sheet = scoring.score_sheet(HD42, facts(speakers=0), manual)
    assert sheet.level == sheet.score_level


def test_gates_cascade_down_while_they_fail():
    rubric = scoring.RubricSpec(
        total_points=10, thresholds=scoring.Thresholds(9, 7, 5),
        criteria=(scoring.CriterionSpec("c", "C", 10, (scoring.ItemSpec("a", "A", 5), scoring.ItemSpec("b", "B", 5))),),
        gates=(scoring.GateSpec("tot", ("a",)), scoring.GateSpec("kha", ("a",))),
    )
    sheet = scoring.score_sheet(rubric, facts(), {"a": 4, "b": 5})
    assert (sheet.score_level, sheet.level, len(sheet.failed_gates)) == ("tot", "trung_binh", 2)


@given(st.integers(0, 100))
def test_level_boundaries_of_the_default_thresholds(total):
    level = scoring.level_for(total, scoring.Thresholds())
    expected = "tot" if total >= 90 else "kha" if total >= 70 else "trung_binh" if total >= 50 else "kem"
    assert level == expected


@given(st.integers(3, 200), st.data())
def test_levels_never_rise_with_fewer_points(total_points, data):
    cuts = sorted(data.draw(st.lists(st.integers(1, total_points), min_size=3, max_size=3, unique=True)), reverse=True)
    thresholds = scoring.Thresholds(*cuts)
    a, b = sorted(data.draw(st.lists(st.integers(0, total_points), min_size=2, max_size=2)))
    order = scoring.LEVELS
    assert order.index(scoring.level_for(a, thresholds)) >= order.index(scoring.level_for(b, thresholds))
    assert scoring.level_for(cuts[0], thresholds) == "tot"
    assert scoring.level_for(cuts[0] - 1, thresholds) != "tot"


# --- bands: coverage, overlaps, gaps (hypothesis) ------------------------------------------------------

@st.composite
def partitions(draw, domain=scoring.PERCENT):
    """Bands that cover the domain exactly once: cut points, each given to exactly one side."""
    hi = 100 if domain == scoring.PERCENT else 500
    cuts = sorted(draw(st.lists(st.integers(1, hi - 1), max_size=6, unique=True)))
    closed_up = draw(st.lists(st.booleans(), min_size=len(cuts), max_size=len(cuts)))
    edges = [0, *cuts]
    bands = []
    for i, lower in enumerate(edges):
        upper = cuts[i] if i < len(cuts) else (hi if domain == scoring.PERCENT else None)
        lower_open = i > 0 and closed_up[i - 1]
        upper_closed = closed_up[i] if i < len(cuts) else domain == scoring.PERCENT
        bands.append(Band.of(lower, upper, draw(st.integers(0, 5)), lower_open=lower_open, upper_closed=upper_closed))
    return draw(st.permutations(bands))


def _values(bands, domain):
    """Every bound, a point on each side of it, and some points in between."""
    points = {Fraction(0), Fraction(100)} if domain == scoring.PERCENT else {Fraction(0), Fraction(1000)}
    for band in bands:
        for bound in (band.lower, band.upper):
            if bound is not None:
                points |= {bound, bound - Fraction(1, 1000), bound + Fraction(1, 1000)}
    hi = 100 if domain == scoring.PERCENT else None
    return [p for p in points if p >= 0 and (hi is None or p <= hi)]


@given(partitions())
def test_a_partition_has_no_problems_and_covers_every_value_once(bands):
    assert scoring.band_problems(bands, scoring.PERCENT) == []
    for x in _values(bands, scoring.PERCENT):
        assert sum(b.contains(x) for b in bands) == 1, x


@given(partitions(scoring.MINUTES))
def test_a_partition_of_minutes_covers_every_value_once(bands):
    assert scoring.band_problems(bands, scoring.MINUTES) == []
    for x in _values(bands, scoring.MINUTES):
        assert sum(b.contains(x) for b in bands) == 1, x


@given(partitions(), st.data())
def test_dropping_a_band_leaves_a_gap(bands, data):
    assume(len(bands) > 1)
    index = data.draw(st.integers(0, len(bands) - 1))
    kept = [b for i, b in enumerate(bands) if i != index]
    assert {p.kind for p in scoring.band_problems(kept, scoring.PERCENT)} == {"gap"}


@given(partitions(), st.data())
def test_widening_a_band_over_its_neighbour_is_an_overlap(bands, data):
    ordered = sorted(bands, key=lambda b: (b.lower, b.lower_open))
    assume(len(ordered) > 1)
    i = data.draw(st.integers(0, len(ordered) - 2))
    nxt = ordered[i + 1]
    wider = Band(ordered[i].lower, nxt.lower + (nxt.upper - nxt.lower) / 2 if nxt.upper is not None else nxt.lower + 1,
                 ordered[i].points, ordered[i].lower_open, True)
    changed = [*ordered[:i], wider, *ordered[i + 1:]]
    assert "overlap" in {p.kind for p in scoring.band_problems(changed, scoring.PERCENT)}


@given(partitions())
def test_band_points_agree_with_contains(bands):
    for x in _values(bands, scoring.PERCENT):
        assert scoring.band_points(bands, x) == next(b.points for b in bands if b.contains(x))


def test_band_problems_say_what_is_wrong_in_vietnamese():
    bands = [Band.of(0, 50, 1), Band.of(60, 100, 3, upper_closed=True), Band.of(90, 100, 4, upper_closed=True)]
    messages = [p.message for p in scoring.band_problems(bands, scoring.PERCENT, max_points=4)]
    assert "Còn thiếu các giá trị từ 50% đến 60%." in messages
    assert any("chồng lên" in m for m in messages)


def test_band_problems_catch_empty_ranges_points_and_the_domain():
    assert scoring.band_problems([], scoring.PERCENT)[0].kind == "gap"
    assert scoring.band_problems([Band.of(50, 40, 1)], scoring.PERCENT)[0].kind == "invalid"
    assert scoring.band_problems([Band.of(0, 100, 9, upper_closed=True)], scoring.PERCENT, max_points=5)[0].kind == "points"
    assert scoring.band_problems([Band.of(-5, 100, 1, upper_closed=True)], scoring.PERCENT)[0].kind == "outside"
    top_missing = scoring.band_problems([Band.of(0, 100, 1, upper_closed=True)], scoring.PERCENT, max_points=5)
    assert top_missing[0].kind == "points"


def test_rubric_problems_find_points_that_do_not_add_up():
    criteria = list(HD42.criteria)
    first = criteria[0]
    criteria[0] = scoring.CriterionSpec(first.code, first.name, 6, first.items)
    broken = scoring.RubricSpec(100, tuple(criteria), gates=HD42.gates)
    kinds = [p.kind for p in scoring.rubric_problems(broken)]
    assert kinds.count("sum") == 2  # the total (101) and the criterion (items make 5, not 6)


def test_rubric_problems_find_thresholds_and_unknown_gate_items():
    broken = scoring.RubricSpec(100, HD42.criteria, thresholds=scoring.Thresholds(70, 90, 50),
                                gates=(scoring.GateSpec("tot", ("nope",)),))
    assert {p.kind for p in scoring.rubric_problems(broken)} == {"threshold", "gate"}


def test_documents_of_a_meeting_from_the_paper_book_are_scored_by_hand_until_published():
    day = date(2026, 3, 10)
    assert points("published", held_on=day, published_on=None, today=day + timedelta(days=9),
                  entered_after_the_fact=True) is None
    assert points("published", held_on=day, published_on=day, entered_after_the_fact=True) == 1
