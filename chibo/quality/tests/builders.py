"""Closed meetings of the named world, built through the meetings services (as a secretary would enter them)."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from chibo.meetings import services as meetings
from chibo.meetings.models import AttendanceStatus, Meeting
from chibo.organizations.models import Organization


def hold(cell: Organization, day: date, *, by, kind: str = "regular", minutes: int = 100,
         statuses: Mapping[str, str] | None = None, speakers: Iterable[str] = (),
         contributions: Iterable[tuple[str, str]] = (), close: bool = True) -> Meeting:
    """A meeting entered from the minutes book: everyone present unless `statuses` says otherwise.

    `statuses` and `speakers` name members by given name ("An", "Bích"); each speaker gives one
    proposal; `contributions` adds (given name, kind) pairs.
    """
    start = timezone.make_aware(datetime.combine(day, time(8, 0)))
    meeting = meetings.meeting_enter_past(organization=cell, kind=kind, held_on=day, started_at=start,
                                          ended_at=start + timedelta(minutes=minutes), entered_by=by)
    statuses = statuses or {}
    rows = list(meeting.attendances.select_related("member"))
    by_name = {a.member.given_name: a.member for a in rows}
    for attendance in rows:
        status = statuses.get(attendance.member.given_name)
        if status is None and not attendance.is_expected:
            continue
        status = status or AttendanceStatus.PRESENT
        meetings.attendance_mark(attendance=attendance, status=status, marked_by=by,
                                 reason="Đi công tác" if status == AttendanceStatus.EXCUSED else "")
    present = [a.member for a in rows if (statuses.get(a.member.given_name) or "present") == "present"]
    meetings.meeting_opening_set(meeting=meeting, set_by=by, chair=present[0] if present else None,
                                 meeting_secretary=present[-1] if present else rows[0].member)
    for name in speakers:
        meetings.contribution_add(meeting=meeting, member=by_name[name], kind="proposal", added_by=by)
    for name, kind in contributions:
        meetings.contribution_add(meeting=meeting, member=by_name[name], kind=kind, added_by=by)
    if close:
        meetings.meeting_close(meeting=meeting, closed_by=by)
        meeting.refresh_from_db()
    return meeting


def month_days(year: int, months: Iterable[int], day: int = 5) -> list[date]:
    return [date(year, m, day) for m in months]
