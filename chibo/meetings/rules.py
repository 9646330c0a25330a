"""The counting rules of a meeting as pure functions (no ORM): vote validity and per-meeting figures.

Kept apart from the database so that the thresholds can be checked exhaustively (hypothesis) and
so that the dashboard, the exports and the run screen all count the same way (shared/METRICS.md).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

# --- votes (Điều lệ Đảng Art. 9(5); QĐ 294 §9.3.2; DOMAIN §3.3) ------------------------------------

ORDINARY = "ordinary"  # more than half of the denominator
ADMISSION = "admission"  # at least two thirds (Điều lệ Art. 4: admission of a new member)


@dataclass(frozen=True)
class RollRow:
    """One attendance row, reduced to what the rules read."""

    member_id: int
    status: str  # "present", "excused", "absent", or "" while not yet marked
    is_expected: bool = True
    is_official: bool = True
    arrived_late: bool = False


@dataclass(frozen=True)
class Denominator:
    """The official members a vote is counted against, and how that number was reached.

    Official members on the roll (those temporarily attached elsewhere are not on it), minus
    members who are not expected (exempt, special duty) and did not come, minus official members
    absent with a reason. An exempt member who comes and votes is counted.
    """

    official: int
    not_expected_absent: int
    excused_absent: int
    voters_present: int  # official members present: only they raise a hand

    @property
    def value(self) -> int:
        return self.official - self.not_expected_absent - self.excused_absent

    def as_dict(self) -> dict[str, int]:
        return {
            "official": self.official, "not_expected_absent": self.not_expected_absent,
            "excused_absent": self.excused_absent, "voters_present": self.voters_present,
            "denominator": self.value,
        }


def vote_denominator(rows: Iterable[RollRow]) -> Denominator:
    official = not_expected_absent = excused_absent = voters_present = 0
    for row in rows:
        if not row.is_official:
            continue  # probationary members do not vote
        official += 1
        present = row.status == "present"
        if present:
            voters_present += 1
        elif not row.is_expected:
            not_expected_absent += 1
        elif row.status == "excused":
            excused_absent += 1
    return Denominator(official, not_expected_absent, excused_absent, voters_present)


def required_for(kind: str, denominator: int) -> int:
    """The fewest votes in favour that carry the motion (never below one)."""
    if kind == ADMISSION:
        return max(1, (2 * denominator + 2) // 3)  # ceil(2n/3): at least two thirds
    return denominator // 2 + 1  # strictly more than half


def vote_is_valid(kind: str, votes_for: int, denominator: int) -> bool:
    return denominator > 0 and votes_for >= required_for(kind, denominator)


def vote_errors(votes_for: int, votes_against: int, votes_abstain: int, denominator: Denominator) -> list[str]:
    """Counts that cannot be true; the messages are translated by the caller."""
    errors = []
    if min(votes_for, votes_against, votes_abstain) < 0:
        errors.append("negative")
    if votes_for + votes_against + votes_abstain > denominator.voters_present:
        errors.append("too_many")
    return errors


# --- figures (shared/METRICS.md, "Per meeting") ----------------------------------------------------

def share(part: int, whole: int) -> float | None:
    """A fraction in [0, 1], unrounded; None when the denominator is empty."""
    return part / whole if whole else None


@dataclass(frozen=True)
class Figures:
    expected: int = 0
    present: int = 0
    excused: int = 0
    absent: int = 0
    unmarked: int = 0
    late: int = 0
    present_not_expected: int = 0
    speakers: int = 0
    contributions: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    duration_minutes: int | None = None

    @property
    def attendance_rate(self) -> float | None:
        return share(self.present, self.expected)

    @property
    def speaking_share(self) -> float | None:
        return share(self.speakers, self.present)

    @property
    def over_half_spoke(self) -> bool | None:
        rate = self.speaking_share
        return None if rate is None else rate > 0.5

    @property
    def proposal_share(self) -> float | None:
        return share(self.by_kind.get("proposal", 0), self.contributions)


def compute_figures(rows: Iterable[RollRow], contributions: Iterable[tuple[int, str]],
                    *, duration_minutes: int | None = None) -> Figures:
    """Count a meeting: `contributions` are (member_id, kind) pairs in any order."""
    counts = {"present": 0, "excused": 0, "absent": 0, "": 0}
    expected = late = present_not_expected = 0
    present_expected: set[int] = set()
    for row in rows:
        if not row.is_expected:
            present_not_expected += row.status == "present"
            continue
        expected += 1
        counts[row.status if row.status in counts else ""] += 1
        if row.status == "present":
            present_expected.add(row.member_id)
            late += row.arrived_late
    by_kind: dict[str, int] = {}
    speakers: set[int] = set()
    total = 0
    for member_id, kind in contributions:
        total += 1
        by_kind[kind] = by_kind.get(kind, 0) + 1
        if member_id in present_expected:
            speakers.add(member_id)
    return Figures(
        expected=expected, present=counts["present"], excused=counts["excused"], absent=counts["absent"],
        unmarked=counts[""], late=late, present_not_expected=present_not_expected, speakers=len(speakers),
        contributions=total, by_kind=by_kind, duration_minutes=duration_minutes,
    )


# --- follow-up of the previous resolution -----------------------------------------------------------

@dataclass(frozen=True)
class Followup:
    tasks: int = 0
    done: int = 0
    partly_done: int = 0
    not_done: int = 0

    @property
    def unreviewed(self) -> int:
        return self.tasks - self.done - self.partly_done - self.not_done

    @property
    def done_share(self) -> float | None:
        """Done tasks over all tasks of the previous resolution ("results of the previous resolution")."""
        return share(self.done, self.tasks)


def compute_followup(statuses: Iterable[str]) -> Followup:
    statuses = list(statuses)
    return Followup(
        tasks=len(statuses), done=statuses.count("done"), partly_done=statuses.count("partly_done"),
        not_done=statuses.count("not_done"),
    )
