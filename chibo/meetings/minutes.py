"""The minutes as text, written from the record when the meeting closes (DOMAIN §3.6 minimum fields).

Parts are headed "I- …", "II- …", "III- …" as in the skeleton of DOMAIN §10.3, so that the printed
minutes (chibo/meetings/documents.py) show them as headings.

This text is what the cell approves and what revisions correct; the .docx/.pdf documents in the
Party's format are rendered elsewhere from the same record and from the approved text.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from chibo.meetings import selectors
from chibo.meetings.models import AttendanceStatus, Meeting


def percent(value: float | None) -> str:
    """0.9 → "90,0%", 11/12 → "91,7%" (rounded to one decimal, the locale's decimal comma); "—" when undefined.

    Rounded half up first, as the reports do: number_format alone cuts the decimals off (11/12 would read "91,6%").
    """
    if value is None:
        return "—"
    rounded = Decimal(repr(value * 100)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{number_format(rounded, 1)}%"


def _time(value) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else "—"


def _names(attendances, status: str, *, with_reason: bool = False) -> str:
    rows = [a for a in attendances if a.is_expected and a.status == status]
    if not rows:
        return _("không có")
    if with_reason:
        return "; ".join(f"{a.member.full_name} ({a.reason or _('chưa ghi lý do')})" for a in rows)
    return ", ".join(a.member.full_name for a in rows)


def _head(meeting: Meeting) -> list[str]:
    return [
        meeting.organization.name.upper(),
        _("BIÊN BẢN"),
        meeting.title,
        "",
        _("Thời gian: ngày %(d)s, từ %(s)s đến %(e)s.") % {
            "d": meeting.day.strftime("%d/%m/%Y"), "s": _time(meeting.started_at), "e": _time(meeting.ended_at)},
        _("Địa điểm: %(p)s.") % {"p": meeting.place or "—"},
        _("Chủ trì: %(c)s. Thư ký: %(s)s.") % {
            "c": meeting.chair or "—", "s": meeting.meeting_secretary or "—"},
    ]


def _roll(sheet: selectors.MeetingSheet) -> list[str]:
    rows, f = sheet.attendances, sheet.figures
    official = sum(1 for a in rows if a.is_official)
    lines = [
        "",
        _("I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT"),
        _("Tổng số đảng viên: %(n)d (chính thức %(o)d, dự bị %(p)d); sinh hoạt tạm thời: %(t)d; "
          "được miễn hoặc làm nhiệm vụ đặc biệt: %(x)d.") % {
            "n": len(rows), "o": official, "p": len(rows) - official,
            "t": sum(1 for a in rows if a.is_temporary), "x": sum(1 for a in rows if not a.is_expected)},
        _("Phải có mặt: %(e)d; có mặt: %(p)d (%(r)s); vắng có lý do: %(x)d; vắng không lý do: %(a)d.") % {
            "e": f.expected, "p": f.present, "r": percent(f.attendance_rate), "x": f.excused, "a": f.absent},
        _("Vắng có lý do: %(names)s.") % {"names": _names(rows, AttendanceStatus.EXCUSED, with_reason=True)},
        _("Vắng không lý do: %(names)s.") % {"names": _names(rows, AttendanceStatus.ABSENT)},
    ]
    if sheet.meeting.fees_note:
        lines.append(_("Đảng phí: %(note)s.") % {"note": sheet.meeting.fees_note})
    return lines


def _body(meeting: Meeting, sheet: selectors.MeetingSheet) -> list[str]:
    lines = ["", _("II- DIỄN BIẾN")]
    for guest in meeting.guests.all():
        lines.append(_("Đại biểu: %(n)s %(t)s") % {"n": guest.name, "t": f"({guest.title})" if guest.title else ""})
    for c in meeting.contributions.all():
        lines.append(f"- {c.member.full_name} ({c.get_kind_display()}): {c.gist}")
    for r in meeting.recognitions.all():
        lines.append(f"- {r.get_kind_display()}: {r.member.full_name}. {r.note}")
    f = sheet.figures
    lines.append(_("Số đảng viên phát biểu: %(s)d/%(p)d có mặt (%(r)s).") % {
        "s": f.speakers, "p": f.present, "r": percent(f.speaking_share)})
    if sheet.followups:
        lines.append(_("Kết quả thực hiện nhiệm vụ kỳ trước: %(d)d/%(n)d hoàn thành (%(r)s).") % {
            "d": sheet.followup.done, "n": sheet.followup.tasks, "r": percent(sheet.followup.done_share)})
    return lines


def _conclusion(meeting: Meeting) -> list[str]:
    lines = ["", _("III- KẾT LUẬN VÀ BIỂU QUYẾT"), _("Chủ trì kết luận: %(c)s") % {"c": meeting.conclusion or "—"}]
    for item in meeting.resolution_items.all():
        lines.append(f"{item.order}. {item.text}")
    for vote in meeting.votes.all():
        verdict = _("thông qua") if vote.is_valid else _("không thông qua")
        lines.append(_("Biểu quyết “%(m)s”: %(f)d/%(d)d tán thành, %(a)d không tán thành, %(x)d không biểu quyết — "
                       "%(v)s.") % {"m": vote.motion, "f": vote.votes_for, "d": vote.denominator,
                                    "a": vote.votes_against, "x": vote.votes_abstain, "v": verdict})
    for task in meeting.tasks.all():
        deadline = task.deadline.strftime("%d/%m/%Y") if task.deadline else "—"
        lines.append(_("Nhiệm vụ: %(t)s — %(w)s, hạn %(d)s.") % {
            "t": task.description, "w": task.assignee_label, "d": deadline})
    return lines


def minutes_text(meeting: Meeting) -> str:
    sheet = selectors.meeting_sheet(meeting)
    lines = _head(meeting) + _roll(sheet) + _body(meeting, sheet) + _conclusion(meeting)
    lines += ["", _("Biên bản đã được đọc và thông qua lúc %(t)s.") % {"t": _time(meeting.ended_at)}]
    return "\n".join(lines) + "\n"
