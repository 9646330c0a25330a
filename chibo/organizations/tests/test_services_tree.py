"""Reorganising the tree: create, update, move, merge, split, close — and the selectors that read it back."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from chibo.accounts.access import user_scope
from chibo.accounts.models import Role
from chibo.core.audit import audit_events_for
from chibo.core.errors import RuleViolation
from chibo.core.testing import make_member, make_user
from chibo.organizations import selectors
from chibo.organizations.models import (
    Membership,
    MembershipKind,
    Organization,
    OrganizationChange,
    OrganizationKind,
    Position,
)
from chibo.organizations.services import (
    member_attach_temporarily,
    member_exit,
    organization_close,
    organization_create,
    organization_merge,
    organization_move,
    organization_split,
    organization_update,
    position_assign,
)

K = OrganizationKind
REFORM = date(2025, 7, 1)


def fresh(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


def unit(code: str, kind: str, parent: Organization | None, name: str | None = None, **extra) -> Organization:
    return organization_create(code=code, name=name or f"Đơn vị {code}", kind=kind, parent=parent,
                               valid_from=date(2020, 1, 1), **extra)


def assert_tree_consistent() -> None:
    """Every row's path is its parent's path plus its own id, and its depth is its number of ancestors."""
    for org in Organization.objects.select_related("parent"):
        expected = (org.parent.path if org.parent else "") + f"{org.pk:08d}."
        assert org.path == expected, org.code
        assert org.depth == len(org.ancestor_ids()), org.code


def open_membership(member) -> Membership:
    return member.memberships.get(end_date__isnull=True, kind=MembershipKind.REGULAR)


@pytest.fixture
def legacy(world):
    """Before 1 July 2025: a district with a grassroots committee (two cells, one party group) and a cell."""
    district = unit("38.900", K.DISTRICT, world.province, "Đảng bộ huyện Đông Sơn")
    committee = unit("38.900.001", K.GRASSROOTS_COMMITTEE, district, "Đảng bộ xã Đông Hòa")
    c1 = unit("38.900.001.001", K.SUBORDINATE_CELL, committee, "Chi bộ thôn 1")
    c2 = unit("38.900.001.002", K.SUBORDINATE_CELL, committee, "Chi bộ thôn 2")
    group = unit("38.900.001.001.01", K.PARTY_GROUP, c1, "Tổ đảng số 1")
    school = unit("38.900.002", K.GRASSROOTS_CELL, district, "Chi bộ Trường THCS Đông Sơn")
    members = {
        "c1": [make_member(c1, "Đỗ Văn Khánh", "09000001"), make_member(c1, "Mai Thị Lan", "09000002")],
        "c2": [make_member(c2, "Lý Văn Minh", "09000003")],
        "school": [make_member(school, "Tạ Thị Ngọc", "09000004")],
    }
    return {"district": district, "committee": committee, "c1": c1, "c2": c2, "group": group,
            "school": school, "members": members}


# --- create / update ---------------------------------------------------------------------------------

def test_it_creates_a_unit_with_its_path_history_and_audit(world):
    cell = organization_create(code=" 38.168.003 ", name="Chi bộ  Khu phố 3", kind=K.GRASSROOTS_CELL,
                               parent=world.commune, valid_from=REFORM, created_by=world.committee_staff)
    assert cell.code == "38.168.003" and cell.name == "Chi bộ Khu phố 3"
    assert cell.path == world.commune.path + f"{cell.pk:08d}." and cell.depth == 2
    assert cell.search_name == "chi bo khu pho 3"
    change = OrganizationChange.objects.get(organization=cell)
    assert (change.kind, change.new_parent, change.effective_date) == ("create", world.commune, REFORM)
    assert audit_events_for(cell).get().action == "organization.create"


@pytest.mark.parametrize(("parent_key", "kind", "message"), [
    ("cell_a", K.SUBORDINATE_CELL, "Dưới chi bộ chỉ có thể lập tổ đảng."),
    ("cell_a", K.PARTIAL_COMMITTEE, "Dưới chi bộ chỉ có thể lập tổ đảng."),
    ("commune", K.PARTY_GROUP, "Tổ đảng phải thuộc một chi bộ."),
    ("group", K.PARTY_GROUP, "Tổ đảng không có đơn vị trực thuộc."),
    ("commune", "nonsense", "Loại tổ chức không hợp lệ."),
])
def test_it_refuses_kinds_that_cannot_sit_under_the_parent(world, parent_key, kind, message):
    group = unit("38.168.001.01", K.PARTY_GROUP, world.cell_a)
    parent = {"cell_a": world.cell_a, "commune": world.commune, "group": group}[parent_key]
    with pytest.raises(RuleViolation) as caught:
        unit("38.168.999", kind, parent)
    assert caught.value.messages == [message]
    assert not Organization.objects.filter(code="38.168.999").exists()


def test_it_refuses_a_duplicate_code_an_empty_name_and_a_closed_parent(world):
    with pytest.raises(RuleViolation, match="đã có"):
        unit("38.168.001", K.GRASSROOTS_CELL, world.commune)
    with pytest.raises(RuleViolation):
        organization_create(code="38.168.010", name="  ", kind=K.GRASSROOTS_CELL, parent=world.commune)
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1))
    with pytest.raises(RuleViolation, match="đã giải thể"):
        unit("38.168.002.01", K.PARTY_GROUP, fresh(world.cell_b))


def test_it_updates_basic_data_and_leaves_the_object_untouched_when_refused(world):
    organization_update(org=world.cell_a, updated_by=world.secretary_a, name="Chi bộ Khu phố Một", usual_meeting_day=5)
    cell = fresh(world.cell_a)
    assert (cell.name, cell.search_name, cell.usual_meeting_day) == ("Chi bộ Khu phố Một", "chi bo khu pho mot", 5)
    assert audit_events_for(cell).filter(action="organization.update").get().changes == {
        "name": ["Chi bộ Khu phố 1", "Chi bộ Khu phố Một"], "usual_meeting_day": [None, "5"],
    }
    with pytest.raises(RuleViolation):
        organization_update(org=cell, updated_by=None, name="")
    assert cell.name == "Chi bộ Khu phố Một"
    with pytest.raises(ValidationError, match="usual_meeting_day"):
        organization_update(org=cell, updated_by=None, usual_meeting_day=40)
    assert cell.usual_meeting_day == 5 and fresh(cell).usual_meeting_day == 5


# --- move ----------------------------------------------------------------------------------------

def test_it_moves_a_subtree_rewriting_every_path_and_depth(world, legacy):
    commune = unit("38.170", K.COMMUNE, world.province, "Đảng bộ xã Đông Hòa (mới)")
    organization_move(org=legacy["committee"], new_parent=commune, effective_date=REFORM)
    assert_tree_consistent()
    moved = {o.code: o for o in selectors.organization_subtree(fresh(commune))}
    assert set(moved) == {"38.170", "38.900.001", "38.900.001.001", "38.900.001.002", "38.900.001.001.01"}
    assert moved["38.900.001.001.01"].depth == 4
    assert [o.code for o in selectors.organization_ancestors(moved["38.900.001.001.01"])] == [
        "38", "38.170", "38.900.001", "38.900.001.001"]
    assert {o.code for o in selectors.organization_subtree(fresh(legacy["district"]))} == {"38.900", "38.900.002"}
    assert {m.card_number for m in selectors.cell_roster(fresh(commune))} == {"09000001", "09000002", "09000003"}
    assert selectors.cell_roster(fresh(legacy["district"])).count() == 1


def test_it_moves_one_level_up_and_down_again(world, legacy):
    organization_move(org=legacy["c1"], new_parent=legacy["district"], effective_date=REFORM)
    assert_tree_consistent()
    assert fresh(legacy["group"]).depth == 3
    organization_move(org=legacy["c1"], new_parent=legacy["committee"], effective_date=REFORM)
    assert_tree_consistent()
    assert fresh(legacy["group"]).depth == 4


def test_it_records_and_audits_a_move(world, legacy):
    commune = unit("38.170", K.COMMUNE, world.province)
    organization_move(org=legacy["school"], new_parent=commune, effective_date=REFORM, moved_by=world.admin,
                      decision="QĐ 12-QĐ/TU")
    change = OrganizationChange.objects.get(organization=legacy["school"], kind="move")
    assert (change.old_parent, change.new_parent, change.decision, change.created_by) == (
        legacy["district"], commune, "QĐ 12-QĐ/TU", world.admin)
    event = audit_events_for(legacy["school"]).get(action="organization.move")
    assert event.actor == world.admin
    assert event.changes == {"parent": [legacy["district"].name, commune.name]}


def test_it_works_from_stale_objects(world, legacy):
    """A caller holding an object read before its ancestor moved still moves it correctly."""
    stale_c2 = Organization.objects.get(code="38.900.001.002")
    commune = unit("38.170", K.COMMUNE, world.province)
    organization_move(org=legacy["committee"], new_parent=commune, effective_date=REFORM)
    organization_move(org=stale_c2, new_parent=legacy["district"], effective_date=REFORM)
    assert_tree_consistent()


@pytest.mark.parametrize(("org_key", "parent_key", "message"), [
    ("committee", "committee", "chính nó"),
    ("committee", "c1", "chính nó"),
    ("committee", "group", "chính nó"),
    ("school", "c1", "trực thuộc một chi bộ"),
    ("group", "committee", "Tổ đảng phải thuộc một chi bộ."),
    ("school", "group", "Tổ đảng không có đơn vị trực thuộc."),
    ("school", "district", "đã trực thuộc"),
])
def test_it_refuses_impossible_moves(world, legacy, org_key, parent_key, message):
    before = dict(Organization.objects.values_list("code", "path"))
    with pytest.raises(RuleViolation, match=message):
        organization_move(org=legacy[org_key], new_parent=legacy[parent_key], effective_date=REFORM)
    assert dict(Organization.objects.values_list("code", "path")) == before


def test_it_refuses_to_move_under_or_to_move_a_closed_unit(world, legacy):
    gone = unit("38.171", K.COMMUNE, world.province)
    organization_close(org=gone, effective_date=REFORM)
    with pytest.raises(RuleViolation, match="giải thể"):
        organization_move(org=legacy["school"], new_parent=gone, effective_date=REFORM)
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1))
    with pytest.raises(RuleViolation, match="giải thể"):
        organization_move(org=world.cell_b, new_parent=legacy["district"], effective_date=REFORM)


def test_it_handles_the_2025_reform(world, legacy):
    """Districts were abolished on 1 July 2025: their units go under the new communes, then the district closes."""
    dong_hoa = unit("38.170", K.COMMUNE, world.province, "Đảng bộ xã Đông Hòa")
    dong_son = unit("38.171", K.COMMUNE, world.province, "Đảng bộ xã Đông Sơn")
    staff = make_user("vanphong_donghoa", role=Role.COMMITTEE_STAFF, org=dong_hoa)
    district = legacy["district"]
    with pytest.raises(RuleViolation, match="còn đơn vị trực thuộc"):
        organization_close(org=district, effective_date=REFORM)

    organization_move(org=legacy["committee"], new_parent=dong_hoa, effective_date=REFORM, decision="QĐ 1")
    organization_move(org=legacy["school"], new_parent=dong_son, effective_date=REFORM, decision="QĐ 2")
    organization_close(org=district, effective_date=REFORM, decision="NQ 60")

    district = fresh(district)
    assert district.valid_to == date(2025, 6, 30) and district.merged_into is None
    assert not Organization.objects.active_on(REFORM).filter(pk=district.pk).exists()
    assert Organization.objects.active_on(date(2025, 6, 30)).filter(pk=district.pk).exists()
    assert list(selectors.organization_children(district)) == []
    assert_tree_consistent()
    # Access follows the new tree: the new commune's staff reach the moved units, members included.
    scope = user_scope(staff)
    assert scope.writes(fresh(legacy["c1"])) and not scope.reads(fresh(legacy["school"]))
    assert selectors.organization_figures(fresh(dong_hoa))["members"] == 3
    # Nobody's membership changed: a move keeps members where they are.
    assert Membership.objects.filter(end_date__isnull=False).count() == 0
    kinds = list(OrganizationChange.objects.filter(organization=district).values_list("kind", flat=True))
    assert kinds == ["close", "create"]
    assert audit_events_for(district).filter(action="organization.close").exists()


def test_it_closes_only_an_empty_unit(world):
    with pytest.raises(RuleViolation, match="4 đảng viên"):
        organization_close(org=world.cell_a, effective_date=REFORM)
    organization_close(org=unit("38.168.050", K.GRASSROOTS_CELL, world.commune), effective_date=REFORM)
    with pytest.raises(RuleViolation, match="đã giải thể"):
        organization_close(org=Organization.objects.get(code="38.168.050"), effective_date=REFORM)


# --- merge ---------------------------------------------------------------------------------------

def test_it_merges_members_into_the_target_keeping_their_past(world):
    day = date(2026, 3, 1)
    an, bich = world.a_members[0], world.a_members[1]
    position_assign(member=an, organization=world.cell_a, title="secretary", start_date=date(2025, 7, 1))
    member_exit(member=world.a_members[2], kind="deceased", exit_date=date(2025, 12, 1))
    visitor = make_member(unit("38.168.003", K.GRASSROOTS_CELL, world.commune), "Cao Văn Quang", "03000001")
    member_attach_temporarily(member=visitor, to=world.cell_a, start_date=date(2026, 1, 5), end_date=date(2026, 6, 30))
    organization_merge(sources=[world.cell_a], target=world.cell_b, effective_date=day, merged_by=world.admin,
                       decision="NQ 05")

    old = Membership.objects.get(member=bich, organization=world.cell_a)
    assert (old.end_date, old.end_reason) == (date(2026, 2, 28), "reorganisation")
    new = open_membership(bich)
    assert (new.organization, new.start_date) == (world.cell_b, day)
    # The exited member's closed membership is left alone; the attachment moves with its planned end.
    assert not world.a_members[2].memberships.filter(organization=world.cell_b).exists()
    moved_attachment = visitor.memberships.get(kind="temporary", end_date__isnull=True)
    assert (moved_attachment.organization, moved_attachment.planned_end_date) == (world.cell_b, date(2026, 6, 30))
    # The secretary's office ends with the cell.
    assert Position.objects.get(member=an).end_date == date(2026, 2, 28)
    source = fresh(world.cell_a)
    assert (source.valid_to, source.merged_into) == (date(2026, 2, 28), world.cell_b)
    assert list(selectors.organization_merged_from(world.cell_b)) == [source]
    assert set(selectors.cell_roster(world.cell_b).values_list("card_number", flat=True)) == {
        "01000001", "01000002", "01000004", "02000001", "02000002", "02000003", "03000001"}
    assert selectors.cell_roster(source).count() == 0
    change = OrganizationChange.objects.get(organization=source, kind="merge")
    assert (change.other, change.decision, change.created_by) == (world.cell_b, "NQ 05", world.admin)
    assert change.note == "4 đảng viên chuyển sang"
    assert audit_events_for(source).get(action="organization.merge").actor == world.admin


def test_it_ends_attachments_that_would_land_in_the_members_own_cell(world):
    guest = member_attach_temporarily(member=world.b_members[0], to=world.cell_a, start_date=date(2026, 1, 5))
    host = member_attach_temporarily(member=world.a_members[0], to=world.cell_b, start_date=date(2026, 1, 5))
    organization_merge(sources=[world.cell_a], target=world.cell_b, effective_date=date(2026, 3, 1))
    for attachment in (guest, host):
        ended = fresh_membership(attachment)
        assert (ended.end_date, ended.end_reason) == (date(2026, 2, 28), "attachment_ended")
    assert not Membership.objects.filter(kind="temporary", end_date__isnull=True).exists()
    assert open_membership(world.a_members[0]).organization == world.cell_b


def fresh_membership(membership: Membership) -> Membership:
    return Membership.objects.get(pk=membership.pk)


def test_it_repoints_memberships_that_begin_on_the_merge_day(world):
    newcomer = make_member(world.cell_a, "Đinh Văn Phúc", "01000009")
    Membership.objects.filter(member=newcomer).update(start_date=REFORM)
    organization_merge(sources=[world.cell_a], target=world.cell_b, effective_date=REFORM)
    only = newcomer.memberships.get()
    assert (only.organization, only.start_date, only.end_date) == (world.cell_b, REFORM, None)


def test_it_merges_committees_moving_their_units(world, legacy):
    commune = unit("38.170", K.COMMUNE, world.province, "Đảng bộ xã Đông Hòa")
    organization_merge(sources=[legacy["district"]], target=commune, effective_date=REFORM, merged_by=world.admin)
    assert {o.code for o in selectors.organization_children(commune)} == {"38.900.001", "38.900.002"}
    assert_tree_consistent()
    assert selectors.organization_figures(fresh(commune))["members"] == 4
    moves = OrganizationChange.objects.filter(kind="move", new_parent=commune)
    assert moves.count() == 2 and all("Hợp nhất" in m.note for m in moves)
    assert fresh(legacy["district"]).merged_into == commune


def test_it_merges_several_sources_at_once(world):
    cell_c = unit("38.168.003", K.GRASSROOTS_CELL, world.commune)
    make_member(cell_c, "Cao Văn Quang", "03000001")
    organization_merge(sources=[world.cell_b, cell_c, world.cell_b], target=world.cell_a, effective_date=REFORM)
    assert selectors.cell_roster(world.cell_a).count() == 8
    assert set(selectors.organization_merged_from(world.cell_a)) == {fresh(world.cell_b), fresh(cell_c)}


@pytest.mark.parametrize(("sources", "target", "message"), [
    ([], "cell_a", "ít nhất một"),
    (["cell_a"], "cell_a", "chính nó"),
    (["commune"], "cell_a", "cấp dưới của chính nó"),
    (["cell_b"], "commune", "chi bộ với chi bộ"),
    (["other_commune", "sub_cell"], "province_cell", "chi bộ với chi bộ"),
])
def test_it_refuses_impossible_merges(world, sources, target, message):
    other_commune = unit("38.170", K.COMMUNE, world.province)
    named = {"cell_a": world.cell_a, "cell_b": world.cell_b, "commune": world.commune, "other_commune": other_commune,
             "sub_cell": unit("38.170.001", K.GRASSROOTS_CELL, other_commune),
             "province_cell": unit("38.001", K.GRASSROOTS_CELL, world.province)}
    with pytest.raises(RuleViolation, match=message):
        organization_merge(sources=[named[s] for s in sources], target=named[target], effective_date=REFORM)
    assert not Organization.objects.filter(valid_to__isnull=False).exists()


def test_it_refuses_nested_sources_closed_units_and_early_dates(world):
    other = unit("38.170", K.COMMUNE, world.province)
    inner = unit("38.170.100", K.GRASSROOTS_COMMITTEE, other)
    with pytest.raises(RuleViolation, match="nằm trong"):
        organization_merge(sources=[other, inner], target=world.commune, effective_date=REFORM)
    with pytest.raises(RuleViolation, match="trước ngày thành lập"):
        organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2025, 6, 1))
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=REFORM)
    with pytest.raises(RuleViolation, match="trước đó"):
        organization_merge(sources=[fresh(world.cell_b)], target=world.cell_a, effective_date=REFORM)
    with pytest.raises(RuleViolation, match="đã giải thể"):
        organization_merge(sources=[world.cell_a], target=fresh(world.cell_b), effective_date=REFORM)


# --- split ---------------------------------------------------------------------------------------

def test_it_splits_moving_exactly_the_ticked_members(world):
    an, bich, cuong, dung = world.a_members
    day = date(2026, 4, 1)
    created = organization_split(
        org=world.cell_a, effective_date=day, split_by=world.committee_staff, decision="QĐ 7",
        parts=[{"code": "38.168.011", "name": "Chi bộ Khu phố 1A", "member_ids": [bich.pk, dung.pk]},
               {"code": "38.168.012", "name": "Chi bộ Khu phố 1B", "member_ids": []}],
    )
    first, second = created
    assert (first.parent, first.kind, first.sector, first.valid_from) == (world.commune, K.GRASSROOTS_CELL,
                                                                          "residential", day)
    assert set(selectors.cell_roster(first)) == {bich, dung}
    assert selectors.cell_roster(second).count() == 0
    assert set(selectors.cell_roster(world.cell_a)) == {an, cuong}
    assert Membership.objects.get(member=bich, organization=world.cell_a).end_date == date(2026, 3, 31)
    assert fresh(world.cell_a).valid_to is None
    splits = OrganizationChange.objects.filter(organization=world.cell_a, kind="split").order_by("id")
    assert [(c.other, c.decision) for c in splits] == [(first, "QĐ 7"), (second, "QĐ 7")]
    assert audit_events_for(world.cell_a).get(action="organization.split").actor == world.committee_staff
    assert audit_events_for(first).get(action="organization.create").actor == world.committee_staff


def test_it_closes_the_original_only_when_everyone_has_a_new_unit(world):
    an, bich, cuong, dung = world.a_members
    parts = [{"code": "38.168.011", "name": "1A", "member_ids": [an.pk, bich.pk]},
             {"code": "38.168.012", "name": "1B", "member_ids": [cuong.pk]}]
    with pytest.raises(RuleViolation, match="Còn 1 đảng viên"):
        organization_split(org=world.cell_a, parts=parts, effective_date=REFORM, close_original=True)
    assert not Organization.objects.filter(code="38.168.011").exists()
    parts[1]["member_ids"].append(dung.pk)
    organization_split(org=world.cell_a, parts=parts, effective_date=REFORM, close_original=True)
    assert fresh(world.cell_a).valid_to is not None
    assert OrganizationChange.objects.filter(organization=world.cell_a, kind="close").exists()


@pytest.mark.parametrize(("parts", "message"), [
    ([], "ít nhất một"),
    ([{"code": "x1", "name": "X", "member_ids": ["b0"]}], "không thuộc"),
    ([{"code": "x1", "name": "X", "member_ids": ["a0"]}, {"code": "x2", "name": "Y", "member_ids": ["a0"]}], "hai đơn vị"),
    ([{"code": "x1", "name": "X", "member_ids": ["a0"]}, {"code": "x1", "name": "Y", "member_ids": ["a1"]}], "đã có"),
    ([{"code": "x1", "name": "X", "kind": K.PARTY_GROUP, "member_ids": []}], "Tổ đảng phải thuộc"),
])
def test_it_refuses_impossible_splits_writing_nothing(world, parts, message):
    ids = {"a0": world.a_members[0].pk, "a1": world.a_members[1].pk, "b0": world.b_members[0].pk}
    parts = [{**p, "member_ids": [ids[m] for m in p["member_ids"]]} for p in parts]
    with pytest.raises(RuleViolation, match=message):
        organization_split(org=world.cell_a, parts=parts, effective_date=REFORM)
    assert not Organization.objects.filter(code__in=["x1", "x2"]).exists()
    assert Membership.objects.filter(end_date__isnull=False).count() == 0


# --- selectors -----------------------------------------------------------------------------------

def test_it_counts_members_of_many_children_in_one_query(world, django_assert_num_queries):
    cells = [world.cell_a, world.cell_b, *(unit(f"38.168.1{i:02d}", K.GRASSROOTS_CELL, world.commune)
                                           for i in range(10))]
    member_attach_temporarily(member=world.b_members[0], to=world.cell_a, start_date=REFORM)
    with django_assert_num_queries(1):
        counts = selectors.organization_member_counts(cells)
    assert counts[world.cell_a.pk] == 5 and counts[world.cell_b.pk] == 3
    assert sum(counts.values()) == 8
    with django_assert_num_queries(2):  # two depths, two queries
        counts = selectors.organization_member_counts([world.commune, world.cell_b])
    assert counts == {world.commune.pk: 7, world.cell_b.pk: 3}
    assert selectors.organization_member_counts([]) == {}


def test_it_sums_up_a_subtree(world):
    from chibo.organizations.services import member_exempt

    member_exempt(member=world.a_members[2], kind="age_health", reason="Tuổi cao", start_date=date(2025, 1, 1))
    member_attach_temporarily(member=world.b_members[1], to=world.cell_a, start_date=REFORM)
    figures = selectors.organization_figures(world.commune)
    assert figures == {"members": 7, "official": 6, "probationary": 1, "exempt": 1, "attached": 1, "cells": 2}
    assert selectors.organization_figures(world.cell_b)["attached"] == 0


def test_it_searches_without_accents_or_by_code(world):
    everything = Organization.objects.all()
    assert [o.code for o in selectors.organization_search(everything, "dong tien")] == ["38.168", "38.168.002"]
    assert [o.code for o in selectors.organization_search(everything, "ĐÔNG  TIẾN truong")] == ["38.168.002"]
    assert [o.code for o in selectors.organization_search(everything, "38.168.00")] == ["38.168.001", "38.168.002"]
    assert not selectors.organization_search(everything, "   ").exists()
    assert not selectors.organization_search(everything, "50%").exists()
