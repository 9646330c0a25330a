"""Checks shared by the meeting services: status locks, the roll, the cell's dates."""

from datetime import date

from django.db.models import Max
from django.utils.translation import gettext as _

from chibo.core.errors import RuleViolation
from chibo.meetings.models import (
    OPEN_STATUSES,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
)
from chibo.organizations.models import Member, Organization

# --- guards --------------------------------------------------------------------------------------

def lock(meeting: Meeting) -> Meeting:
    """Re-read the status under a row lock, so that a tap racing the close cannot slip in after it."""
    meeting.status = Meeting.objects.select_for_update().values_list("status", flat=True).get(pk=meeting.pk)
    return meeting


def refuse_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise RuleViolation(_("Biên bản đã được thông qua. Muốn sửa, hãy lập bản sửa đổi có ghi lý do."))


def require_running(meeting: Meeting) -> None:
    lock(meeting)
    refuse_closed(meeting)
    if meeting.status != MeetingStatus.IN_PROGRESS:
        raise RuleViolation(_("Buổi sinh hoạt chưa bắt đầu."))


def require_planning(meeting: Meeting) -> None:
    lock(meeting)
    refuse_closed(meeting)
    if meeting.status not in OPEN_STATUSES:
        raise RuleViolation(_("Buổi sinh hoạt đã bắt đầu; không sửa kế hoạch được nữa."))


def require_on_roll(meeting: Meeting, member: Member, *, present: bool = False) -> Attendance:
    attendance = meeting.attendances.filter(member=member).first()
    if attendance is None:
        raise RuleViolation(_("%(name)s không có trong danh sách đảng viên của buổi sinh hoạt.") %
                            {"name": member.full_name})
    if present and attendance.status != AttendanceStatus.PRESENT:
        raise RuleViolation(_("%(name)s chưa được điểm danh có mặt.") % {"name": member.full_name})
    return attendance


def check_cell_active(organization: Organization, day: date) -> None:
    if not organization.is_cell:
        raise RuleViolation(_("Chỉ chi bộ mới có lịch sinh hoạt."))
    too_early = organization.valid_from is not None and day < organization.valid_from
    if too_early or (organization.valid_to is not None and day > organization.valid_to):
        raise RuleViolation(_("Ngày %(d)s chi bộ chưa thành lập hoặc đã giải thể.") % {"d": day.strftime("%d/%m/%Y")})


def next_order(queryset, field: str = "order") -> int:
    return (queryset.aggregate(n=Max(field))["n"] or 0) + 1


