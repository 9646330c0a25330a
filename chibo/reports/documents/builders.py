"""Turn a MeetingSnapshot into the documents of a cell meeting (DOMAIN.md §10.2, §10.3).

Pure functions: no ORM, no rendering. The wording follows the skeletons of the monthly cell
resolution and of the minutes; the figures are counted from the snapshot, whose flags
(expected, passed, level) the meetings and quality apps have already decided.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from chibo.reports.documents.inputs import (
    MeetingSnapshot,
    Person,
    RollEntry,
    Signer,
    VoteRecord,
)
from chibo.reports.documents.model import (
    Block,
    Column,
    DocNumber,
    Header,
    Heading,
    Paragraph,
    PartyDocument,
    PlaceDate,
    Run,
    Signature,
    Table,
)

KIND_WORDS = {"regular": "thường kỳ", "thematic": "chuyên đề", "extraordinary": "bất thường"}
OUTCOME_WORDS = {"done": "Hoàn thành", "partly_done": "Hoàn thành một phần", "not_done": "Chưa hoàn thành"}
RECOGNITION_WORDS = {"praise": "Biểu dương", "reminder": "Nhắc nhở", "criticism": "Phê bình"}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
_PART = re.compile(r"^[IVX]{1,4}[-.] ")


# --- wording helpers -----------------------------------------------------------------------------

def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def upper(value: str) -> str:
    """Header lines are printed in capitals: 'Chi bộ Khu phố 1' → 'CHI BỘ KHU PHỐ 1'."""
    return nfc(value).upper()


def committee_of(superior_name: str) -> str:
    """'Đảng bộ phường Đông Tiến' → 'Đảng ủy phường Đông Tiến': the committee that receives reports."""
    name = nfc(superior_name)
    for prefix in ("Đảng bộ", "ĐẢNG BỘ"):
        if name.startswith(prefix):
            return "Đảng ủy" + name[len(prefix):]
    return name


def short_date(day: date) -> str:
    """'03/3/2026', '05/02/2026': the day padded below 10, and months 1–2 padded (as HD 36 does in dates)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def month_label(day: date) -> str:
    """'3/2026', '02/2026'."""
    return short_date(day).split("/", 1)[1]


def previous_month(day: date) -> date:
    return date(day.year - 1, 12, 1) if day.month == 1 else date(day.year, day.month - 1, 1)


def clock(value: time) -> str:
    """'19 giờ 30', '8 giờ'."""
    return f"{value.hour} giờ {value.minute:02d}" if value.minute else f"{value.hour} giờ"


def decimal(value: float) -> str:
    """Vietnamese decimal comma: 4.5 → '4,5', 5.0 → '5'."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") if value != int(value) else str(int(value))


def percent(part: int, whole: int) -> str:
    """'90,9%' with one decimal and the decimal comma; '–' when there is nothing to divide by."""
    if not whole:
        return "–"
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def paragraphs(text: str) -> list[Block]:
    """Split text on blank lines into body paragraphs."""
    chunks = [" ".join(chunk.split()) for chunk in nfc(text).split("\n\n")]
    return [Paragraph.of(chunk) for chunk in chunks if chunk]


def comrade(name: str) -> str:
    return f"đồng chí {nfc(name)}"


def capitalized(value: str) -> str:
    """'đồng chí Nguyễn Văn An' → 'Đồng chí Nguyễn Văn An' (only the first letter changes)."""
    text = nfc(value)
    return text[:1].upper() + text[1:]


def joined(items: Iterable[str], empty: str = "không") -> str:
    values = [item for item in items if item]
    return ", ".join(values) if values else empty


# --- counting ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AttendanceCounts:
    """The roll counted as shared/METRICS.md defines it, from flags decided by the meetings app."""

    total: int
    official: int
    probationary: int
    exempt: int
    temporary: int
    expected: int
    present: int
    excused: tuple[RollEntry, ...]
    absent: tuple[RollEntry, ...]
    late: tuple[RollEntry, ...]
    exempt_present: tuple[RollEntry, ...]

    @property
    def rate(self) -> str:
        return percent(self.present, self.expected)


def attendance_counts(roll: Iterable[RollEntry]) -> AttendanceCounts:
    entries = tuple(roll)
    expected = [e for e in entries if e.expected]
    return AttendanceCounts(
        total=len(entries),
        official=sum(e.official for e in entries),
        probationary=sum(not e.official for e in entries),
        exempt=sum(e.exempt for e in entries),
        temporary=sum(e.temporary for e in entries),
        expected=len(expected),
        present=sum(e.attendance == "present" for e in expected),
        excused=tuple(e for e in expected if e.attendance == "excused"),
        absent=tuple(e for e in expected if e.attendance == "absent"),
        late=tuple(e for e in expected if e.attendance == "present" and e.late),
        exempt_present=tuple(e for e in entries if not e.expected and e.attendance == "present"),
    )


def speakers(snapshot: MeetingSnapshot) -> int:
    """Distinct present expected members with at least one contribution (METRICS.md: speakers)."""
    present = {e.key for e in snapshot.roll if e.expected and e.attendance == "present"}
    said = {c.member_id if c.member_id is not None else c.speaker for c in snapshot.contributions}
    return len(present & said)


# --- shared pieces -------------------------------------------------------------------------------

def _header(snapshot: MeetingSnapshot) -> Header:
    return Header(issuer=upper(snapshot.cell_name), superior=upper(snapshot.superior_name))


def _kind(snapshot: MeetingSnapshot) -> str:
    return KIND_WORDS[snapshot.kind]


def _time_and_place(snapshot: MeetingSnapshot) -> list[Block]:
    when = f"ngày {short_date(snapshot.day)}"
    if snapshot.started_at:
        when = f"bắt đầu lúc {clock(snapshot.started_at)}, {when}"
    blocks: list[Block] = [Paragraph.labelled("Thời gian: ", when + ".")]
    if snapshot.venue:
        blocks.append(Paragraph.labelled("Địa điểm: ", nfc(snapshot.venue) + "."))
    return blocks


def _person(person: Person) -> str:
    return comrade(person.name) + (f", {nfc(person.position)}" if person.position else "")


def _duration(snapshot: MeetingSnapshot) -> int | None:
    if not (snapshot.started_at and snapshot.ended_at):
        return None
    start = datetime.combine(snapshot.day, snapshot.started_at)
    end = datetime.combine(snapshot.day, snapshot.ended_at)
    return int((end - start).total_seconds() // 60) if end > start else None


def _vote_text(vote: VoteRecord) -> str:
    if vote.eligible:
        share = percent(vote.in_favour, vote.eligible)
        favour = f"tán thành {vote.in_favour}/{vote.eligible} đảng viên chính thức ({share})"
    else:
        favour = f"tán thành {vote.in_favour} đồng chí"
    result = "thông qua" if vote.passed else "không thông qua"
    return f"{favour}; không tán thành {vote.against}; không biểu quyết {vote.abstain}. Kết quả: {result}."


def _tasks_table(snapshot: MeetingSnapshot) -> Table:
    return Table(
        columns=(Column("TT", 0.5, "center"), Column("Nhiệm vụ", 4), Column("Người thực hiện", 2.2),
                 Column("Thời hạn", 1.3, "center")),
        rows=tuple(
            (str(i), nfc(t.description) + (f" ({nfc(t.serves)})" if t.serves else ""), nfc(t.assignee),
             short_date(t.deadline) if t.deadline else "")
            for i, t in enumerate(snapshot.tasks, start=1)
        ),
    )


def _recognition_lines(snapshot: MeetingSnapshot) -> list[Block]:
    return [
        Paragraph.of(f"- {RECOGNITION_WORDS[r.kind]} {comrade(r.name)}" + (f": {nfc(r.note)}" if r.note else "") + ".")
        for r in snapshot.recognitions
    ]


def _rating_blocks(snapshot: MeetingSnapshot) -> list[Block]:
    rating = snapshot.rating
    if rating is None:
        return []
    blocks: list[Block] = []
    if rating.parts:
        parts = "; ".join(f"{nfc(p.label)} {decimal(p.points)}/{decimal(p.max_points)}" for p in rating.parts)
        blocks.append(Paragraph.of(parts + "."))
    blocks.append(Paragraph(runs=(
        Run(f"Tổng {decimal(rating.total)}/{decimal(rating.max_total)} điểm. Xếp loại: "),
        Run(nfc(rating.level), bold=True), Run("."),
    )))
    return blocks


# --- the minutes ---------------------------------------------------------------------------------

def build_minutes(snapshot: MeetingSnapshot, *, number: DocNumber | None = None,
                  approved_text: str | None = None) -> PartyDocument:
    """Biên bản sinh hoạt chi bộ (DOMAIN §10.3): no date line; the secretary signs left, the chair right.

    With `approved_text` (the minutes as the cell approved or later revised them, without their own
    header), the body is that text line by line, so the printed minutes say exactly what was approved;
    otherwise the body is worded from the snapshot.
    """
    body = text_blocks(approved_text) if approved_text is not None else _minutes_body(snapshot)
    return PartyDocument(
        header=_header(snapshot),
        number=number,
        title="BIÊN BẢN",
        summary=f"sinh hoạt chi bộ {_kind(snapshot)} tháng {month_label(snapshot.day)}",
        body=tuple(body),
        signatures=(
            Signature(("THƯ KÝ",), nfc(snapshot.secretary.name) if snapshot.secretary else ""),
            Signature(("CHỦ TRÌ",), nfc(snapshot.chair.name) if snapshot.chair else ""),
        ),
    )


def text_blocks(text: str) -> list[Block]:
    """Plain text to blocks: a line 'I- …', 'II- …' is a part heading, every other non-empty line a paragraph."""
    blocks: list[Block] = []
    for line in nfc(text).splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        blocks.append(Heading(line) if _PART.match(line) else Paragraph.of(line))
    return blocks


def _minutes_body(snapshot: MeetingSnapshot) -> list[Block]:
    counts = attendance_counts(snapshot.roll)
    body: list[Block] = [*_time_and_place(snapshot)]
    if snapshot.topic:
        body.append(Paragraph.labelled("Chuyên đề: ", nfc(snapshot.topic) + "."))
    if snapshot.chair:
        body.append(Paragraph.labelled("Chủ trì: ", _person(snapshot.chair) + "."))
    if snapshot.secretary:
        body.append(Paragraph.labelled("Thư ký: ", comrade(snapshot.secretary.name) + " (được Chi bộ cử)."))
    if snapshot.guests:
        body.append(Paragraph.labelled("Đại biểu cấp trên: ", "; ".join(_person(g) for g in snapshot.guests) + "."))

    body += [Heading("I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT"), _attendance_table(counts), *_attendance_lines(counts)]
    if snapshot.party_fees:
        body.append(Paragraph.labelled("Tình hình đóng đảng phí: ", nfc(snapshot.party_fees).rstrip(".") + "."))
    body.append(Paragraph.of("Chi bộ thông qua chương trình sinh hoạt."))

    body.append(Heading("II- DIỄN BIẾN"))
    step = 0
    for item in snapshot.agenda:
        step += 1
        body.append(Heading(f"{step}. {nfc(item.title)}", level=2))
        if item.presenter:
            body.append(Paragraph.labelled("Người trình bày: ", nfc(item.presenter).rstrip(".") + "."))
        body += paragraphs(item.summary)
    if snapshot.contributions:
        step += 1
        body.append(Heading(f"{step}. Ý kiến thảo luận", level=2))
        body += _contribution_lines(snapshot)
        body.append(Paragraph.of(f"(Số đảng viên phát biểu: {speakers(snapshot)}/{counts.present} đồng chí có mặt.)",
                                 italic=True))
    if snapshot.recognitions:
        step += 1
        body.append(Heading(f"{step}. Biểu dương, nhắc nhở, phê bình đảng viên", level=2))
        body += _recognition_lines(snapshot)
    remarks = [g for g in snapshot.guests if g.remarks]
    if remarks:
        step += 1
        body.append(Heading(f"{step}. Đại biểu cấp trên phát biểu", level=2))
        body += [Paragraph.of(f"- {capitalized(_person(g))}: {nfc(g.remarks).rstrip('.')}.") for g in remarks]

    body.append(Heading("III- KẾT LUẬN VÀ BIỂU QUYẾT"))
    if snapshot.conclusion:
        body.append(Paragraph.labelled("Chủ trì kết luận: ", nfc(snapshot.conclusion)))
    if snapshot.tasks:
        body += [Paragraph.of("Phân công nhiệm vụ:", bold=True), _tasks_table(snapshot)]
    for vote in snapshot.votes:
        body.append(Paragraph.labelled(f"Biểu quyết {nfc(vote.motion)}: ", _vote_text(vote)))
    if snapshot.resolution_vote:
        vote = snapshot.resolution_vote
        body.append(Paragraph.labelled(f"Biểu quyết {nfc(vote.motion)}: ", _vote_text(vote)))
    if snapshot.rating:
        body.append(Paragraph.of("Tự đánh giá chất lượng buổi sinh hoạt:", bold=True))
        body += _rating_blocks(snapshot)

    end = f"Biên bản kết thúc lúc {clock(snapshot.ended_at)} cùng ngày" if snapshot.ended_at else "Biên bản kết thúc"
    end += ", đã đọc lại cho Chi bộ nghe và được thông qua." if snapshot.minutes_approved else "."
    body.append(Paragraph.of(end))
    return body


def _attendance_table(counts: AttendanceCounts) -> Table:
    titles = ("Tổng số", "Chính thức", "Dự bị", "Miễn sinh hoạt", "Sinh hoạt tạm thời", "Phải có mặt", "Có mặt",
              "Vắng có lý do", "Vắng không lý do")
    values = (counts.total, counts.official, counts.probationary, counts.exempt, counts.temporary, counts.expected,
              counts.present, len(counts.excused), len(counts.absent))
    return Table(columns=tuple(Column(t, 1, "center") for t in titles), rows=(tuple(str(v) for v in values),))


def _attendance_lines(counts: AttendanceCounts) -> list[Block]:
    excused = joined(f"{nfc(e.name)} – {nfc(e.reason)}" if e.reason else nfc(e.name) for e in counts.excused)
    lines: list[Block] = [
        Paragraph.of(f"Có mặt: {counts.present}/{counts.expected} đồng chí phải có mặt ({counts.rate})."),
        Paragraph.of(f"Vắng có lý do: {len(counts.excused)} đồng chí" + (f" ({excused})." if counts.excused else ".")),
        Paragraph.of(f"Vắng không lý do: {len(counts.absent)} đồng chí"
                     + (f" ({joined(nfc(e.name) for e in counts.absent)})." if counts.absent else ".")),
    ]
    if counts.late:
        lines.append(Paragraph.of(f"Đến muộn: {joined(nfc(e.name) for e in counts.late)}."))
    if counts.exempt_present:
        names = joined(nfc(e.name) for e in counts.exempt_present)
        lines.append(Paragraph.of(f"Đảng viên được miễn sinh hoạt có dự: {names}."))
    return lines


def _contribution_lines(snapshot: MeetingSnapshot) -> list[Block]:
    """One line per speaker, in the order they first spoke, with every gist they gave."""
    by_speaker: dict[int | str, tuple[str, list[str]]] = {}
    for c in snapshot.contributions:
        key = c.member_id if c.member_id is not None else c.speaker
        by_speaker.setdefault(key, (nfc(c.speaker), []))[1].append(nfc(c.gist).rstrip("."))
    return [Paragraph(runs=(Run(f"- Đồng chí {name}: ", bold=True), Run("; ".join(gists) + ".")))
            for name, gists in by_speaker.values()]


# --- the resolution ------------------------------------------------------------------------------

def build_resolution(
    snapshot: MeetingSnapshot,
    *,
    number: DocNumber | None,
    signer: Signer,
    issued_on: date | None = None,
    summary: str | None = None,
    assessed_period: str | None = None,
    planned_period: str | None = None,
    implementation: tuple[str, ...] | None = None,
    recipients: tuple[str, ...] | None = None,
) -> PartyDocument:
    """Nghị quyết chi bộ tháng (DOMAIN §10.2), signed 'T/M CHI BỘ / BÍ THƯ'.

    Parts I–III come from `resolution_items`, `previous_results`, `recognitions`, `shortcomings` and
    `tasks`; part IV from `rating`; the closing line from `resolution_vote`. The periods default to the
    early-month meeting: a meeting in March assesses "tháng 02/2026" and plans "tháng 3/2026".
    """
    counts = attendance_counts(snapshot.roll)
    assessed = assessed_period or f"tháng {month_label(previous_month(snapshot.day))}"
    planned = planned_period or f"tháng {month_label(snapshot.day)}"
    committee = committee_of(snapshot.superior_name)
    cell = nfc(snapshot.cell_name)

    where = f", tại {nfc(snapshot.venue)}" if snapshot.venue else ""
    opening: list[Block] = [
        Paragraph.of(f"Ngày {short_date(snapshot.day)}{where}, {cell} tổ chức sinh hoạt chi bộ "
                     f"{_kind(snapshot)} tháng {month_label(snapshot.day)}."),
        Paragraph.of(
            f"Tổng số đảng viên: {counts.total} đồng chí (chính thức {counts.official}, dự bị {counts.probationary}); "
            f"có mặt {counts.present} đồng chí; vắng {len(counts.excused) + len(counts.absent)} đồng chí "
            f"(có lý do {len(counts.excused)}, không lý do {len(counts.absent)}); "
            f"đảng viên được miễn công tác, sinh hoạt đảng: {counts.exempt} đồng chí."),
    ]
    leaders = []
    minutes = _duration(snapshot)
    if minutes:
        leaders.append(f"Thời lượng sinh hoạt: {minutes} phút.")
    if snapshot.chair:
        taker = f"; {comrade(snapshot.secretary.name)} làm thư ký" if snapshot.secretary else ""
        position = f", {nfc(snapshot.chair.position)}," if snapshot.chair.position else ""
        leaders.append(f"Đồng chí {nfc(snapshot.chair.name)}{position} chủ trì{taker}.")
    if leaders:
        opening.append(Paragraph.of(" ".join(leaders)))
    opening += [
        Paragraph.of("Sau khi nghe Chi ủy báo cáo, Chi bộ đã thảo luận, tự phê bình và phê bình, thống nhất"),
        Paragraph.of("QUYẾT NGHỊ:", bold=True, indent=False, align="center"),
    ]

    body = opening + _assessment(snapshot, assessed) + _directions(snapshot, planned)
    body += _assignments(snapshot, implementation, committee)
    if snapshot.rating:
        body += [Heading(f"{ROMAN[3]}- TỰ ĐÁNH GIÁ CHẤT LƯỢNG KỲ SINH HOẠT"), *_rating_blocks(snapshot)]
    if snapshot.resolution_vote:
        body.append(Paragraph.of(_adoption_text(snapshot.resolution_vote, counts.present)))

    default_recipients = tuple(r for r in (f"{committee} (báo cáo)" if committee else "",
                                           "Cấp ủy viên phụ trách chi bộ", "Đảng viên trong chi bộ", "Lưu Chi bộ") if r)
    return PartyDocument(
        header=_header(snapshot),
        number=number,
        place_date=PlaceDate(nfc(snapshot.place_name), issued_on or snapshot.day),
        title="NGHỊ QUYẾT",
        summary=summary or f"sinh hoạt chi bộ tháng {snapshot.day.month} năm {snapshot.day.year}",
        body=tuple(body),
        signatures=(Signature((f"T/M {upper(signer.on_behalf_of)}", upper(signer.title)), nfc(signer.name)),),
        recipients=recipients if recipients is not None else default_recipients,
    )


def _adoption_text(vote: VoteRecord, present: int) -> str:
    whole = vote.eligible or present
    if vote.passed:
        return (f"Nghị quyết được Chi bộ biểu quyết thông qua với {vote.in_favour}/{whole} đồng chí tán thành "
                f"({percent(vote.in_favour, whole)}).")
    return f"Dự thảo Nghị quyết không được thông qua: {vote.in_favour}/{whole} đồng chí tán thành."


def _assessment(snapshot: MeetingSnapshot, period: str) -> list[Block]:
    blocks: list[Block] = [Heading(f"I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO {upper(period)}")]
    step = 0
    for item in (i for i in snapshot.resolution_items if i.section == "assessment"):
        step += 1
        blocks += [Heading(f"{step}. {nfc(item.title)}", level=2), *paragraphs(item.text)]
    if snapshot.previous_results:
        step += 1
        results = snapshot.previous_results
        blocks += [
            Heading(f"{step}. Kết quả thực hiện Nghị quyết tháng trước", level=2),
            Table(
                columns=(Column("TT", 0.5, "center"), Column("Nhiệm vụ", 4), Column("Người thực hiện", 2),
                         Column("Kết quả", 2)),
                rows=tuple(
                    (str(i), nfc(r.description), nfc(r.assignee),
                     OUTCOME_WORDS[r.outcome] + (f" ({nfc(r.note)})" if r.note else ""))
                    for i, r in enumerate(results, start=1)
                ),
            ),
            Paragraph.of(
                f"Hoàn thành {sum(r.outcome == 'done' for r in results)}/{len(results)} nhiệm vụ; "
                f"hoàn thành một phần {sum(r.outcome == 'partly_done' for r in results)}; "
                f"chưa hoàn thành {sum(r.outcome == 'not_done' for r in results)}."),
        ]
    if snapshot.recognitions:
        step += 1
        blocks += [Heading(f"{step}. Biểu dương, nhắc nhở đảng viên", level=2), *_recognition_lines(snapshot)]
    if snapshot.shortcomings:
        step += 1
        blocks += [Heading(f"{step}. Hạn chế, khuyết điểm và nguyên nhân", level=2), *paragraphs(snapshot.shortcomings)]
    return blocks


def _directions(snapshot: MeetingSnapshot, period: str) -> list[Block]:
    blocks: list[Block] = [Heading(f"II- PHƯƠNG HƯỚNG, NHIỆM VỤ {upper(period)}")]
    items = [i for i in snapshot.resolution_items if i.section == "direction"]
    for step, item in enumerate(items, start=1):
        blocks += [Heading(f"{step}. {nfc(item.title)}", level=2), *paragraphs(item.text)]
    return blocks


def _assignments(snapshot: MeetingSnapshot, implementation: tuple[str, ...] | None, committee: str) -> list[Block]:
    blocks: list[Block] = [Heading("III- PHÂN CÔNG NHIỆM VỤ VÀ TỔ CHỨC THỰC HIỆN")]
    step = 0
    if snapshot.tasks:
        step += 1
        blocks += [Heading(f"{step}. Phân công nhiệm vụ", level=2), _tasks_table(snapshot)]
    report_to = f" và báo cáo {committee}" if committee else ""
    lines = implementation if implementation is not None else (
        "Các đồng chí đảng viên căn cứ nhiệm vụ được phân công tổ chức thực hiện, báo cáo kết quả tại kỳ sinh hoạt "
        "chi bộ tháng sau.",
        f"Giao đồng chí Bí thư Chi bộ ký ban hành Nghị quyết, đăng tải trên Sổ tay đảng viên điện tử{report_to}.",
    )
    if lines:
        step += 1
        blocks += [Heading(f"{step}. Tổ chức thực hiện", level=2), *(Paragraph.of(nfc(line)) for line in lines)]
    return blocks


# --- papers for the meeting room -----------------------------------------------------------------

def build_signin_sheet(snapshot: MeetingSnapshot, *, blank_rows: int = 3) -> PartyDocument:
    """A printable sign-in list for members without phones: STT, Họ và tên, Chức vụ, Ký tên.

    Every member on the roll gets a row (exempt members marked, they may come); `blank_rows` empty
    rows at the end are for guests and late additions.
    """
    rows = [(str(i), nfc(e.name), _roll_role(e), "") for i, e in enumerate(snapshot.roll, start=1)]
    rows += [(str(len(rows) + k), "", "", "") for k in range(1, blank_rows + 1)]
    return PartyDocument(
        header=_header(snapshot),
        place_date=PlaceDate(nfc(snapshot.place_name), snapshot.day),
        title="DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT",
        summary=f"sinh hoạt chi bộ {_kind(snapshot)} tháng {month_label(snapshot.day)}",
        body=(
            *_time_and_place(snapshot),
            Table(
                columns=(Column("STT", 0.6, "center"), Column("Họ và tên", 3), Column("Chức vụ", 2.2),
                         Column("Ký tên", 1.8, "center")),
                rows=tuple(rows),
                row_height_mm=10,
            ),
        ),
        signatures=(Signature(("CHỦ TRÌ",), nfc(snapshot.chair.name) if snapshot.chair else ""),),
    )


def _roll_role(entry: RollEntry) -> str:
    role = nfc(entry.position) or ("Đảng viên" if entry.official else "Đảng viên dự bị")
    if entry.exempt:
        role += " (miễn sinh hoạt)"
    if entry.temporary:
        role += " (sinh hoạt tạm thời)"
    return role


def build_agenda(snapshot: MeetingSnapshot, *, signer: Signer | None = None, issued_on: date | None = None,
                 ) -> PartyDocument:
    """The programme of the meeting (chương trình), printed for the room and for members without phones."""
    items = snapshot.agenda
    body: list[Block] = [*_time_and_place(snapshot)]
    if snapshot.topic:
        body.append(Paragraph.labelled("Chuyên đề: ", nfc(snapshot.topic) + "."))
    if snapshot.chair:
        body.append(Paragraph.labelled("Chủ trì: ", _person(snapshot.chair) + "."))
    body.append(Table(
        columns=(Column("TT", 0.5, "center"), Column("Nội dung", 4.5), Column("Người thực hiện", 2.4),
                 Column("Thời gian (phút)", 1.1, "center")),
        rows=tuple((str(i), nfc(a.title), capitalized(a.presenter), str(a.minutes) if a.minutes else "")
                   for i, a in enumerate(items, start=1)),
    ))
    planned = sum(a.minutes or 0 for a in items)
    if planned:
        body.append(Paragraph.of(f"Tổng thời lượng dự kiến: {planned} phút.", italic=True))
    return PartyDocument(
        header=_header(snapshot),
        place_date=PlaceDate(nfc(snapshot.place_name), issued_on or snapshot.day),
        title="CHƯƠNG TRÌNH",
        summary=f"sinh hoạt chi bộ {_kind(snapshot)} tháng {month_label(snapshot.day)}",
        body=tuple(body),
        signatures=(
            (Signature((f"T/M {upper(signer.on_behalf_of)}", upper(signer.title)), nfc(signer.name)),) if signer else ()
        ),
    )
