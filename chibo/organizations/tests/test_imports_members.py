"""members_import: messy office files land exactly; any bad row writes nothing; re-imports update."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from chibo.core.models import AuditEvent
from chibo.organizations.imports.members import members_import
from chibo.organizations.imports.testing import nfd, write_csv, write_xlsx
from chibo.organizations.models import Member, Membership, Position, PositionTitle
from chibo.organizations.selectors import cell_roster, member_current_membership
from chibo.organizations.services import member_exit, organization_create

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên"]


def counts() -> tuple[int, int, int]:
    return Member.objects.count(), Membership.objects.count(), AuditEvent.objects.count()


def errors_of(result) -> list[tuple[int | None, str]]:
    return [(e.row, e.message) for e in result.errors]


def test_it_imports_a_messy_office_xlsx_exactly(world, tmp_path):
    today = timezone.localdate()
    rows = [
        ["ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN", None, None, None, "CỘNG SẢN VIỆT NAM"],
        ["CHI BỘ KHU PHỐ 1"],
        [],
        ["DANH SÁCH ĐẢNG VIÊN"],
        [None, None, "(Tính đến ngày 01/3/2026)"],
        ["STT", " Họ tên  đảng viên ", "Ngày tháng năm sinh", "GIỚI TÍNH", "Dân tộc", "Tôn giáo", "Ngày kết nạp",
         "Ngày công nhận chính thức", "Số thẻ ĐV", "Điện thoại", "Ghi chú"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)", "(11)"],
        [1, nfd("Đỗ  Thị   Hoa "), datetime(1985, 4, 12), "Nữ", " Kinh", "Không", "3/2/10", "03/02/2011",
         "01000101", 912345678, "chuyển đến 2020"],
        [],
        [2, "LÊ VĂN TÁM", "1975-08-19", "nam", nfd("Tày"), None, datetime(2005, 1, 1), None, " 01 000 102 ",
         "0987654321"],
        [3],  # a numbered row left empty in the office's template
        [4, nfd("Nguyễn Thị Ngọc Ánh"), "5/6/70", "Nữ", "Kinh", "Phật giáo", "19.05.1995", "1996-05-19 00:00:00",
         None, None],
        [None, "Tổng cộng: 3 đồng chí"],
        [None] * 8 + ["Đông Tiến, ngày 01 tháng 3 năm 2026"],  # in the card column: the table has ended
        [None, "Người lập biểu", None, None, None, None, None, None, "T/M CHI ỦY"],
        [None, "Trần Văn Lập", None, None, None, None, None, None, "Nguyễn Văn An"],  # signers: not members
    ]
    file = write_xlsx(tmp_path / "Danh sách ĐV.xlsx", rows)
    before = counts()

    result = members_import(organization=world.cell_a, source=file, imported_by=world.secretary_a)

    assert errors_of(result) == []
    assert (result.header_row, result.total_rows, result.created, result.updated) == (6, 3, 3, 0)
    assert result.unknown_columns == ["Ghi chú"]
    assert [r[0] for r in result.preview] == ["8", "10", "12"]
    hoa = Member.objects.get(card_number="01000101")
    assert (hoa.full_name, hoa.gender, hoa.birth_date, hoa.ethnicity, hoa.religion) == (
        "Đỗ Thị Hoa", "female", date(1985, 4, 12), "Kinh", "Không")
    assert (hoa.admission_date, hoa.official_date, hoa.status, hoa.phone) == (
        date(2010, 2, 3), date(2011, 2, 3), "official", "0912345678")
    tam = Member.objects.get(card_number="01000102")
    assert (tam.full_name, tam.gender, tam.birth_date, tam.ethnicity) == ("Lê Văn Tám", "male", date(1975, 8, 19), "Tày")
    assert (tam.admission_date, tam.official_date, tam.status, tam.religion) == (date(2005, 1, 1), None, "probationary", "")
    anh = Member.objects.get(search_name="nguyen thi ngoc anh")
    assert (anh.birth_date, anh.admission_date, anh.official_date, anh.card_number) == (
        date(1970, 6, 5), date(1995, 5, 19), date(1996, 5, 19), None)
    assert anh.full_name.encode() == "Nguyễn Thị Ngọc Ánh".encode()  # NFC, not the NFD of the file
    membership = member_current_membership(hoa)
    assert membership is not None
    assert (membership.organization, membership.start_date, membership.kind) == (world.cell_a, date(2010, 2, 3), "regular")
    assert member_current_membership(tam).start_date == date(2005, 1, 1)
    assert today >= date(2005, 1, 1)
    assert counts() == (before[0] + 3, before[1] + 3, before[2] + 1)
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.object_id, event.actor) == ("member.import", world.cell_a.pk, world.secretary_a)
    assert "3 thêm mới" in event.summary


@pytest.mark.parametrize("delimiter,bom", [(";", True), (",", False), (";", False), ("\t", True)])
def test_it_reads_csv_with_or_without_bom_and_any_separator(world, tmp_path, delimiter, bom):
    rows = [
        ["DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 1"],
        [],
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ", "Số điện thoại"],
        ["1", nfd(" Phan  Văn Khải"), "01/02/1960", "Nam", "02/09/1985", "02/09/1986", "01000201", "0912 345 678"],
        ["", "", "", "", "", "", "", ""],
        ["2", "Hà Thị Lan", "1/2/88", "Nữ", "3/2/15", "", "01000202", ""],
    ]
    file = write_csv(tmp_path / "ds.csv", rows, delimiter=delimiter, bom=bom)

    result = members_import(organization=world.cell_a, source=file)

    assert errors_of(result) == []
    assert (result.header_row, result.created) == (3, 2)
    khai = Member.objects.get(card_number="01000201")
    assert (khai.full_name, khai.birth_date, khai.official_date, khai.status, khai.phone) == (
        "Phan Văn Khải", date(1960, 2, 1), date(1986, 9, 2), "official", "0912 345 678")
    lan = Member.objects.get(card_number="01000202")
    assert (lan.birth_date, lan.admission_date, lan.status) == (date(1988, 2, 1), date(2015, 2, 3), "probationary")


def test_it_reads_a_two_level_header_and_finds_the_list_on_a_later_sheet(world, tmp_path):
    rows = [
        ["CHI BỘ KHU PHỐ 1"],
        ["TT", "Họ và tên", "Ngày, tháng, năm", None, None, "Số thẻ"],
        [None, None, "Sinh", "Vào Đảng", "Chính thức", None],
        [1, "Mai Văn Sơn", date(1990, 1, 2), date(2015, 3, 4), date(2016, 3, 4), "01000301"],
    ]
    file = write_xlsx(tmp_path / "ds.xlsx", rows, title="Danh sách", extra_sheets=["Hướng dẫn"])

    result = members_import(organization=world.cell_a, source=file)

    assert errors_of(result) == [] and result.header_row == 3
    son = Member.objects.get(card_number="01000301")
    assert (son.birth_date, son.admission_date, son.official_date) == (date(1990, 1, 2), date(2015, 3, 4), date(2016, 3, 4))


def test_it_puts_each_row_in_the_cell_it_names_when_importing_into_a_committee(world, tmp_path):
    rows = [
        ["ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN"],
        HEADER + ["Chi bộ"],
        [1, "Đinh Văn Một", "01/01/1980", "Nam", "01/01/2010", "", "01000401", "38.168.001"],
        [2, "Đinh Văn Hai", "01/01/1981", "Nam", "01/01/2011", "", "01000402", "trường tiểu học đông tiến"],
        ["Chi bộ Khu phố 1"],  # a section row: the rows below it belong to that cell
        [3, "Đinh Văn Ba", "01/01/1982", "Nam", "01/01/2012", "", "01000403", None],
    ]
    file = write_xlsx(tmp_path / "ds.xlsx", rows)

    result = members_import(organization=world.commune, source=file)

    assert errors_of(result) == []
    assert member_current_membership(Member.objects.get(card_number="01000401")).organization == world.cell_a
    assert member_current_membership(Member.objects.get(card_number="01000402")).organization == world.cell_b
    assert member_current_membership(Member.objects.get(card_number="01000403")).organization == world.cell_a
    assert AuditEvent.objects.filter(action="member.import", object_id=world.commune.pk).count() == 1


def test_it_reports_every_bad_row_by_its_spreadsheet_number_and_writes_nothing(world, tmp_path):
    today = timezone.localdate()
    future = today + timedelta(days=30)
    rows = [
        ["ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN"],
        ["DANH SÁCH ĐẢNG VIÊN"],
        [],
        HEADER,
        [1, "Hợp Lệ Một", "01/01/1980", "Nam", "01/01/2010", "", "01000501"],  # row 5: fine
        [2, None, "01/01/1980", "Nam", "01/01/2010", "", "01000502"],  # 6
        [3, "Ngày Sai", "31/02/1980", "Nam", "01/01/2010", "", "01000503"],  # 7
        [4, "Tương Lai", "01/01/1980", "Nam", future.strftime("%d/%m/%Y"), "", "01000504"],  # 8
        [5, "Sinh Sau", "01/01/2012", "Nam", "01/01/2010", "", "01000505"],  # 9
        [6, "Chính Thức Trước", "01/01/1980", "Nam", "01/01/2010", "01/01/2009", "01000506"],  # 10
        [7, "Chỉ Có Năm", 1980, "Nam", "01/01/2010", "", "01000507"],  # 11
        [8, "Giới Tính Lạ", "01/01/1980", "X", "01/01/2010", "", "01000508"],  # 12
        [9, "Trùng Thẻ", "02/02/1980", "Nam", "01/01/2010", "", "01000501"],  # 13
        [10, "Thẻ Chi Bộ Khác", "01/01/1980", "Nam", "01/01/2010", "", "02000001"],  # 14
        [11, "Chỉ Có Tên", None, None, None, None, None],  # 15
        [12, "Kiểu Mỹ", "12/25/1980", "Nam", "01/01/2010", "", "01000512"],  # 16
    ]
    file = write_xlsx(tmp_path / "ds.xlsx", rows)
    before = counts()

    result = members_import(organization=world.cell_a, source=file)

    assert not result.written
    assert errors_of(result) == [
        (6, "Thiếu họ và tên."),
        (7, "Ngày sinh “31/02/1980” không phải là ngày hợp lệ (ghi theo ngày/tháng/năm, ví dụ 05/03/1970)."),
        (8, f"Ngày vào Đảng {future:%d/%m/%Y} ở tương lai."),
        (9, "Ngày sinh (01/01/2012) phải trước ngày vào Đảng (01/01/2010)."),
        (10, "Ngày vào Đảng (01/01/2010) không thể sau ngày chính thức (01/01/2009)."),
        (11, "Ngày sinh chỉ có năm (1980); cần ghi đủ ngày/tháng/năm."),
        (12, "Giới tính phải là Nam hoặc Nữ, không phải “X”."),
        (13, "Số thẻ 01000501 trùng với dòng 5."),
        (14, "Số thẻ 02000001 đã thuộc một đảng viên của tổ chức khác."),
        (15, "Dòng “Chỉ Có Tên” chỉ có họ tên: cần thêm ngày sinh, ngày vào Đảng hoặc số thẻ để nhận ra đảng viên."),
        (16, "Ngày sinh “12/25/1980” không phải là ngày hợp lệ (ghi theo ngày/tháng/năm, ví dụ 05/03/1970)."),
    ]
    assert result.error_rows == 11
    assert counts() == before


def test_it_checks_cells_inside_the_committee_subtree(world, tmp_path):
    other = organization_create(code="38.200", name="Đảng bộ xã Khác", kind="commune", parent=world.province)
    organization_create(code="38.200.001", name="Chi bộ Thôn Xa", kind="grassroots_cell", parent=other)
    organization_create(code="38.168.003", name="Chi bộ Khu phố 3", kind="grassroots_cell", parent=world.commune)
    organization_create(code="38.168.004", name="Chi bộ Khu phố 3", kind="subordinate_cell", parent=world.commune)
    rows = [
        HEADER + ["Chi bộ"],
        [1, "Một", "01/01/1980", "Nam", "01/01/2010", "", "01000601", "38.200.001"],  # 2: outside the subtree
        [2, "Hai", "01/01/1980", "Nam", "01/01/2010", "", "01000602", "38.168"],  # 3: the commune, not a cell
        [3, "Ba", "01/01/1980", "Nam", "01/01/2010", "", "01000603", "Chi bộ Không Có"],  # 4
        [4, "Bốn", "01/01/1980", "Nam", "01/01/2010", "", "01000604", None],  # 5: new, no cell
        [5, "Năm", "01/01/1980", "Nam", "01/01/2010", "", "01000605", "khu pho 3"],  # 6: two cells by that name
        [6, "Sáu", "01/01/1980", "Nam", "01/01/2010", "", "01000606", "38.168.004"],  # 7: fine by code
    ]
    file = write_xlsx(tmp_path / "ds.xlsx", rows)
    before = counts()

    result = members_import(organization=world.commune, source=file)

    assert errors_of(result) == [
        (2, "Chi bộ “38.200.001” không thuộc Đảng bộ phường Đông Tiến."),
        (3, "“38.168” không phải là chi bộ."),
        (4, "Không tìm thấy chi bộ “Chi bộ Không Có” trong Đảng bộ phường Đông Tiến."),
        (5, "Cần ghi chi bộ của đảng viên mới (cột “Chi bộ”)."),
        (6, "Có 2 chi bộ tên “khu pho 3”; hãy ghi mã chi bộ."),
    ]
    assert counts() == before


def test_a_cell_import_refuses_rows_naming_another_cell(world, tmp_path):
    rows = [HEADER + ["Chi bộ"], [1, "Một", "01/01/1980", "Nam", "01/01/2010", "", "01000701", "38.168.002"]]
    result = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "ds.xlsx", rows))
    assert errors_of(result) == [(2, "Chi bộ “38.168.002” không thuộc Chi bộ Khu phố 1.")]


def test_reimporting_the_same_file_updates_instead_of_duplicating(world, tmp_path):
    rows = [
        ["DANH SÁCH ĐẢNG VIÊN"],
        HEADER + ["Số điện thoại"],
        [1, "Cao Văn Bảy", "07/07/1977", "Nam", "07/07/2007", "07/07/2008", "01000801", "0911111111"],
        [2, "Cao Thị Tám", "08/08/1988", "Nữ", "08/08/2018", "", None, ""],  # no card: matched on name + birth date
    ]
    file = write_xlsx(tmp_path / "ds.xlsx", rows)
    first = members_import(organization=world.cell_a, source=file)
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    before = counts()

    again = members_import(organization=world.cell_a, source=file)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert counts() == (before[0], before[1], before[2] + 1)  # only the import's own audit event

    rows[2][7] = "0922222222"
    rows[3][1] = nfd("cao thị  tám")  # same person, typed differently
    rows[3][5] = "08/08/2019"  # now official
    changed = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "ds2.xlsx", rows))

    assert (changed.created, changed.updated, changed.unchanged) == (0, 2, 0)
    assert Member.objects.get(card_number="01000801").phone == "0922222222"
    tam = Member.objects.get(search_name="cao thi tam")
    assert (tam.full_name, tam.status, tam.official_date) == ("cao thị tám", "official", date(2019, 8, 8))
    assert Member.objects.count() == before[0]


def test_a_row_without_card_matches_a_member_on_file_and_blank_cells_keep_what_is_there(world, tmp_path):
    bich = world.a_members[1]  # Trần Thị Bích, card 01000002, born 01/05/1970
    rows = [["Họ và tên", "Ngày sinh", "Dân tộc", "Số điện thoại"],
            [nfd("TRẦN THỊ BÍCH"), "1/5/1970", "", "0933333333"]]

    result = members_import(organization=world.cell_a, source=write_csv(tmp_path / "ds.csv", rows))

    assert (result.created, result.updated) == (0, 1)
    bich.refresh_from_db()
    assert (bich.full_name, bich.phone, bich.ethnicity, bich.card_number) == ("Trần Thị Bích", "0933333333", "Kinh",
                                                                               "01000002")


def test_a_new_card_fills_in_a_member_on_file_without_one(world, tmp_path):
    rows = [HEADER, [1, "Không Thẻ", "01/01/1980", "Nam", "01/01/2010", "", None]]
    members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "a.xlsx", rows))
    rows[1][6] = "01000901"

    result = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "b.xlsx", rows))

    assert (result.created, result.updated) == (0, 1)
    assert Member.objects.get(search_name="khong the").card_number == "01000901"


def test_a_committee_import_naming_another_cell_transfers_the_member(world, tmp_path):
    cuong = world.a_members[2]  # Lê Đức Cường, cell A since 01/01/2020
    secretary = Position.objects.create(member=cuong, organization=world.cell_a, title=PositionTitle.COMMITTEE_MEMBER,
                                        start_date=date(2021, 1, 1))
    today = timezone.localdate()
    rows = [HEADER + ["Chi bộ"],
            [1, "Lê Đức Cường", "01/05/1970", "Nam", "02/03/2000", "02/03/2001", "01000003", "38.168.002"],
            [2, "Nguyễn Văn An", "01/05/1970", "Nam", "02/03/2000", "02/03/2001", "01000001", ""]]  # keeps cell A

    result = members_import(organization=world.commune, source=write_xlsx(tmp_path / "ds.xlsx", rows))

    assert (result.created, result.updated, result.transferred, result.unchanged) == (0, 1, 1, 1)
    old = Membership.objects.get(member=cuong, organization=world.cell_a)
    assert (old.end_date, old.end_reason) == (today - timedelta(days=1), "transfer")
    new = member_current_membership(cuong)
    assert (new.organization, new.start_date) == (world.cell_b, today)
    secretary.refresh_from_db()
    assert secretary.end_date == today - timedelta(days=1)
    assert cuong not in cell_roster(world.cell_a) and cuong in cell_roster(world.cell_b)
    assert member_current_membership(world.a_members[0]).organization == world.cell_a


def test_a_card_number_pointing_at_someone_else_is_refused(world, tmp_path):
    rows = [HEADER, [1, "Người Khác Hẳn", "09/09/1999", "Nam", "01/01/2020", "", "01000001"]]
    result = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "ds.xlsx", rows))
    assert errors_of(result) == [
        (2, "Số thẻ 01000001 là của đảng viên Nguyễn Văn An (sinh 01/05/1970); kiểm tra lại số thẻ."),
    ]


def test_the_card_of_a_member_who_left_the_roll_is_refused(world, tmp_path):
    member_exit(member=world.a_members[2], kind="deceased", exit_date=date(2024, 1, 1))
    rows = [HEADER, [1, "Lê Đức Cường", "01/05/1970", "Nam", "02/03/2000", "02/03/2001", "01000003"]]
    result = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "ds.xlsx", rows))
    assert errors_of(result) == [
        (2, "Số thẻ 01000003 là của một đảng viên đã ra khỏi danh sách; không nhập lại qua tệp."),
    ]


def test_dates_are_checked_against_what_is_on_file_too(world, tmp_path):
    # Phạm Thị Dung was admitted on 03/02/2026: an official date before that cannot be right.
    rows = [["Họ và tên", "Số thẻ đảng viên", "Ngày chính thức"], ["Phạm Thị Dung", "01000004", "01/01/2026"]]
    result = members_import(organization=world.cell_a, source=write_csv(tmp_path / "ds.csv", rows))
    assert errors_of(result) == [
        (2, "Ngày vào Đảng (03/02/2026) không thể sau ngày chính thức (01/01/2026). "
            "(Ngày không có trong tệp được lấy từ hồ sơ đang có.)"),
    ]


def test_a_dry_run_counts_but_writes_nothing(world, tmp_path):
    rows = [HEADER, [1, "Thử Nghiệm", "01/01/1980", "Nam", "01/01/2010", "", "01001001"]]
    before = counts()
    result = members_import(organization=world.cell_a, source=write_xlsx(tmp_path / "ds.xlsx", rows), dry_run=True)
    assert (result.ok, result.created, result.written) == (True, 1, False)
    assert counts() == before


def test_a_file_without_a_recognisable_header_or_rows_is_refused(world, tmp_path):
    no_header = members_import(organization=world.cell_a,
                               source=write_csv(tmp_path / "a.csv", [["Tên", "Tuổi"], ["An", "50"]]))
    assert [e.row for e in no_header.errors] == [None]
    assert no_header.errors[0].message.startswith("Không tìm thấy dòng tiêu đề")
    no_rows = members_import(organization=world.cell_a, source=write_csv(tmp_path / "b.csv", [["x"], HEADER]))
    assert errors_of(no_rows) == [(None, "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 2).")]
