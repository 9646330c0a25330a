"""Rubrics: the list seen from an organization, one rubric, and a committee's clone and its edits.

Every view: access → form → service → render. A published rubric is frozen; only a committee's draft
is edited — its header, points, bands and gates, and its structure: criteria and sub-items added,
removed, reordered and re-scored — and publishing it is refused (with the reasons) until it adds up.
"""

from typing import cast

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chibo.accounts import access
from chibo.core.errors import RuleViolation
from chibo.core.http import AuthenticatedHttpRequest
from chibo.organizations.models import Organization
from chibo.organizations.navigation import Crumb
from chibo.quality import scoring, selectors, services
from chibo.quality.forms import (
    BandFormSet,
    BaseBandFormSet,
    CriterionForm,
    GatesForm,
    ItemForm,
    MoveForm,
    PointsForm,
    RubricCloneForm,
    RubricForm,
)
from chibo.quality.models import Criterion, CriterionItem, RecordKey, Rubric, RubricStatus
from chibo.quality.views.common import apply_to_form, rubric_crumbs


def _detail(code: str, rubric_id: int) -> HttpResponse:
    return redirect("quality:rubric_detail", code, rubric_id)


def rubric_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The rubrics that apply to this organization, and those its subordinate committees issued."""
    org = access.access_organization(request.user, code, roster=True)
    rubrics = list(selectors.rubrics_for_organization(org))
    in_force = selectors.rubric_for(org, timezone.localdate())
    return render(request, "quality/rubric_list.html", {
        "org": org, "rubrics": rubrics, "in_force": in_force, "crumbs": rubric_crumbs(request.user, org),
    })


def rubric_detail(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """Criteria, sub-items, bands, gates and thresholds; a draft's problems; what the user may do with it."""
    org, rubric = access.access_rubric(request.user, code, rubric_id)
    full = selectors.rubric_with_parts(rubric.pk) or rubric
    is_draft = full.status == RubricStatus.DRAFT
    can_edit = is_draft and full.owner is not None and access.can_write_organization(request.user, full.owner)
    return render(request, "quality/rubric_detail.html", {
        "org": org, "rubric": full, "crumbs": rubric_crumbs(request.user, org, full, Crumb(_("Chi tiết"), None)),
        "problems": scoring.rubric_problems(selectors.rubric_spec(full)) if is_draft else [],
        "can_edit": can_edit, "can_clone": access.rubric_clone_owners(request.user, org, full).exists(),
    })


def rubric_clone(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """A committee copies a rubric in force to adapt it for its subtree from a date (a draft until published)."""
    org, rubric, owners = access.access_rubric_to_clone(request.user, code, rubric_id)
    form = RubricCloneForm(request.POST or None, owners=owners,
                           initial={"owner": owners.last(), "effective_from": timezone.localdate()})

    def clone() -> None:
        services.rubric_clone(source=rubric, cloned_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, clone):
        messages.success(request, _("Đã tạo bản dự thảo. Hãy điều chỉnh rồi ban hành."))
        return redirect("quality:rubric_list", form.cleaned_data["owner"].code)
    title = _("Sao chép thang điểm để điều chỉnh")
    return render(request, "quality/form_page.html", {
        "form": form, "title": title, "submit": _("Tạo bản dự thảo"), "org": org,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
        "intro": _("Bản sao áp dụng cho các chi bộ trực thuộc cấp ủy được chọn, từ ngày được chọn, sau khi ban hành."),
    }, status=400 if form.errors else 200)


def rubric_edit(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """A draft's name, document, dates, total points and level thresholds."""
    org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    form = RubricForm(request.POST or None, initial=RubricForm.initial_for(rubric))

    def update() -> None:
        services.rubric_update(rubric=rubric, updated_by=request.user, **form.cleaned_data)

    if request.method == "POST" and apply_to_form(form, update):
        messages.success(request, _("Đã lưu thông tin thang điểm."))
        return _detail(code, rubric.pk)
    title = _("Sửa thông tin thang điểm")
    return render(request, "quality/form_page.html", {
        "form": form, "title": title, "submit": _("Lưu"), "org": org,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
    }, status=400 if form.errors else 200)


def rubric_points(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """Names and points of every criterion and sub-item at once: refused unless they add up."""
    org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    full = selectors.rubric_with_parts(rubric.pk) or rubric
    form = PointsForm(request.POST or None, criteria=list(full.criteria.all()))

    def save() -> None:
        services.rubric_points_set(rubric=rubric, rows=form.rows(), updated_by=request.user)

    if request.method == "POST" and apply_to_form(form, save):
        messages.success(request, _("Đã lưu điểm các tiêu chí."))
        return _detail(code, rubric.pk)
    return render(request, "quality/rubric_points.html", {
        "form": form, "org": org, "rubric": full,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(_("Sửa điểm"), None)),
    }, status=400 if form.errors else 200)


def item_bands(request: AuthenticatedHttpRequest, code: str, rubric_id: int, item_id: int) -> HttpResponse:
    """The ranges of one banded sub-item: refused if they overlap, leave a gap or exceed its points."""
    org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    item = access.access_rubric_item(rubric, item_id)
    initial = [{"lower": b.lower, "lower_open": b.lower_open, "upper": b.upper, "upper_closed": b.upper_closed,
                "points": b.points} for b in item.bands.order_by("lower", "lower_open")]
    formset = cast(BaseBandFormSet, BandFormSet(request.POST or None, initial=initial))

    def save() -> None:
        services.item_bands_set(item=item, bands=formset.rows(), updated_by=request.user)

    if request.method == "POST" and apply_to_form(formset, save):
        messages.success(request, _("Đã lưu các khoảng điểm."))
        return _detail(code, rubric.pk)
    return render(request, "quality/item_bands.html", {
        "formset": formset, "org": org, "rubric": rubric, "item": item,
        "unit": "%" if item.domain == scoring.PERCENT else _("phút"),
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(item.name[:60], None)),
    }, status=400 if request.method == "POST" else 200)


def rubric_gates(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """Conditions of the levels: "Tốt requires full marks on …"."""
    org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    items = CriterionItem.objects.filter(criterion__rubric=rubric).order_by("criterion__order", "order")
    initial = {g.level: list(g.item_codes) for g in rubric.gates.all()}
    form = GatesForm(request.POST or None, choices=[(i.code, i.name) for i in items], initial=initial)

    def save() -> None:
        services.rubric_gates_set(rubric=rubric, gates=form.cleaned_data, updated_by=request.user)

    if request.method == "POST" and apply_to_form(form, save):
        messages.success(request, _("Đã lưu điều kiện xếp loại."))
        return _detail(code, rubric.pk)
    title = _("Điều kiện xếp loại")
    return render(request, "quality/form_page.html", {
        "form": form, "title": title, "submit": _("Lưu"), "org": org,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
        "intro": _("Nếu không đạt, buổi sinh hoạt bị hạ một mức dù đủ điểm."),
    }, status=400 if form.errors else 200)


@require_POST
def rubric_publish(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """Put a draft in force from its date; the reasons it cannot be are shown on the rubric page."""
    _org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    try:
        services.rubric_publish(rubric=rubric, published_by=request.user)
    except RuleViolation as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã ban hành thang điểm, áp dụng từ ngày %(d)s.")
                         % {"d": rubric.effective_from.strftime("%d/%m/%Y")})
    return _detail(code, rubric.pk)


# --- the structure of a draft: criteria and sub-items added, removed, reordered, re-scored ---------------

def _draft(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> tuple[Organization, Rubric]:
    """A draft the user may change. A published (or central) rubric's structure is frozen: not found."""
    org, rubric = access.access_rubric(request.user, code, rubric_id, for_write=True)
    if rubric.status != RubricStatus.DRAFT:
        raise Http404
    return org, rubric


def _criterion(rubric: Rubric, criterion_id: int) -> Criterion:
    """A criterion of a rubric already reached through access_rubric, with its sub-items."""
    full = selectors.rubric_with_parts(rubric.pk) or rubric
    criterion = next((c for c in full.criteria.all() if c.pk == criterion_id), None)
    if criterion is None:
        raise Http404
    return criterion


def _detail_at(code: str, rubric_id: int, anchor: str) -> HttpResponse:
    return redirect(reverse("quality:rubric_detail", args=[code, rubric_id]) + f"#{anchor}")


def _after_item_saved(request: AuthenticatedHttpRequest, code: str, item: CriterionItem) -> HttpResponse:
    """A banded sub-item goes on to its bands (it starts with one band over the whole domain)."""
    if item.is_banded:
        messages.success(request, _("Đã lưu. Nội dung chấm theo khoảng: hãy chia các khoảng điểm."))
        return redirect("quality:item_bands", code, item.criterion.rubric_id, item.pk)
    messages.success(request, _("Đã lưu nội dung chấm."))
    return _detail_at(code, item.criterion.rubric_id, f"i{item.pk}")


def criterion_add(request: AuthenticatedHttpRequest, code: str, rubric_id: int) -> HttpResponse:
    """A new criterion at the end of the draft; its sub-items are added next."""
    org, rubric = _draft(request, code, rubric_id)
    form = CriterionForm(request.POST or None)
    added: list[Criterion] = []

    def add() -> None:
        added.append(services.criterion_add(rubric=rubric, added_by=request.user, **form.cleaned_data))

    if request.method == "POST" and apply_to_form(form, add):
        messages.success(request, _("Đã thêm tiêu chí. Hãy thêm các nội dung chấm của tiêu chí."))
        return redirect("quality:item_add", code, rubric.pk, added[0].pk)
    title = _("Thêm tiêu chí")
    return render(request, "quality/form_page.html", {
        "form": form, "title": title, "submit": _("Thêm"), "org": org,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
        "intro": _("Tiêu chí mới đứng cuối thang điểm. Điểm các tiêu chí phải cộng lại bằng tổng điểm trước khi "
                   "ban hành."),
    }, status=400 if form.errors else 200)


def criterion_remove(request: AuthenticatedHttpRequest, code: str, rubric_id: int, criterion_id: int) -> HttpResponse:
    """Confirm, then remove a criterion with its sub-items (refused for the last one, or while a gate needs it)."""
    org, rubric = _draft(request, code, rubric_id)
    criterion = _criterion(rubric, criterion_id)
    form = forms.Form(request.POST if request.method == "POST" else None)  # a confirm form posts no field

    def remove() -> None:
        services.criterion_remove(criterion=criterion, removed_by=request.user)

    if request.method == "POST" and apply_to_form(form, remove):
        messages.success(request, _("Đã xóa tiêu chí “%(n)s”.") % {"n": criterion.name})
        return _detail(code, rubric.pk)
    title = _("Xóa tiêu chí")
    return render(request, "quality/rubric_remove.html", {
        "form": form, "title": title, "org": org, "rubric": rubric, "name": criterion.name,
        "parts": [item.name for item in criterion.items.all()],
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
    }, status=400 if form.errors else 200)


def item_add(request: AuthenticatedHttpRequest, code: str, rubric_id: int, criterion_id: int) -> HttpResponse:
    """A new sub-item at the end of a criterion: what it scores, how, with which params."""
    org, rubric = _draft(request, code, rubric_id)
    criterion = _criterion(rubric, criterion_id)
    form = ItemForm(request.POST or None, initial={"source": RecordKey.MANUAL})
    added: list[CriterionItem] = []

    def add() -> None:
        added.append(services.item_add(criterion=criterion, data=form.item_data(), added_by=request.user))

    if request.method == "POST" and apply_to_form(form, add):
        return _after_item_saved(request, code, added[0])
    title = _("Thêm nội dung chấm")
    return render(request, "quality/rubric_item_form.html", {
        "form": form, "title": title, "submit": _("Thêm"), "org": org, "rubric": rubric, "criterion": criterion,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
    }, status=400 if form.errors else 200)


def item_edit(request: AuthenticatedHttpRequest, code: str, rubric_id: int, item_id: int) -> HttpResponse:
    """A sub-item's name, points, way of scoring and its params (switching keeps the bands in step)."""
    org, rubric = _draft(request, code, rubric_id)
    item = access.access_rubric_item(rubric, item_id)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_for(item))

    def save() -> None:
        services.item_update(item=item, data=form.item_data(), updated_by=request.user)

    if request.method == "POST" and apply_to_form(form, save):
        return _after_item_saved(request, code, item)
    title = _("Sửa nội dung chấm")
    return render(request, "quality/rubric_item_form.html", {
        "form": form, "title": title, "submit": _("Lưu"), "org": org, "rubric": rubric, "criterion": item.criterion,
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
    }, status=400 if form.errors else 200)


def item_remove(request: AuthenticatedHttpRequest, code: str, rubric_id: int, item_id: int) -> HttpResponse:
    """Confirm, then remove a sub-item (refused while a gate names it, or for its criterion's last one)."""
    org, rubric = _draft(request, code, rubric_id)
    item = access.access_rubric_item(rubric, item_id)
    form = forms.Form(request.POST if request.method == "POST" else None)  # a confirm form posts no field

    def remove() -> None:
        services.item_remove(item=item, removed_by=request.user)

    if request.method == "POST" and apply_to_form(form, remove):
        messages.success(request, _("Đã xóa nội dung chấm."))
        return _detail_at(code, rubric.pk, f"c{item.criterion_id}")
    title = _("Xóa nội dung chấm")
    return render(request, "quality/rubric_remove.html", {
        "form": form, "title": title, "org": org, "rubric": rubric, "name": item.name, "parts": [],
        "crumbs": rubric_crumbs(request.user, org, rubric, Crumb(title, None)),
    }, status=400 if form.errors else 200)


@require_POST
def criterion_move(request: AuthenticatedHttpRequest, code: str, rubric_id: int, criterion_id: int) -> HttpResponse:
    _org, rubric = _draft(request, code, rubric_id)
    criterion = _criterion(rubric, criterion_id)
    form = MoveForm(request.POST)
    if not apply_to_form(form, lambda: services.criterion_move(criterion=criterion, up=form.up,
                                                                moved_by=request.user)):
        return HttpResponseBadRequest(_("Không rõ chuyển lên hay xuống."))
    return _detail_at(code, rubric.pk, f"c{criterion.pk}")


@require_POST
def item_move(request: AuthenticatedHttpRequest, code: str, rubric_id: int, item_id: int) -> HttpResponse:
    _org, rubric = _draft(request, code, rubric_id)
    item = access.access_rubric_item(rubric, item_id)
    form = MoveForm(request.POST)
    if not apply_to_form(form, lambda: services.item_move(item=item, up=form.up, moved_by=request.user)):
        return HttpResponseBadRequest(_("Không rõ chuyển lên hay xuống."))
    return _detail_at(code, rubric.pk, f"i{item.pk}")
