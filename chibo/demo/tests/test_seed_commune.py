"""`chibo seed_demo --profile commune`: what `make demo` serves."""

import unicodedata
from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.urls import reverse

from chibo.accounts.access import access_member, access_organization, user_scope
from chibo.accounts.models import Role, RoleAssignment, User
from chibo.core import text
from chibo.demo.generator import REFERENCE_DATE, add_years
from chibo.demo.selectors import demo_counts, demo_digest
from chibo.demo.services import DEMO_PASSWORD, DEMO_USERNAMES
from chibo.demo.tests.conftest import seeded
from chibo.meetings.documents import document_term
from chibo.meetings.models import Meeting, Procedure
from chibo.organizations import selectors
from chibo.organizations.models import (
    CELL_KINDS,
    Exemption,
    Member,
    Membership,
    MembershipKind,
    MemberStatus,
    Organization,
    Position,
    PositionTitle,
    Term,
)
from chibo.organizations.services import path_for
from chibo.quality.models import AlertRule, Rubric

pytestmark = pytest.mark.django_db

HISTORY = ("--history-months", "2")


@pytest.fixture(scope="module", autouse=True)
def commune_output(django_db_setup, django_db_blocker):
    # --if-empty on an empty database seeds, as the first `make demo` does (with two months of meetings here:
    # the history has its own tests, in test_history.py).
    with seeded(django_db_blocker, "--profile", "commune", "--seed", "1", "--if-empty", *HISTORY) as output:
        yield output


def _cells():
    return Organization.objects.filter(kind__in=CELL_KINDS)


def _current():
    return Member.objects.filter(exit_kind="")


def test_it_prints_counts_time_memory_and_the_logins(commune_output):
    assert "Tổ chức đảng: 32, trong đó 30 chi bộ." in commune_output
    assert "900 đang sinh hoạt" in commune_output
    assert "bộ nhớ đỉnh" in commune_output and "giây" in commune_output
    for username in DEMO_USERNAMES:
        assert f"  {username} " in commune_output


def test_it_builds_one_commune_of_thirty_cells_and_about_nine_hundred_members():
    commune = Organization.objects.get(kind="commune")
    assert commune.parent is not None and commune.parent.kind == "province"
    assert commune.valid_from is not None and commune.valid_from.isoformat() == "2025-07-01"
    cells = _cells()
    assert cells.count() == 30
    assert set(cells.values_list("parent_id", flat=True)) == {commune.pk}
    assert 800 <= _current().count() <= 1000
    sectors = Counter(cells.values_list("sector", flat=True))
    assert sectors["residential"] == 22
    assert {"education", "administrative", "armed_forces"} <= set(sectors)
    names = set(cells.values_list("name", flat=True))
    assert {"Chi bộ Tổ dân phố 3", "Chi bộ Trạm Y tế", "Chi bộ Công an xã", "Chi bộ Quân sự xã"} <= names
    assert any(name.startswith("Chi bộ Trường THCS") for name in names)


def test_every_code_and_path_follows_its_parent():
    for org in Organization.objects.select_related("parent"):
        assert org.path == path_for(org.pk, org.parent)
        assert org.depth == (org.parent.depth + 1 if org.parent else 0)
        if org.parent:
            assert org.code.startswith(org.parent.code + ".")
        assert org.search_name == text.fold(org.name)


def test_the_hmong_hamlet_is_all_mong_and_other_hamlets_are_tay_and_nung():
    hamlet = Organization.objects.get(name="Chi bộ Xóm Lũng Phầy")
    roster = selectors.cell_roster(hamlet)
    assert roster.count() >= 10
    assert set(roster.values_list("ethnicity", flat=True)) == {"Mông"}
    ethnicities = Counter(_current().values_list("ethnicity", flat=True))
    assert ethnicities["Tày"] > ethnicities["Kinh"] and ethnicities["Nùng"] > 100


def test_every_cell_has_exactly_one_current_secretary_who_is_an_official_member_there():
    for cell in _cells():
        officers = Position.objects.filter(organization=cell, end_date__isnull=True)
        secretaries = officers.filter(title=PositionTitle.SECRETARY)
        assert secretaries.count() == 1, cell.name
        secretary = secretaries.get().member
        assert secretary.status == MemberStatus.OFFICIAL and not secretary.exit_kind
        assert secretary.memberships.filter(organization=cell, kind=MembershipKind.REGULAR,
                                            end_date__isnull=True).exists()
        assert officers.filter(title=PositionTitle.DEPUTY_SECRETARY).count() == 1
        official = Membership.objects.filter(organization=cell, kind=MembershipKind.REGULAR, end_date__isnull=True,
                                             member__status=MemberStatus.OFFICIAL).count()
        assert official >= 3
        has_committee = officers.filter(title=PositionTitle.COMMITTEE_MEMBER).exists()
        assert has_committee == (official >= 9), cell.name


def test_every_cell_numbers_its_documents_in_its_congress_term():
    commune = Organization.objects.get(kind="commune")
    assert list(Term.objects.filter(organization=commune).values_list("name", "end_date")) == [("2025–2030", None)]
    for cell in _cells():
        terms = list(Term.objects.filter(organization=cell).order_by("start_date"))
        current = terms[-1]
        assert current.end_date is None and current.start_date.year == 2025 and current.name == "2025–2027"
        assert selectors.term_on(cell, REFERENCE_DATE) == current
        assert document_term(cell, REFERENCE_DATE) == "2025–2027"
        for earlier, later in zip(terms, terms[1:], strict=False):
            assert earlier.end_date == later.start_date - timedelta(days=1)
    assert Term.objects.filter(organization__kind__in=CELL_KINDS, name="2022–2025").exists()


def test_names_are_nfc_with_their_search_and_sort_keys():
    for full_name, search_name, sort_key in Member.objects.values_list("full_name", "search_name", "sort_key"):
        assert unicodedata.is_normalized("NFC", full_name)
        assert search_name == text.fold(full_name)
        assert sort_key == text.name_sort_key(full_name)[:255]


def test_ages_admissions_and_cards_are_plausible():
    current = list(_current())
    probationary = [m for m in current if m.status == MemberStatus.PROBATIONARY]
    assert 0.05 <= len(probationary) / len(current) <= 0.08
    for m in current:
        assert add_years(REFERENCE_DATE, -86) < m.birth_date <= add_years(REFERENCE_DATE, -22)
        assert add_years(m.birth_date, 20) <= m.admission_date <= add_years(m.birth_date, 46)
        if m.status == MemberStatus.OFFICIAL:
            assert m.official_date == add_years(m.admission_date, 1) and m.card_number
        else:
            assert m.official_date is None and m.card_number is None
    cards = [m.card_number for m in Member.objects.exclude(card_number=None)]
    assert len(cards) == len(set(cards))
    assert Counter(m.gender for m in current)["female"] / len(current) > 0.25


def test_a_few_are_exempt_attached_transferred_or_gone():
    current = _current().count()
    active = Exemption.objects.filter(start_date__lte=REFERENCE_DATE, ended_on__isnull=True).filter(
        Q(expected_end_date__isnull=True) | Q(expected_end_date__gte=REFERENCE_DATE))
    assert 0.03 <= active.count() / current <= 0.05
    assert active.filter(kind="age_health").count() > active.exclude(kind="age_health").count()
    assert Exemption.objects.filter(ended_on__isnull=False).exists()
    transfers = Membership.objects.filter(end_reason=Membership.EndReason.TRANSFER)
    assert transfers.count() >= 10
    for old in transfers:
        new = Membership.objects.get(member=old.member, kind=MembershipKind.REGULAR, end_date__isnull=True)
        assert new.organization_id != old.organization_id and (new.start_date - old.end_date).days == 1
    attached = Membership.objects.filter(kind=MembershipKind.TEMPORARY, end_date__isnull=True)
    assert attached.exists()
    assert Membership.objects.filter(kind=MembershipKind.TEMPORARY, end_reason="attachment_ended").exists()
    gone = Member.objects.exclude(exit_kind="")
    assert gone.filter(exit_kind="deceased").exists()
    for member in gone:
        assert not member.memberships.filter(end_date__isnull=True).exists()
        assert member.memberships.filter(end_date=member.exit_date, end_reason="exit").exists()


def _user(username: str) -> User:
    return User.objects.select_related("member").get(username=username)


def _role(username: str) -> RoleAssignment:
    return RoleAssignment.objects.select_related("organization").get(user__username=username)


def test_the_demo_logins_have_their_roles():
    commune = Organization.objects.get(kind="commune")
    for username in DEMO_USERNAMES:
        assert _user(username).check_password(DEMO_PASSWORD)
    assert _user("quantri").is_superuser
    assert _role("quantri").role == Role.ADMIN and _role("quantri").organization.parent is None
    assert (_role("danguy").role, _role("danguy").organization) == (Role.COMMITTEE_LEADER, commune)
    assert (_role("vanphong").role, _role("vanphong").organization) == (Role.COMMITTEE_STAFF, commune)
    cell1, cell2 = _role("bithu1").organization, _role("bithu2").organization
    assert cell1 != cell2 and cell1.parent == commune and cell2.parent == commune
    for username, cell in (("bithu1", cell1), ("bithu2", cell2)):
        assert _role(username).role == Role.CELL_SECRETARY
        assert Position.objects.get(organization=cell, title=PositionTitle.SECRETARY,
                                    end_date__isnull=True).member == _user(username).member
    assert (_role("dangvien1").role, _role("dangvien1").organization) == (Role.MEMBER, cell1)
    member = _user("dangvien1").member
    assert member is not None
    assert member.memberships.filter(organization=cell1, end_date__isnull=True).exists()


def test_bithu1_cannot_see_bithu2s_cell_and_the_committee_sees_both():
    bithu1, bithu2 = _user("bithu1"), _user("bithu2")
    cell1, cell2 = _role("bithu1").organization, _role("bithu2").organization
    assert access_organization(bithu1, cell1.code, for_write=True) == cell1
    with pytest.raises(Http404):
        access_organization(bithu1, cell2.code)
    with pytest.raises(Http404):
        access_member(bithu1, bithu2.member_id)
    danguy, vanphong = _user("danguy"), _user("vanphong")
    assert user_scope(danguy).reads(cell2) and not user_scope(danguy).writes(cell2)
    assert user_scope(vanphong).writes(cell1) and user_scope(vanphong).writes(cell2)
    dangvien1 = _user("dangvien1")
    assert access_organization(dangvien1, cell1.code) == cell1
    with pytest.raises(Http404):
        access_organization(dangvien1, cell1.code, roster=True)


def test_a_demo_login_signs_in(client):
    response = client.post(reverse("accounts:login"), {"username": "bithu1", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == _user("bithu1").pk


def test_if_empty_leaves_the_data_alone():
    before = (demo_counts(), demo_digest())
    out = StringIO()
    call_command("seed_demo", "--profile", "district", "--seed", "9", "--if-empty", stdout=out)
    assert "đã có" in out.getvalue()
    assert (demo_counts(), demo_digest()) == before


def test_it_refuses_to_seed_over_data_without_reset():
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed_demo", "--profile", "commune", "--seed", "1", stdout=StringIO())


@pytest.fixture
def _fresh_content_types():
    yield
    ContentType.objects.clear_cache()  # --reset flushed them inside a transaction that is rolled back


@pytest.mark.usefixtures("_fresh_content_types")
def test_reset_reseeds_the_same_data_for_the_same_seed_only():
    first = demo_digest()
    roll = list(Member.objects.order_by("id").values_list("full_name", "card_number", "birth_date"))
    # PostgreSQL will not TRUNCATE tables with deferred FK checks pending in the open transaction: run them now.
    connection.check_constraints()
    call_command("seed_demo", "--profile", "commune", "--seed", "1", "--reset", "--no-progress", *HISTORY,
                 stdout=StringIO())
    assert demo_digest() == first
    # flush emptied what the data migrations had loaded; --reset loads it again.
    assert Procedure.objects.count() == 4 and Rubric.objects.count() == 2 and AlertRule.objects.count() == 8
    assert Meeting.objects.filter(status="closed").exists()
    assert list(Member.objects.order_by("id").values_list("full_name", "card_number", "birth_date")) == roll
    connection.check_constraints()
    call_command("seed_demo", "--profile", "commune", "--seed", "2", "--reset", "--no-progress", *HISTORY,
                 stdout=StringIO())
    assert demo_digest() != first


def test_it_rejects_a_reference_date_before_the_reorganisation_without_touching_the_data():
    before = demo_counts()
    with pytest.raises(CommandError, match="--as-of"):
        call_command("seed_demo", "--reset", "--as-of", "2024-01-01", stdout=StringIO())
    assert demo_counts() == before
