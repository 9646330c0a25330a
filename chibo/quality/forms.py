"""Input shape of the quality screens. Forms validate; services write (never ModelForm.save)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chibo.organizations.forms.members import DateField
from chibo.organizations.models import Organization
from chibo.quality import scoring
from chibo.quality.models import Criterion, CriterionItem, Level, RecordKey, Rubric
from chibo.quality.services import ITEM_PARAMS, BandRow, ItemData, PointsRow, measured_text

# --- rubrics -------------------------------------------------------------------------------------


class RubricCloneForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Cấp ủy ban hành"), queryset=Organization.objects.none(), empty_label=None)
    effective_from = DateField(label=_("Áp dụng từ ngày"))
    name = forms.CharField(label=_("Tên thang điểm mới"), max_length=255, required=False,
                           help_text=_("Để trống: tên thang điểm gốc kèm tên cấp ủy."))

    def __init__(self, *args: Any, owners, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class RubricForm(forms.Form):
    name = forms.CharField(label=_("Tên thang điểm"), max_length=255)
    source_document = forms.CharField(label=_("Văn bản ban hành"), max_length=255)
    effective_from = DateField(label=_("Áp dụng từ ngày"))
    effective_to = DateField(label=_("Áp dụng đến ngày"), required=False)
    total_points = forms.IntegerField(label=_("Tổng điểm"), min_value=1, max_value=1000)
    tot_min = forms.IntegerField(label=_("Tốt: từ (điểm)"), min_value=1)
    kha_min = forms.IntegerField(label=_("Khá: từ (điểm)"), min_value=1)
    trung_binh_min = forms.IntegerField(label=_("Trung bình: từ (điểm)"), min_value=1)
    note = forms.CharField(label=_("Ghi chú về nguồn"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    @classmethod
    def initial_for(cls, rubric: Rubric) -> dict[str, Any]:
        return {name: getattr(rubric, name) for name in cls.base_fields}


class PointsForm(forms.Form):
    """Names and points of every criterion and sub-item on one page, so that a change can add up at once.

    How a sub-item is scored (and its params and bands) changes on its own page (ItemForm), which keeps the
    bands in step with the way of scoring.
    """

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"c{criterion.pk}_name"] = forms.CharField(label=_("Tiêu chí"), max_length=255,
                                                                   initial=criterion.name)
            self.fields[f"c{criterion.pk}_max"] = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=1000,
                                                                     initial=criterion.max_points)
            for item in criterion.items.all():
                self.fields[f"i{item.pk}_name"] = forms.CharField(label=_("Nội dung chấm"), max_length=500,
                                                                  initial=item.name, widget=forms.Textarea(
                                                                      attrs={"rows": 2}))
                self.fields[f"i{item.pk}_max"] = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=1000,
                                                                    initial=item.max_points)

    def groups(self) -> list[tuple[Criterion, list[forms.BoundField], list[list[forms.BoundField]]]]:
        """For the template: each criterion's fields, then each sub-item's fields."""
        return [
            (c, [self[f"c{c.pk}_name"], self[f"c{c.pk}_max"]],
             [[self[f"i{i.pk}_name"], self[f"i{i.pk}_max"]] for i in c.items.all()])
            for c in self.criteria
        ]

    def rows(self) -> list[PointsRow]:
        data = self.cleaned_data
        rows = []
        for c in self.criteria:
            rows.append(PointsRow(c.pk, None, data[f"c{c.pk}_name"], data[f"c{c.pk}_max"]))
            rows.extend(PointsRow(c.pk, i.pk, data[f"i{i.pk}_name"], data[f"i{i.pk}_max"]) for i in c.items.all())
        return rows


class BandForm(forms.Form):
    lower = forms.DecimalField(label=_("Từ"), max_digits=7, decimal_places=2, min_value=Decimal(0), localize=True)
    lower_open = forms.BooleanField(label=_("không kể giá trị “từ”"), required=False)
    upper = forms.DecimalField(label=_("Đến"), max_digits=7, decimal_places=2, min_value=Decimal(0), required=False,
                               localize=True, help_text=_("Để trống: không giới hạn."))
    upper_closed = forms.BooleanField(label=_("kể cả giá trị “đến”"), required=False)
    points = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=1000)


class BaseBandFormSet(forms.BaseFormSet):
    def rows(self) -> list[BandRow]:
        return [
            BandRow(lower=f.cleaned_data["lower"], upper=f.cleaned_data.get("upper"), points=f.cleaned_data["points"],
                    lower_open=f.cleaned_data.get("lower_open", False),
                    upper_closed=f.cleaned_data.get("upper_closed", False))
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]


BandFormSet = forms.formset_factory(BandForm, formset=BaseBandFormSet, extra=2, can_delete=True)


class GatesForm(forms.Form):
    """For each level, the sub-items it needs at full marks."""

    LEVELS = (Level.TOT, Level.KHA, Level.TRUNG_BINH)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in self.LEVELS:
            self.fields[level.value] = forms.MultipleChoiceField(
                label=_("Xếp loại %(level)s phải đạt điểm tối đa ở") % {"level": level.label},
                choices=choices, required=False, widget=forms.CheckboxSelectMultiple)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Tên tiêu chí"), max_length=255)
    max_points = forms.IntegerField(label=_("Điểm tối đa"), min_value=0, max_value=1000)


class ItemForm(forms.Form):
    """A sub-item: what it scores, how, and the params of that way of scoring as typed fields (never raw JSON).

    Only the params the chosen way of scoring reads are kept (services.ITEM_PARAMS); a blank one takes
    scoring.py's default.
    """

    PARAMS = ("absent_cap", "minimum_minutes", "streak_limit", "lead_days", "within_days")

    name = forms.CharField(label=_("Nội dung chấm"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    max_points = forms.IntegerField(label=_("Điểm tối đa"), min_value=0, max_value=1000)
    source = forms.ChoiceField(label=_("Cách chấm"), choices=RecordKey.choices,
                               help_text=_("Chấm theo khoảng (tỷ lệ, số phút thiếu): sau khi lưu, hãy chia các "
                                           "khoảng điểm. Chấm tay: người đánh giá cho điểm và giải thích."))
    absent_cap = forms.IntegerField(label=_("Có đảng viên vắng không lý do thì tối đa (điểm)"), min_value=0,
                                    max_value=1000, required=False,
                                    help_text=_("Để trống: không giới hạn. Ví dụ 1: có người vắng không lý do thì "
                                                "nội dung này được nhiều nhất 1 điểm."))
    minimum_minutes = forms.IntegerField(label=_("Thời lượng tối thiểu (phút)"), min_value=1, max_value=600,
                                         required=False,
                                         help_text=_("Để trống: thời lượng tối thiểu của buổi sinh hoạt theo quy "
                                                     "trình (90 phút; 120 phút khi ghép chuyên đề)."))
    streak_limit = forms.IntegerField(label=_("Số lần vắng có lý do liên tiếp được phép"), min_value=1, max_value=12,
                                      required=False)
    lead_days = forms.IntegerField(label=_("Tài liệu gửi trước ít nhất (ngày)"), min_value=0, max_value=30,
                                   required=False)
    within_days = forms.IntegerField(label=_("Văn bản hoàn chỉnh đăng trong vòng (ngày)"), min_value=0, max_value=30,
                                     required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("streak_limit", "lead_days", "within_days"):
            source = next(s for s, params in ITEM_PARAMS.items() if name in params)
            self.fields[name].help_text = gettext("Để trống: %(n)d.") % {"n": scoring.DEFAULT_PARAMS[source][name]}

    @classmethod
    def initial_for(cls, item: CriterionItem) -> dict[str, Any]:
        params = {k: v for k, v in (item.params or {}).items() if k in cls.PARAMS}
        return {"name": item.name, "max_points": item.max_points, "source": item.source, **params}

    def main_fields(self) -> list[forms.BoundField]:
        return [self["name"], self["max_points"], self["source"]]

    def param_fields(self) -> list[tuple[forms.BoundField, list[str]]]:
        """Each param's field and the ways of scoring that read it, for the template."""
        labels = dict(RecordKey.choices)
        return [(self[name], [str(labels[s]) for s, params in ITEM_PARAMS.items() if name in params])
                for name in self.PARAMS]

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(name=data["name"], max_points=data["max_points"], source=data["source"],
                        params={k: data[k] for k in ITEM_PARAMS.get(data["source"], ()) if data.get(k) is not None})


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Lên")), ("down", _("Xuống"))])

    @property
    def up(self) -> bool:
        return self.cleaned_data["direction"] == "up"



# --- ratings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    line: scoring.Line
    measured: str
    points: forms.BoundField | None
    justification: forms.BoundField | None


@dataclass(frozen=True)
class SheetGroup:
    criterion: scoring.CriterionSpec
    rows: list[SheetRow]


class RatingForm(forms.Form):
    """The manual part of a score sheet: points and a justification for each line the record does not know."""

    rater_kind = forms.ChoiceField(label=_("Đánh giá với tư cách"), required=False)
    note = forms.CharField(label=_("Nhận xét chung"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, sheet: scoring.Sheet, rater_kinds: list[tuple[str, str]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.manual_lines = [line for line in sheet.lines if line.source == scoring.BY_HAND]
        if rater_kinds:
            self.fields["rater_kind"].choices = rater_kinds  # type: ignore[attr-defined]
            self.fields["rater_kind"].required = True
        else:
            del self.fields["rater_kind"]
        for line in self.manual_lines:
            code, top = line.item.code, line.item.max_points
            self.fields[f"p_{code}"] = forms.IntegerField(label=_("Điểm"), min_value=0, max_value=top, initial=top,
                                                          widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
            self.fields[f"j_{code}"] = forms.CharField(label=_("Giải thích"), max_length=300, required=False,
                                                       help_text=_("Bắt buộc khi trừ điểm."))

    def manual(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {line.item.code: (data[f"p_{line.item.code}"], data.get(f"j_{line.item.code}", ""))
                for line in self.manual_lines}

    def grouped(self, sheet: scoring.Sheet, criteria: Iterable[scoring.CriterionSpec]) -> list[SheetGroup]:
        """The score sheet by criterion, each line with its inputs when it is scored by hand."""
        lines = {line.item.code: line for line in sheet.lines}
        groups = []
        for criterion in criteria:
            rows = []
            for item in criterion.items:
                line = lines[item.code]
                by_hand = f"p_{item.code}" in self.fields
                rows.append(SheetRow(line, measured_text(line), self[f"p_{item.code}"] if by_hand else None,
                                     self[f"j_{item.code}"] if by_hand else None))
            groups.append(SheetGroup(criterion, rows))
        return groups


# --- support -------------------------------------------------------------------------------------


class SupportActionForm(forms.Form):
    action = forms.CharField(label=_("Việc đã làm để hỗ trợ chi bộ"), widget=forms.Textarea(attrs={"rows": 3}))
    taken_on = DateField(label=_("Ngày thực hiện"))
    reasons = forms.MultipleChoiceField(label=_("Vì các lý do"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, reasons: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = reasons  # type: ignore[attr-defined]


class SupportOutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Kết quả"), widget=forms.Textarea(attrs={"rows": 3}))
    outcome_on = DateField(label=_("Ngày ghi kết quả"))
