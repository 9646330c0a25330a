"""Planning and preparing a meeting, and starting it (live or entered after the fact)."""

import calendar
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record, snapshot
from chibo.core.errors import RuleViolation
from chibo.meetings import selectors
from chibo.meetings.models import (
    OPEN_STATUSES,
    Attendance,
    Meeting,
    MeetingKind,
    MeetingMaterial,
    MeetingNotice,
    MeetingStatus,
    MeetingStep,
    ProcedureStep,
    StepPhase,
)
from chibo.meetings.services.guards import (
    check_cell_active,
    lock,
    next_order,
    refuse_closed,
    require_planning,
)
from chibo.organizations.models import Member, Organization, Position, PositionTitle

PLAN_FIELDS = ("planned_date", "planned_time", "place", "topic", "presenter", "agenda")
MATERIAL_SUFFIXES = (".pdf", ".docx", ".doc", ".odt")
MATERIAL_MAX_BYTES = 10 * 1024 * 1024
THEMATIC_MONTHS = ((2, 3), (5, 6), (8, 9), (11, 12))  # per quarter: the middle month, else the last


# --- planning ------------------------------------------------------------------------------------

def _next_number(organization: Organization, year: int) -> int:
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # serialize numbering per cell
    return next_order(Meeting.objects.filter(organization=organization, year=year), "number")


def _check_presenter(organization: Organization, day: date, presenter: Member | None) -> None:
    if presenter is not None and not selectors.cell_roll(organization, day).filter(pk=presenter.pk).exists():
        raise RuleViolation({"presenter": _("Người trình bày phải là đảng viên của chi bộ.")})


@transaction.atomic
def meeting_plan(*, organization: Organization, kind: str, planned_date: date, planned_by: User | None,
                 planned_time=None, place: str = "", topic: str = "", presenter: Member | None = None,
                 agenda: str = "") -> Meeting:
    """Put a meeting on the cell's calendar, with the procedure in force on that date."""
    if kind not in MeetingKind.values:
        raise RuleViolation({"kind": _("Loại buổi sinh hoạt không hợp lệ.")})
    check_cell_active(organization, planned_date)
    _check_presenter(organization, planned_date, presenter)
    procedure = selectors.procedure_for(kind, planned_date)
    meeting = Meeting.objects.create(
        organization=organization, kind=kind, year=planned_date.year,
        number=_next_number(organization, planned_date.year), planned_date=planned_date, planned_time=planned_time,
        place=text.clean(place), topic=text.clean(topic), presenter=presenter, agenda=agenda.strip(),
        procedure=procedure, min_duration_minutes=procedure.min_duration_minutes if procedure else 0,
        created_by=planned_by,
    )
    audit_record(actor=planned_by, action="meeting.plan", obj=meeting,
                 summary=f"{meeting.title} — {planned_date:%d/%m/%Y}")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, updated_by: User | None, **fields: Any) -> Meeting:
    """Change the plan of a meeting that has not started (date, time, place, topic, presenter, agenda)."""
    require_planning(meeting)
    before = snapshot(meeting, PLAN_FIELDS)
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            raise TypeError(name)
        setattr(meeting, name, text.clean(value) if isinstance(value, str) and name != "agenda" else value)
    check_cell_active(meeting.organization, meeting.planned_date)
    _check_presenter(meeting.organization, meeting.planned_date, meeting.presenter)
    changed = [k for k, v in snapshot(meeting, PLAN_FIELDS).items() if before.get(k) != v]
    if "planned_date" in changed and meeting.planned_date.year != meeting.year:
        meeting.year = meeting.planned_date.year
        meeting.number = _next_number(meeting.organization, meeting.year)
        changed += ["year", "number"]
    if changed:
        meeting.save(update_fields=[*changed, "updated_at"])
        audit_record(actor=updated_by, action="meeting.update", obj=meeting, before=before,
                     after=snapshot(meeting, PLAN_FIELDS))
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting, deleted_by: User | None) -> None:
    """Remove a meeting from the calendar; only one that has not started, so no record is lost."""
    require_planning(meeting)
    audit_record(actor=deleted_by, action="meeting.delete", obj=meeting,
                 summary=f"{meeting.title} — {meeting.planned_date:%d/%m/%Y}")
    meeting.delete()


def _month_day(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def meetings_plan_year(*, organization: Organization, year: int, planned_by: User | None, day: int | None = None,
                       today: date | None = None) -> list[Meeting]:
    """A regular meeting every month on the cell's usual day, a thematic one every quarter.

    Months that already have one are left alone, as are past dates and dates when the cell did
    not exist, so running it twice changes nothing. Each meeting can then be moved on its own.
    """
    day = day or organization.usual_meeting_day
    if not day or not 1 <= day <= 31:
        raise RuleViolation({"day": _("Chi bộ chưa có ngày sinh hoạt hằng tháng; hãy nhập ngày (1–31).")})
    today = today or timezone.localdate()
    existing = Meeting.objects.filter(organization=organization, planned_date__year=year)
    regular_months = {m.month for m in existing.filter(kind=MeetingKind.REGULAR).values_list("planned_date", flat=True)}
    thematic_months = {m.month for m in existing.filter(kind=MeetingKind.THEMATIC).values_list("planned_date", flat=True)}

    def usable(when: date) -> bool:
        valid_from, valid_to = organization.valid_from, organization.valid_to
        return when >= today and not (valid_from and when < valid_from) and not (valid_to and when > valid_to)

    created = []
    for month in range(1, 13):
        when = _month_day(year, month, day)
        if month not in regular_months and usable(when):
            created.append(meeting_plan(organization=organization, kind=MeetingKind.REGULAR, planned_date=when,
                                        planned_by=planned_by, place=""))
    for quarter, months in enumerate(THEMATIC_MONTHS):
        if thematic_months & set(range(3 * quarter + 1, 3 * quarter + 4)):
            continue
        when_options = [d for d in (_month_day(year, m, day) for m in months) if usable(d)]
        if when_options:
            created.append(meeting_plan(organization=organization, kind=MeetingKind.THEMATIC,
                                        planned_date=when_options[0], planned_by=planned_by))
    return created


def _notice_body(meeting: Meeting) -> str:
    when = meeting.planned_date.strftime("%d/%m/%Y")
    if meeting.planned_time:
        when = f"{meeting.planned_time:%H:%M} {when}"
    lines = [
        _("%(org)s thông báo: %(title)s.") % {"org": meeting.organization.name, "title": meeting.title},
        _("Thời gian: %(when)s.") % {"when": when},
        _("Địa điểm: %(place)s.") % {"place": meeting.place or _("sẽ thông báo sau")},
    ]
    if meeting.topic:
        lines.append(_("Nội dung: %(topic)s.") % {"topic": meeting.topic})
    if meeting.agenda:
        lines.append(meeting.agenda)
    return "\n".join(lines)


@transaction.atomic
def meeting_notify(*, meeting: Meeting, sent_by: User | None) -> MeetingNotice:
    """Notify the roll of time, place and content: in the app, and by e-mail to users who have an address.

    The superior committee's member in charge of the cell (the liaison, HD 42 step 3) is notified
    too: the notice records them, so it shows on their own meetings page, and they get the e-mail.
    """
    require_planning(meeting)
    roll = selectors.cell_roll(meeting.organization, meeting.planned_date)
    addresses = set(
        User.objects.filter(member__in=roll, is_active=True).exclude(email="").values_list("email", flat=True)
    )
    liaison = selectors.cell_liaison(meeting.organization, timezone.localdate())
    if liaison is not None and liaison.user.is_active and liaison.user.email:
        addresses.add(liaison.user.email)
    notice = MeetingNotice.objects.create(
        meeting=meeting, subject=meeting.title, body=_notice_body(meeting),
        recipients=roll.count() + (liaison is not None), emailed=len(addresses), sent_by=sent_by, liaison=liaison,
    )
    messages = [(notice.subject, notice.body, None, [address]) for address in sorted(addresses)]
    if messages:
        # After commit: a rolled-back notice must not have been mailed.
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    auto_check(meeting, "notify", checked_by=sent_by)
    audit_record(actor=sent_by, action="meeting.notify", obj=meeting,
                 summary=_("%(n)d người nhận, %(e)d thư điện tử") % {"n": notice.recipients, "e": notice.emailed})
    return notice


# --- steps ---------------------------------------------------------------------------------------

def auto_check(meeting: Meeting, code: str, *, checked_by: User | None) -> None:
    """Check the step with this code off when the app itself did it (the notice, the materials, the minutes)."""
    if meeting.procedure_id is None:
        return
    step = ProcedureStep.objects.filter(procedure_id=meeting.procedure_id, code=code).first()
    if step is not None and not MeetingStep.objects.filter(meeting=meeting, step=step).exists():
        now = timezone.now()
        MeetingStep.objects.create(meeting=meeting, step=step, done_on=timezone.localdate(now),
                                   done_at=now if step.phase == StepPhase.MEETING else None, done_by=checked_by)
        _sync_prepared(meeting)


def _sync_prepared(meeting: Meeting) -> None:
    """planned ⇄ prepared follows the preparation checklist: prepared once every item is checked."""
    if meeting.status not in OPEN_STATUSES or meeting.procedure_id is None:
        return
    steps = ProcedureStep.objects.filter(procedure_id=meeting.procedure_id, phase=StepPhase.PREPARATION)
    done = MeetingStep.objects.filter(meeting=meeting, step__in=steps).count()
    status = MeetingStatus.PREPARED if done == steps.count() else MeetingStatus.PLANNED
    if status != meeting.status:
        meeting.status = status
        meeting.save(update_fields=["status", "updated_at"])


def _check_step_allowed(meeting: Meeting, step: ProcedureStep) -> None:
    if step.procedure_id != meeting.procedure_id:
        raise RuleViolation(_("Bước này không thuộc quy trình của buổi sinh hoạt."))
    lock(meeting)
    if step.phase == StepPhase.AFTER:
        if meeting.status != MeetingStatus.CLOSED and meeting.status != MeetingStatus.IN_PROGRESS:
            raise RuleViolation(_("Việc sau buổi sinh hoạt chỉ ghi được khi buổi sinh hoạt đã diễn ra."))
        return  # publishing the resolution comes after the minutes: it does not change them
    refuse_closed(meeting)
    if step.phase == StepPhase.MEETING and meeting.status != MeetingStatus.IN_PROGRESS:
        raise RuleViolation(_("Buổi sinh hoạt chưa bắt đầu."))


@transaction.atomic
def step_check(*, meeting: Meeting, step: ProcedureStep, checked_by: User | None, done: bool = True,
               note: str | None = None, done_on: date | None = None, done_at: datetime | None = None) -> MeetingStep | None:
    """Check a step off (a date and a note for preparation; the time during the meeting) or undo it.

    A meeting step starts when the previous checked step ended (or when the meeting started),
    so one tap records both ends. A meeting entered after the fact takes the time given, if any.
    """
    _check_step_allowed(meeting, step)
    check = MeetingStep.objects.filter(meeting=meeting, step=step).first()
    if not done:
        if check is not None:
            check.delete()
            _sync_prepared(meeting)
            audit_record(actor=checked_by, action="meeting.step_undo", obj=meeting, summary=step.title)
        return None
    if check is None:
        check = MeetingStep(meeting=meeting, step=step, done_by=checked_by)
        if step.phase == StepPhase.MEETING:
            live = not meeting.entered_after_the_fact
            check.done_at = done_at or (timezone.now() if live else None)
            previous = MeetingStep.objects.filter(meeting=meeting, done_at__isnull=False).aggregate(t=Max("done_at"))["t"]
            check.started_at = (previous or meeting.started_at) if check.done_at else None
        check.done_on = done_on or (timezone.localdate(check.done_at) if check.done_at else timezone.localdate())
    elif done_on:
        check.done_on = done_on
    if note is not None:  # None: a plain tap keeps the note written earlier
        check.note = note.strip()
    check.save()
    _sync_prepared(meeting)
    audit_record(actor=checked_by, action="meeting.step", obj=meeting, summary=f"{step.title} {check.note}"[:300])
    return check


# --- materials -----------------------------------------------------------------------------------

@transaction.atomic
def material_add(*, meeting: Meeting, title: str, added_by: User | None, kind: str = "report", body: str = "",
                 upload: UploadedFile | None = None) -> MeetingMaterial:
    """Content prepared for the meeting: written here, or an uploaded .docx/.pdf."""
    lock(meeting)
    refuse_closed(meeting)
    title = text.clean(title)
    if not title:
        raise RuleViolation({"title": _("Cần nhập tên tài liệu.")})
    if not body.strip() and upload is None:
        raise RuleViolation(_("Hãy viết nội dung hoặc tải lên một tệp."))
    if upload is not None:
        if Path(upload.name or "").suffix.lower() not in MATERIAL_SUFFIXES:
            raise RuleViolation({"upload": _("Chỉ nhận tệp .pdf, .docx, .doc hoặc .odt.")})
        if (upload.size or 0) > MATERIAL_MAX_BYTES:
            raise RuleViolation({"upload": _("Tệp lớn hơn 10 MB.")})
    material = MeetingMaterial(meeting=meeting, kind=kind, title=title, body=body.strip(), uploaded_by=added_by,
                               original_name=(upload.name or "")[:255] if upload else "")
    if upload is not None:
        material.file.save(Path(upload.name or "tai-lieu").name, upload, save=False)
    material.save()
    audit_record(actor=added_by, action="meeting.material", obj=meeting, summary=title)
    return material


@transaction.atomic
def material_remove(*, material: MeetingMaterial, removed_by: User | None) -> None:
    meeting = material.meeting
    lock(meeting)
    refuse_closed(meeting)
    if meeting.materials_released_at is not None:
        raise RuleViolation(_("Tài liệu đã gửi đến đảng viên, không xóa được."))
    audit_record(actor=removed_by, action="meeting.material_remove", obj=meeting, summary=material.title)
    material.delete()


@transaction.atomic
def materials_release(*, meeting: Meeting, released_by: User | None) -> Meeting:
    """Release the materials to members: from now on they see them. The time is recorded (HD 42: ≥ 1 day before)."""
    lock(meeting)
    refuse_closed(meeting)
    if meeting.materials_released_at is not None:
        raise RuleViolation(_("Tài liệu đã được gửi lúc %(t)s.") %
                            {"t": timezone.localtime(meeting.materials_released_at).strftime("%H:%M %d/%m/%Y")})
    if not meeting.materials.exists():
        raise RuleViolation(_("Chưa có tài liệu nào để gửi."))
    meeting.materials_released_at = timezone.now()
    meeting.save(update_fields=["materials_released_at", "updated_at"])
    auto_check(meeting, "materials", checked_by=released_by)
    audit_record(actor=released_by, action="meeting.materials_release", obj=meeting)
    return meeting


def materials_on_time(meeting: Meeting) -> bool | None:
    """Were the materials released the number of days before that the procedure asks? None if not released."""
    if meeting.materials_released_at is None:
        return None
    lead = meeting.procedure.materials_lead_days if meeting.procedure else 0
    released_on = timezone.localdate(meeting.materials_released_at)
    return (meeting.day - released_on).days >= lead


# --- starting ------------------------------------------------------------------------------------

def _snapshot_roll(meeting: Meeting, day: date) -> None:
    entries = selectors.roll_entries(meeting.organization, day)
    if not entries:
        raise RuleViolation(_("Chi bộ không có đảng viên nào vào ngày %(d)s.") % {"d": day.strftime("%d/%m/%Y")})
    Attendance.objects.bulk_create([
        Attendance(meeting=meeting, member=e.member, is_expected=e.is_expected,
                   not_expected_reason=e.not_expected_reason, is_official=e.is_official, is_temporary=e.is_temporary)
        for e in entries
    ])
    secretary = Position.objects.filter(organization=meeting.organization, title=PositionTitle.SECRETARY,
                                        end_date__isnull=True).first()
    if secretary is not None and any(e.member.pk == secretary.member_id for e in entries):
        meeting.chair_id = secretary.member_id  # the bí thư chairs unless the cell decides otherwise


@transaction.atomic
def meeting_start(*, meeting: Meeting, started_by: User | None) -> Meeting:
    """Open the meeting: the roll of today is snapshotted into attendance rows (nobody marked yet)."""
    require_planning(meeting)
    now = timezone.now()
    check_cell_active(meeting.organization, timezone.localdate(now))
    meeting.held_on, meeting.started_at, meeting.status = timezone.localdate(now), now, MeetingStatus.IN_PROGRESS
    _snapshot_roll(meeting, meeting.held_on)
    meeting.save(update_fields=["held_on", "started_at", "status", "chair", "updated_at"])
    audit_record(actor=started_by, action="meeting.start", obj=meeting, summary=meeting.title)
    return meeting


@transaction.atomic
def meeting_enter_past(*, organization: Organization, kind: str, held_on: date, started_at: datetime,
                       ended_at: datetime, entered_by: User | None, place: str = "", topic: str = "",
                       presenter: Member | None = None) -> Meeting:
    """A meeting from the paper minutes book: the roll of that day, the same rules, entered after the fact."""
    if held_on > timezone.localdate():
        raise RuleViolation({"held_on": _("Chỉ nhập lại được buổi sinh hoạt đã diễn ra.")})
    if ended_at <= started_at:
        raise RuleViolation({"end_time": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    meeting = meeting_plan(organization=organization, kind=kind, planned_date=held_on, planned_by=entered_by,
                           planned_time=timezone.localtime(started_at).time(), place=place, topic=topic,
                           presenter=presenter)
    meeting.held_on, meeting.started_at, meeting.ended_at = held_on, started_at, ended_at
    meeting.status, meeting.entered_after_the_fact = MeetingStatus.IN_PROGRESS, True
    _snapshot_roll(meeting, held_on)
    meeting.save(update_fields=["held_on", "started_at", "ended_at", "status", "entered_after_the_fact", "chair",
                                "updated_at"])
    audit_record(actor=entered_by, action="meeting.enter_past", obj=meeting, summary=meeting.title)
    return meeting


