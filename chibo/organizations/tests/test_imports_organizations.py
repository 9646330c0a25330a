"""organizations_import: a tree from a file, made exactly as organization_create makes it; all or nothing."""

from chibo.core.models import AuditEvent
from chibo.organizations.imports.organizations import organizations_import
from chibo.organizations.imports.testing import nfd, write_csv, write_xlsx
from chibo.organizations.models import Organization, OrganizationChange
from chibo.organizations.selectors import organization_subtree, subtree_cell_count
from chibo.organizations.services import path_for

HEADER = ["STT", "Mã", "Tên", "Loại", "Loại hình", "Mã cấp trên"]


def errors_of(result) -> list[tuple[int | None, str]]:
    return [(e.row, e.message) for e in result.errors]


def test_it_builds_a_tree_whose_subtree_queries_work(world, tmp_path):
    rows = [
        ["DANH SÁCH TỔ CHỨC ĐẢNG TRỰC THUỘC"],
        [],
        HEADER,
        [1, "40", "Đảng bộ tỉnh Nghệ An", "Đảng bộ tỉnh, thành phố", None, None],
        [2, "40.001", nfd("Đảng bộ xã  Nghi Lộc "), "đảng bộ xã", None, "40"],
        [3, "40.001.01", "Chi bộ Xóm 1", "CHI BO CO SO", "Thôn, tổ dân phố", "40.001"],
        [4, "40.001.02", "Chi bộ Trường THCS", "grassroots_cell", "education", "40.001"],
        [5, "40.001.02.1", "Tổ đảng Giáo viên", "Tổ đảng", None, "40.001.02"],
        [6, "40.001.03", "Đảng bộ bộ phận Xóm 3", "Đảng bộ bộ phận", None, "40.001"],
        [7, "40.001.03.1", "Chi bộ Xóm 3A", "Chi bộ trực thuộc", "residential", "40.001.03"],
        [8, "38.168.009", "Chi bộ Khu phố 9", "Chi bộ cơ sở", "Thôn, tổ dân phố", "38.168"],  # under the world's commune
    ]
    before = Organization.objects.count()

    result = organizations_import(source=write_xlsx(tmp_path / "to-chuc.xlsx", rows))

    assert errors_of(result) == []
    assert (result.header_row, result.created, result.updated, result.unchanged) == (3, 8, 0, 0)
    assert Organization.objects.count() == before + 8
    province = Organization.objects.get(code="40")
    commune = Organization.objects.get(code="40.001")
    assert (province.parent, province.depth, province.path) == (None, 0, path_for(province.pk, None))
    assert (commune.name, commune.kind, commune.depth, commune.path) == (
        "Đảng bộ xã Nghi Lộc", "commune", 1, path_for(commune.pk, province))
    xom3a = Organization.objects.get(code="40.001.03.1")
    assert (xom3a.kind, xom3a.sector, xom3a.depth) == ("subordinate_cell", "residential", 3)
    assert xom3a.path == path_for(xom3a.pk, Organization.objects.get(code="40.001.03"))
    assert Organization.objects.get(code="40.001.02").sector == "education"
    assert set(organization_subtree(commune).values_list("code", flat=True)) == {
        "40.001", "40.001.01", "40.001.02", "40.001.02.1", "40.001.03", "40.001.03.1"}
    assert subtree_cell_count(province) == 3
    assert subtree_cell_count(world.commune) == 3
    assert Organization.objects.get(code="38.168.009").path.startswith(world.commune.path)
    assert OrganizationChange.objects.filter(organization__code__startswith="40", kind="create").count() == 7
    assert AuditEvent.objects.filter(action="organization.import", object_id=province.pk).count() == 1


def test_reimporting_updates_names_and_sectors_without_duplicates(world, tmp_path):
    rows = [["Mã", "Tên", "Loại", "Loại hình", "Mã cấp trên"],
            ["38.168.001", "Chi bộ Khu phố Một", "Chi bộ cơ sở", "Thôn, tổ dân phố", "38.168"],
            ["38.168.002", "Chi bộ Trường Tiểu học Đông Tiến", "", "", "38.168"],
            ["38.168.005", "Chi bộ Khu phố 5", "Chi bộ cơ sở", "", "38.168"]]
    before = Organization.objects.count()

    result = organizations_import(source=write_csv(tmp_path / "a.csv", rows, delimiter=";", bom=True))

    assert errors_of(result) == []
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    world.cell_a.refresh_from_db()
    assert (world.cell_a.name, world.cell_a.search_name) == ("Chi bộ Khu phố Một", "chi bo khu pho mot")
    again = organizations_import(source=write_csv(tmp_path / "b.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Organization.objects.count() == before + 1


def test_every_bad_row_is_reported_and_nothing_is_written(world, tmp_path):
    rows = [
        ["CÂY TỔ CHỨC"],
        HEADER,
        [1, "50", "Đảng bộ tỉnh A", "Đảng bộ tỉnh, thành phố", "", ""],  # 3: fine
        [2, "50.002", "Đảng bộ xã B", "Đảng bộ xã, phường, đặc khu", "", "50.001"],  # 4: parent further down
        [3, "50.001", "Đảng bộ xã A", "Đảng bộ xã, phường, đặc khu", "", "50"],  # 5: fine
        [4, "50.003", "Đảng bộ xã C", "Không rõ", "", "50"],  # 6
        [5, "50.001", "Trùng mã", "Chi bộ cơ sở", "", "50"],  # 7
        [6, "50.004", "", "Chi bộ cơ sở", "Chợ", "50"],  # 8
        [7, "50.005", "Chi bộ dưới chi bộ", "Chi bộ cơ sở", "", "38.168.001"],  # 9
        [8, "50.006", "Không có cấp trên", "Chi bộ cơ sở", "", "99.999"],  # 10
        [9, "38.168.001", "Chi bộ Khu phố 1", "Chi bộ cơ sở", "", "50"],  # 11: exists elsewhere in the tree
        [10, "50.007", "Chưa có loại", "", "", "50"],  # 12
    ]
    before = (Organization.objects.count(), OrganizationChange.objects.count(), AuditEvent.objects.count())

    result = organizations_import(source=write_xlsx(tmp_path / "to-chuc.xlsx", rows))

    assert errors_of(result) == [
        (4, "Mã cấp trên 50.001 ở dòng 5, phía dưới: hãy xếp cấp trên lên trước."),
        (6, "Loại tổ chức “Không rõ” không có trong danh mục."),
        (7, "Mã 50.001 trùng với dòng 5."),
        (8, "Thiếu tên tổ chức."),
        (8, "Loại hình “Chợ” không có trong danh mục."),
        (9, "Dưới chi bộ chỉ có thể lập tổ đảng."),
        (10, "Không tìm thấy tổ chức cấp trên có mã 99.999."),
        (11, "Mã 38.168.001 đã có, trực thuộc 38.168; tệp nhập không chuyển tổ chức (dùng chức năng "
             "“Chuyển trực thuộc”)."),
        (12, "Thiếu loại tổ chức (ví dụ: Chi bộ cơ sở, Đảng bộ cơ sở)."),
    ]
    assert (Organization.objects.count(), OrganizationChange.objects.count(), AuditEvent.objects.count()) == before


def test_an_upload_from_an_organization_page_stays_inside_its_subtree(world, tmp_path):
    rows = [["Mã", "Tên", "Loại", "Mã cấp trên"],
            ["38.168.020", "Chi bộ Khu phố 20", "Chi bộ cơ sở", "38.168"],
            ["38.999", "Đảng bộ xã khác", "Đảng bộ xã, phường, đặc khu", "38"],
            ["38.998", "Không cấp trên", "Đảng bộ xã, phường, đặc khu", ""]]

    result = organizations_import(source=write_csv(tmp_path / "a.csv", rows), within=world.commune, dry_run=True)

    assert errors_of(result) == [
        (3, "Mã cấp trên 38 không thuộc phạm vi được nhập."),
        (4, "Cần ghi mã cấp trên (một tổ chức thuộc Đảng bộ phường Đông Tiến)."),
    ]
