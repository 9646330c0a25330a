"""The generator without a database: the province profile at a tiny scale, and the invariants of every profile."""

from collections import Counter
from dataclasses import astuple
from datetime import date, timedelta

import pytest

from chibo.demo.generator import (
    REFERENCE_DATE,
    Chunk,
    MemberSpec,
    OrgSpec,
    add_years,
    allocate,
    committee_term,
    vn_date,
)
from chibo.demo.profiles import build_plan
from chibo.organizations.models import CELL_KINDS, MembershipKind, MemberStatus, PositionTitle

TINY = 0.002  # two communes, 30 cells, 740 members


def _records(profile: str, seed: int = 1, **kwargs) -> tuple[list[OrgSpec], list[MemberSpec]]:
    orgs: list[OrgSpec] = []
    members: list[MemberSpec] = []
    for chunk in build_plan(profile, seed=seed, **kwargs).chunks:
        orgs.extend(chunk.orgs)
        members.extend(chunk.members)
    return orgs, members


@pytest.fixture(scope="module")
def tiny_province():
    return _records("province", scale=TINY)


def test_it_builds_a_tiny_province_at_the_asked_scale(tiny_province):
    orgs, members = tiny_province
    kinds = Counter(o.kind for o in orgs)
    assert kinds["province"] == 1
    assert kinds["commune"] == 2
    assert sum(kinds[k] for k in CELL_KINDS) == 30
    assert sum(1 for m in members if not m.exit_kind) == 740


def test_it_streams_the_plan_in_chunks():
    plan = build_plan("province", seed=1, scale=TINY)
    first = next(plan.chunks)
    assert isinstance(first, Chunk)
    assert [o.kind for o in first.orgs] == ["province"]
    assert plan.expected_cells == 30 and plan.expected_members == 740


def test_the_same_seed_gives_the_same_records_and_another_seed_does_not(tiny_province):
    orgs, members = tiny_province
    again_orgs, again_members = _records("province", scale=TINY)
    assert [astuple(o) for o in orgs] == [astuple(o) for o in again_orgs]
    assert [astuple(m) for m in members] == [astuple(m) for m in again_members]
    _other_orgs, other_members = _records("province", seed=2, scale=TINY)
    assert [m.full_name for m in other_members[:50]] != [m.full_name for m in members[:50]]


def test_it_codes_every_organization_under_its_parent(tiny_province):
    orgs, _members = tiny_province
    codes = [o.code for o in orgs]
    assert len(codes) == len(set(codes))
    by_code = {o.code: o for o in orgs}
    for org in orgs:
        if org.parent_code is None:
            continue
        assert org.code.startswith(org.parent_code + ".")
        parent = by_code[org.parent_code]
        if org.kind == "subordinate_cell":
            assert parent.kind == "grassroots_committee"
            assert org.code[len(parent.code):len(parent.code) + 5] == ".000."  # no partial committee between


def test_it_dates_everyone_plausibly_and_nothing_after_the_reference_date(tiny_province):
    _orgs, members = tiny_province
    for m in members:
        on = m.exit_date or REFERENCE_DATE
        assert m.birth_date <= add_years(on, -m.age)
        assert add_years(m.birth_date, 20) <= m.admission_date <= add_years(m.birth_date, 46)
        assert m.admission_date <= REFERENCE_DATE
        if m.status == MemberStatus.OFFICIAL:
            assert m.official_date == add_years(m.admission_date, 1) <= REFERENCE_DATE
            assert m.card_number
        else:
            assert m.official_date is None and m.card_number is None
            assert m.admission_date > add_years(REFERENCE_DATE, -1)
        for ms in m.memberships:
            assert ms.start <= REFERENCE_DATE and (ms.end is None or ms.start <= ms.end <= REFERENCE_DATE)
        for p in m.positions:
            assert p.start <= REFERENCE_DATE
        for e in m.exemptions:
            assert e.start <= REFERENCE_DATE
    current = [m for m in members if not m.exit_kind]
    assert min(m.age for m in current) >= 22 and max(m.age for m in current) <= 85


def test_it_keeps_the_shares_near_reality(tiny_province):
    _orgs, members = tiny_province
    current = [m for m in members if not m.exit_kind]
    probationary = sum(m.status == MemberStatus.PROBATIONARY for m in current) / len(current)
    exempt = sum(m.is_exempt for m in current) / len(current)
    women = sum(m.gender == "female" for m in current) / len(current)
    assert 0.04 <= probationary <= 0.09
    assert 0.02 <= exempt <= 0.06
    assert 0.25 <= women <= 0.5
    assert sum(m.religion == "Không" for m in current) / len(current) > 0.95


def test_it_issues_unique_cards_to_official_members_only(tiny_province):
    _orgs, members = tiny_province
    cards = [m.card_number for m in members if m.card_number]
    assert len(cards) == len(set(cards))
    assert all(card.startswith("38") and len(card) == 8 for card in cards)


def test_every_cell_has_one_current_secretary_and_a_deputy(tiny_province) -> None:
    orgs, members = tiny_province
    titles: Counter[tuple[str, str]] = Counter()
    official: Counter[str] = Counter()
    for m in members:
        if m.exit_kind:
            continue
        if m.status == MemberStatus.OFFICIAL:
            official[m.home_code] += 1
        for p in m.positions:
            if p.end is None:
                titles[p.org_code, p.title] += 1
                assert p.org_code == m.home_code and m.status == MemberStatus.OFFICIAL
    for cell in (o for o in orgs if o.kind in CELL_KINDS):
        assert titles[cell.code, PositionTitle.SECRETARY] == 1
        assert titles[cell.code, PositionTitle.DEPUTY_SECRETARY] == 1
        committee = titles[cell.code, PositionTitle.COMMITTEE_MEMBER]
        assert (committee > 0) == (official[cell.code] >= 9)


def test_it_records_transfers_attachments_and_exits_as_history(tiny_province):
    _orgs, members = tiny_province
    transfers = [m for m in members if any(ms.end_reason == "transfer" for ms in m.memberships)]
    attached = [m for m in members if m.is_attached]
    exited = [m for m in members if m.exit_kind]
    assert transfers and attached and exited
    for m in transfers:
        old, new = m.memberships[0], m.memberships[1]
        assert old.org_code != new.org_code
        assert old.end is not None and (new.start - old.end).days == 1
    for m in attached:
        open_regular = [ms for ms in m.memberships if ms.kind == MembershipKind.REGULAR and ms.end is None]
        temporary = [ms for ms in m.memberships if ms.kind == MembershipKind.TEMPORARY and ms.end is None]
        assert len(open_regular) == 1 and len(temporary) == 1
        assert temporary[0].org_code != open_regular[0].org_code
    for m in exited:
        assert m.memberships[-1].end == m.exit_date and m.memberships[-1].end_reason == "exit"
        assert not [p for p in m.positions if p.end is None]


def test_it_follows_the_reference_date_it_is_given():
    as_of = date(2026, 1, 1)
    _orgs, members = _records("province", scale=TINY, as_of=as_of)
    days = [d for m in members for d in (m.admission_date, m.official_date, m.exit_date,
                                         *(p.start for p in m.positions), *(e.start for e in m.exemptions),
                                         *(x.start for x in m.memberships), *(x.end for x in m.memberships)) if d]
    assert max(days) <= as_of
    current = [m for m in members if not m.exit_kind]
    assert max(m.admission_date for m in current) > date(2025, 10, 1)  # probationary members of the last year
    with pytest.raises(ValueError):
        build_plan("commune", seed=1, as_of=date(2024, 1, 1))


def test_it_allocates_exactly_with_a_minimum():
    shares = allocate(100, [1, 2, 3, 0.5], minimum=5)
    assert sum(shares) == 100 and min(shares) >= 5
    assert shares[2] > shares[1] > shares[0]


def test_it_writes_dates_the_way_party_documents_do():
    assert vn_date(date(2026, 3, 3)) == "03/3/2026"
    assert vn_date(date(2026, 2, 5)) == "05/02/2026"
    assert vn_date(date(2025, 12, 19)) == "19/12/2025"


def test_the_commune_plan_has_thirty_cells_and_a_hmong_hamlet():
    orgs, members = _records("commune")
    cells = [o for o in orgs if o.kind in CELL_KINDS]
    assert len(cells) == 30
    hmong = next(c for c in cells if c.name == "Chi bộ Xóm Lũng Phầy")
    assert {m.ethnicity for m in members if m.home_code == hmong.code} == {"Mông"}


def test_it_refuses_an_unknown_profile():
    with pytest.raises(ValueError):
        build_plan("country", seed=1)


def test_every_cell_has_its_2025_term_and_cells_older_than_2022_the_term_before():
    seen = 0
    for chunk in build_plan("province", seed=1, scale=TINY).chunks:
        cells = {o.code: o for o in chunk.orgs if o.kind in CELL_KINDS}
        terms: dict[str, list] = {}
        for term in chunk.terms:
            terms.setdefault(term.org_code, []).append(term)
        assert set(terms) == set(cells)
        for code, (*earlier, current) in terms.items():
            cell = cells[code]
            assert current.end is None and current.start >= cell.valid_from and current.start.year >= 2025
            assert current.name == f"{current.start.year}–2027"
            if earlier:
                (previous,) = earlier
                assert previous.name == "2022–2025" and previous.start >= cell.valid_from
                assert previous.end == current.start - timedelta(days=1)
            else:
                assert cell.valid_from > date(2022, 3, 1)
            seen += 1
        for commune in (o for o in chunk.orgs if o.kind == "commune"):
            term = committee_term(commune)
            assert term is not None and term.name == "2025–2030"
            assert date(2025, 7, 15) <= term.start <= date(2025, 8, 29) and term.end is None
    assert seen == 30
