"""Deterministic demo data as plain records: members, their history, and the builder of units.

Nothing here touches the database; `chibo.demo.profiles` lays out the trees with these pieces
and `chibo.demo.services` writes what they produce. The same
profile, seed, reference date and scale always give the same names, codes and dates: every
random choice comes from `random.Random` seeded with the seed (and, per chunk, with the chunk's
code), and nothing reads today's date — the data is "as of" `REFERENCE_DATE` unless told otherwise.

The plan is a stream of chunks (one commune, one legacy unit, ...) so that the province profile
never holds 370,000 members in memory at once. Transfers and temporary attachments stay inside
a chunk, which keeps each chunk self-contained.
"""

import random
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from chibo.demo import names
from chibo.demo.names import DAO, HMONG, KINH, MUONG, NUNG, TAY, THAI, Weighted, weighted
from chibo.organizations.models import (
    ExemptionKind,
    ExitKind,
    Membership,
    MembershipKind,
    MemberStatus,
    OrganizationKind,
    PositionTitle,
)

REFERENCE_DATE = date(2026, 11, 1)
REORGANISATION_DATE = date(2025, 7, 1)  # district level abolished, commune committees formed
EARLIEST_AS_OF = date(2025, 9, 1)  # the profiles are shaped after the 2025 congresses and reorganisation

P_PROBATIONARY = 0.065  # share of current members still on probation (admitted in the last year)
P_EXITED = 0.015        # members who left the roll in the last three years, kept for history
P_EXEMPT = 0.04         # currently exempted from party work and activities
P_EXEMPT_ENDED = 0.01   # exemptions that ended (maternity leave over, illness treated)
P_TRANSFER = 0.03       # moved between cells of the same commune (an ended membership + a new one)
P_ATTACHED = 0.006      # temporarily attached to another cell right now
P_ATTACHED_ENDED = 0.003

# Congress terms (DOMAIN §2.2): a cell holds its congress "5 năm 2 lần", so the 2025 round opens a term of
# two and a half years, to the next round in 2027; a commune committee's term is five years, 2025–2030.
CELL_TERM_END_YEAR = 2027
COMMUNE_TERM = "2025–2030"
COMMUNE_CONGRESSES = (date(2025, 7, 15), 45)  # held from mid-July 2025, within 45 days (after the 1/7 merger)


# --- records -------------------------------------------------------------------------------------

@dataclass(slots=True)
class OrgSpec:
    code: str
    name: str
    kind: str
    parent_code: str | None
    sector: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    usual_meeting_day: int | None = None


@dataclass(slots=True)
class MembershipSpec:
    org_code: str
    start: date
    kind: str = MembershipKind.REGULAR
    end: date | None = None
    planned_end: date | None = None
    end_reason: str = ""
    note: str = ""


@dataclass(slots=True)
class PositionSpec:
    org_code: str
    title: str
    start: date
    end: date | None = None


@dataclass(slots=True)
class TermSpec:
    org_code: str
    name: str
    start: date
    end: date | None = None


@dataclass(slots=True)
class ExemptionSpec:
    kind: str
    reason: str
    start: date
    expected_end: date | None
    ended_on: date | None
    resolution_ref: str


@dataclass(slots=True)
class MemberSpec:
    full_name: str
    gender: str
    birth_date: date
    ethnicity: str
    religion: str
    phone: str
    card_number: str | None
    admission_date: date
    official_date: date | None
    status: str
    age: int  # on the reference date (or on the exit date); not stored
    home_code: str
    special_duty: bool = False
    exit_kind: str = ""
    exit_date: date | None = None
    exit_note: str = ""
    memberships: list[MembershipSpec] = field(default_factory=list)
    positions: list[PositionSpec] = field(default_factory=list)
    exemptions: list[ExemptionSpec] = field(default_factory=list)

    @property
    def current(self) -> MembershipSpec:
        """The open regular membership (the home cell); exited members: the last one."""
        return next(m for m in reversed(self.memberships) if m.kind == MembershipKind.REGULAR)

    @property
    def is_exempt(self) -> bool:
        return any(e.ended_on is None for e in self.exemptions)

    @property
    def is_attached(self) -> bool:
        return any(m.kind == MembershipKind.TEMPORARY and m.end is None for m in self.memberships)


@dataclass(slots=True)
class Chunk:
    orgs: list[OrgSpec]
    members: list[MemberSpec]
    terms: list[TermSpec] = field(default_factory=list)  # the cells' congress terms (committees': committee_term)


@dataclass
class DemoPlan:
    profile: str
    seed: int
    as_of: date
    root_code: str
    login_committee_code: str
    secretary_cell_codes: tuple[str, str]
    expected_members: int
    expected_cells: int
    chunks: Iterator[Chunk]
    # The 2025 reorganisation (district profile): (unit, new parent) moves and closed units.
    moves: list[tuple[str, str]] = field(default_factory=list)
    closures: list[str] = field(default_factory=list)
    reorganisation_date: date = REORGANISATION_DATE
    reorganisation_decision: str = ""


# --- dates ---------------------------------------------------------------------------------------

def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def random_day(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def vn_date(day: date) -> str:
    """dd/mm/yyyy the way party documents write it: 03/3/2026, but 05/02/2026 for January and February."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


# --- who is in a cell ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Crowd:
    """Age bands (lowest age, highest age + 1, weight) and the share of women in one kind of cell."""

    female: float
    ages: tuple[tuple[int, int, float], ...]
    special_duty: float = 0.0

    def age(self, rng: random.Random) -> int:
        point = rng.random() * sum(w for *_, w in self.ages)
        for low, high, weight in self.ages:
            point -= weight
            if point < 0:
                return rng.randrange(low, high)
        return rng.randrange(self.ages[-1][0], self.ages[-1][1])


WORKING = ((24, 35, 25), (35, 50, 45), (50, 60, 30))
CROWDS = {
    # Village and street cells keep their retirees: a third of the roll is over sixty.
    "village": Crowd(0.33, ((22, 35, 15), (35, 50, 25), (50, 60, 20), (60, 75, 25), (75, 86, 15))),
    "town": Crowd(0.42, ((22, 35, 8), (35, 50, 15), (50, 60, 17), (60, 75, 35), (75, 86, 25))),
    "office": Crowd(0.42, WORKING),
    "school": Crowd(0.70, WORKING),
    "health": Crowd(0.62, WORKING),
    "enterprise": Crowd(0.30, ((23, 35, 30), (35, 50, 45), (50, 60, 25))),
    "police": Crowd(0.12, ((22, 30, 35), (30, 45, 50), (45, 55, 15)), special_duty=0.05),
    "military": Crowd(0.04, ((22, 30, 40), (30, 45, 45), (45, 55, 15)), special_duty=0.05),
}
DECEASED_AGES = Crowd(0.3, ((62, 75, 30), (75, 85, 45), (85, 93, 25)))

RELIGIONS: Weighted = (("Không", 98.0), ("Phật giáo", 1.4), ("Công giáo", 0.6))

# Ethnic make-up of a cell's members.
MIX_KINH: Weighted = ((KINH, 1.0),)
MIX_HMONG: Weighted = ((HMONG, 1.0),)
MIX_TAY: Weighted = ((TAY, 75), (NUNG, 13), (KINH, 10), (DAO, 2))
MIX_NUNG: Weighted = ((NUNG, 72), (TAY, 18), (KINH, 8), (DAO, 2))
MIX_DAO: Weighted = ((DAO, 88), (TAY, 8), (NUNG, 4))
MIX_CB_TOWN: Weighted = ((KINH, 35), (TAY, 40), (NUNG, 22), (DAO, 2), (HMONG, 1))
MIX_CB_OFFICE: Weighted = ((TAY, 42), (NUNG, 26), (KINH, 26), (DAO, 4), (HMONG, 2))
MIX_TH_LOWLAND: Weighted = ((KINH, 99), (MUONG, 1))
MIX_TH_MUONG: Weighted = ((MUONG, 80), (KINH, 18), (THAI, 2))
MIX_TH_THAI: Weighted = ((THAI, 85), (KINH, 8), (MUONG, 7))
MIX_TH_HIGHLAND_OFFICE: Weighted = ((KINH, 50), (MUONG, 25), (THAI, 20), (HMONG, 3), (DAO, 2))

EXIT_KINDS: Weighted = (
    (ExitKind.DECEASED, 62), (ExitKind.TRANSFERRED_OUT, 26), (ExitKind.REMOVED, 7),
    (ExitKind.RESIGNED, 3), (ExitKind.EXPELLED, 2),
)
TRANSFER_DESTINATIONS = (
    "Đảng bộ thành phố Hà Nội", "Đảng bộ tỉnh Lạng Sơn", "Đảng bộ tỉnh Thái Nguyên", "Đảng bộ tỉnh Bắc Ninh",
    "Đảng bộ tỉnh Nghệ An", "Đảng bộ tỉnh Ninh Bình", "Đảng bộ Thành phố Hồ Chí Minh", "Đảng bộ Quân khu 1",
    "Đảng bộ Công an tỉnh", "Đảng bộ tỉnh Tuyên Quang",
)
EXIT_NOTES: dict[str, str] = {
    ExitKind.DECEASED: "Từ trần",
    ExitKind.REMOVED: "Bỏ sinh hoạt đảng ba tháng trong năm không có lý do chính đáng",
    ExitKind.RESIGNED: "Xin ra khỏi Đảng vì lý do cá nhân",
    ExitKind.EXPELLED: "Vi phạm kỷ luật đến mức phải khai trừ",
}


@dataclass(slots=True)
class CellRecipe:
    """What a cell is like before its members are drawn."""

    code: str
    name: str
    parent_code: str
    kind: str
    sector: str
    crowd: str
    mix: Weighted
    weight: float
    valid_from: date
    terms: list[TermSpec] = field(default_factory=list)  # filled with the officers (_officers)

    @property
    def mono_ethnic(self) -> bool:
        return len(self.mix) == 1 and self.mix[0][0] != KINH


@dataclass
class CardIssuer:
    """Party cards go to official members only; probationary members get theirs when they become official."""

    prefix: str
    issued: int = 0

    def next(self) -> str:
        self.issued += 1
        return f"{self.prefix}{self.issued:06d}"


def _admission(rng: random.Random, birth: date, latest: date) -> date:
    """Admitted between 20 and 45, most often in the twenties; ceremonies cluster on 3/2, 19/5 and 2/9."""
    earliest = add_years(birth, 20)
    latest = min(add_years(birth, 45), latest)
    span = (latest - earliest).days
    day = earliest + timedelta(days=int(rng.triangular(0, span, span * 0.15)))
    if rng.random() < 0.3:
        month, dom = rng.choice(((2, 3), (5, 19), (9, 2)))
        ceremony = date(day.year, month, dom)
        if earliest <= ceremony <= latest:
            day = ceremony
    return day


def _person(rng: random.Random, cards: CardIssuer, cell: CellRecipe, *, on: date, probationary: bool,
            crowd: Crowd | None = None) -> MemberSpec:
    """A member of `cell` as they are on `on`: age, name, admission, card, phone, first membership."""
    crowd = crowd or CROWDS[cell.crowd]
    age = rng.randint(22, 38) if probationary else crowd.age(rng)
    female = rng.random() < crowd.female
    birth = random_day(rng, add_years(on, -(age + 1)) + timedelta(days=1), add_years(on, -age))
    ethnicity = weighted(rng, cell.mix)
    full_name = names.person_name(rng, ethnicity=ethnicity, female=female, birth_year=birth.year)
    if probationary:
        admission = on - timedelta(days=rng.randint(7, 360))
        official = None
    else:
        admission = _admission(rng, birth, add_years(on, -1) - timedelta(days=1))
        official = add_years(admission, 1)
    # Most members were admitted in the cell they are in; the others moved in later.
    start = admission if probationary or rng.random() < 0.55 else random_day(
        rng, admission, on - timedelta(days=30))
    start = min(max(start, cell.valid_from), on)
    no_phone = rng.random() < (0.3 if age >= 75 else 0.02)
    member = MemberSpec(
        full_name=full_name, gender="female" if female else "male", birth_date=birth, ethnicity=ethnicity,
        religion=weighted(rng, RELIGIONS), phone="" if no_phone else names.phone_number(rng),
        card_number=None if probationary else cards.next(), admission_date=admission, official_date=official,
        status=MemberStatus.PROBATIONARY if probationary else MemberStatus.OFFICIAL, age=age,
        home_code=cell.code, special_duty=rng.random() < crowd.special_duty,
    )
    member.memberships.append(MembershipSpec(org_code=cell.code, start=start))
    return member


def _exited_person(rng: random.Random, cards: CardIssuer, cell: CellRecipe, as_of: date) -> MemberSpec:
    kind = weighted(rng, EXIT_KINDS)
    # Within the last three years, and while the cell existed.
    exit_date = random_day(rng, max(as_of - timedelta(days=1100), cell.valid_from + timedelta(days=30)),
                           as_of - timedelta(days=20))
    crowd = DECEASED_AGES if kind == ExitKind.DECEASED else None
    member = _person(rng, cards, cell, on=exit_date, probationary=False, crowd=crowd)
    membership = member.memberships[-1]
    membership.start = min(membership.start, exit_date)
    membership.end, membership.end_reason = exit_date, Membership.EndReason.EXIT
    member.exit_kind, member.exit_date = kind, exit_date
    if kind == ExitKind.TRANSFERRED_OUT:
        member.exit_note = f"Chuyển sinh hoạt đảng chính thức đến {rng.choice(TRANSFER_DESTINATIONS)}"
    else:
        member.exit_note = EXIT_NOTES[kind]
    return member


def _resolution_ref(rng: random.Random, day: date) -> str:
    return f"Nghị quyết số {min(day.month + rng.randint(0, 2), 24):02d}-NQ/CB ngày {vn_date(day)}"


def _exemption(rng: random.Random, member: MemberSpec, kind: str, as_of: date) -> ExemptionSpec | None:
    """An exemption active on `as_of`, starting after the member joined the cell."""
    joined = member.current.start
    if kind == ExemptionKind.AGE_HEALTH:
        first = max(joined, add_years(member.birth_date, 70), add_years(as_of, -10))
        start = random_day(rng, first, as_of - timedelta(days=10))
        expected, reason = None, rng.choice(("Tuổi cao, sức khỏe yếu", "Tuổi cao, thường xuyên ốm đau",
                                             "Tuổi cao, đi lại khó khăn"))
    else:
        start = as_of - timedelta(days=rng.randint(10, 200))
        lengths: dict[str, tuple[int, str]] = {
            ExemptionKind.ILLNESS: (rng.randint(270, 365), "Điều trị bệnh dài ngày"),
            ExemptionKind.MATERNITY: (183, "Nghỉ thai sản theo chế độ"),
            ExemptionKind.ABROAD: (rng.randint(210, 365), rng.choice(("Ra nước ngoài thăm thân",
                                                                    "Đi chữa bệnh ở nước ngoài"))),
            ExemptionKind.REMOTE_WORK: (rng.randint(200, 360), "Làm việc ở vùng sâu, không có tổ chức đảng"),
            ExemptionKind.MOBILE_WORK: (rng.randint(200, 360), "Làm việc lưu động, không về sinh hoạt được"),
        }
        length, reason = lengths[kind]
        if kind == ExemptionKind.MATERNITY:
            start = as_of - timedelta(days=rng.randint(10, 170))
        start = max(start, joined)
        expected = start + timedelta(days=length)
        if expected < as_of:
            return None
    if start > as_of:
        return None
    return ExemptionSpec(kind=kind, reason=reason, start=start, expected_end=expected, ended_on=None,
                         resolution_ref=_resolution_ref(rng, start))


EXEMPTION_KINDS: Weighted = (
    (ExemptionKind.AGE_HEALTH, 65), (ExemptionKind.ILLNESS, 12), (ExemptionKind.MATERNITY, 10),
    (ExemptionKind.ABROAD, 5), (ExemptionKind.REMOTE_WORK, 4), (ExemptionKind.MOBILE_WORK, 4),
)
_EXEMPTION_FITS: dict[str, Callable[[MemberSpec], bool]] = {
    ExemptionKind.AGE_HEALTH: lambda m: m.age >= 70,
    ExemptionKind.ILLNESS: lambda m: 40 <= m.age < 75,
    ExemptionKind.MATERNITY: lambda m: m.gender == "female" and 22 <= m.age <= 42,
    ExemptionKind.ABROAD: lambda m: 25 <= m.age <= 60,
    ExemptionKind.REMOTE_WORK: lambda m: 22 <= m.age <= 50,
    ExemptionKind.MOBILE_WORK: lambda m: 22 <= m.age <= 50,
}


def _exempt_some(rng: random.Random, current: list[MemberSpec], as_of: date) -> None:
    """About 4% exempted now (mostly the elderly), about 1% with an exemption that ended."""
    for _ in range(sum(rng.random() < P_EXEMPT for _ in current)):
        free = [m for m in current if not m.exemptions]
        kinds = [(k, w) for k, w in EXEMPTION_KINDS if any(_EXEMPTION_FITS[k](m) for m in free)]
        if not kinds:
            return
        kind = weighted(rng, kinds)
        member = rng.choice([m for m in free if _EXEMPTION_FITS[kind](m)])
        exemption = _exemption(rng, member, kind, as_of)
        if exemption is not None:
            member.exemptions.append(exemption)
    for _ in range(sum(rng.random() < P_EXEMPT_ENDED for _ in current)):
        free = [m for m in current if not m.exemptions and m.age < 60
                and m.current.start < as_of - timedelta(days=500)]
        if not free:
            return
        member = rng.choice(free)
        maternity = member.gender == "female" and member.age <= 45
        start = random_day(rng, max(member.current.start, add_years(as_of, -4)), as_of - timedelta(days=400))
        length = 183 if maternity else rng.randint(120, 300)
        member.exemptions.append(ExemptionSpec(
            kind=ExemptionKind.MATERNITY if maternity else ExemptionKind.ILLNESS,
            reason="Nghỉ thai sản theo chế độ" if maternity else "Điều trị bệnh dài ngày",
            start=start, expected_end=start + timedelta(days=length), ended_on=start + timedelta(days=length),
            resolution_ref=_resolution_ref(rng, start),
        ))


def _transfer_some(rng: random.Random, cells: list[CellRecipe], current: list[MemberSpec]) -> None:
    """Transfers between cells: an ended membership in the old cell, the day before the current one starts."""
    moved_in = [m for m in current if m.current.start > m.admission_date + timedelta(days=365)]
    for member in rng.sample(moved_in, min(len(moved_in), round(len(current) * P_TRANSFER))):
        home = member.current
        source = rng.choice([c for c in cells if c.code != home.org_code])
        start = max(member.admission_date, source.valid_from)
        end = home.start - timedelta(days=1)
        if end < start:
            continue
        member.memberships.insert(0, MembershipSpec(
            org_code=source.code, start=start, end=end, end_reason=Membership.EndReason.TRANSFER))
        home.note = f"Chuyển từ {source.name}"


def _attach_some(rng: random.Random, cells: list[CellRecipe], current: list[MemberSpec], as_of: date) -> None:
    """Temporary attachments (sinh hoạt tạm thời) to another cell, some ongoing, some ended."""
    by_code = {c.code: c for c in cells}
    # Attachments go to mixed cells only: a village whose roll is all Hmong stays all Hmong.
    hosts = [c for c in cells if not c.mono_ethnic]
    candidates = [m for m in current if not m.exemptions and 22 <= m.age <= 60 and not by_code[m.home_code].mono_ethnic]
    count = round(len(current) * P_ATTACHED) + round(len(current) * P_ATTACHED_ENDED)
    for index, member in enumerate(rng.sample(candidates, min(len(candidates), count))):
        targets = [c for c in hosts if c.code != member.home_code]
        if not targets:
            continue
        host = rng.choice(targets)
        ongoing = index < round(len(current) * P_ATTACHED)
        first = member.current.start + timedelta(days=1)
        end: date | None
        if ongoing:
            start = max(first, as_of - timedelta(days=rng.randint(20, 240)))
            end = None
        else:
            start = max(first, as_of - timedelta(days=rng.randint(400, 1500)))
            end = start + timedelta(days=rng.randint(60, 300))
            if end >= as_of:
                continue
        if start >= as_of:
            continue
        member.memberships.append(MembershipSpec(
            org_code=host.code, kind=MembershipKind.TEMPORARY, start=start, end=end,
            planned_end=start + timedelta(days=rng.randint(90, 365)),
            end_reason=Membership.EndReason.ATTACHMENT_ENDED if end else "",
            note=rng.choice(("Đi làm việc có thời hạn tại địa bàn", "Học tập, bồi dưỡng dài ngày",
                             "Chăm sóc người thân điều trị dài ngày")),
        ))


def _officers(rng: random.Random, cell: CellRecipe, roll: list[MemberSpec], as_of: date) -> None:
    """Bí thư and phó bí thư in every cell; chi ủy viên too once there are nine official members."""
    official = [m for m in roll if m.status == MemberStatus.OFFICIAL]
    eligible = [m for m in official if not m.is_exempt and not m.is_attached and 25 <= m.age <= 70]
    if len(eligible) < 2:
        eligible = [m for m in official if not m.is_attached] or official
    # The 2025 cell congresses came before the reorganisation; cells formed later had officers appointed.
    term_start = max(random_day(rng, date(2025, 3, 10), date(2025, 5, 31)), cell.valid_from)
    committee = 0 if len(official) < 9 else (3 if len(official) < 30 else 5)
    titles = [PositionTitle.SECRETARY, PositionTitle.DEPUTY_SECRETARY]
    titles += [PositionTitle.COMMITTEE_MEMBER] * max(0, committee - 2)

    def preference(member: MemberSpec) -> float:
        prime = 40 <= member.age <= 62 and member.current.start <= term_start
        return rng.random() * (0.4 if prime else 1.0)

    ranked = sorted(eligible, key=preference)
    for member, title in zip(ranked, titles, strict=False):
        member.positions.append(PositionSpec(org_code=cell.code, title=title,
                                             start=max(term_start, member.current.start)))
    previous_start = random_day(rng, date(2022, 3, 1), date(2022, 6, 30))
    cell.terms[:] = _cell_terms(cell, term_start, previous_start)
    if cell.valid_from <= date(2022, 1, 1) and rng.random() < 0.5:
        earlier = [m for m in official if m is not ranked[0] and m.current.start <= previous_start]
        if earlier:
            rng.choice(earlier).positions.append(PositionSpec(
                org_code=cell.code, title=PositionTitle.SECRETARY, start=previous_start,
                end=term_start - timedelta(days=1)))


def _cell_terms(cell: CellRecipe, term_start: date, previous_start: date) -> list[TermSpec]:
    """The current term from the 2025 congress (or from the founding of a cell formed later), and the 2022
    term for a cell that existed then. Drawn from dates already chosen: no new random numbers, so the rest
    of the data is what it was before terms were added."""
    current = TermSpec(org_code=cell.code, name=f"{term_start.year}–{max(term_start.year, CELL_TERM_END_YEAR)}",
                       start=term_start)
    if cell.valid_from > previous_start:
        return [current]
    previous = TermSpec(org_code=cell.code, name=f"{previous_start.year}–{term_start.year}", start=previous_start,
                        end=term_start - timedelta(days=1))
    return [previous, current]


def committee_term(org: OrgSpec) -> TermSpec | None:
    """A commune committee in office holds its 2025–2030 congress after the 1 July 2025 merger: the day comes from
    the code (no random draw), so adding terms changed no other record."""
    if org.kind != OrganizationKind.COMMUNE or org.valid_to is not None:
        return None
    first, days = COMMUNE_CONGRESSES
    start = max(first + timedelta(days=zlib.crc32(org.code.encode()) % days), org.valid_from or first)
    return TermSpec(org_code=org.code, name=COMMUNE_TERM, start=start)


def allocate(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), each share at least `minimum`."""
    if not weights:
        return []
    spare = max(0, total - minimum * len(weights))
    scale = sum(weights)
    raw = [spare * w / scale for w in weights]
    shares = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (shares[i] - raw[i], i))
    for i in by_remainder[: spare - sum(shares)]:
        shares[i] += 1
    return [s + minimum for s in shares]


def _chunk_members(rng: random.Random, cards: CardIssuer, cells: list[CellRecipe], sizes: list[int],
                   as_of: date) -> list[MemberSpec]:
    """Everyone in one chunk's cells: current members with their history, and those who left."""
    rolls: list[list[MemberSpec]] = []
    for cell, size in zip(cells, sizes, strict=True):
        # The first three are official: a cell needs at least three official members (Điều lệ, Art. 21).
        roll = [_person(rng, cards, cell, on=as_of, probationary=index >= 3 and rng.random() < P_PROBATIONARY)
                for index in range(size)]
        _exempt_some(rng, roll, as_of)
        rolls.append(roll)
    current = [m for roll in rolls for m in roll]
    if len(cells) > 1:
        _transfer_some(rng, cells, current)
        _attach_some(rng, cells, current, as_of)
    members: list[MemberSpec] = []
    for cell, roll in zip(cells, rolls, strict=True):
        _officers(rng, cell, roll, as_of)
        members.extend(roll)
        members.extend(_exited_person(rng, cards, cell, as_of) for _ in range(sum(
            rng.random() < P_EXITED for _ in roll)))
    return members


def _cell_orgs(cells: list[CellRecipe], rng: random.Random) -> list[OrgSpec]:
    return [OrgSpec(code=c.code, name=c.name, kind=c.kind, parent_code=c.parent_code, sector=c.sector,
                    valid_from=c.valid_from, usual_meeting_day=rng.randint(1, 10)) for c in cells]


# --- shapes --------------------------------------------------------------------------------------

@dataclass
class UnitBuilder:
    """Collects cell recipes for one chunk and hands out codes (`38.168.053.000.001`, DOMAIN §2.1)."""

    rng: random.Random
    cells: list[CellRecipe] = field(default_factory=list)
    committees: list[OrgSpec] = field(default_factory=list)
    _next: dict[str, int] = field(default_factory=dict)

    def number_from(self, parent_code: str, after: int) -> None:
        """Continue the numbering under `parent_code` after `after` (units built by other builders)."""
        self._next[parent_code] = after

    def code_under(self, parent_code: str, *, subordinate: bool) -> str:
        number = self._next.get(parent_code, 0) + 1
        self._next[parent_code] = number
        return f"{parent_code}.000.{number:03d}" if subordinate else f"{parent_code}.{number:03d}"

    def cell(self, parent_code: str, name: str, sector: str, crowd: str, mix: Weighted, weight: float,
             founded: tuple[int, int], *, subordinate: bool = False) -> CellRecipe:
        rng = self.rng
        valid_from = date(rng.randint(*founded), rng.randint(1, 12), rng.randint(1, 28))
        recipe = CellRecipe(
            code=self.code_under(parent_code, subordinate=subordinate), name=name, parent_code=parent_code,
            kind=OrganizationKind.SUBORDINATE_CELL if subordinate else OrganizationKind.GRASSROOTS_CELL,
            sector=sector, crowd=crowd, mix=mix, weight=weight * rng.uniform(0.75, 1.25), valid_from=valid_from,
        )
        self.cells.append(recipe)
        return recipe

    def committee(self, parent_code: str, name: str, sector: str, founded: tuple[int, int]) -> OrgSpec:
        rng = self.rng
        spec = OrgSpec(code=self.code_under(parent_code, subordinate=False), name=name,
                       kind=OrganizationKind.GRASSROOTS_COMMITTEE, parent_code=parent_code, sector=sector,
                       valid_from=date(rng.randint(*founded), rng.randint(1, 12), rng.randint(1, 28)))
        self.committees.append(spec)
        return spec

    def chunk(self, cards: CardIssuer, members: int, as_of: date, head: list[OrgSpec] | None = None) -> Chunk:
        sizes = allocate(members, [c.weight for c in self.cells], minimum=6)
        people = _chunk_members(self.rng, cards, self.cells, sizes, as_of)
        return Chunk(orgs=[*(head or []), *self.committees, *_cell_orgs(self.cells, self.rng)], members=people,
                     terms=[term for cell in self.cells for term in cell.terms])
