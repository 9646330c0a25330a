"""chibo import_members / import_organizations: exit status 0, 1 (invalid rows), 2 (bad usage); report on stderr."""

import pytest
from django.core.management import ManagementUtility
from django.db import connections
from openpyxl import load_workbook

from chibo.organizations.imports.testing import write_csv, write_xlsx
from chibo.organizations.models import Member, Organization

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên"]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # run_from_argv closes every connection when the command ends; on PostgreSQL that would end the
    # test's transaction (and the world with it).
    monkeypatch.setattr(connections, "close_all", lambda: None)


def chibo(*args: str) -> int:
    """Run the command as `chibo ...` does, returning its exit status."""
    try:
        ManagementUtility(["chibo", *args]).execute()
    except SystemExit as exit:
        return int(exit.code or 0)
    return 0


def good_file(tmp_path):
    return write_xlsx(tmp_path / "ds.xlsx", [
        ["CHI BỘ KHU PHỐ 1"], ["DANH SÁCH ĐẢNG VIÊN"], HEADER,
        [1, "Tô Văn Mười", "10/10/1980", "Nam", "10/10/2010", "10/10/2011", "01002001"],
        [2, "Tô Thị Mười Một", "11/11/1981", "Nữ", "11/11/2011", None, "01002002"],
    ])


def test_it_imports_and_prints_a_summary(world, tmp_path, capsys):
    assert chibo("import_members", str(good_file(tmp_path)), "--org", "38.168.001") == 0
    out = capsys.readouterr().out
    assert "Nhập tệp ds.xlsx: 2 dòng — 2 thêm mới, 0 cập nhật (0 chuyển sinh hoạt), 0 không đổi." in out
    assert Member.objects.filter(card_number__in=["01002001", "01002002"]).count() == 2

    assert chibo("import_members", str(good_file(tmp_path)), "--org", "38.168.001") == 0
    assert "0 thêm mới, 0 cập nhật (0 chuyển sinh hoạt), 2 không đổi" in capsys.readouterr().out


def test_a_dry_run_writes_nothing(world, tmp_path, capsys):
    before = Member.objects.count()
    assert chibo("import_members", str(good_file(tmp_path)), "--org", "38.168.001", "--dry-run") == 0
    assert capsys.readouterr().out.startswith("Kiểm tra thử, chưa ghi gì. Nhập tệp ds.xlsx: 2 dòng — 2 thêm mới")
    assert Member.objects.count() == before


def test_invalid_rows_exit_1_with_each_row_on_stderr_and_an_error_file(world, tmp_path, capsys):
    file = write_csv(tmp_path / "ds.csv", [
        ["DANH SÁCH ĐẢNG VIÊN"], [], HEADER + ["Ghi chú"],
        ["1", "Đúng", "01/01/1980", "Nam", "01/01/2010", "", "01003001", ""],
        ["2", "Sai Ngày", "32/01/1980", "Nam", "01/01/2010", "", "01003002", "ghi chú"],
        ["3", "", "01/01/1980", "Nam", "01/01/2010", "", "01003003", ""],
    ], delimiter=";", bom=True)
    report = tmp_path / "loi.xlsx"
    before = Member.objects.count()

    status = chibo("import_members", str(file), "--org", "38.168.001", "--error-report", str(report))

    err = capsys.readouterr().err
    assert status == 1
    assert "Lưu ý: bỏ qua các cột không nhận ra: Ghi chú" in err
    assert "Dòng 5: Ngày sinh “32/01/1980” không phải là ngày hợp lệ" in err
    assert "Dòng 6: Thiếu họ và tên." in err
    assert "2 dòng có lỗi; chưa ghi gì vào cơ sở dữ liệu." in err
    assert Member.objects.count() == before
    sheet = load_workbook(report).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "DANH SÁCH ĐẢNG VIÊN"
    assert rows[2][-1] == "Lỗi"
    assert rows[3][-1] is None
    assert rows[4][1] == "Sai Ngày" and rows[4][-1].startswith("Ngày sinh “32/01/1980”")
    assert rows[5][-1] == "Thiếu họ và tên."


@pytest.mark.parametrize("args,message", [
    (["--org", "99.999"], "Không có tổ chức mã 99.999."),
    (["--org", "38.168.001", "--no-such-option"], "unrecognized arguments"),
])
def test_bad_usage_exits_2(world, tmp_path, capsys, args, message):
    assert chibo("import_members", str(good_file(tmp_path)), *args) == 2
    assert message in capsys.readouterr().err


def test_a_missing_or_unreadable_file_exits_2(world, tmp_path, capsys):
    assert chibo("import_members", str(tmp_path / "khong-co.xlsx"), "--org", "38.168.001") == 2
    assert "Không thấy tệp" in capsys.readouterr().err
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip file at all")
    assert chibo("import_members", str(broken), "--org", "38.168.001") == 2
    assert "tệp hỏng hoặc không phải .xlsx" in capsys.readouterr().err
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert chibo("import_members", str(old), "--org", "38.168.001") == 2
    assert "Tệp .xls (Excel 97–2003) chưa đọc được" in capsys.readouterr().err
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("Họ và tên;Ngày sinh\nAn;01/01/1980\n".encode("utf-16"))
    assert chibo("import_members", str(utf16), "--org", "38.168.001") == 2
    assert "UTF-8" in capsys.readouterr().err


def test_import_organizations_exit_codes(world, tmp_path, capsys):
    good = write_csv(tmp_path / "to-chuc.csv", [["Mã", "Tên", "Loại", "Mã cấp trên"],
                                                 ["38.168.010", "Chi bộ Khu phố 10", "Chi bộ cơ sở", "38.168"]])
    assert chibo("import_organizations", str(good), "--dry-run") == 0
    assert not Organization.objects.filter(code="38.168.010").exists()
    assert chibo("import_organizations", str(good)) == 0
    assert "1 thêm mới" in capsys.readouterr().out
    assert Organization.objects.get(code="38.168.010").parent == world.commune

    bad = write_csv(tmp_path / "sai.csv", [["Mã", "Tên", "Loại", "Mã cấp trên"],
                                            ["38.168.011", "Chi bộ 11", "Không biết", "38.168"]])
    assert chibo("import_organizations", str(bad)) == 1
    assert "Dòng 2: Loại tổ chức “Không biết” không có trong danh mục." in capsys.readouterr().err
    assert chibo("import_organizations", str(tmp_path / "khong-co.csv")) == 2
