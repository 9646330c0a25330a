"""Input shape of the member screens. Forms validate; services write (never ModelForm.save)."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.organizations.models import (
    ExemptionKind,
    ExitKind,
    Gender,
    Member,
    MemberStatus,
    Organization,
    PositionTitle,
)
from chibo.organizations.services import MEMBER_FIELDS

# Typed dd/mm/yyyy first (what people write), ISO from <input type=date>, then forms that
# phone keypads without "/" produce. Two-digit years pivot at 69 (Python's rule), so "45"
# means 2045: the past-only check below catches that on birth and admission dates.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y"]
EARLIEST_DATE = date(1900, 1, 1)


class DateField(forms.DateField):
    """A date typed as text (dd/mm/yyyy) with a numeric keypad; also accepts ISO from a date picker."""

    widget = forms.DateInput(format="%d/%m/%Y", attrs={
        "placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "maxlength": "10",
    })
    default_error_messages = {
        "invalid": _("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/09/1975."),
    }

    def __init__(self, *, past_only: bool = False, **kwargs) -> None:
        self.past_only = past_only
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        if value is None:
            return
        if value < EARLIEST_DATE:
            raise ValidationError(_("Năm phải từ 1900 trở đi."), code="too_early")
        if self.past_only and value > timezone.localdate():
            raise ValidationError(_("Ngày này không thể sau hôm nay."), code="future")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's RuleViolation (or a model's ValidationError) on the form, never a 500.

    Errors for a field the form shows go next to it; the rest go on top of the form.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class MemberFilterForm(forms.Form):
    """The roster's search box and filters (GET); anything invalid is simply not applied."""

    q = forms.CharField(label=_("Tìm theo tên hoặc số thẻ"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off",
                                                      "placeholder": _("Ví dụ: nguyen van an")}))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả")), *MemberStatus.choices])
    exempt = forms.BooleanField(label=_("Đang được miễn sinh hoạt"), required=False)
    attached = forms.BooleanField(label=_("Sinh hoạt tạm thời"), required=False)
    exited = forms.BooleanField(label=_("Gồm cả người đã ra khỏi danh sách"), required=False)


class MemberForm(forms.Form):
    """The facts of one member; the rules between them are Member.clean's."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=120,
                                widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}))
    gender = forms.ChoiceField(label=_("Giới tính"), required=False, choices=[("", "—"), *Gender.choices])
    birth_date = DateField(label=_("Ngày sinh"), required=False, past_only=True)
    ethnicity = forms.CharField(label=_("Dân tộc"), required=False, max_length=40)
    religion = forms.CharField(label=_("Tôn giáo"), required=False, max_length=40)
    phone = forms.RegexField(label=_("Điện thoại"), required=False, max_length=20, regex=r"^[0-9 +().-]*$",
                             error_messages={"invalid": _("Số điện thoại chỉ gồm chữ số, dấu cách, + - . ( ).")},
                             widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))
    card_number = forms.CharField(label=_("Số thẻ đảng viên"), required=False, max_length=20,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    status = forms.ChoiceField(label=_("Trạng thái"), choices=MemberStatus.choices, initial=MemberStatus.OFFICIAL)
    admission_date = DateField(label=_("Ngày vào Đảng"), required=False, past_only=True)
    official_date = DateField(label=_("Ngày chính thức"), required=False, past_only=True,
                              help_text=_("Bắt buộc với đảng viên chính thức."))
    special_duty = forms.BooleanField(label=_("Làm nhiệm vụ đặc biệt (lực lượng vũ trang)"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        probe = Member(**{name: data.get(name) for name in ("status", "birth_date", "admission_date",
                                                           "official_date")})
        try:
            probe.clean()
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                # A date that did not parse already says so; "needs an official date" would only confuse.
                if field not in self.errors:
                    self.add_error(field, errors)
        return data

    def member_data(self) -> dict:
        """The cleaned facts, as services.member_create/member_update take them."""
        return {name: self.cleaned_data[name] for name in MEMBER_FIELDS}


class MemberCreateForm(MemberForm):
    start_date = DateField(label=_("Sinh hoạt tại chi bộ từ ngày"), required=False,
                           help_text=_("Để trống: lấy ngày vào Đảng, nếu không có thì hôm nay."))


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{obj.name} ({obj.code})"


class TransferForm(forms.Form):
    to = OrganizationChoiceField(label=_("Chuyển đến chi bộ"), queryset=Organization.objects.none())
    effective_date = DateField(label=_("Ngày bắt đầu sinh hoạt ở chi bộ mới"))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255,
                           help_text=_("Ví dụ: số giấy giới thiệu chuyển sinh hoạt đảng."))

    def __init__(self, *args, targets: QuerySet[Organization], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = targets  # type: ignore[attr-defined]


class AttachForm(forms.Form):
    to = OrganizationChoiceField(label=_("Sinh hoạt tạm thời tại chi bộ"), queryset=Organization.objects.none())
    start_date = DateField(label=_("Từ ngày"))
    end_date = DateField(label=_("Dự kiến đến ngày"), required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)

    def __init__(self, *args, targets: QuerySet[Organization], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = targets  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class EndDateForm(forms.Form):
    """Ending an attachment, an exemption or a position: one date, default today."""

    end_date = DateField(label=_("Ngày kết thúc"), initial=date.today)


class ExemptForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại miễn"), choices=ExemptionKind.choices)
    reason = forms.CharField(label=_("Lý do"), max_length=255)
    start_date = DateField(label=_("Từ ngày"))
    expected_end_date = DateField(label=_("Dự kiến đến ngày"), required=False,
                                  help_text=_("Để trống nếu miễn không thời hạn (tuổi cao, sức khỏe yếu)."))
    resolution_ref = forms.CharField(label=_("Nghị quyết chi bộ"), required=False, max_length=120,
                                     help_text=_("Ví dụ: Nghị quyết số 05-NQ/CB ngày 03/3/2026"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("expected_end_date")
        if start and end and end < start:
            self.add_error("expected_end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


class ExitForm(forms.Form):
    kind = forms.ChoiceField(label=_("Lý do"), choices=ExitKind.choices)
    exit_date = DateField(label=_("Ngày"), past_only=True)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255,
                           help_text=_("Ví dụ: chuyển đến Đảng bộ xã …, số quyết định."))
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận đưa đảng viên này ra khỏi danh sách chi bộ."),
        error_messages={"required": _("Hãy đánh dấu ô xác nhận.")},
    )


class PositionAssignForm(forms.Form):
    title = forms.ChoiceField(label=_("Chức vụ"), choices=PositionTitle.choices)
    organization = OrganizationChoiceField(label=_("Tại"), queryset=Organization.objects.none(), empty_label=None)
    start_date = DateField(label=_("Từ ngày"))

    def __init__(self, *args, organizations: list[Organization], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = Organization.objects.filter(pk__in=[o.pk for o in organizations])  # type: ignore[attr-defined]
