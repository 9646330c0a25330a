"""Approving the minutes (the lock) and correcting them through revisions."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.meetings import rules, selectors
from chibo.meetings.minutes import minutes_text, percent
from chibo.meetings.models import (
    Attendance,
    AttendanceStatus,
    ContributionKind,
    Meeting,
    MeetingFigures,
    MeetingStatus,
    MinutesRevision,
    Vote,
)
from chibo.meetings.services.guards import (
    lock,
    require_running,
)
from chibo.meetings.services.planning import auto_check
from chibo.quality.services import ratings_rescore

# --- closing and revisions -----------------------------------------------------------------------

def figures_values(figures: rules.Figures, followup: rules.Followup) -> dict[str, Any]:
    """The MeetingFigures columns of a meeting's figures and follow-up (the demo's bulk writer stores the same)."""
    return {
        "expected": figures.expected, "present": figures.present, "excused": figures.excused,
        "absent": figures.absent, "late": figures.late, "present_not_expected": figures.present_not_expected,
        "speakers": figures.speakers, "contributions": figures.contributions,
        **{f"contributions_{kind}": figures.by_kind.get(kind, 0) for kind in ContributionKind.values},
        "duration_minutes": figures.duration_minutes, "attendance_rate": figures.attendance_rate,
        "speaking_share": figures.speaking_share, "over_half_spoke": figures.over_half_spoke,
        "proposal_share": figures.proposal_share, "followup_tasks": followup.tasks, "followup_done": followup.done,
        "followup_partly_done": followup.partly_done, "followup_not_done": followup.not_done,
        "followup_done_share": followup.done_share,
    }


def _store_figures(meeting: Meeting) -> MeetingFigures:
    values = figures_values(selectors.meeting_figures(meeting), selectors.followup_figures(meeting))
    stored, _created = MeetingFigures.objects.update_or_create(meeting=meeting, defaults=values)
    return stored


def _record(meeting: Meeting) -> dict[str, Any]:
    """What the minutes said, as data: kept with every revision so that figures can be traced back."""
    figures = MeetingFigures.objects.get(meeting=meeting)
    rows = list(Attendance.objects.filter(meeting=meeting).order_by("member_id"))
    return {
        "attendance": {str(a.member_id): a.status for a in rows},
        "expected": sorted(a.member_id for a in rows if a.is_expected),
        "figures": {"expected": figures.expected, "present": figures.present, "excused": figures.excused,
                    "absent": figures.absent, "speakers": figures.speakers, "contributions": figures.contributions,
                    "attendance_rate": figures.attendance_rate, "speaking_share": figures.speaking_share,
                    "duration_minutes": figures.duration_minutes},
        "votes": [{"motion": v.motion, "for": v.votes_for, "denominator": v.denominator, "valid": v.is_valid}
                  for v in Vote.objects.filter(meeting=meeting)],
    }


def close_blockers(meeting: Meeting) -> list[str]:
    """Why the minutes cannot be approved yet (empty when they can)."""
    blockers = []
    attendances = list(Attendance.objects.filter(meeting=meeting).select_related("member"))
    unmarked = sum(1 for a in attendances if a.is_expected and not a.status)
    if unmarked:
        blockers.append(_("Còn %(n)d đảng viên chưa điểm danh.") % {"n": unmarked})
    no_reason = [a.member.full_name for a in attendances if a.status == AttendanceStatus.EXCUSED and not a.reason]
    if no_reason:
        blockers.append(_("Chưa ghi lý do vắng của: %(names)s.") % {"names": ", ".join(no_reason)})
    if meeting.meeting_secretary_id is None:
        blockers.append(_("Chưa cử thư ký."))
    return blockers


@transaction.atomic
def meeting_close(*, meeting: Meeting, closed_by: User | None) -> Meeting:
    """Approve the minutes and lock the meeting; only closed meetings count in statistics."""
    require_running(meeting)
    blockers = close_blockers(meeting)
    if blockers:
        raise RuleViolation(blockers)
    now = timezone.now()
    auto_check(meeting, "approve_minutes", checked_by=closed_by)
    if not meeting.entered_after_the_fact:
        meeting.ended_at = now
    meeting.status, meeting.closed_at, meeting.closed_by = MeetingStatus.CLOSED, now, closed_by
    meeting.save(update_fields=["ended_at", "status", "closed_at", "closed_by", "updated_at"])
    figures = _store_figures(meeting)
    approved = selectors.meeting_with_record(meeting.pk)  # fresh: the text must show every tap, not a cache
    MinutesRevision.objects.create(meeting=meeting, number=1, text=minutes_text(approved),
                                   record=_record(meeting),
                                   author=closed_by)
    audit_record(actor=closed_by, action="meeting.close", obj=meeting,
                 summary=_("Có mặt %(p)d/%(e)d (%(r)s)") % {"p": figures.present, "e": figures.expected,
                                                            "r": percent(figures.attendance_rate)})
    return meeting


@transaction.atomic
def minutes_revise(*, meeting: Meeting, body: str, reason: str, revised_by: User | None,
                   attendance: dict[int, tuple[str, str]] | None = None) -> MinutesRevision:
    """Correct approved minutes: a new revision with a reason and an author; the earlier ones stay.

    `attendance` maps attendance ids of this meeting to a corrected (status, reason); the stored
    figures are recomputed from the corrected roll.
    """
    lock(meeting)
    if meeting.status != MeetingStatus.CLOSED:
        raise RuleViolation(_("Biên bản chưa được thông qua; hãy sửa trực tiếp trên buổi sinh hoạt."))
    reason = text.clean(reason)
    if not reason:
        raise RuleViolation({"reason": _("Cần ghi lý do sửa biên bản.")})
    body = body.strip()
    if not body:
        raise RuleViolation({"body": _("Biên bản không thể để trống.")})
    latest = meeting.revisions.order_by("-number").first()
    changed_rows = _correct_attendance(meeting, attendance or {})
    if latest is not None and latest.text.strip() == body and not changed_rows:
        raise RuleViolation(_("Không có gì thay đổi so với bản trước."))
    if changed_rows:
        _store_figures(meeting)
    revision = MinutesRevision.objects.create(
        meeting=meeting, number=(latest.number + 1) if latest else 1, text=body + "\n", record=_record(meeting),
        reason=reason[:500], author=revised_by,
    )
    audit_record(actor=revised_by, action="meeting.revise", obj=meeting,
                 summary=(_("Bản sửa số %(n)d: %(r)s") % {"n": revision.number, "r": reason})[:300])
    if changed_rows:  # the ratings scored from the old roll no longer match the record
        ratings_rescore(meeting=meeting, rescored_by=revised_by,
                        reason=_("Biên bản sửa lần %(n)d: %(r)s") % {"n": revision.number, "r": reason})
    return revision


def _correct_attendance(meeting: Meeting, corrections: dict[int, tuple[str, str]]) -> list[Attendance]:
    rows = {a.pk: a for a in meeting.attendances.filter(pk__in=list(corrections))}
    if set(corrections) - set(rows):
        raise RuleViolation(_("Có dòng điểm danh không thuộc buổi sinh hoạt này."))
    changed = []
    for pk, (status, reason) in corrections.items():
        if status not in AttendanceStatus.values:
            raise RuleViolation(_("Trạng thái điểm danh không hợp lệ."))
        row = rows[pk]
        reason = text.clean(reason) if status == AttendanceStatus.EXCUSED else ""
        if (row.status, row.reason) != (status, reason):
            row.status, row.reason = status, reason
            row.arrived_late = row.arrived_late and status == AttendanceStatus.PRESENT
            row.save(update_fields=["status", "reason", "arrived_late"])
            changed.append(row)
    return changed

