"""The organization tree screens, for users in and out of scope."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chibo.accounts.models import Role
from chibo.core.testing import make_member, make_user
from chibo.organizations import selectors
from chibo.organizations.models import Membership, Organization, OrganizationChange, OrganizationKind
from chibo.organizations.services import organization_create, organization_merge, position_assign

K = OrganizationKind


def url(name: str, code: str | None = None) -> str:
    return reverse(f"organizations:{name}", args=[code] if code else [])


def login(client, user):
    client.force_login(user)
    return client


def fresh(org: Organization) -> Organization:
    return Organization.objects.get(pk=org.pk)


def add_cell(parent: Organization, code: str, name: str | None = None, kind: str = K.GRASSROOTS_CELL) -> Organization:
    return organization_create(code=code, name=name or f"Chi bộ {code}", kind=kind, parent=parent,
                               valid_from=date(2025, 7, 1))


@pytest.fixture
def neighbour(world):
    """A second commune of the same province, with one cell, outside the staff's and leader's scope."""
    commune = organization_create(code="38.170", name="Đảng bộ xã Đông Hòa", kind=K.COMMUNE, parent=world.province,
                                  valid_from=date(2025, 7, 1))
    cell = add_cell(commune, "38.170.001", "Chi bộ thôn Phú Hòa")
    make_member(cell, "Đặng Văn Sơn", "07000001")
    return commune


@pytest.fixture
def province_staff(world):
    return make_user("bantochuc", role=Role.COMMITTEE_STAFF, org=world.province)


# --- detail --------------------------------------------------------------------------------------

def test_it_shows_a_committee_its_figures_children_and_actions(client, world):
    position_assign(member=world.a_members[0], organization=world.cell_a, title="secretary", start_date=date(2025, 7, 1))
    r = login(client, world.committee_staff).get(url("organization_detail", "38.168"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Đảng bộ phường Đông Tiến" in html and "38.168" in html and "01/07/2025" in html
    assert r.context["figures"] == {"members": 7, "official": 6, "probationary": 1, "exempt": 0, "attached": 0,
                                    "cells": 2}
    assert [(c.code, n) for c, n in r.context["children"]] == [("38.168.001", 4), ("38.168.002", 3)]
    assert url("organization_detail", "38.168.001") in html
    assert url("member_list", "38.168") in html and url("import_upload", "38.168") in html
    assert url("organization_history", "38.168") in html
    # Staff write the commune, so they may add units to it; its place in the tree is the province's business.
    assert r.context["actions"] == {"edit": True, "create": True, "move": False, "merge": False, "split": False}
    assert url("organization_move", "38.168") not in html


def test_it_offers_reorganisation_of_a_cell_to_the_committee_above(client, world):
    r = login(client, world.committee_staff).get(url("organization_detail", "38.168.001"))
    assert r.context["actions"] == {"edit": True, "create": True, "move": True, "merge": True, "split": True}
    for name in ("organization_move", "organization_merge", "organization_split", "organization_create"):
        assert url(name, "38.168.001") in r.content.decode()


def test_it_lets_a_secretary_edit_but_not_reorganise_their_cell(client, world):
    r = login(client, world.secretary_a).get(url("organization_detail", "38.168.001"))
    assert r.status_code == 200
    assert r.context["actions"] == {"edit": True, "create": False, "move": False, "merge": False, "split": False}
    assert r.context["figures"]["members"] == 4


def test_it_shows_a_leader_everything_but_no_write_links(client, world):
    r = login(client, world.committee_leader).get(url("organization_detail", "38.168"))
    assert r.status_code == 200 and r.context["figures"]["members"] == 7
    assert not any(r.context["actions"].values())
    html = r.content.decode()
    assert url("organization_edit", "38.168") not in html and url("import_upload", "38.168") not in html


def test_it_shows_a_plain_member_only_the_name_officers_and_their_own_record(client, world):
    position_assign(member=world.a_members[0], organization=world.cell_a, title="secretary", start_date=date(2025, 7, 1))
    r = login(client, world.member_a).get(url("organization_detail", "38.168.001"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Chi bộ Khu phố 1" in html and "Nguyễn Văn An" in html
    assert url("member_detail", world.a_members[1].pk) in html
    assert url("member_detail", world.a_members[0].pk) not in html  # the officer's name, not their record
    assert "figures" not in r.context and "children" not in r.context
    assert url("member_list", "38.168.001") not in html and "Lê Đức Cường" not in html


@pytest.mark.parametrize(("user", "code"), [
    ("secretary_a", "38.168.002"), ("secretary_a", "38.168"), ("member_a", "38.168"), ("member_a", "38.168.002"),
    ("outsider", "38.168.001"), ("committee_staff", "38.170"), ("committee_leader", "38.170.001"),
    ("admin", "no-such-code"),
])
def test_it_hides_units_out_of_scope(client, world, neighbour, user, code):
    r = login(client, getattr(world, user)).get(url("organization_detail", code))
    assert r.status_code == 404


def test_it_counts_in_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    commune = organization_create(code="38.300", name="Đảng bộ xã Mới", kind=K.COMMUNE, parent=world.province)
    login(client, world.committee_staff)
    client.get(url("organization_detail", "38.168"))  # warm the session
    counted = []
    for n_children in (2, 20):
        for i in range(len(counted) and 2, n_children):
            make_member(add_cell(commune, f"38.300.{i:03d}"), f"Người Số {i}", f"3{i:07d}")
        login(client, world.admin)
        with django_assert_max_num_queries(14), CaptureQueriesContext(connection) as queries:
            r = client.get(url("organization_detail", "38.300"))
        assert [n for _child, n in r.context["children"]] == [1] * n_children
        counted.append(len(queries))
    assert counted[0] == counted[1]


def test_it_points_a_merged_unit_to_where_it_went(client, world):
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1))
    r = login(client, world.committee_staff).get(url("organization_detail", "38.168.002"))
    html = r.content.decode()
    assert "31/12/2025" in html and url("organization_detail", "38.168.001") in html
    assert r.context["actions"] == {"edit": True, "create": False, "move": False, "merge": False, "split": False}
    # A role on the old cell still opens it, but not the one it merged into: a name, no link.
    clerk = make_user("vanthu_cu", role=Role.CELL_SECRETARY, org=world.cell_b)
    r = login(client, clerk).get(url("organization_detail", "38.168.002"))
    assert r.status_code == 200
    assert r.context["merged_into"].label == "Chi bộ Khu phố 1" and r.context["merged_into"].url is None


# --- search --------------------------------------------------------------------------------------

def test_it_searches_without_accents_within_scope(client, world, neighbour):
    r = login(client, world.committee_staff).get(url("organization_search"), {"q": "dong"})
    assert r.status_code == 200
    assert [o.code for o in r.context["results"]] == ["38.168", "38.168.002"]  # not Đông Hòa next door
    assert "<html" in r.content.decode()
    r = login(client, world.admin).get(url("organization_search"), {"q": "dong hoa"})
    assert [o.code for o in r.context["results"]] == ["38.170"]


def test_it_searches_by_code_prefix(client, world):
    r = login(client, world.committee_leader).get(url("organization_search"), {"q": "38.168.00"})
    assert [o.code for o in r.context["results"]] == ["38.168.001", "38.168.002"]


def test_it_shows_a_secretary_and_a_member_only_their_cell(client, world):
    for user in (world.secretary_a, world.member_a):
        r = login(client, user).get(url("organization_search"), {"q": "chi bo"})
        assert [o.code for o in r.context["results"]] == ["38.168.001"]
    r = login(client, world.outsider).get(url("organization_search"), {"q": "chi bo"})
    assert r.status_code == 200 and r.context["results"] == []


def test_it_answers_htmx_with_a_fragment_or_picker_options(client, world):
    login(client, world.committee_staff)
    r = client.get(url("organization_search"), {"q": "khu pho"}, HTTP_HX_REQUEST="true")
    html = r.content.decode()
    assert "<html" not in html and url("organization_detail", "38.168.001") in html
    assert "HX-Request" in r["Vary"]
    r = client.get(url("organization_search"), {"q": "khu pho", "as": "options"}, HTTP_HX_REQUEST="true")
    assert r.content.decode().strip() == '<option value="38.168.001">Chi bộ Khu phố 1</option>'
    r = client.get(url("organization_search"), {"q": "khu"}, HTTP_HX_REQUEST="true",
                   HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in r.content.decode()


@pytest.mark.parametrize("query", ["", "   ", "x" * 500, "%_", "'; drop table", "\x00"])
def test_it_survives_odd_queries(client, world, query):
    r = login(client, world.admin).get(url("organization_search"), {"q": query})
    assert r.status_code == 200


# --- history -------------------------------------------------------------------------------------

def test_it_keeps_the_past_of_a_merged_unit_findable(client, world, neighbour):
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1),
                       merged_by=world.committee_staff, decision="NQ 09-NQ/ĐU")
    r = login(client, world.committee_staff).get(url("organization_history", "38.168.001"))
    assert r.status_code == 200
    html = r.content.decode()
    assert [unit.code for unit, _link in r.context["merged_from"]] == ["38.168.002"]
    assert url("organization_detail", "38.168.002") in html and "NQ 09-NQ/ĐU" in html
    kinds = [change.kind for change, *_links in r.context["changes"]]
    assert kinds == ["merge", "create"]
    r = client.get(url("organization_history", "38.168.002"))
    assert [change.kind for change, *_links in r.context["changes"]] == ["merge", "create"]


def test_it_shows_moves_with_links_only_where_allowed(client, world, neighbour, province_staff):
    client.force_login(province_staff)
    client.post(url("organization_move", "38.168.001"), {"new_parent_code": "38.170", "effective_date": "01/03/2026"})
    r = login(client, world.secretary_a).get(url("organization_history", "38.168.001"))
    change, unit, _other, old_parent, new_parent = r.context["changes"][0]
    assert (change.kind, old_parent.label, new_parent.label) == ("move", "Đảng bộ phường Đông Tiến",
                                                                 "Đảng bộ xã Đông Hòa")
    assert unit.url and old_parent.url is None and new_parent.url is None


@pytest.mark.parametrize(("user", "code"), [
    ("member_a", "38.168.001"), ("outsider", "38.168.001"), ("secretary_a", "38.168.002"),
    ("committee_staff", "38.170"),
])
def test_it_hides_history_out_of_scope(client, world, neighbour, user, code):
    assert login(client, getattr(world, user)).get(url("organization_history", code)).status_code == 404


# --- create --------------------------------------------------------------------------------------

def test_it_creates_a_cell_under_a_committee(client, world):
    login(client, world.committee_staff)
    r = client.get(url("organization_create", "38.168"))
    assert r.status_code == 200
    assert [k for k, _label in r.context["form"].fields["kind"].choices] == [K.GRASSROOTS_CELL, K.GRASSROOTS_COMMITTEE]
    r = client.post(url("organization_create", "38.168"), {
        "code": "38.168.003", "name": "Chi bộ Khu phố 3", "kind": K.GRASSROOTS_CELL, "sector": "residential",
        "usual_meeting_day": "5", "valid_from": "15/08/2025",
    })
    assert r.status_code == 302 and r["Location"] == url("organization_detail", "38.168.003")
    cell = Organization.objects.get(code="38.168.003")
    assert (cell.parent, cell.valid_from, cell.usual_meeting_day) == (world.commune, date(2025, 8, 15), 5)
    assert OrganizationChange.objects.get(organization=cell).created_by == world.committee_staff


def test_it_offers_only_party_groups_inside_a_cell(client, world):
    login(client, world.committee_staff)
    r = client.get(url("organization_create", "38.168.001"))
    assert [k for k, _label in r.context["form"].fields["kind"].choices] == [K.PARTY_GROUP]
    r = client.post(url("organization_create", "38.168.001"), {"code": "38.168.001.01", "name": "Tổ đảng 1",
                                                                 "kind": K.SUBORDINATE_CELL})
    assert r.status_code == 400 and not Organization.objects.filter(code="38.168.001.01").exists()
    r = client.post(url("organization_create", "38.168.001"), {"code": "38.168.001.01", "name": "Tổ đảng 1",
                                                                 "kind": K.PARTY_GROUP, "valid_from": "2025-09-01"})
    assert r.status_code == 302


@pytest.mark.parametrize("data", [
    {"code": "38.168.001", "name": "Trùng mã", "kind": K.GRASSROOTS_CELL},
    {"code": "38.168.009", "name": "Ngày sai", "kind": K.GRASSROOTS_CELL, "valid_from": "31/02/2025"},
    {"code": "38.168.009", "name": "Ngày họp sai", "kind": K.GRASSROOTS_CELL, "usual_meeting_day": "32"},
    {"code": "", "name": "", "kind": ""},
    {"code": "38.168.009", "name": "Loại lạ", "kind": "nonsense"},
])
def test_it_answers_bad_input_to_create_with_errors(client, world, data):
    r = login(client, world.committee_staff).post(url("organization_create", "38.168"), data)
    assert r.status_code == 400 and r.context["form"].errors
    assert not Organization.objects.filter(code="38.168.009").exists()


def test_it_shows_a_rule_violation_next_to_the_field(client, world):
    r = login(client, world.committee_staff).post(url("organization_create", "38.168"), {
        "code": "38.168.001", "name": "Trùng", "kind": K.GRASSROOTS_CELL})
    assert "Mã tổ chức 38.168.001 đã có." in r.context["form"].errors["code"]


@pytest.mark.parametrize(("user", "code"), [
    ("secretary_a", "38.168.001"), ("committee_leader", "38.168"), ("member_a", "38.168.001"),
    ("outsider", "38.168"), ("committee_staff", "38.170"),
])
def test_it_refuses_create_to_those_who_may_not(client, world, neighbour, user, code):
    login(client, getattr(world, user))
    assert client.get(url("organization_create", code)).status_code == 404
    r = client.post(url("organization_create", code), {"code": "x.1", "name": "X", "kind": K.PARTY_GROUP})
    assert r.status_code == 404 and not Organization.objects.filter(code="x.1").exists()


def test_it_offers_no_create_under_a_party_group_or_a_closed_unit(client, world):
    group = add_cell(world.cell_a, "38.168.001.01", "Tổ đảng 1", kind=K.PARTY_GROUP)
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1))
    login(client, world.admin)
    assert client.get(url("organization_create", group.code)).status_code == 404
    assert client.get(url("organization_create", "38.168.002")).status_code == 404


# --- edit ----------------------------------------------------------------------------------------

def test_it_lets_a_secretary_edit_name_and_meeting_day_only(client, world):
    login(client, world.secretary_a)
    r = client.get(url("organization_edit", "38.168.001"))
    assert set(r.context["form"].fields) == {"name", "usual_meeting_day"}
    r = client.post(url("organization_edit", "38.168.001"), {"name": "Chi bộ Khu phố Một", "usual_meeting_day": "3",
                                                             "sector": "education", "valid_from": "01/01/2000"})
    assert r.status_code == 302
    cell = fresh(world.cell_a)
    assert (cell.name, cell.usual_meeting_day, cell.sector, cell.valid_from) == (
        "Chi bộ Khu phố Một", 3, "residential", date(2025, 7, 1))


def test_it_lets_the_committee_edit_sector_and_founding_date(client, world):
    login(client, world.committee_staff)
    r = client.get(url("organization_edit", "38.168.001"))
    assert set(r.context["form"].fields) == {"name", "sector", "usual_meeting_day", "valid_from"}
    assert 'value="01/07/2025"' in r.content.decode()
    r = client.post(url("organization_edit", "38.168.001"), {"name": "Chi bộ Khu phố 1", "sector": "administrative",
                                                             "valid_from": "02/07/2025"})
    assert r.status_code == 302
    assert (fresh(world.cell_a).sector, fresh(world.cell_a).valid_from) == ("administrative", date(2025, 7, 2))


def test_it_refuses_a_founding_date_after_the_closing_date(client, world):
    organization_merge(sources=[world.cell_b], target=world.cell_a, effective_date=date(2026, 1, 1))
    r = login(client, world.committee_staff).post(url("organization_edit", "38.168.002"), {
        "name": "Chi bộ cũ", "valid_from": "01/06/2026"})
    assert r.status_code == 400 and "valid_from" in r.context["form"].errors
    assert "Chi bộ Trường Tiểu học Đông Tiến" in r.content.decode()  # the stored name, not the refused one
    assert fresh(world.cell_b).name == "Chi bộ Trường Tiểu học Đông Tiến"


@pytest.mark.parametrize(("user", "code"), [
    ("secretary_b", "38.168.001"), ("committee_leader", "38.168.001"), ("member_a", "38.168.001"),
    ("outsider", "38.168.001"), ("committee_staff", "38.170"),
])
def test_it_refuses_edit_to_those_who_may_not(client, world, neighbour, user, code):
    login(client, getattr(world, user))
    assert client.get(url("organization_edit", code)).status_code == 404
    assert client.post(url("organization_edit", code), {"name": "Bị đổi"}).status_code == 404
    assert not Organization.objects.filter(name="Bị đổi").exists()


# --- move ----------------------------------------------------------------------------------------

def test_it_moves_a_cell_by_picking_from_the_list(client, world):
    committee = add_cell(world.commune, "38.168.100", "Đảng bộ Công ty Điện", kind=K.GRASSROOTS_COMMITTEE)
    login(client, world.committee_staff)
    r = client.get(url("organization_move", "38.168.001"))
    assert r.status_code == 200
    # Committees the staff write, not the cell's own parent, nor cells.
    assert [o.code for o in r.context["form"].fields["new_parent"].queryset] == ["38.168.100"]
    r = client.post(url("organization_move", "38.168.001"), {
        "new_parent": committee.pk, "effective_date": "01/03/2026", "decision": "QĐ 3"})
    assert r.status_code == 302
    cell = fresh(world.cell_a)
    assert cell.parent == committee and cell.path.startswith(committee.path) and cell.depth == 3
    move = OrganizationChange.objects.get(organization=cell, kind="move")
    assert (move.effective_date, move.decision, move.created_by) == (date(2026, 3, 1), "QĐ 3", world.committee_staff)


def test_it_moves_a_cell_by_code_under_the_2025_commune(client, world, neighbour, province_staff):
    r = login(client, province_staff).post(url("organization_move", "38.168.002"), {
        "new_parent_code": " 38.170 ", "effective_date": "2025-07-01"})
    assert r.status_code == 302
    assert fresh(world.cell_b).parent == neighbour
    assert selectors.cell_roster(neighbour).count() == 4


@pytest.mark.parametrize(("data", "field"), [
    ({"new_parent_code": "38.170", "effective_date": "01/03/2026"}, "new_parent_code"),  # not writable
    ({"new_parent_code": "38.168.001", "effective_date": "01/03/2026"}, "new_parent_code"),  # itself
    ({"new_parent_code": "38.168.002", "effective_date": "01/03/2026"}, "new_parent_code"),  # a cell
    ({"new_parent_code": "38.168", "effective_date": "01/03/2026"}, "new_parent_code"),  # already there
    ({"new_parent_code": "nope", "effective_date": "01/03/2026"}, "new_parent_code"),
    ({"effective_date": "01/03/2026"}, "new_parent"),
    ({"new_parent_code": "38.168.100", "effective_date": "1 tháng 3"}, "effective_date"),
    ({"new_parent": "999999", "effective_date": "01/03/2026"}, "new_parent"),
])
def test_it_answers_bad_moves_with_errors(client, world, neighbour, data, field):
    add_cell(world.commune, "38.168.100", "Đảng bộ Công ty Điện", kind=K.GRASSROOTS_COMMITTEE)
    r = login(client, world.committee_staff).post(url("organization_move", "38.168.001"), data)
    assert r.status_code == 400 and field in r.context["form"].errors
    assert fresh(world.cell_a).parent == world.commune


def test_it_shows_a_refused_move_as_a_form_error(client, world, neighbour, province_staff):
    """A rule only the service knows (the target closed meanwhile) comes back as a message, not a 500."""
    login(client, province_staff)
    target = organization_create(code="38.171", name="Xã sắp giải thể", kind=K.COMMUNE, parent=world.province)
    form_page = client.get(url("organization_move", "38.168.001"))
    assert target in form_page.context["form"].fields["new_parent"].queryset
    from chibo.organizations.services import organization_close

    organization_close(org=target, effective_date=date(2026, 1, 1))
    r = client.post(url("organization_move", "38.168.001"), {"new_parent_code": "38.171", "effective_date": "01/03/2026"})
    assert r.status_code == 400 and r.context["form"].errors


@pytest.mark.parametrize(("user", "code"), [
    ("secretary_a", "38.168.001"), ("committee_leader", "38.168.001"), ("member_a", "38.168.001"),
    ("outsider", "38.168.001"), ("committee_staff", "38.168"), ("committee_staff", "38.170.001"),
])
def test_it_refuses_reorganisation_to_those_who_may_not(client, world, neighbour, user, code):
    login(client, getattr(world, user))
    for name in ("organization_move", "organization_merge", "organization_split"):
        assert client.get(url(name, code)).status_code == 404, name
    assert client.post(url("organization_move", code), {"new_parent_code": "38.170",
                                                        "effective_date": "01/03/2026"}).status_code == 404
    assert client.post(url("organization_merge", code), {"other_codes": "38.168.002",
                                                         "effective_date": "01/03/2026"}).status_code == 404
    assert client.post(url("organization_split", code), {"part1_code": "z", "part1_name": "Z",
                                                         "effective_date": "01/03/2026"}).status_code == 404
    assert not Organization.objects.filter(valid_to__isnull=False).exists()
    assert not OrganizationChange.objects.exclude(kind="create").exists()


# --- merge ---------------------------------------------------------------------------------------

def test_it_merges_a_ticked_sibling_into_this_cell(client, world):
    login(client, world.committee_staff)
    r = client.get(url("organization_merge", "38.168.001"))
    assert [o.code for o in r.context["form"].fields["sources"].queryset] == ["38.168.002"]
    r = client.post(url("organization_merge", "38.168.001"), {
        "sources": [world.cell_b.pk], "effective_date": "01/03/2026", "decision": "NQ 1"})
    assert r.status_code == 302
    assert fresh(world.cell_b).merged_into == world.cell_a
    assert selectors.cell_roster(world.cell_a).count() == 7


def test_it_merges_units_given_by_code(client, world, neighbour, province_staff):
    r = login(client, province_staff).post(url("organization_merge", "38.168.001"), {
        "other_codes": "38.168.002, 38.170.001", "effective_date": "01/03/2026"})
    assert r.status_code == 302
    assert set(selectors.organization_merged_from(world.cell_a).values_list("code", flat=True)) == {
        "38.168.002", "38.170.001"}


@pytest.mark.parametrize(("data", "field"), [
    ({"effective_date": "01/03/2026"}, "sources"),
    ({"other_codes": "38.170.001", "effective_date": "01/03/2026"}, "other_codes"),  # outside the staff's scope
    ({"other_codes": "38.168", "effective_date": "01/03/2026"}, "other_codes"),  # a committee, not a cell
    ({"other_codes": "38.168.001", "effective_date": "01/03/2026"}, "other_codes"),  # itself
    ({"sources": ["abc"], "effective_date": "01/03/2026"}, "sources"),
    ({"sources": ["{cell_b}"], "effective_date": "31/13/2026"}, "effective_date"),
    ({"sources": ["{cell_b}"], "effective_date": "01/01/2025"}, None),  # before the target was founded
])
def test_it_answers_bad_merges_with_errors(client, world, neighbour, data, field):
    data = {k: [str(world.cell_b.pk) if v == "{cell_b}" else v for v in val] if isinstance(val, list) else val
            for k, val in data.items()}
    r = login(client, world.committee_staff).post(url("organization_merge", "38.168.001"), data)
    assert r.status_code == 400
    errors = r.context["form"].errors
    assert (field in errors) if field else errors.get("__all__")
    assert not Organization.objects.filter(valid_to__isnull=False).exists()


# --- split ---------------------------------------------------------------------------------------

def test_it_splits_a_cell_moving_the_chosen_members(client, world):
    an, bich, cuong, dung = world.a_members
    login(client, world.committee_staff)
    r = client.get(url("organization_split", "38.168.001"))
    assert r.status_code == 200 and "Phạm Thị Dung" in r.content.decode()
    r = client.post(url("organization_split", "38.168.001"), {
        "part1_code": "38.168.011", "part1_name": "Chi bộ Khu phố 1A", "part1_kind": K.GRASSROOTS_CELL,
        "part2_code": "38.168.012", "part2_name": "Chi bộ Khu phố 1B", "part2_kind": K.GRASSROOTS_CELL,
        "part3_kind": K.GRASSROOTS_CELL,
        f"member_{an.pk}": "1", f"member_{bich.pk}": "2", f"member_{cuong.pk}": "", f"member_{dung.pk}": "1",
        "effective_date": "01/04/2026", "decision": "QĐ 5",
    })
    assert r.status_code == 302
    assert set(selectors.cell_roster(Organization.objects.get(code="38.168.011"))) == {an, dung}
    assert set(selectors.cell_roster(Organization.objects.get(code="38.168.012"))) == {bich}
    assert set(selectors.cell_roster(world.cell_a)) == {cuong}
    assert fresh(world.cell_a).valid_to is None


def test_it_splits_and_closes_the_original(client, world):
    data = {"part1_code": "38.168.011", "part1_name": "1A", "part1_kind": K.GRASSROOTS_CELL,
            "part2_kind": K.GRASSROOTS_CELL, "part3_kind": K.GRASSROOTS_CELL,
            "effective_date": "01/04/2026", "close_original": "on"}
    data.update({f"member_{m.pk}": "1" for m in world.a_members[:3]})
    login(client, world.committee_staff)
    r = client.post(url("organization_split", "38.168.001"), data)
    assert r.status_code == 400 and "Còn 1 đảng viên" in str(r.context["form"].errors)
    data[f"member_{world.a_members[3].pk}"] = "1"
    assert client.post(url("organization_split", "38.168.001"), data).status_code == 302
    assert fresh(world.cell_a).valid_to == date(2026, 3, 31)
    assert Membership.objects.filter(organization=world.cell_a, end_date__isnull=True).count() == 0


@pytest.mark.parametrize("data", [
    {},  # no new unit
    {"part1_code": "38.168.011"},  # no name
    {"part1_code": "38.168.011", "part1_name": "1A", "member_an": "2"},  # part 2 not described
    {"part1_code": "38.168.011", "part1_name": "1A", "member_an": "7"},  # not a choice
    {"part1_code": "38.168.002", "part1_name": "Trùng mã"},  # rule from the service
    {"part1_code": "38.168.011", "part1_name": "1A", "part1_kind": K.PARTY_GROUP},  # not a choice here
])
def test_it_answers_bad_splits_with_errors(client, world, data):
    data = {k.replace("member_an", f"member_{world.a_members[0].pk}"): v for k, v in data.items()}
    data = {"part1_kind": K.GRASSROOTS_CELL, "part2_kind": K.GRASSROOTS_CELL, "part3_kind": K.GRASSROOTS_CELL,
            "effective_date": "01/04/2026", **data}
    r = login(client, world.committee_staff).post(url("organization_split", "38.168.001"), data)
    assert r.status_code == 400 and r.context["form"].errors
    assert Organization.objects.count() == 4
