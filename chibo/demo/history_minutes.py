"""The approved minutes of a planned meeting, written from the plan without reading the database.

`meetings.minutes.minutes_text` reads the meeting back with its roll, speakers, votes and tasks (four
queries and a hundred model instances a meeting: 20–30 ms on the demo VM). That is what the commune's
history uses, so its minutes are exactly what meeting_close writes. For the district's 8,000 meetings and
the province's 480,000 it would take minutes to hours, so those profiles write the same text from the
plan here, line for line with the same messages. chibo/demo/tests/test_history_minutes.py checks that
the two agree on every meeting of a small province; if the minutes change shape, that test says so.
"""

from collections.abc import Mapping
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.demo.history import ABSENT, EXCUSED, REGULAR, MeetingPlan
from chibo.meetings import rules
from chibo.meetings.minutes import percent
from chibo.meetings.models import ContributionKind, Meeting, RecognitionKind


def _time(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%H:%M") if value else "—"


class MinutesWriter:
    """Writes minutes_text's text for plans; the labels are looked up once, not once per line."""

    def __init__(self) -> None:
        self.kinds = {kind: str(label) for kind, label in ContributionKind.choices}
        self.recognitions = {kind: str(label) for kind, label in RecognitionKind.choices}
        self.titles: dict[tuple[str, date, str], str] = {}

    def title(self, plan: MeetingPlan) -> str:
        """Meeting.title (the same for every cell's regular meeting of a month: remembered)."""
        key = (plan.kind, plan.held_on if plan.kind != REGULAR else plan.held_on.replace(day=1), plan.topic)
        if key not in self.titles:
            self.titles[key] = Meeting(kind=plan.kind, planned_date=plan.held_on, held_on=plan.held_on,
                                       topic=plan.topic).title
        return self.titles[key]

    def text(self, plan: MeetingPlan, *, cell_name: str, names: Mapping[int, str], figures: rules.Figures,
             followup: rules.Followup, votes: list[dict]) -> str:
        name = names.get
        lines = [
            cell_name.upper(),
            _("BIÊN BẢN"),
            self.title(plan),
            "",
            _("Thời gian: ngày %(d)s, từ %(s)s đến %(e)s.") % {
                "d": plan.held_on.strftime("%d/%m/%Y"), "s": _time(plan.started_at), "e": _time(plan.ended_at)},
            _("Địa điểm: %(p)s.") % {"p": plan.place or "—"},
            _("Chủ trì: %(c)s. Thư ký: %(s)s.") % {
                "c": name(plan.chair or 0) or "—", "s": name(plan.secretary or 0) or "—"},
        ]
        roll = plan.roll
        official = sum(1 for m in roll if m.seat.is_official)
        lines += [
            "",
            _("I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT"),
            _("Tổng số đảng viên: %(n)d (chính thức %(o)d, dự bị %(p)d); sinh hoạt tạm thời: %(t)d; "
              "được miễn hoặc làm nhiệm vụ đặc biệt: %(x)d.") % {
                "n": len(roll), "o": official, "p": len(roll) - official,
                "t": sum(1 for m in roll if m.seat.is_temporary), "x": sum(1 for m in roll if not m.seat.is_expected)},
            _("Phải có mặt: %(e)d; có mặt: %(p)d (%(r)s); vắng có lý do: %(x)d; vắng không lý do: %(a)d.") % {
                "e": figures.expected, "p": figures.present, "r": percent(figures.attendance_rate),
                "x": figures.excused, "a": figures.absent},
            _("Vắng có lý do: %(names)s.") % {"names": self._names(plan, names, EXCUSED)},
            _("Vắng không lý do: %(names)s.") % {"names": self._names(plan, names, ABSENT)},
        ]
        if plan.fees_note:
            lines.append(_("Đảng phí: %(note)s.") % {"note": plan.fees_note})
        lines += ["", _("II- DIỄN BIẾN")]
        for guest in plan.guests:
            lines.append(_("Đại biểu: %(n)s %(t)s") % {"n": guest.name, "t": f"({guest.title})" if guest.title else ""})
        for said in plan.said:
            lines.append(f"- {names[said.member]} ({self.kinds[said.kind]}): {said.gist}")
        for named in plan.named:
            lines.append(f"- {self.recognitions[named.kind]}: {names[named.member]}. {named.note}")
        lines.append(_("Số đảng viên phát biểu: %(s)d/%(p)d có mặt (%(r)s).") % {
            "s": figures.speakers, "p": figures.present, "r": percent(figures.speaking_share)})
        if plan.followups:
            lines.append(_("Kết quả thực hiện nhiệm vụ kỳ trước: %(d)d/%(n)d hoàn thành (%(r)s).") % {
                "d": followup.done, "n": followup.tasks, "r": percent(followup.done_share)})
        lines += ["", _("III- KẾT LUẬN VÀ BIỂU QUYẾT"), _("Chủ trì kết luận: %(c)s") % {"c": plan.conclusion or "—"}]
        for order, item in enumerate(plan.items, start=1):
            lines.append(f"{order}. {item.text}")
        for vote in votes:
            verdict = _("thông qua") if vote["is_valid"] else _("không thông qua")
            lines.append(_("Biểu quyết “%(m)s”: %(f)d/%(d)d tán thành, %(a)d không tán thành, %(x)d không biểu quyết — "
                           "%(v)s.") % {"m": vote["motion"], "f": vote["votes_for"], "d": vote["denominator"],
                                        "a": vote["votes_against"], "x": vote["votes_abstain"], "v": verdict})
        for task in plan.tasks:
            who = str(_("Chi ủy")) if task.assignee is None else names[task.assignee]
            lines.append(_("Nhiệm vụ: %(t)s — %(w)s, hạn %(d)s.") % {
                "t": task.description, "w": who, "d": task.deadline.strftime("%d/%m/%Y")})
        lines += ["", _("Biên bản đã được đọc và thông qua lúc %(t)s.") % {"t": _time(plan.ended_at)}]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _names(plan: MeetingPlan, names: Mapping[int, str], status: str) -> str:
        rows = [m for m in plan.roll if m.seat.is_expected and m.status == status]
        if not rows:
            return _("không có")
        if status == EXCUSED:
            return "; ".join(f"{names[m.seat.pk]} ({m.reason or _('chưa ghi lý do')})" for m in rows)
        return ", ".join(names[m.seat.pk] for m in rows)
