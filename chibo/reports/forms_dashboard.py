"""The period of the dashboard: a month, a quarter, a year or custom months; never past the current month."""

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chibo.reports.statistics import Period

MONTH_TEXT = re.compile(r"\s*(?:(\d{1,2})\s*[/.-]\s*(\d{4})|(\d{4})\s*-\s*(\d{1,2}))\s*")


def parse_month_text(value: str) -> tuple[int, int]:
    """"03/2026", "3/2026" or "2026-03" → (2026, 3); anything else raises ValueError."""
    match = MONTH_TEXT.fullmatch(value or "")
    if match is None:
        raise ValueError(value)
    month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    if not 1 <= int(month) <= 12:
        raise ValueError(value)
    return int(year), int(month)


class MonthField(forms.Field):
    default_error_messages = {"invalid": _("Nhập tháng theo dạng tháng/năm, ví dụ 03/2026.")}

    def to_python(self, value: Any) -> tuple[int, int] | None:
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        try:
            return parse_month_text(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class PeriodForm(forms.Form):
    KINDS = (("month", _("Tháng")), ("quarter", _("Quý")), ("year", _("Năm")), ("custom", _("Tùy chọn")))

    kind = forms.ChoiceField(label=_("Kỳ"), choices=KINDS, initial="year")
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(label=_("Tháng"), min_value=1, max_value=12, required=False)
    quarter = forms.TypedChoiceField(label=_("Quý"), choices=[(q, f"{q}") for q in range(1, 5)], coerce=int,
                                     required=False)
    first = MonthField(label=_("Từ tháng"), required=False, widget=forms.TextInput(attrs={"placeholder": "mm/yyyy"}))
    last = MonthField(label=_("Đến tháng"), required=False, widget=forms.TextInput(attrs={"placeholder": "mm/yyyy"}))

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = self.today.year
        self.fields["month"].initial = self.today.month
        self.fields["quarter"].initial = (self.today.month - 1) // 3 + 1

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, year = data.get("kind"), data.get("year") or self.today.year
        first: tuple[int, int] | None
        last: tuple[int, int] | None
        if kind == "month":
            first = last = (year, data.get("month") or self.today.month)
        elif kind == "quarter":
            quarter = data.get("quarter") or (self.today.month - 1) // 3 + 1
            first, last = (year, 3 * quarter - 2), (year, 3 * quarter)
        elif kind == "custom":
            first, last = data.get("first"), data.get("last")
            if first is None or last is None:
                raise forms.ValidationError(_("Hãy nhập cả tháng bắt đầu và tháng kết thúc."))
            if last < first:
                raise forms.ValidationError(_("Tháng kết thúc phải sau tháng bắt đầu."))
        else:
            first, last = (year, 1), (year, 12)
        assert first is not None and last is not None
        current = (self.today.year, self.today.month)
        if first > current:
            raise forms.ValidationError(_("Kỳ thống kê chưa bắt đầu."))
        data["period"] = Period(first, min(last, current))
        return data

    def period(self) -> Period:
        """The period asked for (clipped at the current month), or this year so far if the form is invalid."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["period"]
        return Period((self.today.year, 1), (self.today.year, self.today.month))
