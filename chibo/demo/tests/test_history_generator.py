"""The history generator without writing anything: months, weak cells, the roll's rules, determinism, and
what a weak cell's months look like. (The procedures and rubrics come from the migrations' data.)"""

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest

from chibo.demo import history
from chibo.demo.generator import ExemptionSpec, MembershipSpec, MemberSpec, OrgSpec
from chibo.demo.history import Context, MeetingPlan, Person
from chibo.demo.history_writer import cell_plans, figures_of, load_procedures, load_rubrics
from chibo.demo.profiles import build_plan
from chibo.organizations.models import CELL_KINDS

pytestmark = pytest.mark.django_db

COMMUNE_CELLS = [f"04.012.{n:03d}" for n in range(1, 31)]


def test_the_history_is_the_whole_months_before_the_reference_date():
    months = history.history_months(date(2026, 11, 1), 24)
    assert (months[0], months[-1], len(months)) == ((2024, 11), (2026, 10), 24)
    assert history.history_months(date(2026, 11, 20), 2) == [(2026, 9), (2026, 10)]
    assert history.history_months(date(2026, 1, 1), 1) == [(2025, 12)]
    assert history.history_months(date(2026, 1, 1), 0) == []


def test_a_commune_has_three_weak_cells_one_of_each_kind_never_a_demo_login_cell():
    calm = {"04.012.001", "04.012.005"}
    tempers = history.tempers(COMMUNE_CELLS, seed=1, key="04.012", months=24, calm=calm)
    weak = {code: t for code, t in tempers.items() if t.weaknesses}
    assert len(weak) == 3 and not calm & set(weak)
    assert {t.weaknesses for t in weak.values()} == set(history.WEAK_PROFILES)
    assert all(24 - history.WEAK_MONTHS[1] <= t.weak_from <= 24 - history.WEAK_MONTHS[0] for t in weak.values())
    assert all(0.8 <= tempers[code].quality <= 0.9 for code in calm)
    assert tempers == history.tempers(COMMUNE_CELLS, seed=1, key="04.012", months=24, calm=calm)
    assert tempers != history.tempers(COMMUNE_CELLS, seed=2, key="04.012", months=24, calm=calm)


def test_small_chunks_draw_each_cell_on_its_own_so_about_one_in_ten_is_weak():
    weak = sum(bool(history.tempers([f"38.{n:03d}.001"], seed=1, key=f"38.{n:03d}", months=24)[f"38.{n:03d}.001"]
                    .weaknesses) for n in range(400))
    assert 20 <= weak <= 60


def _member(pk: int, memberships, *, status="official", official=date(2000, 1, 1), exemptions=(), special=False):
    spec = MemberSpec(full_name=f"Nguyễn Văn {pk}", gender="male", birth_date=date(1970, 1, 1), ethnicity="Kinh",
                      religion="Không", phone="", card_number=None, admission_date=date(1999, 1, 1),
                      official_date=official, status=status, age=56, home_code="C", special_duty=special,
                      memberships=list(memberships), exemptions=list(exemptions))
    return Person(pk=pk, sort_key=f"{pk:03d}", spec=spec)


def test_the_roll_follows_metrics_md():
    here, there = "C", "D"
    day = date(2026, 3, 5)
    people = [
        _member(1, [MembershipSpec(here, date(2010, 1, 1))]),
        # temporarily attached elsewhere that day: counts there, not here
        _member(2, [MembershipSpec(here, date(2010, 1, 1)), MembershipSpec(there, date(2026, 1, 1), kind="temporary")]),
        # temporarily attached here
        _member(3, [MembershipSpec(there, date(2010, 1, 1)), MembershipSpec(here, date(2026, 2, 1), kind="temporary",
                                                                             end=date(2026, 6, 1))]),
        _member(4, [MembershipSpec(here, date(2010, 1, 1))], exemptions=[
            ExemptionSpec("age_health", "Tuổi cao", date(2025, 1, 1), None, None, "")]),
        _member(5, [MembershipSpec(here, date(2010, 1, 1))], exemptions=[
            ExemptionSpec("illness", "Ốm", date(2025, 1, 1), date(2025, 12, 31), date(2025, 6, 30), "")]),
        _member(6, [MembershipSpec(here, date(2010, 1, 1))], special=True),
        _member(7, [MembershipSpec(here, date(2025, 10, 1))], status="probationary", official=None),
        _member(8, [MembershipSpec(here, date(2020, 1, 1))], official=date(2026, 4, 1)),  # official since April
        _member(9, [MembershipSpec(here, date(2010, 1, 1), end=date(2026, 2, 1))]),  # left before
    ]
    roll = {s.pk: s for s in history.roll_on(here, day, people)}
    assert set(roll) == {1, 3, 4, 5, 6, 7, 8}
    assert roll[3].is_temporary and not roll[1].is_temporary
    assert roll[4].not_expected_reason == "exempt" and roll[5].is_expected  # ended on 30/6/2025
    assert roll[6].not_expected_reason == "special_duty"
    assert not roll[7].is_official and not roll[8].is_official and roll[1].is_official
    assert [s.pk for s in history.roll_on(there, day, people)] == [2]


@pytest.fixture(scope="module")
def commune_plans(django_db_setup, django_db_blocker) -> dict[str, list[MeetingPlan]]:
    with django_db_blocker.unblock():
        return _plans(seed=1)


def _plans(seed: int, codes=None) -> dict[str, list[MeetingPlan]]:
    plan = build_plan("commune", seed=seed)
    ctx = Context(seed=seed, as_of=plan.as_of, months=history.history_months(plan.as_of, 24),
                  procedures=load_procedures(), rubrics=load_rubrics())
    chunk = next(c for c in plan.chunks if any(o.kind in CELL_KINDS for o in c.orgs))
    people = [Person(pk, spec.full_name, spec) for pk, spec in enumerate(chunk.members, start=1)]
    cells = [o for o in chunk.orgs if o.kind in CELL_KINDS]
    tempers = history.tempers([c.code for c in cells], seed=seed, key="04.012", months=24,
                              calm=plan.secretary_cell_codes)
    names = {o.code: o.name for o in chunk.orgs}
    return {
        cell.code: cell_plans(ctx, cell, [p for p in people if any(m.org_code == cell.code for m in p.spec.memberships)],
                              tempers[cell.code], names)
        for cell in cells if codes is None or cell.code in codes
    }


def _shape(plans: list[MeetingPlan]) -> list[tuple]:
    return [(p.kind, p.number, p.started_at, p.ended_at, [(m.seat.pk, m.status, m.reason) for m in p.roll],
             [(s.member, s.kind, s.gist) for s in p.said], [(b.motion, b.votes_for) for b in p.ballots],
             [(t.description, t.status) for t in p.tasks], [(r.kind, sorted(r.manual.items())) for r in p.ratings])
            for p in plans]


def test_the_same_seed_gives_the_same_meetings_and_another_seed_others(commune_plans):
    again = _plans(seed=1, codes={"04.012.005", "04.012.012"})
    for code, plans in again.items():
        assert _shape(plans) == _shape(commune_plans[code])
    other = _plans(seed=2, codes={"04.012.005"})
    assert _shape(other["04.012.005"]) != _shape(commune_plans["04.012.005"])


def test_a_healthy_cell_meets_monthly_and_quarterly_on_its_usual_day(commune_plans):
    plans = commune_plans["04.012.005"]
    regular = [p for p in plans if p.kind == "regular"]
    assert [(p.held_on.year, p.held_on.month) for p in regular] == history.history_months(date(2026, 11, 1), 24)
    quarters = Counter((p.held_on.year, (p.held_on.month - 1) // 3) for p in plans if p.kind == "thematic")
    assert len(quarters) == 8 and set(quarters.values()) == {1}
    for year in (2025, 2026):
        numbers = [p.number for p in plans if p.held_on.year == year]
        assert numbers == list(range(1, len(numbers) + 1))
    for plan in plans:
        assert plan.chair is not None and plan.secretary is not None and plan.chair != plan.secretary
        assert {m.status for m in plan.roll if m.seat.pk in (plan.chair, plan.secretary)} == {"present"}
        assert all(m.status for m in plan.roll if m.seat.is_expected)
        assert plan.ended_at > plan.started_at and plan.held_on < date(2026, 11, 1)


def test_weak_cells_show_their_weakness_in_their_weak_months(commune_plans):
    tempers = history.tempers(COMMUNE_CELLS, seed=1, key="04.012", months=24, calm={"04.012.001", "04.012.005"})
    months = history.history_months(date(2026, 11, 1), 24)
    for code, temper in tempers.items():
        if not temper.weaknesses:
            continue
        since = date(*months[temper.weak_from], 1)
        weak = [p for p in commune_plans[code] if p.held_on >= since and p.kind == "regular"]
        if history.MISSED in temper.weaknesses:
            assert len(weak) < len(months) - temper.weak_from
        if history.SILENT in temper.weaknesses:
            for plan in weak:
                figures, _followup = figures_of(plan)
                assert figures.speaking_share is not None and figures.speaking_share <= 0.3
        if history.TASKS_UNDONE in temper.weaknesses:
            done = [figures_of(p)[1].done_share for p in weak if p.followups]
            assert sum(share < 0.5 for share in done if share is not None) >= len(done) / 2
        if history.TRUANT in temper.weaknesses:
            absent = Counter(m.seat.pk for p in weak for m in p.roll if m.status == "absent")
            assert absent.most_common(1)[0][1] >= 3


def test_admissions_are_voted_on_with_the_two_thirds_rule_before_the_member_is_admitted(commune_plans):
    ballots = [(p, b) for plans in commune_plans.values() for p in plans for b in p.ballots if b.kind == "admission"]
    assert len(ballots) >= 10
    for plan, ballot in ballots:
        assert plan.kind == "regular"
        assert ballot.votes_for + ballot.votes_against + ballot.votes_abstain <= sum(
            1 for m in plan.roll if m.status == "present" and m.seat.is_official)


def test_an_org_spec_without_a_usual_day_meets_on_the_fifth():
    cell = OrgSpec(code="X", name="Chi bộ Thôn Yên", kind="grassroots_cell", parent_code="P", sector="residential")
    assert history.upcoming_day(cell, date(2026, 11, 1)) == date(2026, 11, 5)
    assert history.upcoming_day(replace(cell, usual_meeting_day=3), date(2026, 11, 4)) == date(2026, 12, 3)
    assert history.meeting_place(cell) == "Nhà văn hóa Thôn Yên"
