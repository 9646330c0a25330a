"""The taps of the run screen: opening, roll call, speakers, recognitions, votes, resolution, tasks."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record, snapshot
from chibo.core.errors import RuleViolation
from chibo.meetings import selectors
from chibo.meetings.models import (
    Attendance,
    AttendanceStatus,
    Contribution,
    ContributionKind,
    Meeting,
    MeetingGuest,
    Recognition,
    RecognitionKind,
    ResolutionItem,
    Task,
    TaskStatus,
    Vote,
    VoteKind,
)
from chibo.meetings.services.guards import (
    lock,
    next_order,
    refuse_closed,
    require_on_roll,
    require_running,
)
from chibo.organizations.models import Member

# --- running -------------------------------------------------------------------------------------

@transaction.atomic
def meeting_opening_set(*, meeting: Meeting, set_by: User | None, chair: Member | None = None,
                        meeting_secretary: Member | None = None, fees_note: str = "") -> Meeting:
    """Chair, meeting secretary (thư ký) and the party-fee report: chosen among the members on the roll."""
    require_running(meeting)
    for member in (chair, meeting_secretary):
        if member is not None:
            require_on_roll(meeting, member)
    before = snapshot(meeting, ("chair", "meeting_secretary", "fees_note"))
    meeting.chair, meeting.meeting_secretary, meeting.fees_note = chair, meeting_secretary, text.clean(fees_note)
    meeting.save(update_fields=["chair", "meeting_secretary", "fees_note", "updated_at"])
    audit_record(actor=set_by, action="meeting.opening", obj=meeting, before=before,
                 after=snapshot(meeting, ("chair", "meeting_secretary", "fees_note")))
    return meeting


@transaction.atomic
def guest_add(*, meeting: Meeting, added_by: User | None, name: str = "", title: str = "",
              member: Member | None = None, user: User | None = None, remarks: str = "") -> MeetingGuest:
    """A guest (đại biểu cấp trên): free text, optionally linked to a member or a user."""
    lock(meeting)
    refuse_closed(meeting)
    name = text.clean(name) or (member.full_name if member else "") or (user.display_name() if user else "")
    if not name:
        raise RuleViolation({"name": _("Cần nhập tên đại biểu.")})
    guest = MeetingGuest.objects.create(meeting=meeting, name=name, title=text.clean(title), member=member,
                                        user=user, remarks=remarks.strip())
    audit_record(actor=added_by, action="meeting.guest", obj=meeting, summary=name)
    return guest


@transaction.atomic
def guest_remove(*, guest: MeetingGuest, removed_by: User | None) -> None:
    lock(guest.meeting)
    refuse_closed(guest.meeting)
    audit_record(actor=removed_by, action="meeting.guest_remove", obj=guest.meeting, summary=guest.name)
    guest.delete()


@transaction.atomic
def attendance_mark(*, attendance: Attendance, status: str, marked_by: User | None, reason: str = "",
                    arrived_late: bool = False) -> Attendance:
    """One tap of the roll call: present (perhaps late), excused with a reason, or absent."""
    require_running(attendance.meeting)
    if status not in AttendanceStatus.values:
        raise RuleViolation({"status": _("Trạng thái điểm danh không hợp lệ.")})
    attendance.status = status
    attendance.reason = text.clean(reason)[:255] if status == AttendanceStatus.EXCUSED else ""
    attendance.arrived_late = bool(arrived_late) and status == AttendanceStatus.PRESENT
    attendance.marked_at, attendance.marked_by = timezone.now(), marked_by
    attendance.save(update_fields=["status", "reason", "arrived_late", "marked_at", "marked_by"])
    audit_record(actor=marked_by, action="meeting.attendance", obj=attendance.meeting,
                 summary=f"{attendance.member}: {attendance.get_status_display()} {attendance.reason}"[:300])
    return attendance


@transaction.atomic
def contribution_add(*, meeting: Meeting, member: Member, kind: str, added_by: User | None,
                     gist: str = "") -> Contribution:
    """A member speaks: who, which kind (METRICS.md), the gist."""
    require_running(meeting)
    if kind not in ContributionKind.values:
        raise RuleViolation({"kind": _("Loại ý kiến không hợp lệ.")})
    require_on_roll(meeting, member, present=True)
    contribution = Contribution.objects.create(
        meeting=meeting, member=member, kind=kind, gist=text.clean(gist)[:500], created_by=added_by,
        order=next_order(meeting.contributions.all()),
    )
    audit_record(actor=added_by, action="meeting.contribution", obj=meeting,
                 summary=f"{member}: {contribution.get_kind_display()}")
    return contribution


@transaction.atomic
def contribution_remove(*, contribution: Contribution, removed_by: User | None) -> None:
    require_running(contribution.meeting)
    audit_record(actor=removed_by, action="meeting.contribution_remove", obj=contribution.meeting,
                 summary=f"{contribution.member}: {contribution.get_kind_display()}")
    contribution.delete()


@transaction.atomic
def recognition_add(*, meeting: Meeting, member: Member, kind: str, added_by: User | None,
                    note: str = "") -> Recognition:
    """Praise, remind or criticize a named member of the roll."""
    require_running(meeting)
    if kind not in RecognitionKind.values:
        raise RuleViolation({"kind": _("Hình thức không hợp lệ.")})
    require_on_roll(meeting, member)
    recognition = Recognition.objects.create(meeting=meeting, member=member, kind=kind, note=text.clean(note)[:500],
                                             created_by=added_by)
    audit_record(actor=added_by, action="meeting.recognition", obj=meeting,
                 summary=f"{recognition.get_kind_display()}: {member}")
    return recognition


@transaction.atomic
def recognition_remove(*, recognition: Recognition, removed_by: User | None) -> None:
    require_running(recognition.meeting)
    audit_record(actor=removed_by, action="meeting.recognition_remove", obj=recognition.meeting,
                 summary=str(recognition.member))
    recognition.delete()


def vote_error_messages(codes: list[str]) -> list[str]:
    messages = {
        "negative": _("Số phiếu không thể âm."),
        "too_many": _("Tổng số phiếu vượt quá số đảng viên chính thức có mặt."),
    }
    return [messages[code] for code in codes]


@transaction.atomic
def vote_record(*, meeting: Meeting, motion: str, kind: str, votes_for: int, recorded_by: User | None,
                votes_against: int = 0, votes_abstain: int = 0) -> Vote:
    """Record a show-of-hands vote with the Charter's denominator and the validity it gives."""
    require_running(meeting)
    motion = text.clean(motion)
    if not motion:
        raise RuleViolation({"motion": _("Cần nhập nội dung biểu quyết.")})
    if kind not in VoteKind.values:
        raise RuleViolation({"kind": _("Loại biểu quyết không hợp lệ.")})
    preview = selectors.vote_preview(meeting, kind=kind, votes_for=votes_for, votes_against=votes_against,
                                     votes_abstain=votes_abstain)
    if preview.errors:
        raise RuleViolation(vote_error_messages(preview.errors))
    vote = Vote.objects.create(
        meeting=meeting, order=next_order(meeting.votes.all()), motion=motion[:500], kind=kind, votes_for=votes_for,
        votes_against=votes_against, votes_abstain=votes_abstain, denominator=preview.denominator.value,
        required_for=preview.required_for, is_valid=preview.is_valid, recorded_by=recorded_by,
        computation={**preview.denominator.as_dict(), "rule": kind, "required_for": preview.required_for},
    )
    audit_record(actor=recorded_by, action="meeting.vote", obj=meeting,
                 summary=f"{motion[:200]}: {votes_for}/{vote.denominator} {'✓' if vote.is_valid else '✗'}")
    return vote


@transaction.atomic
def vote_remove(*, vote: Vote, removed_by: User | None) -> None:
    require_running(vote.meeting)
    audit_record(actor=removed_by, action="meeting.vote_remove", obj=vote.meeting, summary=vote.motion[:300])
    vote.delete()


@transaction.atomic
def resolution_item_add(*, meeting: Meeting, body: str, added_by: User | None) -> ResolutionItem:
    require_running(meeting)
    body = body.strip()
    if not body:
        raise RuleViolation({"text": _("Cần nhập nội dung nghị quyết.")})
    item = ResolutionItem.objects.create(meeting=meeting, order=next_order(meeting.resolution_items.all()), text=body)
    audit_record(actor=added_by, action="meeting.resolution_item", obj=meeting, summary=body[:300])
    return item


@transaction.atomic
def resolution_item_remove(*, item: ResolutionItem, removed_by: User | None) -> None:
    require_running(item.meeting)
    audit_record(actor=removed_by, action="meeting.resolution_item_remove", obj=item.meeting, summary=item.text[:300])
    item.delete()


@transaction.atomic
def task_assign(*, meeting: Meeting, description: str, assigned_by: User | None, assignee: Member | None = None,
                to_committee: bool = False, deadline: date | None = None,
                resolution_item: ResolutionItem | None = None) -> Task:
    """A task for a member of the roll or for the cell committee, with a deadline and the item it serves."""
    require_running(meeting)
    description = text.clean(description)
    if not description:
        raise RuleViolation({"description": _("Cần nhập nội dung nhiệm vụ.")})
    if (assignee is None) == (not to_committee):
        raise RuleViolation({"assignee": _("Giao cho một đảng viên hoặc cho chi ủy.")})
    if assignee is not None:
        require_on_roll(meeting, assignee)
    if resolution_item is not None and resolution_item.meeting_id != meeting.pk:
        raise RuleViolation({"resolution_item": _("Nội dung nghị quyết không thuộc buổi sinh hoạt này.")})
    if deadline is not None and meeting.held_on and deadline < meeting.held_on:
        raise RuleViolation({"deadline": _("Thời hạn phải sau ngày sinh hoạt.")})
    task = Task.objects.create(meeting=meeting, description=description[:500], assignee=assignee,
                               to_committee=to_committee, deadline=deadline, resolution_item=resolution_item,
                               created_by=assigned_by)
    audit_record(actor=assigned_by, action="meeting.task", obj=meeting,
                 summary=f"{task.assignee_label}: {description}"[:300])
    return task


@transaction.atomic
def task_remove(*, task: Task, removed_by: User | None) -> None:
    require_running(task.meeting)
    audit_record(actor=removed_by, action="meeting.task_remove", obj=task.meeting, summary=task.description[:300])
    task.delete()


@transaction.atomic
def task_follow_up(*, meeting: Meeting, task: Task, status: str, followed_up_by: User | None,
                   note: str = "") -> Task:
    """At the next regular meeting, each task of the previous resolution is marked done, partly done or not done."""
    lock(meeting)
    refuse_closed(meeting)
    previous = selectors.previous_regular_meeting(meeting)
    if previous is None or task.meeting_id != previous.pk:
        raise RuleViolation(_("Nhiệm vụ này không thuộc nghị quyết kỳ trước của buổi sinh hoạt."))
    if status not in TaskStatus.values:
        raise RuleViolation({"status": _("Kết quả không hợp lệ.")})
    reviewed = status != TaskStatus.OPEN
    task.status, task.followup_note = status, text.clean(note)[:500]
    task.followup_meeting = meeting if reviewed else None
    task.followed_up_at, task.followed_up_by = (timezone.now(), followed_up_by) if reviewed else (None, None)
    task.save(update_fields=["status", "followup_note", "followup_meeting", "followed_up_at", "followed_up_by"])
    audit_record(actor=followed_up_by, action="task.follow_up", obj=task,
                 summary=f"{task.get_status_display()} {task.followup_note}"[:300])
    return task


@transaction.atomic
def task_report(*, task: Task, note: str, reported_by: User | None) -> Task:
    """The assignee reports progress (or the secretary on their behalf); the cell judges it at follow-up."""
    if task.status != TaskStatus.OPEN:
        raise RuleViolation(_("Nhiệm vụ đã được kiểm điểm."))
    note = text.clean(note)
    if not note:
        raise RuleViolation({"note": _("Cần nhập nội dung báo cáo.")})
    task.progress_note, task.progress_reported_at, task.progress_reported_by = note[:500], timezone.now(), reported_by
    task.save(update_fields=["progress_note", "progress_reported_at", "progress_reported_by"])
    audit_record(actor=reported_by, action="task.report", obj=task, summary=note[:300])
    return task


@transaction.atomic
def meeting_conclusion_set(*, meeting: Meeting, conclusion: str, set_by: User | None) -> Meeting:
    require_running(meeting)
    meeting.conclusion = conclusion.strip()
    meeting.save(update_fields=["conclusion", "updated_at"])
    audit_record(actor=set_by, action="meeting.conclusion", obj=meeting, summary=meeting.conclusion[:300])
    return meeting


