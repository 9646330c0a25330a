"""Input of the organization tree screens: search, create, edit, move, merge, split.

Forms check the shape of the input and resolve codes inside querysets the view has already scoped
through access.py; the rules of reorganisation themselves live in services.py.
"""

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chibo.core import text
from chibo.organizations.models import CELL_KINDS, COMMITTEE_KINDS, Member, Organization, OrganizationKind, Sector
from chibo.organizations.selectors import path_prefix_q
from chibo.organizations.services import CHILD_KINDS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
PICKER_LIMIT = 300  # longer lists are unusable on a phone: past this, type the code
SPLIT_PARTS = 3


class DateInput(forms.DateField):
    """A date typed as dd/mm/yyyy (the ISO form is accepted too, e.g. from a browser date picker)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={
            "placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)
        self.error_messages["invalid"] = _("Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/07/2025.")


def _org_label(org: Organization) -> str:
    return f"{org.code} — {org.name}"


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _org_label(obj)


class OrgMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _org_label(obj)


def _first(orgs: QuerySet[Organization]) -> QuerySet[Organization]:
    """The first PICKER_LIMIT, as a queryset a choice field can still validate against (a slice cannot be filtered)."""
    return orgs.filter(pk__in=orgs.values("pk")[:PICKER_LIMIT])


def picker_attrs(datalist_id: str) -> dict[str, str]:
    """A code input that suggests organizations as you type (htmx); without JS it is a plain text box."""
    return {
        "list": datalist_id, "autocomplete": "off", "autocapitalize": "none",
        "hx-get": reverse("organizations:organization_search"), "hx-trigger": "input changed delay:300ms",
        "hx-target": f"#{datalist_id}",
        "hx-vals": 'js:{"q": this.value, "as": "options"}',
    }


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(label=_("Tên hoặc mã tổ chức"), max_length=100, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))


def _meeting_day_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Ngày sinh hoạt hằng tháng"), min_value=1, max_value=31, required=False,
        help_text=_("Ví dụ 3 nghĩa là ngày 3 hằng tháng."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _sector_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Loại hình"), choices=[("", "—"), *Sector.choices], required=False)


class OrganizationCreateForm(forms.Form):
    code = forms.CharField(label=_("Mã tổ chức"), max_length=40,
                           widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}))
    name = forms.CharField(label=_("Tên"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại tổ chức"))
    sector = _sector_field()
    usual_meeting_day = _meeting_day_field()
    valid_from = DateInput(label=_("Thành lập từ ngày"), required=False)

    def __init__(self, *args: Any, parent: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = CHILD_KINDS.get(parent.kind, ())
        self.fields["kind"].choices = [(k, OrganizationKind(k).label) for k in kinds]  # type: ignore[attr-defined]
        self.fields["code"].help_text = _("Ví dụ %(code)s.001") % {"code": parent.code}
        if parent.is_cell:
            del self.fields["sector"]


class OrganizationEditForm(forms.Form):
    """Basic data. Sector and founding date belong to the superior committee (`full`)."""

    name = forms.CharField(label=_("Tên"), max_length=255)
    sector = _sector_field()
    usual_meeting_day = _meeting_day_field()
    valid_from = DateInput(label=_("Thành lập từ ngày"), required=False)

    def __init__(self, *args: Any, org: Organization, full: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"name": org.name, "sector": org.sector,
                                      "usual_meeting_day": org.usual_meeting_day, "valid_from": org.valid_from})
        super().__init__(*args, **kwargs)
        if not full:
            del self.fields["sector"], self.fields["valid_from"]


class ReorganisationForm(forms.Form):
    effective_date = DateInput(label=_("Ngày hiệu lực"))
    decision = forms.CharField(label=_("Quyết định"), max_length=200, required=False,
                               help_text=_("Ví dụ: Quyết định số 12-QĐ/ĐU ngày 30/6/2025"))


class OrganizationMoveForm(ReorganisationForm):
    """The new parent is picked from a list (committees the user writes) or typed as a code."""

    new_parent = OrgChoiceField(label=_("Chọn tổ chức cấp trên mới"), queryset=Organization.objects.none(),
                                required=False)
    new_parent_code = forms.CharField(label=_("hoặc nhập mã tổ chức cấp trên mới"), max_length=40, required=False)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["new_parent", "new_parent_code", "effective_date", "decision", "note"]

    def __init__(self, *args: Any, org: Organization, writable: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = CELL_KINDS if org.kind == OrganizationKind.PARTY_GROUP else COMMITTEE_KINDS
        # Not itself nor anything inside it, not its current parent (None is dropped from an IN list).
        self.targets = (writable.filter(kind__in=kinds, valid_to__isnull=True).exclude(path_prefix_q(org.path))
                        .exclude(pk__in=[org.parent_id]).order_by("path"))
        self.fields["new_parent"].queryset = _first(self.targets)  # type: ignore[attr-defined]
        self.fields["new_parent_code"].widget.attrs.update(picker_attrs("org-options"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = text.clean(data.get("new_parent_code"))
        if code:
            by_code = self.targets.filter(code=code).first()
            if by_code is None:
                self.add_error("new_parent_code", _("Không có tổ chức mã %(code)s mà bạn có thể chuyển đến.")
                               % {"code": code})
            elif data.get("new_parent") and data["new_parent"] != by_code:
                self.add_error("new_parent_code", _("Mã này khác với tổ chức đã chọn trong danh sách."))
            data["new_parent"] = by_code
        if not self.errors and not data.get("new_parent"):
            self.add_error("new_parent", _("Chọn tổ chức cấp trên mới hoặc nhập mã."))
        return data


_CODE_SEPARATORS = re.compile(r"[\s,;]+")


class OrganizationMergeForm(ReorganisationForm):
    """Units to merge INTO this one: ticked among its siblings, or typed as codes."""

    sources = OrgMultipleChoiceField(label=_("Đơn vị cùng cấp hợp nhất vào đây"), required=False,
                                     queryset=Organization.objects.none(), widget=forms.CheckboxSelectMultiple)
    other_codes = forms.CharField(label=_("Mã các đơn vị khác"), required=False, max_length=2000,
                                  help_text=_("Cách nhau bằng dấu phẩy, ví dụ 38.168.002, 38.168.003."),
                                  widget=forms.TextInput(attrs={"autocapitalize": "none", "autocomplete": "off"}))
    field_order = ["sources", "other_codes", "effective_date", "decision"]

    def __init__(self, *args: Any, org: Organization, reorganisable: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = CELL_KINDS if org.is_cell else (
            (OrganizationKind.PARTY_GROUP,) if org.kind == OrganizationKind.PARTY_GROUP else COMMITTEE_KINDS)
        self.candidates = (reorganisable.filter(kind__in=kinds, valid_to__isnull=True).exclude(pk=org.pk)
                           .exclude(pk__in=org.ancestor_ids()))
        siblings = self.candidates.filter(parent_id=org.parent_id).order_by("code")
        self.fields["sources"].queryset = _first(siblings)  # type: ignore[attr-defined]
        self.fields["other_codes"].widget.attrs.update(picker_attrs("org-options"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        codes = [c for c in _CODE_SEPARATORS.split(text.clean(data.get("other_codes"))) if c]
        found = {o.code: o for o in self.candidates.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            self.add_error("other_codes", _("Không có đơn vị mã %(codes)s mà bạn có thể hợp nhất vào đây.")
                           % {"codes": ", ".join(unknown)})
        sources = {o.pk: o for o in [*data.get("sources", []), *found.values()]}
        if not self.errors and not sources:
            self.add_error("sources", _("Chọn ít nhất một đơn vị để hợp nhất."))
        data["all_sources"] = list(sources.values())
        return data


class OrganizationSplitForm(ReorganisationForm):
    """Up to three new units beside this one; each member of the unit either stays or goes to one of them."""

    close_original = forms.BooleanField(
        label=_("Giải thể đơn vị cũ sau khi chia tách"), required=False,
        help_text=_("Khi đó mọi đảng viên phải được chia vào một đơn vị mới."),
    )

    def __init__(self, *args: Any, org: Organization, members: list[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = CHILD_KINDS.get(org.parent.kind if org.parent else None, ())
        kind_choices = [(org.kind, OrganizationKind(org.kind).label)]
        kind_choices += [(k, OrganizationKind(k).label) for k in kinds if k != org.kind]
        for i in range(1, SPLIT_PARTS + 1):
            self.fields[f"part{i}_code"] = forms.CharField(label=_("Mã đơn vị mới %(i)d") % {"i": i}, max_length=40,
                                                           required=False)
            self.fields[f"part{i}_name"] = forms.CharField(label=_("Tên đơn vị mới %(i)d") % {"i": i},
                                                           max_length=255, required=False)
            self.fields[f"part{i}_kind"] = forms.ChoiceField(label=_("Loại tổ chức"), choices=kind_choices)
        destinations = [("", _("Ở lại đơn vị cũ"))] + [(str(i), _("Đơn vị mới %(i)d") % {"i": i})
                                                      for i in range(1, SPLIT_PARTS + 1)]
        self.members = members
        for member in members:
            self.fields[f"member_{member.pk}"] = forms.ChoiceField(label=member.full_name, choices=destinations,
                                                                   required=False)

    def part_fields(self) -> list[list[forms.BoundField]]:
        return [[self[f"part{i}_{name}"] for name in ("code", "name", "kind")] for i in range(1, SPLIT_PARTS + 1)]

    def member_fields(self) -> list[forms.BoundField]:
        return [self[f"member_{m.pk}"] for m in self.members]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts: dict[int, dict[str, Any]] = {}
        for i in range(1, SPLIT_PARTS + 1):
            code, name = text.clean(data.get(f"part{i}_code")), text.clean(data.get(f"part{i}_name"))
            if code or name:
                if not (code and name):
                    self.add_error(f"part{i}_code" if not code else f"part{i}_name",
                                   _("Đơn vị mới cần có cả mã và tên."))
                parts[i] = {"code": code, "name": name, "kind": data.get(f"part{i}_kind"), "member_ids": []}
        for member in self.members:
            target = data.get(f"member_{member.pk}")
            if target and int(target) not in parts:
                self.add_error(f"member_{member.pk}", _("Đơn vị mới %(i)s chưa có mã và tên.") % {"i": target})
            elif target:
                parts[int(target)]["member_ids"].append(member.pk)
        if not self.errors and not parts:
            self.add_error(None, _("Nhập ít nhất một đơn vị mới."))
        data["parts"] = list(parts.values())
        return data



class TermForm(forms.Form):
    """A congress term (nhiệm kỳ): its name as printed ("2025–2027"), the congress day, the approving decision."""

    name = forms.CharField(label=_("Nhiệm kỳ"), max_length=20, help_text=_("Ví dụ: 2025–2027"))
    start_date = DateInput(label=_("Ngày đại hội"),
                           help_text=_("Ngày bắt đầu nhiệm kỳ; nhiệm kỳ trước kết thúc vào ngày hôm trước."))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False,
                           help_text=_("Ví dụ: Quyết định chuẩn y kết quả đại hội số 15-QĐ/ĐU ngày 20/5/2025"))
