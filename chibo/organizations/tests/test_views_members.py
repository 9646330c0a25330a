"""The member screens: roster, profile and every change, for users in and out of scope.

The named world (chibo/core/testing.py): bithu1 writes cell A, bithu2 writes cell B, the committee
leader reads the commune, the committee staff writes it, dangvien1 is a plain member of cell A.
"""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chibo.core.models import AuditEvent
from chibo.core.testing import make_member
from chibo.organizations import services
from chibo.organizations.models import Exemption, Member, Membership, MembershipKind, Position

pytestmark = pytest.mark.django_db


def roster_url(org):
    return reverse("organizations:member_list", args=[org.code])


def detail_url(member):
    return reverse("organizations:member_detail", args=[member.pk])


def names(response):
    return [m.full_name for m in response.context["page"].object_list]


def member_form_data(**overrides):
    data = {
        "full_name": "Đặng Thị Xuân", "gender": "female", "birth_date": "02/09/1975", "ethnicity": "Kinh",
        "religion": "", "phone": "0912 345 678", "card_number": "01000099", "status": "official",
        "admission_date": "19/05/2005", "official_date": "19/05/2006", "start_date": "",
    }
    data.update(overrides)
    return data


# --- roster --------------------------------------------------------------------------------------

def test_it_lists_the_cell_in_vietnamese_given_name_order(client, world):
    make_member(world.cell_a, "Vũ Văn Ân", "01000010")
    make_member(world.cell_a, "Đỗ Thị Đào", "01000011", gender="female")
    client.force_login(world.secretary_a)
    response = client.get(roster_url(world.cell_a))
    assert response.status_code == 200
    # a < â, d < đ: Vietnamese dictionary order of the given name, not of the family name.
    assert names(response) == ["Nguyễn Văn An", "Vũ Văn Ân", "Trần Thị Bích", "Lê Đức Cường", "Phạm Thị Dung",
                               "Đỗ Thị Đào"]
    content = response.content.decode()
    assert "01/05/1970" in content
    assert reverse("organizations:member_create", args=[world.cell_a.code]) in content
    assert reverse("organizations:import_upload", args=[world.cell_a.code]) in content
    assert "Hoàng Văn Em" not in content


def test_it_hides_other_rosters(client, world):
    for user in (world.secretary_a, world.member_a, world.outsider):
        client.force_login(user)
        assert client.get(roster_url(world.cell_b)).status_code == 404
    client.force_login(world.member_a)  # a plain member sees their own record, not the roster
    assert client.get(roster_url(world.cell_a)).status_code == 404
    client.force_login(world.secretary_a)
    assert client.get(roster_url(world.commune)).status_code == 404
    assert client.get(reverse("organizations:member_list", args=["no-such-code"])).status_code == 404


def test_it_shows_the_committee_the_whole_subtree_with_cells_and_no_write_links(client, world):
    client.force_login(world.committee_leader)
    response = client.get(roster_url(world.commune))
    assert response.status_code == 200
    assert len(names(response)) == 7
    content = response.content.decode()
    assert "Chi bộ Trường Tiểu học Đông Tiến" in content  # the cell column of a subtree view
    assert reverse("organizations:import_upload", args=[world.commune.code]) not in content
    assert "member_create" not in content and "/them/" not in content


def test_it_searches_without_accents_and_by_card_number(client, world):
    client.force_login(world.committee_staff)
    assert names(client.get(roster_url(world.commune), {"q": "nguyen"})) == ["Nguyễn Văn An", "Nguyễn Thị Hà"]
    assert names(client.get(roster_url(world.commune), {"q": "NGUYEN thi"})) == ["Nguyễn Thị Hà"]
    assert names(client.get(roster_url(world.commune), {"q": "01000003"})) == ["Lê Đức Cường"]
    assert names(client.get(roster_url(world.commune), {"q": "zzz"})) == []
    client.force_login(world.secretary_a)
    assert names(client.get(roster_url(world.cell_a), {"q": "nguyen"})) == ["Nguyễn Văn An"]


def test_it_answers_htmx_with_the_table_fragment_only(client, world):
    client.force_login(world.secretary_a)
    response = client.get(roster_url(world.cell_a), {"q": "tran"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert content.lstrip().startswith("<div id=\"member-results\"")
    assert "Trần Thị Bích" in content and "Nguyễn Văn An" not in content
    assert "HX-Request" in response["Vary"]
    # The page itself carries the htmx form and works without JavaScript.
    response = client.get(roster_url(world.cell_a), {"q": "tran"})
    page = response.content.decode()
    assert "<html" in page and 'hx-get="' in page and 'hx-target="#member-results"' in page
    assert names(response) == ["Trần Thị Bích"]


def test_it_restores_the_full_page_for_htmx_history(client, world):
    client.force_login(world.secretary_a)
    response = client.get(roster_url(world.cell_a), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def test_it_filters_by_status_exemption_attachment_and_exit(client, world):
    cuong, dung = world.a_members[2], world.a_members[3]
    services.member_exempt(member=cuong, kind="age_health", reason="Tuổi cao", start_date=date(2026, 1, 1))
    services.member_attach_temporarily(member=world.a_members[1], to=world.cell_b, start_date=date(2026, 2, 1))
    client.force_login(world.secretary_a)
    url = roster_url(world.cell_a)
    assert names(client.get(url, {"status": "probationary"})) == [dung.full_name]
    assert names(client.get(url, {"exempt": "on"})) == [cuong.full_name]
    assert names(client.get(url, {"attached": "on"})) == ["Trần Thị Bích"]
    response = client.get(url, {"exempt": "on"})
    assert "Đang miễn" in response.content.decode()
    services.member_exit(member=dung, kind="deceased", exit_date=date(2026, 3, 1))
    assert dung.full_name not in names(client.get(url))
    assert dung.full_name in names(client.get(url, {"exited": "on"}))


def test_it_ignores_garbage_filters_and_pages(client, world):
    client.force_login(world.secretary_a)
    response = client.get(roster_url(world.cell_a), {"status": "xyz", "page": "abc", "exempt": "false",
                                                     "q": "an\x00"})
    assert response.status_code == 200
    assert len(names(response)) == 4
    assert client.get(roster_url(world.cell_a), {"page": "999"}).status_code == 200


def _many_members(cell, count, prefix):
    for i in range(count):
        member = make_member(cell, f"Nguyễn Văn {prefix}{i:03d}", f"9{prefix}{i:05d}")
        services.position_assign(member=member, organization=cell, title="committee_member",
                                 start_date=date(2026, 1, 1))
        services.member_exempt(member=member, kind="illness", reason="Ốm", start_date=date(2026, 1, 1))


def test_it_paginates_fifty_to_a_page(client, world):
    _many_members(world.cell_a, 52, "P")
    client.force_login(world.secretary_a)
    first = client.get(roster_url(world.cell_a))
    assert len(names(first)) == 50
    assert "?page=2" in first.content.decode()
    assert len(names(client.get(roster_url(world.cell_a), {"page": 2}))) == 6
    printed = client.get(roster_url(world.cell_a), {"print": "1"})
    assert len(names(printed)) == 56
    assert "window.print()" in printed.content.decode()


def test_the_roster_costs_the_same_queries_for_five_and_fifty_members(client, world, django_assert_max_num_queries):
    client.force_login(world.committee_staff)
    _many_members(world.cell_a, 1, "A")
    with CaptureQueriesContext(connection) as few:
        client.get(roster_url(world.commune))
    _many_members(world.cell_b, 45, "B")
    with CaptureQueriesContext(connection) as many:
        response = client.get(roster_url(world.commune))
    assert len(names(response)) == 50
    assert len(few.captured_queries) == len(many.captured_queries)
    with django_assert_max_num_queries(12):
        client.get(roster_url(world.commune), {"q": "nguyen", "exempt": "on"})


# --- profile -------------------------------------------------------------------------------------

def test_it_shows_a_profile_with_history_and_actions_to_its_secretary(client, world):
    bich = world.a_members[1]
    services.position_assign(member=bich, organization=world.cell_a, title="deputy_secretary",
                             start_date=date(2026, 1, 5))
    services.member_exempt(member=bich, kind="maternity", reason="Nghỉ thai sản", start_date=date(2026, 10, 1),
                           expected_end_date=date(2027, 3, 31), resolution_ref="05-NQ/CB")
    client.force_login(world.secretary_a)
    response = client.get(detail_url(bich))
    content = response.content.decode()
    assert response.status_code == 200
    for text in ("Trần Thị Bích", "01/05/1970", "02/03/2000", "02/03/2001", "Chi bộ Khu phố 1", "01/01/2020",
                 "Phó Bí thư", "05/01/2026", "Nghỉ thai sản", "05-NQ/CB", "dự kiến 31/03/2027", "Đang miễn"):
        assert text in content, text
    party_age = date.today().year - 2000 - ((date.today().month, date.today().day) < (3, 2))
    assert f"{party_age} năm" in content
    assert reverse("organizations:member_edit", args=[bich.pk]) in content
    assert reverse("organizations:member_exit", args=[bich.pk]) in content


def test_it_shows_the_profile_read_only_to_the_leader_and_to_the_member_themself(client, world):
    bich = world.a_members[1]
    for user in (world.committee_leader, world.member_a):
        client.force_login(user)
        response = client.get(detail_url(bich))
        assert response.status_code == 200
        assert reverse("organizations:member_edit", args=[bich.pk]) not in response.content.decode()


def test_it_hides_profiles_out_of_scope(client, world):
    client.force_login(world.member_a)  # a plain member: only their own record
    assert client.get(detail_url(world.a_members[0])).status_code == 404
    client.force_login(world.secretary_b)
    assert client.get(detail_url(world.a_members[0])).status_code == 404
    client.force_login(world.outsider)
    assert client.get(detail_url(world.a_members[0])).status_code == 404
    client.force_login(world.secretary_a)
    assert client.get(reverse("organizations:member_detail", args=[999999])).status_code == 404


def test_it_shows_who_changed_what_in_the_audit_trail(client, world):
    bich = world.a_members[1]
    client.force_login(world.secretary_a)
    data = member_form_data(full_name=bich.full_name, card_number=bich.card_number, phone="0987 654 321",
                            birth_date="01/05/1970", admission_date="02/03/2000", official_date="02/03/2001")
    client.post(reverse("organizations:member_edit", args=[bich.pk]), data)
    content = client.get(detail_url(bich)).content.decode()
    assert "Nguyễn Văn An" in content.split("Nhật ký thay đổi")[1]  # bithu1's display name
    assert "Sửa hồ sơ" in content
    assert "0987 654 321" in content.split("Nhật ký thay đổi")[1]


# --- create and edit -----------------------------------------------------------------------------

def test_it_adds_a_member_with_typed_dates(client, world):
    client.force_login(world.secretary_a)
    response = client.post(reverse("organizations:member_create", args=[world.cell_a.code]), member_form_data())
    member = Member.objects.get(card_number="01000099")
    assert response.status_code == 302 and response["Location"] == detail_url(member)
    assert member.birth_date == date(1975, 9, 2)
    assert member.admission_date == date(2005, 5, 19)
    assert Membership.objects.get(member=member).organization == world.cell_a
    assert AuditEvent.objects.filter(action="member.create", object_id=member.pk, actor=world.secretary_a).exists()
    follow = client.get(response["Location"])
    assert "Đặng Thị Xuân" in follow.content.decode()


def test_it_accepts_iso_dates_from_a_date_picker(client, world):
    client.force_login(world.secretary_a)
    data = member_form_data(birth_date="1975-09-02", admission_date="2005-05-19", official_date="2006-05-19",
                            start_date="2020-01-01")
    response = client.post(reverse("organizations:member_create", args=[world.cell_a.code]), data, follow=True)
    assert "Đã thêm đảng viên Đặng Thị Xuân." in response.content.decode()
    member = Member.objects.get(card_number="01000099")
    assert member.official_date == date(2006, 5, 19)
    assert Membership.objects.get(member=member).start_date == date(2020, 1, 1)


def test_the_date_fields_are_typed_text_with_a_numeric_keypad(client, world):
    client.force_login(world.secretary_a)
    content = client.get(reverse("organizations:member_create", args=[world.cell_a.code])).content.decode()
    assert 'name="birth_date"' in content and 'placeholder="dd/mm/yyyy"' in content
    assert 'inputmode="numeric"' in content and 'type="date"' not in content


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"birth_date": "31/02/1975"}, "birth_date", "ngày/tháng/năm"),
    ({"birth_date": "hôm qua"}, "birth_date", "ngày/tháng/năm"),
    ({"admission_date": "99/99/9999"}, "admission_date", "ngày/tháng/năm"),
    ({"birth_date": "01/05/45"}, "birth_date", "không thể sau hôm nay"),  # two-digit year read as 2045
    ({"birth_date": "01/01/0999"}, "birth_date", "1900"),
    ({"full_name": ""}, "full_name", ""),
    ({"full_name": "   "}, "full_name", ""),
    ({"status": "chief"}, "status", ""),
    ({"official_date": ""}, "official_date", "cần có ngày chính thức"),
    ({"official_date": "01/01/2004"}, "official_date", "không thể trước ngày vào Đảng"),
    ({"admission_date": "01/01/1970", "official_date": "01/01/1971"}, "admission_date", "phải sau ngày sinh"),
    ({"card_number": "01000001"}, "card_number", "đã thuộc một đảng viên khác"),  # Nguyễn Văn An's card
    ({"phone": "call me"}, "phone", "chữ số"),
    ({"full_name": "x" * 121}, "full_name", ""),
    ({"full_name": "Nguyễn\x00Văn"}, "full_name", ""),
    ({"card_number": "1" * 21}, "card_number", ""),
])
def test_it_shows_errors_on_the_form_and_writes_nothing(client, world, overrides, field, message):
    client.force_login(world.secretary_a)
    before = Member.objects.count()
    response = client.post(reverse("organizations:member_create", args=[world.cell_a.code]),
                           member_form_data(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert Member.objects.count() == before


def test_it_edits_a_member_and_records_the_change(client, world):
    bich = world.a_members[1]
    client.force_login(world.secretary_a)
    url = reverse("organizations:member_edit", args=[bich.pk])
    form = client.get(url).content.decode()
    assert 'value="01/05/1970"' in form  # dates shown back as dd/mm/yyyy
    data = member_form_data(full_name="Trần Thị Bích Ngọc", card_number=bich.card_number, birth_date="01/05/1970",
                            admission_date="02/03/2000", official_date="02/03/2001")
    response = client.post(url, data)
    assert response.status_code == 302
    bich.refresh_from_db()
    assert bich.full_name == "Trần Thị Bích Ngọc" and bich.phone == "0912 345 678"
    event = AuditEvent.objects.get(action="member.update", object_id=bich.pk)
    assert event.actor == world.secretary_a and event.changes["full_name"] == ["Trần Thị Bích", "Trần Thị Bích Ngọc"]


def test_it_refuses_a_duplicate_card_on_edit(client, world):
    client.force_login(world.secretary_a)
    bich = world.a_members[1]
    data = member_form_data(full_name="Trần Thị Bích Mới", card_number="02000001", birth_date="01/05/1970",
                            admission_date="02/03/2000", official_date="02/03/2001")
    response = client.post(reverse("organizations:member_edit", args=[bich.pk]), data)
    assert "card_number" in response.context["form"].errors
    assert response.context["member"].full_name == "Trần Thị Bích"  # the page names the stored record
    assert response.context["form"]["full_name"].value() == "Trần Thị Bích Mới"  # the typed input is kept
    bich.refresh_from_db()
    assert bich.card_number == "01000002" and bich.full_name == "Trần Thị Bích"


def test_only_writers_of_the_cell_may_add_or_edit(client, world):
    create_a = reverse("organizations:member_create", args=[world.cell_a.code])
    edit_bich = reverse("organizations:member_edit", args=[world.a_members[1].pk])
    for user in (world.committee_leader, world.secretary_b, world.member_a, world.outsider):
        client.force_login(user)
        assert client.get(create_a).status_code == 404
        assert client.post(create_a, member_form_data()).status_code == 404
        assert client.post(edit_bich, member_form_data()).status_code == 404
    assert not Member.objects.filter(card_number="01000099").exists()
    client.force_login(world.committee_staff)  # members join cells, not committees
    assert client.get(reverse("organizations:member_create", args=[world.commune.code])).status_code == 404
    assert client.get(create_a).status_code == 200


# --- transfer and temporary attachment -----------------------------------------------------------

def test_the_committee_transfers_a_member_between_its_cells(client, world):
    cuong = world.a_members[2]
    client.force_login(world.committee_staff)
    url = reverse("organizations:member_transfer", args=[cuong.pk])
    choices = list(client.get(url).context["form"].fields["to"].queryset)
    assert choices == [world.cell_b]  # active cells the user writes, without the current one
    response = client.post(url, {"to": world.cell_b.pk, "effective_date": "01/10/2026", "note": "GGT số 12"},
                           follow=True)
    assert "Đã chuyển Lê Đức Cường đến Chi bộ Trường Tiểu học Đông Tiến." in response.content.decode()
    open_now = Membership.objects.get(member=cuong, end_date__isnull=True)
    assert open_now.organization == world.cell_b and open_now.start_date == date(2026, 10, 1)


def test_a_cell_secretary_is_told_to_record_a_transfer_out(client, world):
    cuong = world.a_members[2]
    client.force_login(world.secretary_a)
    url = reverse("organizations:member_transfer", args=[cuong.pk])
    response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Chuyển sinh hoạt ra ngoài" in content and "?kind=transferred_out" in content
    assert 'name="to"' not in content
    # Forcing the other cell's id through a POST changes nothing.
    response = client.post(url, {"to": world.cell_b.pk, "effective_date": "01/10/2026"})
    assert "to" in response.context["form"].errors
    assert Membership.objects.get(member=cuong, end_date__isnull=True).organization == world.cell_a
    exit_form = client.get(reverse("organizations:member_exit", args=[cuong.pk]) + "?kind=transferred_out")
    assert exit_form.context["form"]["kind"].value() == "transferred_out"


def test_it_refuses_a_transfer_dated_before_the_current_membership(client, world):
    client.force_login(world.committee_staff)
    response = client.post(reverse("organizations:member_transfer", args=[world.a_members[2].pk]),
                           {"to": world.cell_b.pk, "effective_date": "01/01/2019"})
    assert response.status_code == 200
    assert "Ngày chuyển phải sau" in " ".join(response.context["form"].non_field_errors())


def test_it_attaches_temporarily_and_ends_the_attachment(client, world):
    cuong = world.a_members[2]
    client.force_login(world.committee_staff)
    response = client.post(reverse("organizations:member_attach", args=[cuong.pk]),
                           {"to": world.cell_b.pk, "start_date": "01/06/2026", "end_date": "31/12/2026"})
    assert response.status_code == 302
    attachment = Membership.objects.get(member=cuong, kind=MembershipKind.TEMPORARY)
    assert attachment.organization == world.cell_b and attachment.planned_end_date == date(2026, 12, 31)
    end_url = reverse("organizations:attachment_end", args=[attachment.pk])
    assert end_url in client.get(detail_url(cuong)).content.decode()
    response = client.post(end_url, {"end_date": "31/05/2026"})  # before the start
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(end_url, {"end_date": "15/11/2026"})
    assert response.status_code == 302
    attachment.refresh_from_db()
    assert attachment.end_date == date(2026, 11, 15)
    assert AuditEvent.objects.filter(action="member.attachment_end", object_id=cuong.pk,
                                     actor=world.committee_staff).exists()


def test_attach_form_rejects_an_end_before_the_start(client, world):
    client.force_login(world.committee_staff)
    response = client.post(reverse("organizations:member_attach", args=[world.a_members[2].pk]),
                           {"to": world.cell_b.pk, "start_date": "01/06/2026", "end_date": "01/05/2026"})
    assert "end_date" in response.context["form"].errors
    assert not Membership.objects.filter(kind=MembershipKind.TEMPORARY).exists()


def test_the_host_cell_cannot_end_an_attachment(client, world):
    attachment = services.member_attach_temporarily(member=world.a_members[2], to=world.cell_b,
                                                    start_date=date(2026, 6, 1))
    client.force_login(world.secretary_b)
    url = reverse("organizations:attachment_end", args=[attachment.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"end_date": "01/07/2026"}).status_code == 404
    client.force_login(world.secretary_a)
    assert client.post(url, {"end_date": "01/07/2026"}).status_code == 302


# --- exemption, exit, positions ------------------------------------------------------------------

def test_it_exempts_and_ends_the_exemption(client, world):
    cuong = world.a_members[2]
    client.force_login(world.secretary_a)
    response = client.post(reverse("organizations:member_exempt", args=[cuong.pk]), {
        "kind": "age_health", "reason": "Tuổi cao, sức yếu", "start_date": "01/03/2026",
        "expected_end_date": "", "resolution_ref": "Nghị quyết số 05-NQ/CB ngày 03/3/2026"})
    assert response.status_code == 302
    exemption = Exemption.objects.get(member=cuong)
    assert exemption.start_date == date(2026, 3, 1) and exemption.resolution_ref.startswith("Nghị quyết số 05")
    again = client.post(reverse("organizations:member_exempt", args=[cuong.pk]), {
        "kind": "illness", "reason": "Ốm", "start_date": "01/04/2026"})
    assert "đang được miễn" in " ".join(again.context["form"].non_field_errors())
    end_url = reverse("organizations:exemption_end", args=[exemption.pk])
    early = client.post(end_url, {"end_date": "01/02/2026"})
    assert "sau ngày bắt đầu miễn" in " ".join(early.context["form"].non_field_errors())
    assert Exemption.objects.get(pk=exemption.pk).ended_on is None
    assert client.post(end_url, {"end_date": "01/11/2026"}).status_code == 302
    assert Exemption.objects.get(pk=exemption.pk).ended_on == date(2026, 11, 1)


def test_it_rejects_an_exemption_ending_before_it_starts(client, world):
    client.force_login(world.secretary_a)
    response = client.post(reverse("organizations:member_exempt", args=[world.a_members[2].pk]), {
        "kind": "abroad", "reason": "Đi nước ngoài", "start_date": "01/03/2026", "expected_end_date": "01/02/2026"})
    assert "expected_end_date" in response.context["form"].errors
    assert not Exemption.objects.exists()


def test_it_refuses_to_end_an_exemption_before_its_start(client, world):
    exemption = services.member_exempt(member=world.a_members[2], kind="illness", reason="Ốm",
                                       start_date=date(2026, 3, 1))
    client.force_login(world.secretary_a)
    response = client.post(reverse("organizations:exemption_end", args=[exemption.pk]), {"end_date": "28/02/2026"})
    assert response.status_code == 200
    assert "sau ngày bắt đầu miễn" in " ".join(response.context["form"].non_field_errors())
    exemption.refresh_from_db()
    assert exemption.ended_on is None


def test_exit_needs_a_confirmation(client, world):
    dung = world.a_members[3]
    client.force_login(world.secretary_a)
    url = reverse("organizations:member_exit", args=[dung.pk])
    response = client.post(url, {"kind": "transferred_out", "exit_date": "01/11/2026"})
    assert "confirm" in response.context["form"].errors
    dung.refresh_from_db()
    assert not dung.has_exited
    response = client.post(url, {"kind": "transferred_out", "exit_date": "01/11/2026", "note": "Về Hà Nội",
                                 "confirm": "on"}, follow=True)
    assert "Đã đưa Phạm Thị Dung ra khỏi danh sách." in response.content.decode()
    dung.refresh_from_db()
    assert dung.exit_kind == "transferred_out" and dung.exit_date == date(2026, 11, 1)
    assert not Membership.objects.filter(member=dung, end_date__isnull=True).exists()
    content = client.get(detail_url(dung)).content.decode()
    assert "Chuyển sinh hoạt ra ngoài" in content and "Về Hà Nội" in content
    assert reverse("organizations:member_transfer", args=[dung.pk]) not in content
    assert client.get(url).status_code == 302  # already off the roll: back to the profile


@pytest.mark.parametrize("exit_date", ["", "32/13/2026", (date.today() + timedelta(days=3)).strftime("%d/%m/%Y"),
                                       "01/01/2019"])
def test_it_refuses_a_bad_exit_date(client, world, exit_date):
    dung = world.a_members[3]
    client.force_login(world.secretary_a)
    response = client.post(reverse("organizations:member_exit", args=[dung.pk]),
                           {"kind": "deceased", "exit_date": exit_date, "confirm": "on"})
    assert response.status_code == 200
    assert response.context["form"].errors
    dung.refresh_from_db()
    assert not dung.has_exited


def test_it_assigns_and_ends_a_position(client, world):
    bich = world.a_members[1]
    client.force_login(world.secretary_a)
    url = reverse("organizations:position_assign", args=[bich.pk])
    assert list(client.get(url).context["form"].fields["organization"].queryset) == [world.cell_a]
    response = client.post(url, {"title": "secretary", "organization": world.cell_a.pk, "start_date": "01/10/2026"})
    assert response.status_code == 302
    position = Position.objects.get(member=bich)
    assert position.title == "secretary" and position.end_date is None
    end_url = reverse("organizations:position_end", args=[position.pk])
    response = client.post(end_url, {"end_date": "01/09/2026"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert client.post(end_url, {"end_date": "01/11/2026"}).status_code == 302
    position.refresh_from_db()
    assert position.end_date == date(2026, 11, 1)
    assert AuditEvent.objects.filter(action="member.position_end", object_id=bich.pk, actor=world.secretary_a).exists()


def test_a_position_cannot_be_given_in_a_cell_the_member_is_not_in(client, world):
    client.force_login(world.committee_staff)
    response = client.post(reverse("organizations:position_assign", args=[world.a_members[1].pk]),
                           {"title": "secretary", "organization": world.cell_b.pk, "start_date": "01/10/2026"})
    assert "organization" in response.context["form"].errors
    assert not Position.objects.exists()


# --- the gate, for every write -------------------------------------------------------------------

def _write_urls(world):
    member = world.a_members[2]
    exemption = services.member_exempt(member=member, kind="illness", reason="Ốm", start_date=date(2026, 1, 1))
    # Another member is attached to cell B: the host cell sees an attached member, but not its attachment.
    attachment = services.member_attach_temporarily(member=world.a_members[1], to=world.cell_b,
                                                    start_date=date(2026, 2, 1))
    position = services.position_assign(member=member, organization=world.cell_a, title="deputy_secretary",
                                        start_date=date(2026, 1, 1))
    return [
        reverse("organizations:member_create", args=[world.cell_a.code]),
        reverse("organizations:member_edit", args=[member.pk]),
        reverse("organizations:member_transfer", args=[member.pk]),
        reverse("organizations:member_attach", args=[member.pk]),
        reverse("organizations:attachment_end", args=[attachment.pk]),
        reverse("organizations:member_exempt", args=[member.pk]),
        reverse("organizations:exemption_end", args=[exemption.pk]),
        reverse("organizations:member_exit", args=[member.pk]),
        reverse("organizations:position_assign", args=[member.pk]),
        reverse("organizations:position_end", args=[position.pk]),
    ]


def test_readers_and_outsiders_get_404_on_every_write(client, world):
    urls = _write_urls(world)
    events = AuditEvent.objects.count()
    for user in (world.committee_leader, world.member_a, world.secretary_b, world.outsider):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.username, url)
            assert client.post(url, {"end_date": "01/11/2026", "confirm": "on"}).status_code == 404, (user, url)
    assert AuditEvent.objects.count() == events


def test_writers_reach_every_write_and_an_empty_post_is_no_500(client, world):
    urls = _write_urls(world)
    for user in (world.secretary_a, world.committee_staff):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code in (200, 302), (user.username, url)
            assert client.post(url, {}).status_code in (200, 302), (user.username, url)
    assert not Member.objects.get(pk=world.a_members[2].pk).has_exited


@pytest.mark.parametrize("pk", [987654, 10**20])
@pytest.mark.parametrize("name", ["member_detail", "member_edit", "member_transfer", "member_attach",
                                  "attachment_end", "member_exempt", "exemption_end", "member_exit",
                                  "position_assign", "position_end"])
def test_unknown_ids_are_404(client, world, name, pk):
    client.force_login(world.admin)
    assert client.get(reverse(f"organizations:{name}", args=[pk])).status_code == 404


def test_ending_a_regular_membership_as_an_attachment_is_404(client, world):
    regular = Membership.objects.get(member=world.a_members[2])
    client.force_login(world.admin)
    assert client.get(reverse("organizations:attachment_end", args=[regular.pk])).status_code == 404
