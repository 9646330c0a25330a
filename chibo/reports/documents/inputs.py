"""What the builders need to know about a meeting, as plain values (no ORM).

The meetings app maps its records onto these classes (one function, e.g. `meeting_snapshot(meeting)`
in chibo/meetings/selectors.py) and passes a MeetingSnapshot to the builders in builders.py.
Everything here is already decided: who was expected, whether a vote passed, the quality level.
The builders only count and word it; the rules live in the meetings and quality apps.

Names are printed as given (NFC), positions in sentence case ("Bí thư Chi bộ"). Organization
names are given as in the database ("Chi bộ Khu phố 1"); the builders upper-case them for the header.
"""

from dataclasses import dataclass
from datetime import date, time
from typing import Literal

MeetingKind = Literal["regular", "thematic", "extraordinary"]
AttendanceStatus = Literal["present", "excused", "absent", ""]
RecognitionKind = Literal["praise", "reminder", "criticism"]
TaskOutcome = Literal["done", "partly_done", "not_done"]
ResolutionSection = Literal["assessment", "direction"]


@dataclass(frozen=True, kw_only=True)
class Person:
    """Someone named in the document with the office they act in, e.g. the chair."""

    name: str  # "Nguyễn Văn An"
    position: str = ""  # "Bí thư Chi bộ"; for guests "Đảng ủy viên, phụ trách chi bộ"


@dataclass(frozen=True, kw_only=True)
class Guest(Person):
    """A representative of the superior committee (đại biểu cấp trên) and what they said."""

    remarks: str = ""


@dataclass(frozen=True, kw_only=True)
class RollEntry:
    """One member on the cell's roll on the meeting day (shared/METRICS.md: roll).

    `expected` is decided by the meetings app (METRICS.md: roll minus exempt minus special duty);
    the documents only count it. An exempt member who came anyway has expected=False,
    attendance="present": named, but outside the denominators.
    """

    name: str
    member_id: int | None = None  # to tell two members of the same name apart in the speaker count
    position: str = ""  # party office for the sign-in sheet: "Bí thư", "Chi ủy viên"; empty for members
    official: bool = True  # chính thức (True) or dự bị (False)
    expected: bool = True
    exempt: bool = False  # miễn công tác và sinh hoạt đảng
    temporary: bool = False  # sinh hoạt tạm thời in this cell
    attendance: AttendanceStatus = ""  # empty before the roll call (sign-in sheet, agenda)
    reason: str = ""  # for excused absences: "đi công tác"
    late: bool = False

    @property
    def key(self) -> int | str:
        return self.member_id if self.member_id is not None else self.name


@dataclass(frozen=True, kw_only=True)
class AgendaItem:
    """One point of the programme (chương trình); `summary` is what the minutes record about it."""

    title: str  # "Báo cáo kết quả thực hiện Nghị quyết tháng 02/2026"
    presenter: str = ""  # as printed after "Người trình bày:": "đồng chí Nguyễn Văn An", "toàn thể đảng viên"
    minutes: int | None = None  # planned duration
    summary: str = ""  # paragraphs separated by blank lines


@dataclass(frozen=True, kw_only=True)
class Contribution:
    """An opinion given in the discussion (ý kiến phát biểu); guests' remarks go on Guest.remarks."""

    speaker: str
    gist: str
    member_id: int | None = None
    kind: str = ""  # METRICS.md contribution kind; not printed


@dataclass(frozen=True, kw_only=True)
class Recognition:
    """Praise, a reminder or a criticism of a named member (biểu dương / nhắc nhở / phê bình)."""

    name: str
    kind: RecognitionKind
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class VoteRecord:
    """A show-of-hands vote as recorded; `eligible` is the Charter denominator (DOMAIN §3.3)."""

    motion: str  # "thông qua Nghị quyết tháng 3/2026"
    in_favour: int
    against: int = 0
    abstain: int = 0
    eligible: int = 0  # official members counted in the denominator; 0 = not given
    passed: bool = True


@dataclass(frozen=True, kw_only=True)
class TaskItem:
    """A task assigned at this meeting (nhiệm vụ được phân công)."""

    description: str
    assignee: str  # "Đồng chí Lê Đức Cường" or "Chi ủy"
    deadline: date | None = None
    serves: str = ""  # the resolution item it serves, if any


@dataclass(frozen=True, kw_only=True)
class TaskResult:
    """How a task of the previous resolution turned out (kết quả thực hiện nghị quyết tháng trước)."""

    description: str
    outcome: TaskOutcome
    assignee: str = ""
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class ResolutionItem:
    """A numbered item of the resolution: part I (assessment) or part II (directions)."""

    section: ResolutionSection
    title: str  # "Công tác chính trị, tư tưởng"
    text: str = ""  # paragraphs separated by blank lines


@dataclass(frozen=True, kw_only=True)
class RatingPart:
    label: str  # "Thời gian sinh hoạt"
    points: float
    max_points: float


@dataclass(frozen=True, kw_only=True)
class QualityRating:
    """The meeting's self-rating as the quality app computed it."""

    total: float
    level: str  # as printed: "Tốt", "Khá", "Trung bình", "Kém"
    parts: tuple[RatingPart, ...] = ()
    max_total: float = 100


@dataclass(frozen=True, kw_only=True)
class Signer:
    """Who signs the resolution: 'T/M CHI BỘ' over 'BÍ THƯ' (or 'PHÓ BÍ THƯ'), then the name."""

    name: str
    title: str = "BÍ THƯ"
    on_behalf_of: str = "CHI BỘ"  # "CHI ỦY" for documents of the cell committee


@dataclass(frozen=True, kw_only=True)
class MeetingSnapshot:
    """Everything the four documents of one cell meeting say, frozen at the time of rendering.

    Only `cell_name`, `superior_name`, `place_name` and `day` are required; the sign-in sheet and the
    agenda are built before the meeting, when the roll has no attendance and nothing was said yet.
    """

    cell_name: str  # "Chi bộ Khu phố 1"
    superior_name: str  # "Đảng bộ phường Đông Tiến"; empty for a cell without a superior line
    place_name: str  # địa danh of the date line: "Đông Tiến"
    day: date
    kind: MeetingKind = "regular"
    topic: str = ""  # for thematic meetings: the topic
    started_at: time | None = None
    ended_at: time | None = None
    venue: str = ""  # "Nhà văn hóa Khu phố 1"
    chair: Person | None = None
    secretary: Person | None = None  # thư ký of the meeting (who writes the minutes), not the bí thư
    guests: tuple[Guest, ...] = ()
    roll: tuple[RollEntry, ...] = ()
    party_fees: str = ""  # "Đã thu đảng phí tháng 3/2026 của 11/11 đồng chí"
    agenda: tuple[AgendaItem, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    votes: tuple[VoteRecord, ...] = ()  # other votes: admission, mentors, exemptions …
    resolution_vote: VoteRecord | None = None  # the vote adopting the resolution
    conclusion: str = ""  # the chair's conclusion
    tasks: tuple[TaskItem, ...] = ()
    previous_results: tuple[TaskResult, ...] = ()
    resolution_items: tuple[ResolutionItem, ...] = ()
    shortcomings: str = ""  # hạn chế, khuyết điểm và nguyên nhân
    rating: QualityRating | None = None
    minutes_approved: bool = True  # read out and approved at the end of the meeting
