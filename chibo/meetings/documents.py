"""A meeting's papers in the Party's format: the record as a MeetingSnapshot, issued numbers, files.

The meeting record is mapped onto the plain input classes of chibo/reports/documents (which alone
imports python-docx and WeasyPrint); the builders there only word and lay out what is decided here:
who was expected (the attendance rows snapshotted at the start, METRICS.md), the vote denominators
stored with each vote (DOMAIN §3.3), the previous resolution's follow-up, and, for a closed meeting,
the text of the latest minutes revision — so a corrected minutes prints the corrected text and says
which revision it is, while the approved one stays retrievable (MinutesRevision number 1).

Choices made here (docs/documents.md):
- the superior body line is the cell's parent ("Đảng bộ phường Đông Tiến"; the builders capitalise it);
- the place name of the date line is taken from the nearest ancestor named after a commune, ward or
  province ("Đảng bộ phường Đông Tiến" → "Đông Tiến"); organizations store no place name;
- the numbering term is the name of the cell's congress term on the issue day ("2025–2027", HD 36 numbers
  per committee term, DOMAIN §10.1); with no term recorded, the calendar year of issue ("2026"), and the
  meeting page asks the cell's writers to record the term. An issued number keeps the term stored with it.
"""

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import quote

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.meetings import selectors
from chibo.meetings.models import (
    DocumentKind,
    IssuedDocument,
    Meeting,
    MeetingStatus,
    MeetingStep,
    MinutesRevision,
    NotExpectedReason,
    ProcedureStep,
    StepPhase,
    Task,
    TaskStatus,
)
from chibo.meetings.services.guards import lock
from chibo.meetings.services.planning import step_check
from chibo.organizations.models import Organization, OrganizationKind, Position, PositionTitle
from chibo.organizations.selectors import term_on
from chibo.quality.models import Level, MeetingRating, RaterKind
from chibo.reports.documents import (
    AgendaItem,
    Contribution,
    DocNumber,
    Guest,
    MeetingSnapshot,
    PartyDocument,
    Person,
    QualityRating,
    RatingPart,
    Recognition,
    ResolutionItem,
    RollEntry,
    Signer,
    TaskItem,
    TaskResult,
    VoteRecord,
    build_agenda,
    build_minutes,
    build_resolution,
    build_signin_sheet,
    render_docx,
    render_pdf,
)
from chibo.reports.documents.model import Paragraph
from chibo.reports.selectors import layout_for
from chibo.reports.services import document_number_next

KINDS = ("minutes", "resolution", "signin", "agenda")
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
DOC_TYPES = {DocumentKind.RESOLUTION: "NQ", DocumentKind.MINUTES: "BB"}  # HD 36 type codes
ISSUER_CODE = "CB"  # chi bộ
PUBLISH_STEP = "publish"  # "hoàn chỉnh nghị quyết … trong 02 ngày" (procedures, migration 0002)
FILE_TITLES = {"minutes": "Biên bản", "resolution": "Nghị quyết", "signin": "Danh sách ký tên",
               "agenda": "Chương trình"}

# Document wording is Vietnamese whatever the user's language: these are printed, not shown.
CHAIR_POSITIONS: dict[str, str] = {
    PositionTitle.SECRETARY: "Bí thư Chi bộ", PositionTitle.DEPUTY_SECRETARY: "Phó Bí thư Chi bộ",
    PositionTitle.COMMITTEE_MEMBER: "Chi ủy viên", PositionTitle.GROUP_LEADER: "Tổ trưởng tổ đảng",
}
ROLL_POSITIONS: dict[str, str] = {
    PositionTitle.SECRETARY: "Bí thư", PositionTitle.DEPUTY_SECRETARY: "Phó Bí thư",
    PositionTitle.COMMITTEE_MEMBER: "Chi ủy viên", PositionTitle.GROUP_LEADER: "Tổ trưởng tổ đảng",
}
SIGNER_TITLES: dict[str, str] = {PositionTitle.SECRETARY: "BÍ THƯ", PositionTitle.DEPUTY_SECRETARY: "PHÓ BÍ THƯ"}
RANK: list[str] = [PositionTitle.SECRETARY, PositionTitle.DEPUTY_SECRETARY, PositionTitle.COMMITTEE_MEMBER,
        PositionTitle.GROUP_LEADER]

TERRITORIAL_KINDS = (OrganizationKind.COMMUNE, OrganizationKind.DISTRICT, OrganizationKind.PROVINCE)
_PLACE = re.compile(r"(?:^|\s)(?:phường|xã|đặc khu|thị trấn|thị xã|thành phố|tỉnh|quận|huyện)\s+(\S.*)$",
                    re.IGNORECASE)
_COMRADE = re.compile(r"^(?:đồng chí|đ/c)\s+", re.IGNORECASE)
_AGENDA_MARK = re.compile(r"^\s*(?:[-–•*+]|\d+[.)]|[a-zđ]\))\s*")
_RESOLUTION_VOTE = re.compile(r"nghị quyết|kết luận", re.IGNORECASE)


# --- names of places and bodies ------------------------------------------------------------------

def place_name_from(name: str) -> str:
    """'Đảng bộ phường Đông Tiến' → 'Đông Tiến'; '' when the name is not a place's."""
    match = _PLACE.search(text.clean(name))
    return match.group(1).strip() if match else ""


def place_name(cell: Organization) -> str:
    """The địa danh of the date line: from the nearest territorial committee above the cell (ward, commune,
    old district, province) whose name carries a place: "Đảng bộ phường Đông Tiến" → "Đông Tiến"."""
    ids = cell.ancestor_ids()
    ancestors = {org.pk: org for org in Organization.objects.filter(pk__in=ids, kind__in=TERRITORIAL_KINDS)}
    for org_id in reversed(ids):
        found = place_name_from(ancestors[org_id].name) if org_id in ancestors else ""
        if found:
            return found
    return ""


def superior_name(cell: Organization) -> str:
    """The superior body of the header (HD 36): the cell's parent committee, printed in capitals."""
    return cell.parent.name if cell.parent_id and cell.parent else ""


def document_term(cell: Organization, day: date) -> str:
    """The numbering term: the name of the cell's congress term on `day`, else the calendar year (see above)."""
    term = term_on(cell, day)
    return term.name if term is not None else str(day.year)


def document_term_missing(cell: Organization, day: date) -> bool:
    """Is the cell numbering by calendar year on `day` because no congress term is recorded for it?"""
    return term_on(cell, day) is None


# --- the snapshot ----------------------------------------------------------------------------------

def _positions(cell: Organization, day: date) -> dict[int, str]:
    """Each member's highest party office in the cell on `day` (a PositionTitle value)."""
    held: dict[int, str] = {}
    rows = Position.objects.filter(organization=cell, start_date__lte=day).exclude(end_date__lt=day)
    for member_id, title in rows.values_list("member_id", "title"):
        if member_id not in held or RANK.index(title) < RANK.index(held[member_id]):
            held[member_id] = title
    return held


def _roll(meeting: Meeting, positions: dict[int, str]) -> tuple[RollEntry, ...]:
    """The attendance rows once the meeting started (snapshotted then); before, the roll of the planned day."""
    if meeting.started_at is not None:
        return tuple(
            RollEntry(name=a.member.full_name, member_id=a.member_id, position=ROLL_POSITIONS.get(
                positions.get(a.member_id, ""), ""), official=a.is_official, expected=a.is_expected,
                exempt=a.not_expected_reason == NotExpectedReason.EXEMPT, temporary=a.is_temporary,
                attendance=a.status, reason=a.reason, late=a.arrived_late)  # type: ignore[arg-type]
            for a in meeting.attendances.all()
        )
    return tuple(
        RollEntry(name=e.member.full_name, member_id=e.member.pk,
                  position=ROLL_POSITIONS.get(positions.get(e.member.pk, ""), ""), official=e.is_official,
                  expected=e.is_expected, exempt=e.not_expected_reason == NotExpectedReason.EXEMPT,
                  temporary=e.is_temporary)
        for e in selectors.roll_entries(meeting.organization, meeting.day)
    )


def agenda_items(meeting: Meeting) -> tuple[AgendaItem, ...]:
    """The agenda as written (one point per line), else the steps of the meeting's procedure."""
    lines = [_AGENDA_MARK.sub("", line).strip() for line in meeting.agenda.splitlines()]
    if any(lines):
        return tuple(AgendaItem(title=line) for line in lines if line)
    if meeting.procedure_id is None:
        return ()
    steps = ProcedureStep.objects.filter(procedure_id=meeting.procedure_id, phase=StepPhase.MEETING).order_by("order")
    return tuple(AgendaItem(title=step.title) for step in steps)


def _vote(vote) -> VoteRecord:
    motion = text.clean(vote.motion)
    if len(motion) > 1 and motion[0].isupper() and motion[1].islower():
        motion = motion[0].lower() + motion[1:]  # it follows "Biểu quyết …" in a sentence
    return VoteRecord(motion=motion, in_favour=vote.votes_for, against=vote.votes_against, abstain=vote.votes_abstain,
                      eligible=vote.denominator, passed=vote.is_valid)


def _votes(meeting: Meeting) -> tuple[tuple[VoteRecord, ...], VoteRecord | None]:
    """Other votes, and the one adopting the resolution: the last ordinary vote on a "nghị quyết"/"kết luận"."""
    votes = list(meeting.votes.all())
    adopting = next((v for v in reversed(votes) if v.kind == "ordinary" and _RESOLUTION_VOTE.search(v.motion)), None)
    return tuple(_vote(v) for v in votes if v is not adopting), _vote(adopting) if adopting else None


def _assignee(task: Task) -> str:
    return "Chi ủy" if task.to_committee or task.assignee is None else f"Đồng chí {task.assignee.full_name}"


def _previous_results(meeting: Meeting) -> tuple[TaskResult, ...]:
    """Tasks of the previous resolution with the outcome recorded here; not reviewed counts as not done."""
    results = []
    for task in selectors.followup_tasks(meeting):
        reviewed = task.followup_meeting_id == meeting.pk and task.status != TaskStatus.OPEN
        results.append(TaskResult(
            description=task.description, assignee=_assignee(task),
            outcome=task.status if reviewed else TaskStatus.NOT_DONE,  # type: ignore[arg-type]
            note=task.followup_note if reviewed else "chưa kiểm điểm"))
    return tuple(results)


def _resolution_items(meeting: Meeting) -> tuple[ResolutionItem, ...]:
    """The items adopted are the directions (part II); the chair's conclusion opens the assessment (part I)."""
    items = []
    if meeting.conclusion.strip():
        items.append(ResolutionItem(section="assessment", title="Đánh giá chung", text=meeting.conclusion))
    for item in meeting.resolution_items.all():
        first, _sep, rest = item.text.strip().partition("\n")
        items.append(ResolutionItem(section="direction", title=first.strip().rstrip("."), text=rest))
    return tuple(items)


def _rating(meeting: Meeting) -> QualityRating | None:
    """The cell's latest self-rating, per criterion (the resolution's part IV is a self-assessment)."""
    rating = (MeetingRating.objects.filter(meeting=meeting, rater_kind=RaterKind.SELF)
              .prefetch_related("scores__item__criterion").order_by("-created_at", "-id").first())
    if rating is None:
        return None
    criteria: dict[int, list] = {}
    for score in rating.scores.all():
        criterion = score.item.criterion
        criteria.setdefault(criterion.pk, [criterion, 0])[1] += score.points
    parts = tuple(RatingPart(label=c.name, points=points, max_points=c.max_points)
                  for c, points in sorted(criteria.values(), key=lambda pair: pair[0].order))
    return QualityRating(total=rating.total, level=str(Level(rating.level).label), parts=parts,
                         max_total=sum(p.max_points for p in parts) or 100)


def _person(member, positions: dict[int, str], *, with_position: bool = True) -> Person | None:
    if member is None:
        return None
    return Person(name=member.full_name, position=CHAIR_POSITIONS.get(positions.get(member.pk, ""), "")
                  if with_position else "")


def meeting_snapshot(meeting: Meeting) -> MeetingSnapshot:
    """The record of one meeting as the document builders read it (fresh from the database)."""
    meeting = selectors.meeting_with_record(meeting.pk)
    cell, day = meeting.organization, meeting.day
    positions = _positions(cell, day)
    votes, adopting = _votes(meeting)
    with translation.override("vi"):
        return MeetingSnapshot(
            cell_name=cell.name, superior_name=superior_name(cell), place_name=place_name(cell), day=day,
            kind=meeting.kind, topic=meeting.topic,  # type: ignore[arg-type]
            started_at=timezone.localtime(meeting.started_at).time() if meeting.started_at else meeting.planned_time,
            ended_at=timezone.localtime(meeting.ended_at).time() if meeting.ended_at else None,
            venue=meeting.place, chair=_person(meeting.chair, positions),
            secretary=_person(meeting.meeting_secretary, positions, with_position=False),
            guests=tuple(Guest(name=_COMRADE.sub("", text.clean(g.name)), position=g.title, remarks=g.remarks)
                         for g in meeting.guests.all()),
            roll=_roll(meeting, positions), party_fees=meeting.fees_note, agenda=agenda_items(meeting),
            contributions=tuple(Contribution(speaker=c.member.full_name, gist=c.gist, member_id=c.member_id,
                                             kind=c.kind) for c in meeting.contributions.all()),
            recognitions=tuple(Recognition(name=r.member.full_name, kind=r.kind, note=r.note)  # type: ignore[arg-type]
                               for r in meeting.recognitions.all()),
            votes=votes, resolution_vote=adopting, conclusion=meeting.conclusion,
            tasks=tuple(TaskItem(description=t.description, assignee=_assignee(t), deadline=t.deadline,
                                 serves=f"nội dung {t.resolution_item.order}" if t.resolution_item else "")
                        for t in meeting.tasks.all()),
            previous_results=_previous_results(meeting), resolution_items=_resolution_items(meeting),
            rating=_rating(meeting) if meeting.is_closed else None, minutes_approved=meeting.is_closed,
        )


def signer_for(cell: Organization, day: date) -> Signer:
    """'T/M CHI BỘ / BÍ THƯ' and the bí thư's name on `day` (else the phó bí thư; else a blank name to sign)."""
    for title in (PositionTitle.SECRETARY, PositionTitle.DEPUTY_SECRETARY):
        position = (Position.objects.filter(organization=cell, title=title, start_date__lte=day)
                    .exclude(end_date__lt=day).select_related("member").order_by("-start_date").first())
        if position is not None:
            return Signer(name=position.member.full_name, title=SIGNER_TITLES[title])
    return Signer(name="", title="BÍ THƯ")


# --- the documents ---------------------------------------------------------------------------------

def issued_document(meeting: Meeting, kind: str) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(meeting=meeting, kind=kind).first()


def latest_revision(meeting: Meeting) -> MinutesRevision:
    revision = meeting.revisions.order_by("-number").select_related("author").first()
    if revision is None:
        raise RuleViolation(_("Biên bản chưa được thông qua."))
    return revision


def minutes_body(revision_text: str, meeting: Meeting) -> str:
    """The minutes text without its own heading (the document prints the Party's header and title)."""
    lines = revision_text.splitlines()
    if lines and lines[0].strip() == meeting.organization.name.upper():
        blank = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
        lines = lines[blank + 1:]
    return "\n".join(lines)


def revision_note(revision: MinutesRevision, meeting: Meeting) -> str:
    """Which text is printed: the approved one, or a correction (with its reason) of it."""
    when = timezone.localtime(revision.created_at).strftime("%H:%M ngày %d/%m/%Y")
    if revision.number == 1 and meeting.entered_after_the_fact:
        return f"(In theo bản biên bản số 1, bản được Chi bộ thông qua, nhập lại từ sổ biên bản lúc {when}.)"
    if revision.number == 1:
        return f"(In theo bản biên bản số 1, được Chi bộ thông qua lúc {when}.)"
    author = revision.author.display_name() if revision.author else "—"
    return (f"(In theo bản sửa số {revision.number} của biên bản, lập lúc {when}, người sửa: {author}; "
            f"lý do: {text.clean(revision.reason).rstrip('.')}. Bản được Chi bộ thông qua (bản số 1) vẫn được lưu.)")


def _number(issued: IssuedDocument | None) -> DocNumber | None:
    return DocNumber(n=issued.number, doc_type=issued.doc_type, issuer=issued.issuer_code) if issued else None


def _minutes(meeting: Meeting, snapshot: MeetingSnapshot) -> PartyDocument:
    revision = latest_revision(meeting)
    doc = build_minutes(snapshot, number=_number(issued_document(meeting, DocumentKind.MINUTES)),
                        approved_text=minutes_body(revision.text, meeting))
    return replace(doc, body=(*doc.body, Paragraph.of(revision_note(revision, meeting), italic=True)))


def _resolution(meeting: Meeting, snapshot: MeetingSnapshot) -> PartyDocument:
    issued = issued_document(meeting, DocumentKind.RESOLUTION)
    doc = build_resolution(snapshot, number=_number(issued), signer=signer_for(meeting.organization, meeting.day),
                           issued_on=issued.issued_on if issued else None)
    if issued is None:  # a draft says so above everything else
        mark = Paragraph.of("DỰ THẢO (chưa ban hành)", bold=True, indent=False, align="center")
        doc = replace(doc, body=(mark, *doc.body))
    return doc


def meeting_document(meeting: Meeting, kind: str) -> PartyDocument:
    """One of the four papers of a meeting, built from its record."""
    if kind not in KINDS:
        raise ValueError(kind)
    if kind in (DocumentKind.MINUTES, DocumentKind.RESOLUTION) and meeting.status != MeetingStatus.CLOSED:
        raise RuleViolation(_("Biên bản và nghị quyết chỉ có khi biên bản đã được thông qua."))
    snapshot = meeting_snapshot(meeting)
    if kind == DocumentKind.MINUTES:
        return _minutes(meeting, snapshot)
    if kind == DocumentKind.RESOLUTION:
        return _resolution(meeting, snapshot)
    if kind == "signin":
        return build_signin_sheet(snapshot)
    return build_agenda(snapshot)


@dataclass(frozen=True)
class DocumentFile:
    data: bytes
    filename: str  # Vietnamese, for filename*=UTF-8''
    content_type: str

    @property
    def ascii_filename(self) -> str:
        """'Biên bản Chi bộ Khu phố 1 tháng 03-2026.docx' → 'bien-ban-chi-bo-khu-pho-1-thang-03-2026.docx'."""
        stem, _dot, suffix = self.filename.rpartition(".")
        return re.sub(r"[^a-z0-9]+", "-", text.fold(stem)).strip("-") + "." + suffix

    @property
    def content_disposition(self) -> str:
        """An ASCII name for old clients and the Vietnamese one for the rest (RFC 6266)."""
        return f"attachment; filename=\"{self.ascii_filename}\"; filename*=UTF-8''{quote(self.filename, safe='')}"


def file_name(meeting: Meeting, kind: str, doc: PartyDocument, file_format: str) -> str:
    number = f" {doc.number.n:02d}-{doc.number.doc_type}-{doc.number.issuer}" if doc.number else ""
    return f"{FILE_TITLES[kind]}{number} {meeting.organization.name} {meeting.day:%d-%m-%Y}.{file_format}"


def document_file(meeting: Meeting, kind: str, file_format: str) -> DocumentFile:
    """The paper rendered as .docx or .pdf with the format version in force on its date."""
    if file_format not in FORMATS:
        raise ValueError(file_format)
    doc = meeting_document(meeting, kind)
    layout = layout_for(doc.place_date.day if doc.place_date else meeting.day)
    data = (render_docx if file_format == "docx" else render_pdf)(doc, layout)
    return DocumentFile(data=data, filename=file_name(meeting, kind, doc, file_format),
                        content_type=FORMATS[file_format])


# --- issuing ---------------------------------------------------------------------------------------

def number_label(issued: IssuedDocument) -> str:
    """'Số 05-NQ/CB' as the format version in force on the issue date spells it."""
    return layout_for(issued.issued_on).number_text(issued.number, issued.doc_type, issued.issuer_code)


def _check_publish_step(meeting: Meeting, issued: IssuedDocument, issued_by: User | None) -> None:
    """Issuing the resolution finishes it: the after-meeting step (read by the quality rubric) gets its date."""
    if meeting.procedure_id is None:
        return
    step = ProcedureStep.objects.filter(procedure_id=meeting.procedure_id, code=PUBLISH_STEP).first()
    if step is None or MeetingStep.objects.filter(meeting=meeting, step=step).exists():
        return  # no such step, or the secretary already recorded it: their date and note stay
    step_check(meeting=meeting, step=step, checked_by=issued_by, done_on=issued.issued_on,
               note=_("Ban hành Nghị quyết %(n)s.") % {"n": number_label(issued)})


@transaction.atomic
def document_issue(*, meeting: Meeting, kind: str, issued_by: User | None) -> IssuedDocument:
    """Give the resolution (or the minutes) its number for the term and record when it was issued.

    Only once the minutes are approved, and only once per document: the number is taken from the
    register in this transaction, so a failure after it gives the number back.
    """
    if kind not in DOC_TYPES:
        raise RuleViolation(_("Loại văn bản này không cấp số."))
    lock(meeting)
    if meeting.status != MeetingStatus.CLOSED:
        raise RuleViolation(_("Chỉ ban hành được khi biên bản đã được thông qua."))
    existing = issued_document(meeting, kind)
    if existing is not None:
        raise RuleViolation(_("Văn bản đã được ban hành: %(n)s.") % {"n": number_label(existing)})
    if kind == DocumentKind.RESOLUTION and not (meeting.resolution_items.exists() or meeting.conclusion.strip()):
        raise RuleViolation(_("Chưa có nội dung nghị quyết hay kết luận để ban hành."))
    now = timezone.now()
    today = timezone.localdate(now)
    cell = meeting.organization
    doc_type, term = DOC_TYPES[kind], document_term(cell, today)  # type: ignore[index]
    number = document_number_next(organization=cell, doc_type=doc_type, term=term, issuer_code=ISSUER_CODE,
                                  issued_by=issued_by)
    latest = meeting.revisions.order_by("-number").values_list("number", flat=True).first()
    issued = IssuedDocument.objects.create(
        meeting=meeting, organization=cell, kind=kind, number=number.n, doc_type=doc_type, issuer_code=ISSUER_CODE,
        term=term, issued_on=today, issued_at=now, issued_by=issued_by,
        minutes_revision=latest if kind == DocumentKind.MINUTES else None,
    )
    if kind == DocumentKind.RESOLUTION:
        _check_publish_step(meeting, issued, issued_by)
    audit_record(actor=issued_by, action="meeting.document_issue", obj=meeting,
                 summary=f"{number_label(issued)} ({term})")
    return issued


def resolution_issue(*, meeting: Meeting, issued_by: User | None) -> IssuedDocument:
    """Issue the meeting's resolution: "Số 05-NQ/CB", numbered from 01 in the term."""
    return document_issue(meeting=meeting, kind=DocumentKind.RESOLUTION, issued_by=issued_by)
