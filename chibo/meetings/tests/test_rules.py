"""The counting rules, checked exhaustively: vote thresholds (Điều lệ Art. 9(5), Art. 4) and figures."""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from chibo.meetings import rules
from chibo.meetings.rules import RollRow

counts = st.integers(min_value=0, max_value=500)


@given(denominator=counts, votes_for=counts)
def test_it_passes_an_ordinary_vote_only_with_more_than_half(denominator, votes_for):
    expected = denominator > 0 and Fraction(votes_for, denominator) > Fraction(1, 2)
    assert rules.vote_is_valid(rules.ORDINARY, votes_for, denominator) == expected


@given(denominator=counts, votes_for=counts)
def test_it_passes_an_admission_only_with_at_least_two_thirds(denominator, votes_for):
    expected = denominator > 0 and Fraction(votes_for, denominator) >= Fraction(2, 3)
    assert rules.vote_is_valid(rules.ADMISSION, votes_for, denominator) == expected


@given(denominator=st.integers(min_value=1, max_value=500), kind=st.sampled_from([rules.ORDINARY, rules.ADMISSION]))
def test_required_for_is_the_exact_threshold(denominator, kind):
    needed = rules.required_for(kind, denominator)
    assert rules.vote_is_valid(kind, needed, denominator)
    assert not rules.vote_is_valid(kind, needed - 1, denominator)


def test_it_spells_out_the_thresholds_at_small_sizes():
    # 4 voters: 3 carry a motion (2 is only half); admission needs 3 (2/3 of 4 is 2.67).
    assert rules.required_for(rules.ORDINARY, 4) == 3
    assert rules.required_for(rules.ADMISSION, 4) == 3
    assert rules.required_for(rules.ORDINARY, 3) == 2
    assert rules.required_for(rules.ADMISSION, 3) == 2  # exactly two thirds is enough
    assert rules.required_for(rules.ADMISSION, 6) == 4
    assert not rules.vote_is_valid(rules.ORDINARY, 0, 0)
    assert not rules.vote_is_valid(rules.ADMISSION, 0, 0)


rows = st.lists(st.builds(
    RollRow, member_id=st.integers(1, 10_000), status=st.sampled_from(["present", "excused", "absent", ""]),
    is_expected=st.booleans(), is_official=st.booleans(), arrived_late=st.booleans(),
), max_size=40)


@given(rows)
def test_the_denominator_lies_between_the_voters_present_and_the_official_members(roll):
    d = rules.vote_denominator(roll)
    assert d.voters_present <= d.value <= d.official
    assert d.official == sum(r.is_official for r in roll)


def test_the_denominator_leaves_out_probationary_absent_exempt_and_excused_members():
    roll = [
        RollRow(1, "present"),  # official, present: counts and votes
        RollRow(2, "absent"),  # official, absent without reason: still counts
        RollRow(3, "excused"),  # official, excused: left out
        RollRow(4, "absent", is_expected=False),  # exempt, did not come: left out
        RollRow(5, "present", is_expected=False),  # exempt, came: counts and votes
        RollRow(6, "present", is_official=False),  # probationary: never counts
    ]
    d = rules.vote_denominator(roll)
    assert d.as_dict() == {"official": 5, "not_expected_absent": 1, "excused_absent": 1, "voters_present": 2,
                           "denominator": 3}


def test_it_counts_the_figures_of_one_meeting():
    roll = [
        RollRow(1, "present", arrived_late=True), RollRow(2, "present"), RollRow(3, "excused"),
        RollRow(4, "absent"), RollRow(5, "present", is_expected=False),
    ]
    f = rules.compute_figures(roll, [(1, "proposal"), (1, "report"), (5, "agreement")])
    assert (f.expected, f.present, f.excused, f.absent, f.late, f.present_not_expected) == (4, 2, 1, 1, 1, 1)
    assert f.speakers == 1  # member 5 spoke but is not expected
    assert f.attendance_rate == 0.5
    assert f.speaking_share == 0.5 and f.over_half_spoke is False  # strictly more than half
    assert f.proposal_share == 1 / 3
    assert f.by_kind == {"proposal": 1, "report": 1, "agreement": 1}


def test_empty_denominators_are_undefined():
    f = rules.compute_figures([RollRow(1, "absent", is_expected=False)], [])
    assert f.attendance_rate is None and f.speaking_share is None and f.over_half_spoke is None
    assert f.proposal_share is None
    assert rules.compute_followup([]).done_share is None


def test_the_follow_up_share_counts_done_over_every_task():
    followup = rules.compute_followup(["done", "partly_done", "not_done", "open"])
    assert followup.done_share == 0.25
    assert followup.unreviewed == 1
