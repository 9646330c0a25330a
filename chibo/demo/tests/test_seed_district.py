"""`chibo seed_demo --profile district`: Hòa An's legacy shape (seeds/004) and its 1/7/2025 reorganisation."""

from datetime import date

import pytest

from chibo.accounts.models import RoleAssignment
from chibo.demo.tests.conftest import seeded
from chibo.organizations import selectors
from chibo.organizations.models import Member, Organization, OrganizationChange, OrganizationKind
from chibo.organizations.services import path_for

pytestmark = pytest.mark.django_db

REORGANISATION = date(2025, 7, 1)


@pytest.fixture(scope="module", autouse=True)
def district_output(django_db_setup, django_db_blocker):
    # Two months of meetings: enough to see every cell meet; the history has its own tests (test_history.py).
    with seeded(django_db_blocker, "--profile", "district", "--seed", "1", "--history-months", "2") as output:
        yield output


@pytest.fixture
def district():
    return Organization.objects.get(kind=OrganizationKind.DISTRICT)


def test_the_district_closed_when_districts_were_abolished(district):
    assert district.valid_to == date(2025, 6, 30)
    assert not Organization.objects.filter(parent=district).exists()
    close = OrganizationChange.objects.get(organization=district, kind=OrganizationChange.Kind.CLOSE)
    assert close.effective_date == REORGANISATION


def test_its_39_direct_units_moved_under_new_commune_committees(district):
    moves = OrganizationChange.objects.filter(kind=OrganizationChange.Kind.MOVE, old_parent=district)
    assert moves.count() == 39
    assert set(moves.values_list("effective_date", flat=True)) == {REORGANISATION}
    new_parents = Organization.objects.filter(pk__in=moves.values("new_parent"))
    assert set(new_parents.values_list("kind", flat=True)) == {OrganizationKind.COMMUNE}
    assert set(new_parents.values_list("valid_from", flat=True)) == {REORGANISATION}
    units = Organization.objects.filter(pk__in=moves.values("organization"))
    assert units.filter(kind=OrganizationKind.GRASSROOTS_COMMITTEE).count() == 18
    assert units.filter(kind=OrganizationKind.GRASSROOTS_CELL).count() == 21
    # Their creation still says where they started: under the district.
    assert OrganizationChange.objects.filter(kind=OrganizationChange.Kind.CREATE, new_parent=district).count() == 39


def test_225_cells_sit_under_the_grassroots_committees():
    cells = Organization.objects.filter(kind=OrganizationKind.SUBORDINATE_CELL)
    assert cells.count() == 225
    assert set(cells.values_list("parent__kind", flat=True)) == {OrganizationKind.GRASSROOTS_COMMITTEE}
    assert Organization.objects.cells().count() == 246


def test_it_has_about_6300_members(district_output):
    assert Member.objects.filter(exit_kind="").count() == 6300
    assert "6300 đang sinh hoạt" in district_output


def test_the_moves_rewrote_every_path_below_the_units():
    for org in Organization.objects.select_related("parent"):
        assert org.path == path_for(org.pk, org.parent), org.code
        assert org.depth == (org.parent.depth + 1 if org.parent else 0)


def test_the_logins_work_in_the_district_seat_commune():
    leader = RoleAssignment.objects.select_related("organization").get(user__username="danguy")
    assert leader.organization.kind == OrganizationKind.COMMUNE
    subtree = selectors.organization_subtree(leader.organization)
    for username in ("bithu1", "bithu2", "dangvien1"):
        cell = RoleAssignment.objects.get(user__username=username).organization
        assert subtree.filter(pk=cell.pk).exists()
    hamlet = RoleAssignment.objects.get(user__username="bithu2").organization
    assert hamlet.name == "Chi bộ Xóm Lũng Phầy"
    assert set(selectors.cell_roster(hamlet).values_list("ethnicity", flat=True)) == {"Mông"}
