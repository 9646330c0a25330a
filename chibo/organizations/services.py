"""Every write to the organization tree and the member roll happens here, audited."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DateField, F, Value
from django.db.models.functions import Concat, Greatest, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from chibo.core import text
from chibo.core.audit import audit_record, snapshot
from chibo.core.errors import RuleViolation
from chibo.meetings.models import IssuedDocument
from chibo.organizations.models import (
    CELL_KINDS,
    PATH_STEP,
    TERM_KINDS,
    Exemption,
    ExitKind,
    Member,
    Membership,
    MembershipKind,
    Organization,
    OrganizationChange,
    OrganizationKind,
    Position,
    Term,
)
from chibo.organizations.selectors import path_prefix_q
from chibo.reports.models import DocumentNumber

MEMBER_FIELDS = (
    "full_name", "gender", "birth_date", "ethnicity", "religion", "phone", "card_number",
    "admission_date", "official_date", "status", "special_duty",
)


def path_for(pk: int, parent: Organization | None) -> str:
    return (parent.path if parent else "") + f"{pk:0{PATH_STEP - 1}d}."


# --- organizations -------------------------------------------------------------------------------

# Kinds a new unit may have under a parent of each kind: what the forms offer. Districts stay so that
# the tree before 1 July 2025 can still be entered; communes sit directly under provinces after it.
CHILD_KINDS: dict[str | None, tuple[str, ...]] = {
    None: (OrganizationKind.PROVINCE, OrganizationKind.CENTRAL),
    OrganizationKind.PROVINCE: (OrganizationKind.COMMUNE, OrganizationKind.GRASSROOTS_COMMITTEE,
                                OrganizationKind.GRASSROOTS_CELL, OrganizationKind.DISTRICT),
    OrganizationKind.CENTRAL: (OrganizationKind.GRASSROOTS_COMMITTEE, OrganizationKind.GRASSROOTS_CELL,
                               OrganizationKind.COMMUNE),
    OrganizationKind.COMMUNE: (OrganizationKind.GRASSROOTS_CELL, OrganizationKind.GRASSROOTS_COMMITTEE),
    OrganizationKind.DISTRICT: (OrganizationKind.COMMUNE, OrganizationKind.GRASSROOTS_COMMITTEE,
                                OrganizationKind.GRASSROOTS_CELL),
    OrganizationKind.GRASSROOTS_COMMITTEE: (OrganizationKind.SUBORDINATE_CELL, OrganizationKind.PARTIAL_COMMITTEE),
    OrganizationKind.PARTIAL_COMMITTEE: (OrganizationKind.SUBORDINATE_CELL,),
    OrganizationKind.GRASSROOTS_CELL: (OrganizationKind.PARTY_GROUP,),
    OrganizationKind.SUBORDINATE_CELL: (OrganizationKind.PARTY_GROUP,),
    OrganizationKind.PARTY_GROUP: (),
}


def _family(kind: str) -> str:
    """Units of one family can merge: cells hold members, committees hold units, party groups sit in cells."""
    if kind in CELL_KINDS:
        return "cell"
    return "group" if kind == OrganizationKind.PARTY_GROUP else "committee"


def _check_parent_kind(kind: str, parent: Organization | None) -> None:
    """The rules of the Statute that hold whatever the data: the rest of CHILD_KINDS is only what forms offer."""
    if kind not in OrganizationKind.values:
        raise RuleViolation(_("Loại tổ chức không hợp lệ."))
    if parent is None:
        if kind == OrganizationKind.PARTY_GROUP:
            raise RuleViolation(_("Tổ đảng phải thuộc một chi bộ."))
        return
    if parent.kind == OrganizationKind.PARTY_GROUP:
        raise RuleViolation(_("Tổ đảng không có đơn vị trực thuộc."))
    if parent.kind in CELL_KINDS and kind != OrganizationKind.PARTY_GROUP:
        raise RuleViolation(_("Dưới chi bộ chỉ có thể lập tổ đảng."))
    if kind == OrganizationKind.PARTY_GROUP and parent.kind not in CELL_KINDS:
        raise RuleViolation(_("Tổ đảng phải thuộc một chi bộ."))


def _check_open(org: Organization) -> None:
    if org.valid_to is not None:
        raise RuleViolation(_("%(org)s đã giải thể hoặc hợp nhất.") % {"org": org.name})


def _lock_fresh(*orgs: Organization) -> None:
    """Lock the rows of `orgs` and of their ancestors, then reload their place in the tree.

    Two reorganisations touching one subtree would otherwise both rewrite paths computed from what
    each read before: each locks the chain from the root down to what it changes, so the second
    waits and then sees the new paths. If an ancestor changed meanwhile (or the caller's objects are
    stale), the new ancestors are locked too. SQLite has no row locks but runs one writer at a time.
    """
    wanted = {org.pk for org in orgs}
    ids = {pk for org in orgs for pk in [*org.ancestor_ids(), org.pk]}
    for _attempt in range(5):
        fresh = Organization.objects.select_for_update().in_bulk(ids)
        missing = {pk for row in fresh.values() if row.pk in wanted for pk in row.ancestor_ids()} - ids
        if not missing:
            break
        ids |= missing
    else:
        raise RuleViolation(_("Cây tổ chức vừa thay đổi; vui lòng thử lại."))
    for org in orgs:
        row = fresh.get(org.pk)
        if row is None:
            raise RuleViolation(_("Không tìm thấy tổ chức %(code)s.") % {"code": org.code})
        org.path, org.depth, org.parent_id = row.path, row.depth, row.parent_id
        org.valid_from, org.valid_to, org.merged_into_id = row.valid_from, row.valid_to, row.merged_into_id


def _last_day_before(effective_date: date, org: Organization) -> date:
    """valid_to is the last day a unit existed: the day before the change, never before it was founded."""
    return max(effective_date - timedelta(days=1), org.valid_from or date.min)


@transaction.atomic
def organization_create(
    *, code: str, name: str, kind: str, parent: Organization | None, sector: str = "",
    valid_from: date | None = None, created_by=None, usual_meeting_day: int | None = None,
) -> Organization:
    code = text.clean(code)
    if not code:
        raise RuleViolation({"code": _("Cần nhập mã tổ chức.")})
    if Organization.objects.filter(code=code).exists():
        raise RuleViolation({"code": _("Mã tổ chức %(code)s đã có.") % {"code": code}})
    if not text.clean(name):
        raise RuleViolation({"name": _("Cần nhập tên tổ chức.")})
    _check_parent_kind(kind, parent)
    if parent is not None:
        _check_open(parent)
    org = Organization(
        code=code, name=text.clean(name), kind=kind, sector=sector, parent=parent,
        valid_from=valid_from, search_name=text.fold(name), usual_meeting_day=usual_meeting_day,
        depth=(parent.depth + 1) if parent else 0, path="",
    )
    org.full_clean(exclude=["path", "search_name"])
    org.save()
    org.path = path_for(org.pk, parent)
    org.save(update_fields=["path"])
    OrganizationChange.objects.create(
        kind=OrganizationChange.Kind.CREATE, organization=org, new_parent=parent,
        effective_date=valid_from or timezone.localdate(), created_by=created_by,
    )
    audit_record(actor=created_by, action="organization.create", obj=org, summary=org.name)
    return org


@transaction.atomic
def organization_update(*, org: Organization, updated_by, **fields: Any) -> Organization:
    """Basic data only; the place in the tree changes through move, merge and split.

    A refused change leaves `org` as it was, so the page that shows the error shows the stored values.
    """
    allowed = {"name", "sector", "usual_meeting_day", "valid_from"}
    before = snapshot(org, allowed)
    stored = {name: getattr(org, name) for name in (*allowed, "search_name")}
    try:
        _organization_apply(org, fields, allowed)
    except ValidationError:
        for name, value in stored.items():
            setattr(org, name, value)
        raise
    org.save(update_fields=[*fields.keys(), "search_name"])
    audit_record(actor=updated_by, action="organization.update", obj=org, before=before,
                 after=snapshot(org, allowed))
    return org


def _organization_apply(org: Organization, fields: dict[str, Any], allowed: set[str]) -> None:
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(name)
        setattr(org, name, text.clean(value) if isinstance(value, str) else value)
    if not org.name:
        raise RuleViolation({"name": _("Cần nhập tên tổ chức.")})
    if org.valid_from and org.valid_to and org.valid_from > org.valid_to:
        raise RuleViolation({"valid_from": _("Ngày thành lập không thể sau ngày giải thể/hợp nhất (%(d)s).") %
                             {"d": org.valid_to.strftime("%d/%m/%Y")}})
    org.search_name = text.fold(org.name)
    org.full_clean(exclude=["path", "search_name", "parent"])


def _rewrite_subtree_paths(org: Organization, new_parent: Organization | None) -> None:
    """One UPDATE for the whole subtree: every path gets the new prefix, every depth the same shift."""
    old_path = org.path
    new_path = path_for(org.pk, new_parent)
    depth_delta = ((new_parent.depth + 1) if new_parent else 0) - org.depth
    Organization.objects.filter(path_prefix_q(old_path)).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_delta,
    )
    org.path, org.depth, org.parent = new_path, org.depth + depth_delta, new_parent


@transaction.atomic
def organization_move(
    *, org: Organization, new_parent: Organization, effective_date: date, moved_by=None,
    decision: str = "", note: str = "",
) -> Organization:
    """Put `org` (with its whole subtree) under `new_parent`, e.g. when districts were abolished."""
    _lock_fresh(org, new_parent)
    if new_parent.path.startswith(org.path):
        raise RuleViolation(_("Không thể chuyển một tổ chức vào trong chính nó hoặc tổ chức cấp dưới của nó."))
    if new_parent.pk == org.parent_id:
        raise RuleViolation(_("%(org)s đã trực thuộc %(parent)s.") % {"org": org.name, "parent": new_parent.name})
    if new_parent.kind in CELL_KINDS and org.kind != OrganizationKind.PARTY_GROUP:
        raise RuleViolation(_("Không thể chuyển tổ chức về trực thuộc một chi bộ."))
    _check_parent_kind(org.kind, new_parent)
    if new_parent.valid_to is not None:
        raise RuleViolation(_("Tổ chức cấp trên mới đã giải thể hoặc hợp nhất."))
    _check_open(org)
    old_parent = org.parent
    _rewrite_subtree_paths(org, new_parent)
    Organization.objects.filter(pk=org.pk).update(parent=new_parent)
    OrganizationChange.objects.create(
        kind=OrganizationChange.Kind.MOVE, organization=org, old_parent=old_parent, new_parent=new_parent,
        effective_date=effective_date, decision=text.clean(decision), note=text.clean(note), created_by=moved_by,
    )
    audit_record(
        actor=moved_by, action="organization.move", obj=org,
        summary=_("Chuyển từ %(old)s sang %(new)s") % {"old": old_parent or "—", "new": new_parent},
        before={"parent": str(old_parent or "")}, after={"parent": str(new_parent)},
    )
    return org


def _end_positions(*, organization: Organization, last_day: date, member_ids=None) -> None:
    """Offices held at `organization` end on `last_day` (or the day they began, if later)."""
    positions = Position.objects.filter(organization=organization, end_date__isnull=True)
    if member_ids is not None:
        positions = positions.filter(member_id__in=member_ids)
    positions.update(end_date=Greatest(F("start_date"), Value(last_day, output_field=DateField())))


def _move_open_memberships(*, source: Organization, target: Organization, effective_date: date,
                           member_ids=None) -> int:
    """Members of `source` continue in `target` from `effective_date`; their time in `source` stays recorded.

    A membership that began on or after the effective date never really ran in `source`: it is
    re-pointed rather than closed, so that no period ends before it starts or overlaps the new one.
    A temporary attachment that would land in the member's own cell ends instead (and one the member
    had to `target` ends when they arrive there for good). Returns how many members continue in `target`.
    """
    memberships = Membership.objects.filter(organization=source, end_date__isnull=True)
    if member_ids is not None:
        memberships = memberships.filter(member_id__in=member_ids)
    moved = list(memberships)
    last_day = effective_date - timedelta(days=1)
    open_at_target = Membership.objects.filter(organization=target, end_date__isnull=True)
    home_at_target = set(open_at_target.filter(kind=MembershipKind.REGULAR).values_list("member_id", flat=True))
    arriving_home = {m.member_id for m in moved if m.kind == MembershipKind.REGULAR}
    at_home = [m for m in moved if m.kind == MembershipKind.TEMPORARY and m.member_id in home_at_target]
    at_home += list(open_at_target.filter(kind=MembershipKind.TEMPORARY, member_id__in=arriving_home))
    continuing = [m for m in moved if m not in at_home]
    ended = [m for m in continuing if m.start_date <= last_day]
    repointed = [m for m in continuing if m.start_date > last_day]
    for membership in ended:
        membership.end_date, membership.end_reason = last_day, Membership.EndReason.REORGANISATION
    for membership in at_home:
        membership.end_date = max(last_day, membership.start_date)
        membership.end_reason = Membership.EndReason.ATTACHMENT_ENDED
    Membership.objects.bulk_update([*ended, *at_home], ["end_date", "end_reason"])
    note = _("Từ %(org)s") % {"org": source.name}
    Membership.objects.filter(pk__in=[m.pk for m in repointed]).update(organization=target, note=note)
    Membership.objects.bulk_create(
        Membership(member_id=m.member_id, organization=target, kind=m.kind, start_date=effective_date,
                   planned_end_date=m.planned_end_date, note=note)
        for m in ended
    )
    _end_positions(organization=source, last_day=last_day, member_ids=[m.member_id for m in moved])
    return len({m.member_id for m in continuing})


def _check_merge(sources: list[Organization], target: Organization, effective_date: date) -> None:
    if not sources:
        raise RuleViolation(_("Chọn ít nhất một tổ chức để hợp nhất."))
    _check_open(target)
    if target.valid_from and effective_date < target.valid_from:
        raise RuleViolation(_("Ngày hiệu lực trước ngày thành lập %(org)s.") % {"org": target.name})
    for source in sources:
        if source.pk == target.pk:
            raise RuleViolation(_("Không thể hợp nhất một tổ chức vào chính nó."))
        if target.path.startswith(source.path):
            raise RuleViolation(_("Không thể hợp nhất vào tổ chức cấp dưới của chính nó."))
        if source.valid_to is not None:
            raise RuleViolation(_("%(org)s đã giải thể hoặc hợp nhất trước đó.") % {"org": source.name})
        if _family(source.kind) != _family(target.kind):
            raise RuleViolation(_("Chỉ hợp nhất được chi bộ với chi bộ, đảng bộ với đảng bộ (%(org)s).")
                                % {"org": source.name})
        if any(o.pk != source.pk and source.path.startswith(o.path) for o in sources):
            raise RuleViolation(_("%(org)s nằm trong một tổ chức khác cũng được hợp nhất.") % {"org": source.name})


@transaction.atomic
def organization_merge(
    *, sources: list[Organization], target: Organization, effective_date: date, merged_by=None,
    decision: str = "",
) -> Organization:
    """Merge `sources` into `target`: members and sub-units move, the sources close, their past stays."""
    sources = list({s.pk: s for s in sources}.values())
    _lock_fresh(target, *sources)
    _check_merge(sources, target, effective_date)
    decision = text.clean(decision)
    for source in sources:
        moved = _move_open_memberships(source=source, target=target, effective_date=effective_date)
        for child in Organization.objects.filter(parent=source, valid_to__isnull=True):
            organization_move(org=child, new_parent=target, effective_date=effective_date, moved_by=merged_by,
                              decision=decision, note=_("Hợp nhất %(src)s") % {"src": source.name})
        _end_positions(organization=source, last_day=effective_date - timedelta(days=1))
        source.valid_to = _last_day_before(effective_date, source)
        source.merged_into = target
        source.save(update_fields=["valid_to", "merged_into"])
        OrganizationChange.objects.create(
            kind=OrganizationChange.Kind.MERGE, organization=source, other=target, effective_date=effective_date,
            decision=decision, note=_("%(n)d đảng viên chuyển sang") % {"n": moved}, created_by=merged_by,
        )
        audit_record(actor=merged_by, action="organization.merge", obj=source,
                     summary=_("Hợp nhất vào %(target)s; %(n)d đảng viên chuyển sang") % {
                         "target": target.name, "n": moved})
    return target


def _check_split(org: Organization, parts: list[dict], close_original: bool) -> set[int]:
    if not parts:
        raise RuleViolation(_("Cần ít nhất một đơn vị mới."))
    _check_open(org)
    open_ids = set(Membership.objects.filter(organization=org, end_date__isnull=True).values_list("member_id", flat=True))
    assigned: set[int] = set()
    for part in parts:
        ids = set(part.get("member_ids", []))
        if ids - open_ids:
            raise RuleViolation(_("Có đảng viên không thuộc %(org)s.") % {"org": org.name})
        if ids & assigned:
            raise RuleViolation(_("Một đảng viên được chia vào hai đơn vị."))
        assigned |= ids
    if close_original and assigned != open_ids:
        raise RuleViolation(_("Còn %(n)d đảng viên chưa được chia vào đơn vị mới.") % {"n": len(open_ids - assigned)})
    if close_original and Organization.objects.filter(parent=org, valid_to__isnull=True).exists():
        raise RuleViolation(_("%(org)s còn đơn vị trực thuộc; hãy chuyển các đơn vị đó trước.") % {"org": org.name})
    return assigned


@transaction.atomic
def organization_split(
    *, org: Organization, parts: list[dict], effective_date: date, split_by=None, decision: str = "",
    close_original: bool = False,
) -> list[Organization]:
    """Create new units beside `org` and move the listed members into each.

    Each part is {"code", "name", "kind", "sector", "member_ids"}. With close_original the old unit
    closes (its remaining members must all have been given a new unit).
    """
    _lock_fresh(org)
    _check_split(org, parts, close_original)
    decision = text.clean(decision)
    created = []
    for part in parts:
        new_org = organization_create(
            code=part["code"], name=part["name"], kind=part.get("kind") or org.kind, parent=org.parent,
            sector=part.get("sector", org.sector), valid_from=effective_date, created_by=split_by,
            usual_meeting_day=part.get("usual_meeting_day", org.usual_meeting_day),
        )
        moved = _move_open_memberships(source=org, target=new_org, effective_date=effective_date,
                                       member_ids=part.get("member_ids", []))
        OrganizationChange.objects.create(
            kind=OrganizationChange.Kind.SPLIT, organization=org, other=new_org, effective_date=effective_date,
            decision=decision, note=_("%(n)d đảng viên chuyển sang") % {"n": moved}, created_by=split_by,
        )
        created.append(new_org)
    if close_original:
        _organization_close_now(org=org, effective_date=effective_date, closed_by=split_by, decision=decision)
    audit_record(actor=split_by, action="organization.split", obj=org,
                 summary=", ".join(o.name for o in created))
    return created


def _organization_close_now(*, org: Organization, effective_date: date, closed_by, decision: str,
                            note: str = "") -> None:
    _end_positions(organization=org, last_day=effective_date - timedelta(days=1))
    org.valid_to = _last_day_before(effective_date, org)
    org.save(update_fields=["valid_to"])
    OrganizationChange.objects.create(
        kind=OrganizationChange.Kind.CLOSE, organization=org, effective_date=effective_date,
        decision=decision, note=note, created_by=closed_by,
    )
    audit_record(actor=closed_by, action="organization.close", obj=org,
                 summary=_("Giải thể từ ngày %(d)s") % {"d": effective_date.strftime("%d/%m/%Y")})


@transaction.atomic
def organization_close(*, org: Organization, effective_date: date, closed_by=None, decision: str = "",
                       note: str = "") -> Organization:
    """Close (giải thể) an emptied unit, e.g. a district once its units sit under the new communes.

    Only an empty unit closes: members and units still inside must be moved or merged first,
    so that nobody is left on the roll of a unit that no longer exists.
    """
    _lock_fresh(org)
    _check_open(org)
    if Organization.objects.filter(parent=org, valid_to__isnull=True).exists():
        raise RuleViolation(_("%(org)s còn đơn vị trực thuộc; hãy chuyển các đơn vị đó trước.") % {"org": org.name})
    members = Membership.objects.filter(organization=org, end_date__isnull=True).count()
    if members:
        raise RuleViolation(_("%(org)s còn %(n)d đảng viên đang sinh hoạt.") % {"org": org.name, "n": members})
    _organization_close_now(org=org, effective_date=effective_date, closed_by=closed_by,
                            decision=text.clean(decision), note=text.clean(note))
    return org


# --- members -------------------------------------------------------------------------------------

def _member_apply(member: Member, data: dict[str, Any]) -> None:
    for name, value in data.items():
        if name not in MEMBER_FIELDS:
            raise TypeError(name)
        if name == "full_name":
            member.set_name(value)
        elif name == "card_number":
            member.card_number = text.clean(value) or None
        elif isinstance(value, str):
            setattr(member, name, text.clean(value))
        else:
            setattr(member, name, value)


def _validate_member(member: Member) -> None:
    if not member.full_name:
        raise RuleViolation({"full_name": _("Cần nhập họ và tên.")})
    if member.card_number and Member.objects.filter(card_number=member.card_number).exclude(pk=member.pk).exists():
        raise RuleViolation({"card_number": _("Số thẻ %(card)s đã thuộc một đảng viên khác.") %
                             {"card": member.card_number}})
    member.full_clean(exclude=["search_name", "sort_key", "card_number"])


@transaction.atomic
def member_create(*, organization: Organization, data: dict[str, Any], start_date: date | None = None,
                  created_by=None) -> Member:
    """Add a member to a cell's roll from `start_date` (default: admission date, else today)."""
    if not organization.is_cell:
        raise RuleViolation(_("Đảng viên chỉ sinh hoạt ở chi bộ."))
    member = Member()
    _member_apply(member, data)
    _validate_member(member)
    member.save()
    Membership.objects.create(
        member=member, organization=organization, kind=MembershipKind.REGULAR,
        start_date=start_date or member.admission_date or timezone.localdate(),
    )
    audit_record(actor=created_by, action="member.create", obj=member, after=snapshot(member, MEMBER_FIELDS),
                 summary=_("Thêm vào %(org)s") % {"org": organization.name})
    return member


@transaction.atomic
def member_update(*, member: Member, data: dict[str, Any], updated_by=None) -> Member:
    before = snapshot(member, MEMBER_FIELDS)
    _member_apply(member, data)
    _validate_member(member)
    changed = [k for k, v in snapshot(member, MEMBER_FIELDS).items() if before.get(k) != v]
    if changed:
        extra = ["search_name", "sort_key"] if "full_name" in changed else []
        member.save(update_fields=[*changed, *extra, "updated_at"])
        audit_record(actor=updated_by, action="member.update", obj=member, before=before,
                     after=snapshot(member, MEMBER_FIELDS))
    return member


def _open_regular(member: Member) -> Membership:
    membership = member.memberships.filter(end_date__isnull=True, kind=MembershipKind.REGULAR).first()
    if membership is None:
        raise RuleViolation(_("Đảng viên này hiện không sinh hoạt ở chi bộ nào."))
    return membership


@transaction.atomic
def member_transfer(*, member: Member, to: Organization, effective_date: date, transferred_by=None,
                    note: str = "") -> Membership:
    """Official transfer (chuyển sinh hoạt chính thức) to another cell."""
    if member.has_exited:
        raise RuleViolation(_("Đảng viên đã ra khỏi danh sách."))
    if not to.is_cell or to.valid_to is not None:
        raise RuleViolation(_("Chỉ chuyển được đến một chi bộ đang hoạt động."))
    current = _open_regular(member)
    if current.organization_id == to.pk:
        raise RuleViolation(_("Đảng viên đang sinh hoạt ở chi bộ này."))
    if effective_date <= current.start_date:
        raise RuleViolation(_("Ngày chuyển phải sau ngày bắt đầu sinh hoạt ở chi bộ hiện tại (%(d)s).") %
                            {"d": current.start_date.strftime("%d/%m/%Y")})
    current.end_date = effective_date - timedelta(days=1)
    current.end_reason = Membership.EndReason.TRANSFER
    current.save(update_fields=["end_date", "end_reason"])
    Position.objects.filter(member=member, organization=current.organization, end_date__isnull=True).update(
        end_date=current.end_date
    )
    new = Membership.objects.create(member=member, organization=to, kind=MembershipKind.REGULAR,
                                    start_date=effective_date, note=text.clean(note))
    audit_record(actor=transferred_by, action="member.transfer", obj=member,
                 summary=_("Chuyển từ %(old)s đến %(new)s") % {"old": current.organization.name, "new": to.name})
    return new


@transaction.atomic
def member_attach_temporarily(*, member: Member, to: Organization, start_date: date,
                              end_date: date | None = None, attached_by=None, note: str = "") -> Membership:
    """Sinh hoạt tạm thời: the member counts in `to` (and not at home) while attached."""
    if not to.is_cell:
        raise RuleViolation(_("Chỉ sinh hoạt tạm thời được ở một chi bộ."))
    home = _open_regular(member)
    if home.organization_id == to.pk:
        raise RuleViolation(_("Không thể sinh hoạt tạm thời ở chính chi bộ của mình."))
    if member.memberships.filter(kind=MembershipKind.TEMPORARY, end_date__isnull=True).exists():
        raise RuleViolation(_("Đảng viên đang sinh hoạt tạm thời ở nơi khác."))
    if end_date and end_date < start_date:
        raise RuleViolation(_("Ngày kết thúc phải sau ngày bắt đầu."))
    # The planned end is informative; the attachment closes when someone ends it.
    attachment = Membership.objects.create(member=member, organization=to, kind=MembershipKind.TEMPORARY,
                                           start_date=start_date, planned_end_date=end_date, note=text.clean(note))
    audit_record(actor=attached_by, action="member.attach", obj=member,
                 summary=_("Sinh hoạt tạm thời tại %(org)s") % {"org": to.name})
    return attachment


@transaction.atomic
def attachment_end(*, attachment: Membership, end_date: date, ended_by=None) -> Membership:
    if attachment.kind != MembershipKind.TEMPORARY or attachment.end_date is not None:
        raise RuleViolation(_("Không có sinh hoạt tạm thời đang diễn ra."))
    if end_date < attachment.start_date:
        raise RuleViolation(_("Ngày kết thúc phải sau ngày bắt đầu."))
    attachment.end_date = end_date
    attachment.end_reason = Membership.EndReason.ATTACHMENT_ENDED
    attachment.save(update_fields=["end_date", "end_reason"])
    audit_record(actor=ended_by, action="member.attachment_end", obj=attachment.member,
                 summary=_("Kết thúc sinh hoạt tạm thời tại %(org)s") % {"org": attachment.organization.name})
    return attachment


@transaction.atomic
def member_exit(*, member: Member, kind: str, exit_date: date, note: str = "", recorded_by=None) -> Member:
    """The member leaves the roll (transferred out of the system, deceased, removed, expelled, resigned)."""
    if kind not in ExitKind.values:
        raise RuleViolation(_("Lý do không hợp lệ."))
    if member.has_exited:
        raise RuleViolation(_("Đảng viên đã ra khỏi danh sách."))
    open_memberships = list(member.memberships.filter(end_date__isnull=True))
    for membership in open_memberships:
        if exit_date < membership.start_date:
            raise RuleViolation(_("Ngày ra khỏi danh sách phải sau ngày bắt đầu sinh hoạt."))
    for membership in open_memberships:
        membership.end_date = exit_date
        membership.end_reason = Membership.EndReason.EXIT
        membership.save(update_fields=["end_date", "end_reason"])
    member.positions.filter(end_date__isnull=True).update(end_date=exit_date)
    member.exemptions.filter(ended_on__isnull=True).update(ended_on=exit_date)
    member.exit_kind, member.exit_date, member.exit_note = kind, exit_date, text.clean(note)
    member.save(update_fields=["exit_kind", "exit_date", "exit_note", "updated_at"])
    audit_record(actor=recorded_by, action="member.exit", obj=member,
                 summary=f"{member.get_exit_kind_display()} {exit_date:%d/%m/%Y}")
    return member


@transaction.atomic
def member_exempt(*, member: Member, kind: str, reason: str, start_date: date,
                  expected_end_date: date | None = None, resolution_ref: str = "", granted_by=None) -> Exemption:
    """Miễn công tác và sinh hoạt đảng, as decided by a cell resolution."""
    if member.has_exited:
        raise RuleViolation(_("Đảng viên đã ra khỏi danh sách."))
    if expected_end_date and expected_end_date < start_date:
        raise RuleViolation({"expected_end_date": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if member.exemptions.filter(ended_on__isnull=True).exists():
        raise RuleViolation(_("Đảng viên đang được miễn; hãy kết thúc lần miễn trước."))
    exemption = Exemption(member=member, kind=kind, reason=text.clean(reason), start_date=start_date,
                          expected_end_date=expected_end_date, resolution_ref=text.clean(resolution_ref))
    exemption.full_clean(exclude=["member"])
    exemption.save()
    audit_record(actor=granted_by, action="member.exempt", obj=member,
                 summary=f"{exemption.get_kind_display()}: {exemption.reason}")
    return exemption


@transaction.atomic
def exemption_end(*, exemption: Exemption, ended_on: date, ended_by=None) -> Exemption:
    if exemption.ended_on is not None:
        raise RuleViolation(_("Lần miễn này đã kết thúc."))
    if ended_on < exemption.start_date:
        raise RuleViolation({"ended_on": _("Ngày kết thúc phải sau ngày bắt đầu miễn.")})
    exemption.ended_on = ended_on
    exemption.save(update_fields=["ended_on"])
    audit_record(actor=ended_by, action="member.exemption_end", obj=exemption.member,
                 summary=_("Kết thúc miễn sinh hoạt ngày %(d)s") % {"d": ended_on.strftime("%d/%m/%Y")})
    return exemption


@transaction.atomic
def position_assign(*, member: Member, organization: Organization, title: str, start_date: date,
                    assigned_by=None) -> Position:
    if not member.memberships.filter(organization=organization, end_date__isnull=True).exists():
        raise RuleViolation(_("Đảng viên không sinh hoạt ở tổ chức này."))
    if title == "secretary":
        # One bí thư at a time: the new one's start ends the current one's term the day before.
        current = Position.objects.filter(organization=organization, title=title, end_date__isnull=True)
        if current.filter(start_date__gte=start_date).exists():
            raise RuleViolation(_("Bí thư mới phải nhận nhiệm vụ sau ngày bí thư hiện tại bắt đầu."))
        current.update(end_date=start_date - timedelta(days=1))
    position = Position.objects.create(member=member, organization=organization, title=title, start_date=start_date)
    audit_record(actor=assigned_by, action="member.position", obj=member,
                 summary=f"{position.get_title_display()} — {organization.name}")
    return position


@transaction.atomic
def position_end(*, position: Position, end_date: date, ended_by=None) -> Position:
    if position.end_date is not None:
        raise RuleViolation(_("Chức vụ này đã kết thúc."))
    if end_date < position.start_date:
        raise RuleViolation(_("Ngày kết thúc phải sau ngày bắt đầu."))
    position.end_date = end_date
    position.save(update_fields=["end_date"])
    audit_record(actor=ended_by, action="member.position_end", obj=position.member,
                 summary=position.get_title_display())
    return position


# --- terms (nhiệm kỳ) ------------------------------------------------------------------------------

TERM_FIELDS = ("name", "start_date", "end_date", "note")
TERM_AHEAD = timedelta(days=366)  # a congress is recorded once held, or at most when it is scheduled


def _term_text(name: str, note: str) -> tuple[str, str]:
    name, note = text.clean(name), text.clean(note)
    if not name:
        raise RuleViolation({"name": _("Cần nhập tên nhiệm kỳ, ví dụ 2025–2027.")})
    if len(name) > Term._meta.get_field("name").max_length:  # type: ignore[operator]
        raise RuleViolation({"name": _("Tên nhiệm kỳ tối đa 20 ký tự.")})
    if len(note) > Term._meta.get_field("note").max_length:  # type: ignore[operator]
        raise RuleViolation({"note": _("Ghi chú tối đa 255 ký tự.")})
    return name, note


def _check_term_start(start_date: date) -> None:
    if start_date > timezone.localdate() + TERM_AHEAD:
        raise RuleViolation({"start_date": _("Ngày đại hội không thể sau hôm nay quá một năm.")})


def _check_term_name_free(organization: Organization, name: str, *, exclude: Term | None = None) -> None:
    others = Term.objects.filter(organization=organization, name=name)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise RuleViolation({"name": _("Đã có nhiệm kỳ %(name)s.") % {"name": name}})


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def term_numbered(term: Term) -> bool:
    """Have documents been numbered in this term? Then its name and start are part of issued numbers."""
    key = {"organization_id": term.organization_id, "term": term.name}
    return IssuedDocument.objects.filter(**key).exists() or DocumentNumber.objects.filter(
        **key, last_number__gt=0).exists()


@transaction.atomic
def term_record(*, organization: Organization, name: str, start_date: date, note: str = "",
                recorded_by=None) -> Term:
    """Record a new congress term; the open previous term ends the day before (one term at a time).

    Terms are recorded in order: a start on or before the latest term's start (or end) is refused, so a
    day never falls in two terms and numbers already issued keep meaning what they meant.
    """
    if organization.kind not in TERM_KINDS:
        raise RuleViolation(_("Chỉ chi bộ và đảng bộ có nhiệm kỳ đại hội."))
    name, note = _term_text(name, note)
    _check_term_start(start_date)
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # one recorder at a time
    latest = Term.objects.filter(organization=organization).order_by("-start_date").first()
    if latest is not None and start_date <= (latest.end_date or latest.start_date):
        raise RuleViolation({"start_date": _("Nhiệm kỳ mới phải bắt đầu sau ngày %(day)s (nhiệm kỳ %(name)s).") % {
            "day": _day(latest.end_date or latest.start_date), "name": latest.name}})
    _check_term_name_free(organization, name)
    if latest is not None and latest.end_date is None:
        latest.end_date = start_date - timedelta(days=1)
        latest.save(update_fields=["end_date"])
        audit_record(actor=recorded_by, action="term.close", obj=latest,
                     summary=_("Nhiệm kỳ %(name)s kết thúc ngày %(day)s") % {
                         "name": latest.name, "day": _day(latest.end_date)})
    term = Term.objects.create(organization=organization, name=name, start_date=start_date, note=note)
    audit_record(actor=recorded_by, action="term.record", obj=term, after=snapshot(term, TERM_FIELDS),
                 summary=f"{organization.name}: {name}")
    return term


@transaction.atomic
def term_correct(*, term: Term, name: str, start_date: date, note: str = "", corrected_by=None) -> Term:
    """Correct a term's name or congress date; its neighbours' ends follow. The note may always be corrected.

    Once a document was numbered in the term, its name and start stay: the issued numbers ("Số 05-NQ/CB")
    were counted in it, and renaming the term would restart or merge the count.
    """
    name, note = _term_text(name, note)
    Organization.objects.select_for_update().filter(pk=term.organization_id).first()
    term = Term.objects.select_related("organization").get(pk=term.pk)
    before = snapshot(term, TERM_FIELDS)
    if (name != term.name or start_date != term.start_date) and term_numbered(term):
        raise RuleViolation(_("Đã có văn bản được đánh số trong nhiệm kỳ %(name)s: không sửa được tên và ngày "
                              "đại hội, chỉ sửa được ghi chú.") % {"name": term.name})
    if start_date != term.start_date:
        _check_term_start(start_date)
    siblings = Term.objects.filter(organization_id=term.organization_id).exclude(pk=term.pk)
    previous = siblings.filter(start_date__lt=term.start_date).order_by("-start_date").first()
    following = siblings.filter(start_date__gt=term.start_date).order_by("start_date").first()
    if previous is not None and start_date <= previous.start_date:
        raise RuleViolation({"start_date": _("Ngày đại hội phải sau ngày %(day)s (đại hội nhiệm kỳ %(name)s).") % {
            "day": _day(previous.start_date), "name": previous.name}})
    if following is not None and start_date >= following.start_date:
        raise RuleViolation({"start_date": _("Ngày đại hội phải trước ngày %(day)s (đại hội nhiệm kỳ %(name)s).") % {
            "day": _day(following.start_date), "name": following.name}})
    _check_term_name_free(term.organization, name, exclude=term)
    if previous is not None and previous.end_date != start_date - timedelta(days=1):
        previous.end_date = start_date - timedelta(days=1)
        previous.save(update_fields=["end_date"])
    term.name, term.start_date, term.note = name, start_date, note
    term.save(update_fields=["name", "start_date", "note"])
    audit_record(actor=corrected_by, action="term.correct", obj=term, before=before,
                 after=snapshot(term, TERM_FIELDS))
    return term
