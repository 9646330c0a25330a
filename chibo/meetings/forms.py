"""Input shapes for meetings. Forms validate; the services decide the rules and write."""

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.meetings.models import (
    AttendanceStatus,
    ContributionKind,
    MaterialKind,
    Meeting,
    MeetingKind,
    RecognitionKind,
    TaskStatus,
    VoteKind,
)
from chibo.organizations.models import Member

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
COMMITTEE = "committee"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def member_field(members, *, label, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=members, label=label, required=required, empty_label="—")


class MeetingPlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại buổi sinh hoạt"), choices=MeetingKind.choices)
    planned_date = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS, widget=DateInput())
    planned_time = forms.TimeField(label=_("Giờ"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    topic = forms.CharField(label=_("Chủ đề, nội dung chính"), max_length=255, required=False,
                            help_text=_("Bắt buộc với sinh hoạt chuyên đề."))
    presenter = forms.ModelChoiceField(queryset=Member.objects.none(), required=False, empty_label="—",
                                       label=_("Người trình bày chuyên đề"))
    agenda = forms.CharField(label=_("Chương trình"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = members if members is not None else Member.objects.none()

    def clean(self):
        data = super().clean() or {}
        if data.get("kind") == MeetingKind.THEMATIC and not data.get("topic"):
            self.add_error("topic", _("Sinh hoạt chuyên đề cần có chủ đề."))
        return data


class MeetingEditForm(MeetingPlanForm):
    """The plan of one meeting; its kind stays what it was planned as."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.fields["kind"].disabled = True
        self.fields["kind"].initial = meeting.kind


class YearPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    day = forms.IntegerField(label=_("Ngày sinh hoạt hằng tháng"), min_value=1, max_value=31,
                             help_text=_("Tháng ít ngày hơn thì lấy ngày cuối tháng."))


class PastMeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại buổi sinh hoạt"), choices=MeetingKind.choices)
    held_on = forms.DateField(label=_("Ngày sinh hoạt"), input_formats=DATE_FORMATS, widget=DateInput())
    start_time = forms.TimeField(label=_("Bắt đầu lúc"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Kết thúc lúc"), widget=TimeInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    topic = forms.CharField(label=_("Chủ đề, nội dung chính"), max_length=255, required=False)

    def clean(self):
        data = super().clean() or {}
        if all(data.get(k) for k in ("held_on", "start_time", "end_time")):
            data["started_at"] = _aware(data["held_on"], data["start_time"])
            data["ended_at"] = _aware(data["held_on"], data["end_time"])
        return data


def _aware(day: date, time) -> datetime:
    return timezone.make_aware(datetime.combine(day, time))


class StepCheckForm(forms.Form):
    done = forms.BooleanField(required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    done_on = forms.DateField(required=False, input_formats=DATE_FORMATS, widget=DateInput())
    done_time = forms.TimeField(required=False, widget=TimeInput())


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=MaterialKind.choices)
    title = forms.CharField(label=_("Tên tài liệu"), max_length=255)
    body = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    upload = forms.FileField(label=_("Hoặc tải lên tệp .docx, .pdf"), required=False)


class OpeningForm(forms.Form):
    chair = forms.ModelChoiceField(queryset=Member.objects.none(), required=False, label=_("Chủ trì"))
    meeting_secretary = forms.ModelChoiceField(queryset=Member.objects.none(), required=False, label=_("Thư ký"))
    fees_note = forms.CharField(label=_("Tình hình đóng đảng phí"), max_length=255, required=False)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members
        self.fields["meeting_secretary"].queryset = members


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Họ và tên đại biểu"), max_length=120)
    title = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False)
    remarks = forms.CharField(label=_("Ý kiến của đại biểu"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(choices=AttendanceStatus.choices)
    reason = forms.CharField(max_length=255, required=False)
    arrived_late = forms.BooleanField(required=False)


class ContributionForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Member.objects.none(), label=_("Người phát biểu"),
                                    error_messages={"required": _("Chạm vào tên người phát biểu.")})
    kind = forms.ChoiceField(choices=ContributionKind.choices, label=_("Loại ý kiến"),
                             error_messages={"required": _("Chọn loại ý kiến.")})
    gist = forms.CharField(max_length=500, required=False, label=_("Tóm tắt"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class RecognitionForm(forms.Form):
    member = forms.ModelChoiceField(queryset=Member.objects.none(), label=_("Đảng viên"))
    kind = forms.ChoiceField(choices=RecognitionKind.choices, label=_("Hình thức"))
    note = forms.CharField(max_length=500, required=False, label=_("Nội dung"))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members


class VoteForm(forms.Form):
    motion = forms.CharField(max_length=500, required=False, label=_("Nội dung biểu quyết"))
    kind = forms.ChoiceField(choices=VoteKind.choices, label=_("Loại biểu quyết"))
    votes_for = forms.IntegerField(min_value=0, max_value=9999, required=False, label=_("Tán thành"))
    votes_against = forms.IntegerField(min_value=0, max_value=9999, required=False, label=_("Không tán thành"))
    votes_abstain = forms.IntegerField(min_value=0, max_value=9999, required=False, label=_("Không biểu quyết"))

    def counts(self) -> dict[str, int]:
        return {k: self.cleaned_data.get(k) or 0 for k in ("votes_for", "votes_against", "votes_abstain")}


class ResolutionItemForm(forms.Form):
    text = forms.CharField(label=_("Nội dung nghị quyết"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    description = forms.CharField(max_length=500, label=_("Nhiệm vụ"))
    assignee = forms.ChoiceField(label=_("Giao cho"))
    deadline = forms.DateField(required=False, input_formats=DATE_FORMATS, widget=DateInput(), label=_("Thời hạn"))
    resolution_item = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                             label=_("Thực hiện nội dung nghị quyết"))

    def __init__(self, *args, members, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {str(m.pk): m for m in members}
        self.items = {i.pk: i for i in items}
        self.fields["assignee"].choices = [(COMMITTEE, _("Chi ủy")), *((k, m.full_name) for k, m in self.members.items())]
        self.fields["resolution_item"].choices = [("", "—"), *((i.pk, f"{i.order}. {i.text[:60]}") for i in items)]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        assignee = self.members.get(data["assignee"])
        return {"description": data["description"], "deadline": data["deadline"], "assignee": assignee,
                "to_committee": assignee is None, "resolution_item": self.items.get(data["resolution_item"])}


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(choices=TaskStatus.choices)
    note = forms.CharField(max_length=500, required=False)


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}),
                                 label=_("Kết luận của chủ trì"))


class RevisionForm(forms.Form):
    body = forms.CharField(label=_("Nội dung biên bản"), widget=forms.Textarea(attrs={"rows": 18}))
    reason = forms.CharField(label=_("Lý do sửa"), max_length=500)


class TaskReportForm(forms.Form):
    note = forms.CharField(label=_("Báo cáo kết quả"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class YearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name()


class LiaisonForm(forms.Form):
    """Assign the superior committee's member in charge of a cell: one of the committee's users."""

    user = UserChoiceField(queryset=None, label=_("Cấp ủy viên phụ trách"), empty_label="—")
    title = forms.CharField(label=_("Chức vụ"), max_length=120, required=False,
                            help_text=_("Ví dụ: Đảng ủy viên, Phó Chủ tịch UBND phường."))
    start_date = forms.DateField(label=_("Phụ trách từ ngày"), input_formats=DATE_FORMATS, widget=DateInput())

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users
