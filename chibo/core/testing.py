"""The small named world every test starts from.

A province above a commune committee with two cells (A and B); each cell has a secretary
and members; a committee leader and staff see the commune's subtree; an outsider sees nothing.
Most permission tests rest on one fact: the secretary of cell A must never see cell B.
"""

from dataclasses import dataclass
from datetime import date

from chibo.accounts.models import Role, User
from chibo.accounts.services import role_assign, user_create
from chibo.organizations.models import Member, Organization, OrganizationKind, Sector
from chibo.organizations.services import member_create, organization_create

PASSWORD = "chibo-test-pass"


@dataclass
class World:
    province: Organization
    commune: Organization
    cell_a: Organization
    cell_b: Organization
    a_members: list[Member]
    b_members: list[Member]
    admin: User
    committee_leader: User
    committee_staff: User
    secretary_a: User
    secretary_b: User
    member_a: User
    outsider: User


def make_member(org: Organization, name: str, card: str, **extra) -> Member:
    data = {"full_name": name, "card_number": card, "gender": "male", "birth_date": date(1970, 5, 1),
            "admission_date": date(2000, 3, 2), "official_date": date(2001, 3, 2), "status": "official",
            "ethnicity": "Kinh"}
    data.update(extra)
    return member_create(organization=org, data=data, start_date=date(2020, 1, 1))


def make_user(username: str, *, member: Member | None = None, role: str | None = None,
              org: Organization | None = None, superuser: bool = False) -> User:
    user = user_create(username=username, password=PASSWORD, member=member)
    if superuser:
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    if role and org:
        role_assign(user=user, organization=org, role=role)
    return user


def build_world() -> World:
    province = organization_create(code="38", name="Đảng bộ tỉnh Thanh Hóa", kind=OrganizationKind.PROVINCE,
                                   parent=None, valid_from=date(1930, 1, 1))
    commune = organization_create(code="38.168", name="Đảng bộ phường Đông Tiến", kind=OrganizationKind.COMMUNE,
                                  parent=province, valid_from=date(2025, 7, 1))
    cell_a = organization_create(code="38.168.001", name="Chi bộ Khu phố 1", kind=OrganizationKind.GRASSROOTS_CELL,
                                 parent=commune, sector=Sector.RESIDENTIAL, valid_from=date(2025, 7, 1))
    cell_b = organization_create(code="38.168.002", name="Chi bộ Trường Tiểu học Đông Tiến",
                                 kind=OrganizationKind.GRASSROOTS_CELL, parent=commune, sector=Sector.EDUCATION,
                                 valid_from=date(2025, 7, 1))
    a_members = [
        make_member(cell_a, "Nguyễn Văn An", "01000001"),
        make_member(cell_a, "Trần Thị Bích", "01000002", gender="female"),
        make_member(cell_a, "Lê Đức Cường", "01000003"),
        make_member(cell_a, "Phạm Thị Dung", "01000004", gender="female", status="probationary",
                    admission_date=date(2026, 2, 3), official_date=None),
    ]
    b_members = [
        make_member(cell_b, "Hoàng Văn Em", "02000001"),
        make_member(cell_b, "Vũ Thị Giang", "02000002", gender="female"),
        make_member(cell_b, "Nguyễn Thị Hà", "02000003", gender="female"),
    ]
    return World(
        province=province, commune=commune, cell_a=cell_a, cell_b=cell_b,
        a_members=a_members, b_members=b_members,
        admin=make_user("quantri", superuser=True),
        committee_leader=make_user("danguy", role=Role.COMMITTEE_LEADER, org=commune),
        committee_staff=make_user("vanphong", role=Role.COMMITTEE_STAFF, org=commune),
        secretary_a=make_user("bithu1", member=a_members[0], role=Role.CELL_SECRETARY, org=cell_a),
        secretary_b=make_user("bithu2", member=b_members[0], role=Role.CELL_SECRETARY, org=cell_b),
        member_a=make_user("dangvien1", member=a_members[1], role=Role.MEMBER, org=cell_a),
        outsider=make_user("nguoingoai"),
    )
