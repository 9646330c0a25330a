"""The import screens: template, upload → detail (preview, errors) → confirm, the error file, and who may see them.

Tasks run inline (ImmediateBackend, conftest.py), so an upload is checked before the redirect.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from chibo.core.models import AuditEvent
from chibo.organizations.forms import imports as import_forms
from chibo.organizations.imports import jobs
from chibo.organizations.imports.members import members_import
from chibo.organizations.imports.testing import write_xlsx
from chibo.organizations.models import ImportJob, Member, Organization
from chibo.organizations.selectors import member_current_membership

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên"]
GOOD_ROWS = [
    ["ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN"], ["DANH SÁCH ĐẢNG VIÊN CHI BỘ KHU PHỐ 1"], [], HEADER + ["Quê quán"],
    [1, "Kiều Văn Hùng", "12/12/1982", "Nam", "12/12/2012", "12/12/2013", "01004001", "Nghệ An"],
    [2, "Kiều Thị Hằng", "13/12/1983", "Nữ", "13/12/2013", None, "01004002", None],
]
BAD_ROWS = [
    ["DANH SÁCH ĐẢNG VIÊN"], HEADER,
    [1, "Đúng Rồi", "01/01/1980", "Nam", "01/01/2010", None, "01005001"],
    [2, "Ngày Hỏng", "30/02/1980", "Nam", "01/01/2010", None, "01005002"],
    [3, "Thẻ Người Khác", "01/01/1980", "Nam", "01/01/2010", None, "02000001"],
]


def upload_file(tmp_path, rows, name="danh-sach.xlsx") -> SimpleUploadedFile:
    path = write_xlsx(tmp_path / name, rows)
    return SimpleUploadedFile(name, path.read_bytes())


def upload(client, org, file, **data):
    return client.post(reverse("organizations:import_upload", args=[org.code]),
                       {"kind": "members", "file": file, **data})


def job_urls(job) -> list[str]:
    return [reverse(f"organizations:{name}", args=[job.pk])
            for name in ("import_detail", "import_status", "import_confirm", "import_errors")]


def test_the_template_is_a_workbook_the_importer_reads_as_an_empty_list(client, world, tmp_path):
    client.force_login(world.member_a)
    response = client.get(reverse("organizations:import_template"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-danh-sach-dang-vien.xlsx"'
    content = b"".join(response.streaming_content)
    rows = [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(max_row=4, values_only=True)]
    assert rows[0][0] == "DANH SÁCH ĐẢNG VIÊN" and rows[1][0].startswith("Ghi chú:")
    assert rows[2][:3] == ["STT", "Họ và tên", "Ngày sinh"] and rows[3][:2] == ["Ví dụ", "Nguyễn Văn An"]
    (tmp_path / "mau.xlsx").write_bytes(content)
    result = members_import(organization=world.cell_a, source=tmp_path / "mau.xlsx", dry_run=True)
    assert result.header_row == 3 and [e.message for e in result.errors] == [
        "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 3)."]  # the example row is never imported

    organizations = client.get(reverse("organizations:import_template") + "?loai=to-chuc")
    rows = list(load_workbook(io.BytesIO(b"".join(organizations.streaming_content))).active.values)
    assert list(rows[2][:6]) == ["STT", "Mã", "Tên", "Loại", "Loại hình", "Mã cấp trên"]


def test_upload_preview_confirm_writes_everything_once(client, world, tmp_path):
    client.force_login(world.secretary_a)
    page = client.get(reverse("organizations:import_upload", args=["38.168.001"]))
    assert page.status_code == 200 and reverse("organizations:import_template").encode() in page.content
    before = Member.objects.count()

    response = upload(client, world.cell_a, upload_file(tmp_path, GOOD_ROWS))

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("organizations:import_detail", args=[job.pk])
    assert (job.status, job.total_rows, job.processed_rows, job.created_count) == ("valid", 2, 2, 2)
    assert (job.created_by, job.organization, job.original_name) == (world.secretary_a, world.cell_a, "danh-sach.xlsx")
    assert Member.objects.count() == before  # nothing before confirmation
    detail = client.get(response["Location"])
    html = detail.content.decode()
    assert "Kiều Văn Hùng" in html and "12/12/1982" in html and "Thêm mới" in html
    assert "Quê quán" in html  # the ignored column is listed
    assert reverse("organizations:import_confirm", args=[job.pk]) in html
    assert "hx-trigger" not in html  # finished checking: no polling

    confirmed = client.post(reverse("organizations:import_confirm", args=[job.pk]))

    assert confirmed.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.created_count, job.finished_at is not None) == ("done", 2, True)
    hung = Member.objects.get(card_number="01004001")
    assert (hung.status, member_current_membership(hung).organization) == ("official", world.cell_a)
    assert Member.objects.count() == before + 2
    event = AuditEvent.objects.get(action="member.import")
    assert (event.actor, event.object_id) == (world.secretary_a, world.cell_a.pk)
    assert "Đã nhập xong" in client.get(confirmed["Location"]).content.decode()
    assert client.get(reverse("organizations:import_errors", args=[job.pk]))["Location"] == confirmed["Location"]

    again = client.post(reverse("organizations:import_confirm", args=[job.pk]), follow=True)
    assert "không còn chờ xác nhận" in again.content.decode()
    assert Member.objects.count() == before + 2 and AuditEvent.objects.filter(action="member.import").count() == 1


def test_an_invalid_file_shows_its_rows_and_gives_back_an_error_workbook(client, world, tmp_path):
    client.force_login(world.secretary_a)
    before = Member.objects.count()
    upload(client, world.cell_a, upload_file(tmp_path, BAD_ROWS, name="Danh sách lỗi.xlsx"))
    job = ImportJob.objects.get()
    assert job.status == "invalid"
    assert [(e["row"], e["message"][:20]) for e in job.errors] == [(4, "Ngày sinh “30/02/198"), (5, "Số thẻ 02000001 đã t")]

    html = client.get(reverse("organizations:import_detail", args=[job.pk])).content.decode()
    assert "Có lỗi ở 2 dòng; chưa ghi dòng nào." in html
    assert reverse("organizations:import_confirm", args=[job.pk]) not in html
    assert client.post(reverse("organizations:import_confirm", args=[job.pk])).status_code == 302
    job.refresh_from_db()
    assert job.status == "invalid" and Member.objects.count() == before

    response = client.get(reverse("organizations:import_errors", args=[job.pk]))
    assert response.status_code == 200
    assert "loi-Danh" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    assert rows[1][-1] == "Lỗi" and rows[1][:2] == ["STT", "Họ và tên"]
    assert rows[2][-1] is None
    assert rows[3][1] == "Ngày Hỏng" and rows[3][-1].startswith("Ngày sinh “30/02/1980”")
    assert rows[4][-1] == "Số thẻ 02000001 đã thuộc một đảng viên của tổ chức khác."
    listed = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert listed[0] == ("Dòng", "Lỗi") and [r[0] for r in listed[1:]] == [4, 5]


def test_a_dry_run_is_checked_but_never_written(client, world, tmp_path):
    client.force_login(world.secretary_a)
    upload(client, world.cell_a, upload_file(tmp_path, GOOD_ROWS), dry_run="on")
    job = ImportJob.objects.get()
    assert job.status == "valid" and job.preview["dry_run"] is True
    html = client.get(reverse("organizations:import_detail", args=[job.pk])).content.decode()
    assert reverse("organizations:import_confirm", args=[job.pk]) not in html
    response = client.post(reverse("organizations:import_confirm", args=[job.pk]), follow=True)
    assert "lần kiểm tra thử" in response.content.decode()
    job.refresh_from_db()
    assert job.status == "valid" and not Member.objects.filter(card_number="01004001").exists()


def test_the_status_fragment_polls_only_while_a_task_runs(client, world, tmp_path):
    client.force_login(world.secretary_a)
    upload(client, world.cell_a, upload_file(tmp_path, GOOD_ROWS))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="validating", processed_rows=500, total_rows=2000)
    running = client.get(reverse("organizations:import_status", args=[job.pk]), HTTP_HX_REQUEST="true")
    html = running.content.decode()
    assert 'hx-trigger="every 1s"' in html and '<progress value="500" max="2000">' in html and "25%" in html
    ImportJob.objects.filter(pk=job.pk).update(status="valid", processed_rows=2, total_rows=2)
    assert "hx-trigger" not in client.get(reverse("organizations:import_status", args=[job.pk])).content.decode()


@pytest.mark.parametrize("name,content,message", [
    ("ds.xls", b"\xd0\xcf\x11\xe0", "Tệp .xls (Excel 97–2003) chưa đọc được"),
    ("ds.pdf", b"%PDF-1.4", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("ds.xlsx", b"Ho va ten,Ngay sinh", "Tệp không phải là tệp Excel .xlsx hợp lệ"),
    ("ds.csv", b"", "Tệp đã chọn không có nội dung."),
])
def test_the_upload_form_explains_what_is_wrong_with_the_file(client, world, name, content, message):
    client.force_login(world.secretary_a)
    response = upload(client, world.cell_a, SimpleUploadedFile(name, content))
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_too_large_file_is_refused(client, world, monkeypatch):
    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 10)
    client.force_login(world.secretary_a)
    response = upload(client, world.cell_a, SimpleUploadedFile("ds.csv", b"Ho va ten;Ngay sinh\n"))
    assert "Tệp quá lớn (20\xa0byte); tối đa 10\xa0byte." in response.content.decode()


def test_a_file_that_cannot_be_read_ends_invalid_with_the_reason(client, world):
    client.force_login(world.secretary_a)
    upload(client, world.cell_a, SimpleUploadedFile("ds.csv", "Họ và tên;Ngày sinh".encode("utf-16")))
    job = ImportJob.objects.get()
    assert job.status == "invalid" and job.errors[0]["row"] is None and "UTF-8" in job.errors[0]["message"]
    assert client.get(reverse("organizations:import_errors", args=[job.pk])).status_code == 200


def test_out_of_scope_users_get_404_on_every_import_url(client, world, tmp_path):
    client.force_login(world.secretary_a)
    upload(client, world.cell_a, upload_file(tmp_path, BAD_ROWS))
    job = ImportJob.objects.get()
    for user in (world.secretary_b, world.committee_leader, world.member_a, world.outsider):
        client.force_login(user)
        assert client.get(reverse("organizations:import_upload", args=["38.168.001"])).status_code == 404
        assert upload(client, world.cell_a, upload_file(tmp_path, GOOD_ROWS)).status_code == 404
        for url in job_urls(job):
            assert client.get(url).status_code == 404, (user, url)
            assert client.post(url).status_code == 404, (user, url)
    assert ImportJob.objects.count() == 1 and ImportJob.objects.get().status == "invalid"
    client.force_login(world.committee_staff)  # writes the whole commune, so also cell A's imports
    assert client.get(job_urls(job)[0]).status_code == 200
    client.logout()
    assert client.get(reverse("organizations:import_template")).status_code == 302  # to the login page


def test_committee_staff_can_import_the_organization_tree_under_their_commune(client, world, tmp_path):
    client.force_login(world.committee_staff)
    rows = [["Mã", "Tên", "Loại", "Loại hình", "Mã cấp trên"],
            ["38.168.030", "Chi bộ Khu phố 30", "Chi bộ cơ sở", "Thôn, tổ dân phố", "38.168"]]
    client.post(reverse("organizations:import_upload", args=["38.168"]),
                {"kind": "organizations", "file": upload_file(tmp_path, rows, name="to-chuc.xlsx")})
    job = ImportJob.objects.get()
    assert (job.kind, job.status, job.created_count) == ("organizations", "valid", 1)
    client.post(reverse("organizations:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "done"
    assert Organization.objects.get(code="38.168.030").parent == world.commune


def test_the_write_checks_again_and_writes_nothing_if_the_roll_changed(client, world, tmp_path):
    client.force_login(world.secretary_a)
    upload(client, world.cell_a, upload_file(tmp_path, GOOD_ROWS))
    job = ImportJob.objects.get()
    # Meanwhile someone in cell B is given the card number of the file's first row.
    world.b_members[1].card_number = "01004001"
    world.b_members[1].save(update_fields=["card_number"])
    client.post(reverse("organizations:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "invalid" and job.errors[0]["row"] == 5
    assert not Member.objects.filter(card_number="01004002").exists()
    assert jobs.job_summary(job)["running"] is False
