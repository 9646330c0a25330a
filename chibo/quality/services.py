"""Every write of the quality app: check the rule, write (atomic), audit.

Rubrics: a superior committee clones a rubric in force for its subtree, edits the draft, then publishes
it from a date. A published rubric is frozen (ratings keep the version they used); a change is a new clone.
Ratings: append-only; the per-meeting summary row (MeetingQuality) follows every new rating.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from chibo.accounts.models import User
from chibo.core import text
from chibo.core.audit import audit_record
from chibo.core.errors import RuleViolation
from chibo.meetings.models import COUNTED_KINDS, Meeting, MeetingStatus
from chibo.organizations.models import Organization
from chibo.quality import scoring, selectors
from chibo.quality.models import (
    SUPERIOR_KINDS,
    Band,
    Criterion,
    CriterionItem,
    Gate,
    ItemScore,
    MeetingQuality,
    MeetingRating,
    RaterKind,
    RecordKey,
    Rubric,
    RubricStatus,
    SupportAction,
)

# --- rubrics -------------------------------------------------------------------------------------


def _problems_error(problems: Sequence[scoring.Problem]) -> RuleViolation:
    return RuleViolation([p.message for p in problems])


def _require_draft(rubric: Rubric) -> None:
    if rubric.status != RubricStatus.DRAFT:
        raise RuleViolation(_("Thang điểm đã ban hành thì không sửa được; hãy sao chép thành phiên bản mới."))


def _clone_code(owner: Organization, source: Rubric, effective_from: date) -> str:
    base = re.sub(r"[^a-z0-9.-]+", "-", f"{owner.code}-{source.code}-{effective_from:%Y%m%d}".lower())[:52]
    code, n = base, 1
    while Rubric.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def rubric_clone(*, source: Rubric, owner: Organization, effective_from: date, cloned_by: User | None,
                 name: str = "") -> Rubric:
    """A draft copy of `source` owned by the committee `owner`, to adapt for its subtree from `effective_from`."""
    if owner.is_cell:
        raise RuleViolation(_("Chỉ cấp ủy cấp trên mới ban hành thang điểm cho các chi bộ trực thuộc."))
    if not selectors.rubric_applies_to(source, owner):
        raise RuleViolation(_("Thang điểm này không áp dụng cho tổ chức đảng này."))
    if source.effective_to and effective_from > source.effective_to:
        raise RuleViolation({"effective_from": _("Thang điểm gốc chỉ áp dụng đến ngày %(d)s.")
                             % {"d": source.effective_to.strftime("%d/%m/%Y")}})
    source = selectors.rubric_with_parts(source.pk) or source
    clone = Rubric.objects.create(
        code=_clone_code(owner, source, effective_from),
        name=text.clean(name) or _("%(name)s — %(org)s") % {"name": source.name, "org": owner.name},
        source_document=source.source_document, effective_from=effective_from, effective_to=None, owner=owner,
        cloned_from=source, status=RubricStatus.DRAFT, total_points=source.total_points, tot_min=source.tot_min,
        kha_min=source.kha_min, trung_binh_min=source.trung_binh_min, note=source.note, created_by=cloned_by,
    )
    for criterion in source.criteria.all():
        new_criterion = Criterion.objects.create(rubric=clone, order=criterion.order, code=criterion.code,
                                                 name=criterion.name, max_points=criterion.max_points)
        for item in criterion.items.all():
            new_item = CriterionItem.objects.create(
                criterion=new_criterion, order=item.order, code=item.code, name=item.name,
                max_points=item.max_points, source=item.source, params=item.params,
            )
            Band.objects.bulk_create([
                Band(item=new_item, lower=b.lower, lower_open=b.lower_open, upper=b.upper,
                     upper_closed=b.upper_closed, points=b.points) for b in item.bands.all()
            ])
    Gate.objects.bulk_create([Gate(rubric=clone, level=g.level, name=g.name, item_codes=list(g.item_codes))
                              for g in source.gates.all()])
    audit_record(actor=cloned_by, action="rubric.clone", obj=clone,
                 summary=_("Sao chép từ %(code)s, áp dụng từ %(d)s") % {"code": source.code,
                                                                       "d": effective_from.strftime("%d/%m/%Y")})
    return clone


RUBRIC_FIELDS = ("name", "source_document", "effective_from", "effective_to", "total_points", "tot_min", "kha_min",
                 "trung_binh_min", "note")


@transaction.atomic
def rubric_update(*, rubric: Rubric, updated_by: User | None, **fields: Any) -> Rubric:
    """Change the draft's name, document, dates, total and level thresholds."""
    _require_draft(rubric)
    for name, value in fields.items():
        if name not in RUBRIC_FIELDS:
            raise TypeError(name)
        setattr(rubric, name, text.clean(value) if isinstance(value, str) and name != "note" else value)
    if rubric.effective_to and rubric.effective_to < rubric.effective_from:
        raise RuleViolation({"effective_to": _("Ngày kết thúc phải sau ngày bắt đầu áp dụng.")})
    if not rubric.total_points >= rubric.tot_min > rubric.kha_min > rubric.trung_binh_min > 0:
        raise RuleViolation(_("Ngưỡng xếp loại phải giảm dần: tổng điểm ≥ Tốt > Khá > Trung bình > 0."))
    rubric.save(update_fields=[*fields, "updated_at"])
    audit_record(actor=updated_by, action="rubric.update", obj=rubric, summary=rubric.name)
    return rubric


@dataclass(frozen=True)
class PointsRow:
    """One row of the points form: a criterion (item_id None) or one of its sub-items."""

    criterion_id: int
    item_id: int | None
    name: str
    max_points: int
    source: str | None = None  # None: keep the sub-item's way of scoring (item_update changes it with its params)


@transaction.atomic
def rubric_points_set(*, rubric: Rubric, rows: Sequence[PointsRow], updated_by: User | None) -> Rubric:
    """Rename and re-weight criteria and sub-items at once; refused unless the points add up."""
    _require_draft(rubric)
    rubric = selectors.rubric_with_parts(rubric.pk) or rubric
    criteria = {c.pk: c for c in rubric.criteria.all()}
    items = {i.pk: i for c in criteria.values() for i in c.items.all()}
    switched: dict[int, str] = {}  # item → its source before
    for row in rows:
        if row.criterion_id not in criteria or (row.item_id is not None and row.item_id not in items):
            raise RuleViolation(_("Có dòng không thuộc thang điểm này."))
        target: Criterion | CriterionItem = criteria[row.criterion_id] if row.item_id is None else items[row.item_id]
        target.name, target.max_points = text.clean(row.name) or target.name, row.max_points
        if isinstance(target, CriterionItem) and row.source is not None and row.source != target.source:
            if row.source not in RecordKey.values:
                raise RuleViolation(_("Cách chấm không hợp lệ."))
            switched[target.pk] = target.source
            target.source, target.params = row.source, _params_for(row.source, target.params)
    spec = _spec_of(rubric, criteria, items)
    problems = [p for p in scoring.rubric_problems(spec) if p.kind in ("sum", "code")]
    if problems:
        raise _problems_error(problems)
    for criterion in criteria.values():
        criterion.save(update_fields=["name", "max_points"])
    for item in items.values():
        item.save(update_fields=["name", "max_points", "source", "params"])
        if item.pk in switched:
            _bands_follow_source(item, switched[item.pk])
    audit_record(actor=updated_by, action="rubric.points", obj=rubric, summary=rubric.name)
    return rubric


def _spec_of(rubric: Rubric, criteria: Mapping[int, Criterion], items: Mapping[int, CriterionItem]) -> scoring.RubricSpec:
    """The spec of in-memory (possibly unsaved) criteria and items."""
    return scoring.RubricSpec(
        total_points=rubric.total_points, thresholds=rubric.thresholds,
        criteria=tuple(
            scoring.CriterionSpec(c.code, c.name, c.max_points, tuple(
                scoring.ItemSpec(i.code, i.name, i.max_points, i.source, tuple(b.spec for b in i.bands.all()), i.params)
                for i in items.values() if i.criterion_id == c.pk
            ))
            for c in criteria.values()
        ),
        gates=tuple(scoring.GateSpec(g.level, tuple(g.item_codes), g.name) for g in rubric.gates.all()),
    )


@dataclass(frozen=True)
class BandRow:
    lower: Decimal
    upper: Decimal | None
    points: int
    lower_open: bool = False
    upper_closed: bool = False


@transaction.atomic
def item_bands_set(*, item: CriterionItem, bands: Sequence[BandRow], updated_by: User | None) -> CriterionItem:
    """Replace the ranges of a banded sub-item; refused if they overlap, leave gaps or exceed its points."""
    rubric = item.criterion.rubric
    _require_draft(rubric)
    if not item.is_banded:
        raise RuleViolation(_("Nội dung này không chấm theo khoảng."))
    specs = [scoring.Band.of(b.lower, b.upper, b.points, lower_open=b.lower_open, upper_closed=b.upper_closed)
             for b in bands]
    problems = scoring.band_problems(specs, item.domain, max_points=item.max_points)
    if problems:
        raise _problems_error(problems)
    item.bands.all().delete()
    Band.objects.bulk_create([Band(item=item, lower=b.lower, upper=b.upper, points=b.points, lower_open=b.lower_open,
                                   upper_closed=b.upper_closed) for b in bands])
    audit_record(actor=updated_by, action="rubric.bands", obj=rubric, summary=item.name[:200])
    return item


@transaction.atomic
def rubric_gates_set(*, rubric: Rubric, gates: Mapping[str, Sequence[str]], updated_by: User | None) -> Rubric:
    """`gates` maps a level to the codes of the sub-items it needs at full marks (empty: no condition)."""
    _require_draft(rubric)
    codes = set(CriterionItem.objects.filter(criterion__rubric=rubric).values_list("code", flat=True))
    rubric.gates.all().delete()
    for level, item_codes in gates.items():
        unknown = [c for c in item_codes if c not in codes]
        if unknown or level not in scoring.LEVELS[:-1]:
            raise RuleViolation(_("Điều kiện xếp loại nhắc đến nội dung không có: %(c)s.") % {"c": ", ".join(unknown)})
        if item_codes:
            label = dict(zip(scoring.LEVELS, (_("Tốt"), _("Khá"), _("Trung bình")), strict=False))[level]
            Gate.objects.create(rubric=rubric, level=level, item_codes=list(item_codes),
                                name=_("Xếp loại %(level)s phải đạt điểm tối đa ở %(n)d nội dung")
                                % {"level": label, "n": len(item_codes)})
    audit_record(actor=updated_by, action="rubric.gates", obj=rubric, summary=rubric.name)
    return rubric


@transaction.atomic
def rubric_publish(*, rubric: Rubric, published_by: User | None) -> Rubric:
    """Put the draft in force from its date; refused while anything in it does not add up."""
    _require_draft(rubric)
    full = selectors.rubric_with_parts(rubric.pk) or rubric
    problems = scoring.rubric_problems(selectors.rubric_spec(full))
    if problems:
        raise _problems_error(problems)
    rubric.status = RubricStatus.PUBLISHED
    rubric.save(update_fields=["status", "updated_at"])
    audit_record(actor=published_by, action="rubric.publish", obj=rubric,
                 summary=_("Áp dụng từ %(d)s") % {"d": rubric.effective_from.strftime("%d/%m/%Y")})
    return rubric


# --- rubric structure: criteria and sub-items of a draft --------------------------------------------
# A committee adds, removes and reorders criteria and sub-items of its draft freely: the points need
# not add up after each step. The draft's problems (scoring.rubric_problems) say what remains, and
# rubric_publish refuses until they are gone.

# What scoring.py reads from a sub-item's params, by source (scoring.measure, score_from_record).
ITEM_PARAMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(scoring.BANDED, ("absent_cap",)),
    "duration_shortfall": ("minimum_minutes", "absent_cap"),
    "no_excused_streak": ("streak_limit",),
    "materials_on_time": ("lead_days",),
    "documents_on_time": ("within_days",),
}
PARAM_MINIMUM = {"absent_cap": 0, "minimum_minutes": 1, "streak_limit": 1, "lead_days": 0, "within_days": 0}


def _params_for(source: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """The params `source` reads, the others dropped (a switch of source leaves none behind)."""
    return {k: v for k, v in (params or {}).items() if k in ITEM_PARAMS.get(source, ()) and v is not None}


def _checked_params(source: str, params: Mapping[str, Any] | None, max_points: int) -> dict[str, int]:
    params = _params_for(source, params)
    errors: dict[str, str] = {}
    for name, value in params.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < PARAM_MINIMUM[name]:
            errors[name] = _("Phải là số nguyên từ %(n)d trở lên.") % {"n": PARAM_MINIMUM[name]}
    if not errors and params.get("absent_cap", 0) > max_points:
        errors["absent_cap"] = _("Không được vượt điểm tối đa của nội dung (%(m)d).") % {"m": max_points}
    if errors:
        raise RuleViolation(errors)
    return params


def _bands_follow_source(item: CriterionItem, old_source: str) -> None:
    """Keep an item's bands in step with its way of scoring: none unless banded; when it becomes banded (or its
    measure changes domain, minutes ↔ %), one band over the whole domain at full points, for the committee to split."""
    if not item.is_banded:
        item.bands.all().delete()
        return
    if item.domain == scoring.BANDED.get(old_source) and item.bands.exists():
        return
    item.bands.all().delete()
    lower, upper = scoring.DOMAINS[item.domain]
    Band.objects.create(item=item, lower=Decimal(int(lower)), upper=None if upper is None else Decimal(int(upper)),
                        upper_closed=upper is not None, points=item.max_points)


def _lock_draft(rubric: Rubric) -> Rubric:
    """Serialize structural edits of one draft (orders and codes are computed from what is there)."""
    locked = Rubric.objects.select_for_update().get(pk=rubric.pk)
    _require_draft(locked)
    return locked


def _unique_code(name: str, taken: set[str], fallback: str) -> str:
    """A slug of the name without diacritics ("Ứng dụng số" → "ung-dung-so"), made unique with -2, -3…"""
    base = slugify(text.fold(name))[:34].strip("-") or fallback
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}-{n}"
    return code


def _renumber(rows: Sequence[Criterion | CriterionItem]) -> None:
    for order, row in enumerate(rows, start=1):
        if row.order != order:
            row.order = order
            row.save(update_fields=["order"])


def _gates_naming(rubric: Rubric, codes: set[str]) -> list[tuple[Gate, str]]:
    return [(gate, code) for gate in rubric.gates.all() for code in gate.item_codes if code in codes]


@transaction.atomic
def criterion_add(*, rubric: Rubric, name: str, max_points: int, added_by: User | None) -> Criterion:
    """A new criterion at the end of the draft, with a code unique in it; its sub-items come next."""
    rubric = _lock_draft(rubric)
    name = text.clean(name)
    if not name:
        raise RuleViolation({"name": _("Cần ghi tên tiêu chí.")})
    taken = set(rubric.criteria.values_list("code", flat=True))
    last = rubric.criteria.aggregate(last=Max("order"))["last"] or 0
    criterion = Criterion.objects.create(rubric=rubric, order=last + 1, code=_unique_code(name, taken, "tieu-chi"),
                                         name=name, max_points=max_points)
    audit_record(actor=added_by, action="rubric.criterion_add", obj=rubric, summary=name)
    return criterion


@transaction.atomic
def criterion_remove(*, criterion: Criterion, removed_by: User | None) -> Rubric:
    """Remove a criterion with its sub-items; refused for the last one or while a gate names one of its items."""
    rubric = _lock_draft(criterion.rubric)
    criteria = list(rubric.criteria.order_by("order", "id"))
    if len(criteria) <= 1:
        raise RuleViolation(_("Thang điểm phải còn ít nhất một tiêu chí."))
    codes = set(criterion.items.values_list("code", flat=True))
    naming = _gates_naming(rubric, codes)
    if naming:
        gate, code = naming[0]
        raise RuleViolation(_("Điều kiện xếp loại “%(gate)s” dùng nội dung “%(code)s” của tiêu chí này: hãy bỏ nội "
                              "dung đó khỏi điều kiện trước.") % {"gate": gate.name, "code": code})
    remaining = [c for c in criteria if c.pk != criterion.pk]
    criterion.delete()
    _renumber(remaining)
    audit_record(actor=removed_by, action="rubric.criterion_remove", obj=rubric, summary=criterion.name)
    return rubric


@dataclass(frozen=True)
class ItemData:
    """A sub-item as the committee writes it: what it scores, how, and the params of that way of scoring."""

    name: str
    max_points: int
    source: str = RecordKey.MANUAL
    params: Mapping[str, Any] | None = None


def _item_values(data: ItemData) -> dict[str, Any]:
    name = text.clean(data.name)
    if not name:
        raise RuleViolation({"name": _("Cần ghi nội dung chấm.")})
    if data.source not in RecordKey.values:
        raise RuleViolation({"source": _("Cách chấm không hợp lệ.")})
    return {"name": name, "max_points": data.max_points, "source": data.source,
            "params": _checked_params(data.source, data.params, data.max_points)}


@transaction.atomic
def item_add(*, criterion: Criterion, data: ItemData, added_by: User | None) -> CriterionItem:
    """A new sub-item at the end of the criterion, with a code unique in the rubric (gates name items by code)."""
    rubric = _lock_draft(criterion.rubric)
    values = _item_values(data)
    taken = set(CriterionItem.objects.filter(criterion__rubric=rubric).values_list("code", flat=True))
    last = criterion.items.aggregate(last=Max("order"))["last"] or 0
    item = CriterionItem.objects.create(criterion=criterion, order=last + 1,
                                        code=_unique_code(values["name"], taken, "noi-dung"), **values)
    _bands_follow_source(item, RecordKey.MANUAL)
    audit_record(actor=added_by, action="rubric.item_add", obj=rubric, summary=item.name[:200])
    return item


@transaction.atomic
def item_update(*, item: CriterionItem, data: ItemData, updated_by: User | None) -> CriterionItem:
    """A sub-item's name, points, way of scoring and params. Switching to a banded measure starts from one band
    over the whole domain at full points; switching to anything else drops the bands."""
    rubric = _lock_draft(item.criterion.rubric)
    before = {"source": item.source, "params": item.params, "max_points": item.max_points}
    for name, value in _item_values(data).items():
        setattr(item, name, value)
    item.save(update_fields=["name", "max_points", "source", "params"])
    _bands_follow_source(item, before["source"])
    audit_record(actor=updated_by, action="rubric.item_update", obj=rubric, summary=item.name[:200],
                 before={k: str(v) for k, v in before.items()},
                 after={"source": item.source, "params": str(item.params), "max_points": str(item.max_points)})
    return item


@transaction.atomic
def item_remove(*, item: CriterionItem, removed_by: User | None) -> Rubric:
    """Remove a sub-item; refused while a gate names it, or if it is the last one of its criterion."""
    rubric = _lock_draft(item.criterion.rubric)
    naming = _gates_naming(rubric, {item.code})
    if naming:
        gate = naming[0][0]
        raise RuleViolation(_("Điều kiện xếp loại “%(gate)s” dùng nội dung này: hãy bỏ nó khỏi điều kiện trước.")
                            % {"gate": gate.name})
    siblings = list(item.criterion.items.order_by("order", "id"))
    if len(siblings) <= 1:
        raise RuleViolation(_("Tiêu chí “%(n)s” phải còn ít nhất một nội dung chấm; muốn bỏ cả tiêu chí thì xóa "
                              "tiêu chí.") % {"n": item.criterion.name})
    remaining = [i for i in siblings if i.pk != item.pk]
    item.delete()
    _renumber(remaining)
    audit_record(actor=removed_by, action="rubric.item_remove", obj=rubric, summary=item.name[:200])
    return rubric


def _move(rows: list[Any], moved: Any, up: bool) -> None:
    """Swap `moved` with its neighbour above (or below), then number them 1, 2, 3… (no-op at either end)."""
    index = next(i for i, row in enumerate(rows) if row.pk == moved.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    _renumber(rows)


@transaction.atomic
def criterion_move(*, criterion: Criterion, up: bool, moved_by: User | None) -> Criterion:
    rubric = _lock_draft(criterion.rubric)
    _move(list(rubric.criteria.order_by("order", "id")), criterion, up)
    audit_record(actor=moved_by, action="rubric.criterion_move", obj=rubric, summary=criterion.name)
    return criterion


@transaction.atomic
def item_move(*, item: CriterionItem, up: bool, moved_by: User | None) -> CriterionItem:
    rubric = _lock_draft(item.criterion.rubric)
    _move(list(item.criterion.items.order_by("order", "id")), item, up)
    audit_record(actor=moved_by, action="rubric.item_move", obj=rubric, summary=item.name[:200])
    return item


# --- ratings -------------------------------------------------------------------------------------


def measured_text(line: scoring.Line) -> str:
    """What the record measured, for the score sheet: "87,5%", "15 phút", "Có"/"Không"."""
    value = line.measured
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Đạt") if value else _("Không đạt")
    if isinstance(value, Fraction):
        if scoring.BANDED.get(line.item.source) == scoring.PERCENT:
            rounded = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            return f"{number_format(rounded, 1)}%"
        return _("thiếu %(n)s phút") % {"n": number_format(float(value), 0)} if value else _("đủ thời lượng")
    return str(value)


def rating_problems(meeting: Meeting) -> list[str]:
    """Why this meeting cannot be rated (empty when it can)."""
    if meeting.status != MeetingStatus.CLOSED:
        return [_("Chỉ đánh giá được buổi sinh hoạt đã thông qua biên bản.")]
    if meeting.kind not in COUNTED_KINDS:
        return [_("Chỉ đánh giá chất lượng buổi sinh hoạt thường kỳ và chuyên đề.")]
    if selectors.rubric_for(meeting.organization, meeting.day) is None:
        return [_("Chưa có thang điểm nào áp dụng cho chi bộ vào ngày %(d)s.") % {"d": meeting.day.strftime("%d/%m/%Y")}]
    return []


@dataclass(frozen=True)
class Draft:
    """A score sheet before it is saved: the rubric it uses and its lines."""

    rubric: Rubric
    sheet: scoring.Sheet


def rating_draft(meeting: Meeting, manual: Mapping[str, int] | None = None, *, today: date | None = None) -> Draft:
    """The score sheet of the rubric in force on the meeting's day: record points filled in, manual ones from `manual`."""
    problems = rating_problems(meeting)
    if problems:
        raise RuleViolation(problems)
    found = selectors.rubric_for(meeting.organization, meeting.day)
    rubric = selectors.rubric_with_parts(found.pk) if found else None
    assert rubric is not None
    sheet = scoring.score_sheet(selectors.rubric_spec(rubric), selectors.meeting_facts(meeting, today=today), manual)
    return Draft(rubric, sheet)


@transaction.atomic
def meeting_rate(*, meeting: Meeting, rater: User | None, rater_kind: str,
                 manual: Mapping[str, tuple[int, str]], note: str = "", today: date | None = None) -> MeetingRating:
    """Rate a closed meeting. `manual` maps a sub-item code to (points, justification) for what the record
    does not know; a justification is required wherever points are taken off."""
    if rater_kind not in RaterKind.values:
        raise RuleViolation(_("Người đánh giá không hợp lệ."))
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one rating at a time per meeting
    draft = rating_draft(meeting, {code: points for code, (points, _j) in manual.items()}, today=today)
    errors: dict[str, list[str]] = {}
    for line in draft.sheet.lines:
        if line.source != scoring.BY_HAND:
            continue
        points, justification = manual.get(line.item.code, (None, ""))
        if points is None:
            errors.setdefault(line.item.code, []).append(_("Cần chấm điểm nội dung này."))
        elif not 0 <= points <= line.item.max_points:
            errors.setdefault(line.item.code, []).append(_("Điểm phải từ 0 đến %(m)d.") % {"m": line.item.max_points})
        elif points < line.item.max_points and not text.clean(justification):
            errors.setdefault(line.item.code, []).append(_("Cần giải thích ngắn gọn vì sao trừ điểm."))
    if errors:
        raise RuleViolation(errors)
    rating = MeetingRating.objects.create(
        meeting=meeting, rubric=draft.rubric, rater_kind=rater_kind, rater=rater,
        rater_name=rater.display_name() if rater else "", total=draft.sheet.total,
        score_level=draft.sheet.score_level, level=draft.sheet.level,
        failed_gates=[g.name for g in draft.sheet.failed_gates], note=note.strip(),
    )
    items = {i.code: i for c in draft.rubric.criteria.all() for i in c.items.all()}
    ItemScore.objects.bulk_create([
        ItemScore(rating=rating, item=items[line.item.code], points=line.points or 0, source=line.source,
                  measured=measured_text(line)[:40],
                  justification=text.clean(manual.get(line.item.code, (0, ""))[1])[:300]
                  if line.source == scoring.BY_HAND else "")
        for line in draft.sheet.lines
    ])
    quality_refresh(meeting=meeting)
    audit_record(actor=rater, action="meeting.rate", obj=meeting,
                 summary=f"{RaterKind(rater_kind).label}: {rating.total} ({rating.get_level_display()})")
    return rating


@transaction.atomic
def ratings_rescore(*, meeting: Meeting, reason: str, rescored_by: User | None) -> list[MeetingRating]:
    """After a correction of the record (a minutes revision changed the roll), score the latest self and
    superior ratings again: the same rubric, the same rater's manual points and justifications, the record
    points from the corrected figures, as of the day each was given. A rating whose points do not change
    stays as it is; one that does gets a new rating beside it (never an edit), and the summary row follows.
    """
    own, superior = selectors.latest_ratings(MeetingRating.objects.filter(meeting=meeting))
    latest = [rating for rating in (own, superior) if rating is not None]
    if not latest:
        return []
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # fresh: the caller's may cache old figures
    rescored = []
    for old in latest:
        rubric = selectors.rubric_with_parts(old.rubric_id)
        assert rubric is not None
        kept = {s.item.code: s for s in old.scores.select_related("item")}
        manual = {code: score.points for code, score in kept.items() if score.source == scoring.BY_HAND}
        facts = selectors.meeting_facts(meeting, today=timezone.localdate(old.created_at))
        sheet = scoring.score_sheet(selectors.rubric_spec(rubric), facts, manual)
        changed = sheet.total != old.total or sheet.level != old.level or any(
            line.points != getattr(kept.get(line.item.code), "points", None) for line in sheet.lines
        )
        if not changed:
            continue
        rating = MeetingRating.objects.create(
            meeting=meeting, rubric=rubric, rater_kind=old.rater_kind, rater=old.rater, rater_name=old.rater_name,
            total=sheet.total, score_level=sheet.score_level, level=sheet.level,
            failed_gates=[g.name for g in sheet.failed_gates], note=old.note, rescored_from=old,
            rescore_reason=text.clean(reason)[:300],
        )
        items = {i.code: i for c in rubric.criteria.all() for i in c.items.all()}
        ItemScore.objects.bulk_create([
            ItemScore(rating=rating, item=items[line.item.code], points=line.points or 0, source=line.source,
                      measured=measured_text(line)[:40],
                      justification=kept[line.item.code].justification
                      if line.source == scoring.BY_HAND and line.item.code in kept else "")
            for line in sheet.lines
        ])
        audit_record(actor=rescored_by, action="meeting.rescore", obj=meeting,
                     summary=(f"{RaterKind(old.rater_kind).label}: {old.total} → {rating.total} "
                              f"({rating.get_level_display()}); {reason}")[:300])
        rescored.append(rating)
    if rescored:
        quality_refresh(meeting=meeting)
    return rescored


def quality_refresh(*, meeting: Meeting) -> MeetingQuality:
    """Recompute the meeting's summary row: final = latest superior/working-group rating, else latest self-rating."""
    own, superior = selectors.latest_ratings(MeetingRating.objects.filter(meeting=meeting))
    final = superior or own
    values = {
        "final_rating": final, "final_kind": final.rater_kind if final else "",
        "final_level": final.level if final else "", "final_score": final.total if final else None,
        "self_level": own.level if own else "", "self_score": own.total if own else None,
        "superior_level": superior.level if superior else "", "superior_score": superior.total if superior else None,
        "disagrees": bool(own and superior and own.level != superior.level),
    }
    row, _created = MeetingQuality.objects.update_or_create(meeting=meeting, defaults=values)
    return row


def superior_kinds() -> list[tuple[str, str]]:
    return [(k.value, str(k.label)) for k in SUPERIOR_KINDS]


# --- support actions -------------------------------------------------------------------------------

@transaction.atomic
def support_action_record(*, cell: Organization, action: str, taken_on: date, reasons: Sequence[str],
                          recorded_by: User | None) -> SupportAction:
    """What the liaison or committee did to help a cell, with the reasons it was flagged for."""
    if not cell.is_cell:
        raise RuleViolation(_("Chỉ ghi hỗ trợ cho chi bộ."))
    action = action.strip()
    if not action:
        raise RuleViolation({"action": _("Cần ghi việc đã làm.")})
    if taken_on > timezone.localdate():
        raise RuleViolation({"taken_on": _("Ngày thực hiện không thể ở tương lai.")})
    support = SupportAction.objects.create(cell=cell, action=action, taken_on=taken_on, reasons=list(reasons),
                                          created_by=recorded_by)
    audit_record(actor=recorded_by, action="support.record", obj=cell, summary=action[:300])
    return support


@transaction.atomic
def support_outcome_record(*, support: SupportAction, outcome: str, outcome_on: date,
                           recorded_by: User | None) -> SupportAction:
    outcome = outcome.strip()
    if not outcome:
        raise RuleViolation({"outcome": _("Cần ghi kết quả.")})
    if outcome_on < support.taken_on:
        raise RuleViolation({"outcome_on": _("Ngày ghi kết quả không thể trước ngày thực hiện.")})
    support.outcome, support.outcome_on = outcome, outcome_on
    support.save(update_fields=["outcome", "outcome_on", "updated_at"])
    audit_record(actor=recorded_by, action="support.outcome", obj=support.cell, summary=outcome[:300])
    return support
