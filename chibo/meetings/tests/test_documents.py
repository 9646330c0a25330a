"""A meeting's record as Party documents (chibo/meetings/documents.py), read back with real readers.

python-docx for the .docx and `pdftotext -layout` (poppler) for the PDF: the header lines, the cell's
name, the number, the place-date line, names, counts and vote counts must come out as Vietnamese text.
"""

import subprocess
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from docx import Document

from chibo.core.errors import RuleViolation
from chibo.meetings import documents, services
from chibo.meetings.minutes import percent
from chibo.meetings.models import DocumentKind, IssuedDocument, MeetingStep
from chibo.organizations.models import Organization, OrganizationKind
from chibo.organizations.services import organization_create


def docx_text(data: bytes) -> str:
    """Every paragraph of the body and of every table cell, one per line."""
    word = Document(BytesIO(data))
    lines = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(line for line in lines if line)


def pdf_text(data: bytes, tmp_path, *crop: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-layout", *crop, str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return " ".join(out.split())  # a sentence may wrap


def pdf_left_header(data: bytes, tmp_path) -> str:
    """The left header column alone (issuing bodies): a long committee name wraps inside it, as on paper."""
    return pdf_text(data, tmp_path, "-x", "0", "-y", "0", "-W", "272", "-H", "160")


def issue(meeting, by, kind=DocumentKind.RESOLUTION) -> IssuedDocument:
    return documents.document_issue(meeting=meeting, kind=kind, issued_by=by)


# --- the snapshot: what the record says, decided here --------------------------------------------

def test_the_snapshot_counts_the_roll_as_metrics_says(march):
    snapshot = documents.meeting_snapshot(march)
    by_name = {e.name: e for e in snapshot.roll}
    assert set(by_name) == {"Nguyễn Văn An", "Trần Thị Bích", "Lê Đức Cường", "Phạm Thị Dung", "Nguyễn Thị Hà"}
    assert not by_name["Lê Đức Cường"].expected and by_name["Lê Đức Cường"].exempt
    assert by_name["Nguyễn Thị Hà"].temporary and by_name["Nguyễn Thị Hà"].attendance == "present"
    assert not by_name["Phạm Thị Dung"].official and by_name["Phạm Thị Dung"].attendance == "absent"
    assert by_name["Trần Thị Bích"].reason == "Ốm" and by_name["Nguyễn Văn An"].position == "Bí thư"
    assert sum(e.expected for e in snapshot.roll) == march.figures.expected == 4


def test_the_snapshot_names_the_bodies_the_place_and_the_people(march):
    snapshot = documents.meeting_snapshot(march)
    assert (snapshot.cell_name, snapshot.superior_name, snapshot.place_name) == (
        "Chi bộ Khu phố 1", "Đảng bộ phường Đông Tiến", "Đông Tiến")
    assert snapshot.day == date(2026, 3, 3) and snapshot.venue == "Nhà văn hóa Khu phố 1"
    assert (snapshot.chair.name, snapshot.chair.position) == ("Nguyễn Văn An", "Bí thư Chi bộ")
    assert snapshot.secretary.name == "Nguyễn Thị Hà"  # the thư ký of the meeting, not the bí thư
    assert [(g.name, g.position) for g in snapshot.guests] == [("Lê Văn Tám", "Đảng ủy viên, phụ trách chi bộ")]
    assert snapshot.started_at.strftime("%H:%M") == "19:30" and snapshot.ended_at.strftime("%H:%M") == "21:05"


def test_the_snapshot_keeps_the_stored_vote_denominator(march):
    snapshot = documents.meeting_snapshot(march)
    vote = snapshot.resolution_vote
    # Official: An, Bích, Cường, Hà; minus Cường (exempt, absent) and Bích (excused): 2.
    assert (vote.motion, vote.in_favour, vote.eligible, vote.passed) == (
        "thông qua Nghị quyết tháng 3/2026", 2, 2, True)
    assert snapshot.votes == ()


def test_the_snapshot_carries_follow_up_items_and_tasks(march):
    snapshot = documents.meeting_snapshot(march)
    assert [(r.description, r.outcome, r.note) for r in snapshot.previous_results] == [
        ("Thu đảng phí quý I", "done", ""), ("Sửa mái nhà văn hóa", "partly_done", "Còn thiếu kinh phí")]
    assert [r.assignee for r in snapshot.previous_results] == ["Đồng chí Trần Thị Bích", "Chi ủy"]
    assert [(i.section, i.title) for i in snapshot.resolution_items] == [
        ("assessment", "Đánh giá chung"), ("direction", "Hoàn thành lắp đèn đường ngõ 5 trước ngày 30/3/2026")]
    task = snapshot.tasks[0]
    assert (task.description, task.assignee, task.deadline, task.serves) == (
        "Khảo sát vị trí lắp đèn", "Đồng chí Nguyễn Thị Hà", date(2026, 3, 20), "nội dung 1")


def test_the_place_name_comes_from_the_nearest_territorial_committee(world):
    assert documents.place_name_from("Đảng bộ phường Đông Tiến") == "Đông Tiến"
    assert documents.place_name_from("Đảng bộ xã Yên Thái") == "Yên Thái"
    assert documents.place_name_from("ĐẢNG BỘ TỈNH THANH HÓA") == "THANH HÓA"
    assert documents.place_name_from("Đảng bộ Công ty Điện lực") == ""
    company = organization_create(code="38.900", name="Đảng bộ Công ty Điện lực",
                                  kind=OrganizationKind.GRASSROOTS_COMMITTEE, parent=world.province,
                                  valid_from=date(2020, 1, 1))
    cell = organization_create(code="38.900.01", name="Chi bộ Phòng Kỹ thuật", kind=OrganizationKind.SUBORDINATE_CELL,
                               parent=company, valid_from=date(2020, 1, 1))
    assert documents.place_name(cell) == "Thanh Hóa"  # no ward above: the province
    assert documents.superior_name(cell) == "Đảng bộ Công ty Điện lực"
    assert documents.place_name(Organization.objects.get(pk=world.cell_a.pk)) == "Đông Tiến"


# --- the documents read back ---------------------------------------------------------------------

def test_the_issued_resolution_reads_back_in_the_docx(march, world):
    issue(march, world.secretary_a)
    file = documents.document_file(march, "resolution", "docx")
    text = docx_text(file.data)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN", "CHI BỘ KHU PHỐ 1", "Số 01-NQ/CB",
                     "NGHỊ QUYẾT", "Nguyễn Văn An", "Nguyễn Thị Hà", "T/M CHI BỘ", "BÍ THƯ",
                     "có mặt 2 đồng chí", "vắng 2 đồng chí (có lý do 1, không lý do 1)",
                     "đảng viên được miễn công tác, sinh hoạt đảng: 1 đồng chí",
                     "Thu đảng phí quý I", "Hoàn thành một phần (Còn thiếu kinh phí)",
                     "Hoàn thành lắp đèn đường ngõ 5 trước ngày 30/3/2026",
                     "2/2 đồng chí tán thành (100,0%)"):
        assert expected in text, expected
    today = IssuedDocument.objects.get().issued_on
    assert f"Đông Tiến, ngày {today.day:02d} tháng" in text
    assert "DỰ THẢO" not in text
    assert file.content_type.endswith("wordprocessingml.document")


def test_the_minutes_read_back_in_the_docx_and_the_pdf(march, poppler_installed, tmp_path):
    word = docx_text(documents.document_file(march, "minutes", "docx").data)
    pdf_data = documents.document_file(march, "minutes", "pdf").data
    pdf = pdf_text(pdf_data, tmp_path)
    assert "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN" in word
    assert "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN" in pdf_left_header(pdf_data, tmp_path)
    for text in (word, pdf):
        for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ KHU PHỐ 1", "BIÊN BẢN",
                         "sinh hoạt chi bộ thường kỳ tháng 3/2026", "I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT",
                         "Phải có mặt: 4; có mặt: 2 (50,0%)", "Trần Thị Bích (Ốm)", "Vắng không lý do: Phạm Thị Dung",
                         "Nguyễn Thị Hà (Đề xuất phương hướng, giải pháp): Đề nghị lắp đèn đường ngõ 5",
                         "2/2 tán thành", "THƯ KÝ", "CHỦ TRÌ",
                         "In theo bản biên bản số 1, bản được Chi bộ thông qua, nhập lại từ sổ biên bản lúc"):
            assert expected in text, expected
        assert "Số " not in text.split("BIÊN BẢN")[0]  # minutes carry no number unless one is issued


def test_the_pdf_resolution_says_the_same_in_vietnamese(march, world, poppler_installed, tmp_path):
    issue(march, world.secretary_a)
    text = pdf_text(documents.document_file(march, "resolution", "pdf").data, tmp_path)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ KHU PHỐ 1", "Số 01-NQ/CB", "Đông Tiến, ngày",
                     "QUYẾT NGHỊ:", "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THÁNG 02/2026", "Nguyễn Thị Hà",
                     "Tổng số đảng viên: 5 đồng chí (chính thức 4, dự bị 1); có mặt 2 đồng chí",
                     "2/2 đồng chí tán thành (100,0%)", "Nơi nhận:", "- Lưu Chi bộ."):
        assert expected in text, expected


def test_an_unissued_resolution_is_marked_as_a_draft_without_a_number(march):
    text = docx_text(documents.document_file(march, "resolution", "docx").data)
    assert "DỰ THẢO (chưa ban hành)" in text and "-NQ/CB" not in text


def test_the_signin_sheet_and_agenda_of_a_planned_meeting(world, planned, poppler_installed, tmp_path):
    services.meeting_update(meeting=planned, updated_by=None, agenda="1. Báo cáo tình hình tháng\n2. Thảo luận")
    signin = pdf_text(documents.document_file(planned, "signin", "pdf").data, tmp_path)
    for name in ("DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT", "Nguyễn Văn An", "Trần Thị Bích", "Phạm Thị Dung",
                 "Đảng viên dự bị", "Ký tên", "Địa điểm: Nhà văn hóa khu phố 1."):
        assert name in signin, name
    agenda = docx_text(documents.document_file(planned, "agenda", "docx").data)
    assert "CHƯƠNG TRÌNH" in agenda and "Báo cáo tình hình tháng" in agenda and "Thảo luận" in agenda


def test_the_agenda_falls_back_to_the_procedure_steps(planned):
    titles = [item.title for item in documents.agenda_items(planned)]
    assert "Thảo luận" in titles and "Cử thư ký" in titles


def test_minutes_and_resolution_wait_for_the_approved_minutes(running):
    for kind in ("minutes", "resolution"):
        with pytest.raises(RuleViolation):
            documents.document_file(running, kind, "docx")


# --- revisions -----------------------------------------------------------------------------------

def test_a_corrected_minutes_prints_the_revised_text_and_says_which_revision(march, world):
    approved = march.revisions.get().text
    services.minutes_revise(meeting=march, body=approved + "Bổ sung: đồng chí Hà đề nghị khảo sát thêm ngõ 7.",
                            reason="Ghi thiếu ý kiến", revised_by=world.secretary_a)
    text = docx_text(documents.document_file(march, "minutes", "docx").data)
    assert "Bổ sung: đồng chí Hà đề nghị khảo sát thêm ngõ 7." in text
    assert "In theo bản sửa số 2 của biên bản" in text and "lý do: Ghi thiếu ý kiến" in text
    # The approved text is still there, unchanged.
    assert "ngõ 7" not in march.revisions.get(number=1).text
    assert documents.minutes_body(march.revisions.get(number=1).text, march).startswith("Thời gian:")


# --- issuing and numbering -----------------------------------------------------------------------

def test_numbers_run_on_and_never_repeat_within_the_term(march, world, closed):
    closed.conclusion = "Thống nhất."
    closed.save(update_fields=["conclusion"])
    first = documents.resolution_issue(meeting=march, issued_by=world.secretary_a)
    second = documents.resolution_issue(meeting=closed, issued_by=world.secretary_a)
    minutes = issue(march, world.secretary_a, DocumentKind.MINUTES)
    assert (first.number, second.number, minutes.number) == (1, 2, 1)
    assert documents.number_label(second) == "Số 02-NQ/CB" and documents.number_label(minutes) == "Số 01-BB/CB"
    assert first.term == str(first.issued_on.year) and first.issued_at is not None
    with pytest.raises(RuleViolation):
        documents.resolution_issue(meeting=march, issued_by=world.secretary_a)  # once per document
    assert IssuedDocument.objects.filter(kind=DocumentKind.RESOLUTION).count() == 2
    assert "Số 01-BB/CB" in docx_text(documents.document_file(march, "minutes", "docx").data)


def test_issuing_needs_approved_minutes_and_content(world, running, closed):
    with pytest.raises(RuleViolation):
        documents.resolution_issue(meeting=running, issued_by=world.secretary_a)
    with pytest.raises(RuleViolation, match="Chưa có nội dung"):
        documents.resolution_issue(meeting=closed, issued_by=world.secretary_a)
    assert not IssuedDocument.objects.exists()


def test_issuing_the_resolution_dates_the_publish_step_for_the_rubric(march, world):
    issued = documents.resolution_issue(meeting=march, issued_by=world.secretary_a)
    step = MeetingStep.objects.get(meeting=march, step__code="publish")
    assert step.done_on == issued.issued_on and "Số 01-NQ/CB" in step.note


def test_a_publish_step_already_recorded_keeps_its_date(march, world):
    step = march.procedure.steps.get(code="publish")
    services.step_check(meeting=march, step=step, checked_by=None, done_on=date(2026, 3, 4), note="Đã đăng")
    documents.resolution_issue(meeting=march, issued_by=world.secretary_a)
    check = MeetingStep.objects.get(meeting=march, step=step)
    assert (check.done_on, check.note) == (date(2026, 3, 4), "Đã đăng")


def test_the_file_name_is_vietnamese_with_an_ascii_fallback(march, world):
    issue(march, world.secretary_a)
    file = documents.document_file(march, "resolution", "pdf")
    assert file.filename == "Nghị quyết 01-NQ-CB Chi bộ Khu phố 1 03-03-2026.pdf"
    assert file.content_disposition == (
        'attachment; filename="nghi-quyet-01-nq-cb-chi-bo-khu-pho-1-03-03-2026.pdf"; '
        "filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2001-NQ-CB%20Chi%20b%E1%BB%99%20Khu%20ph%E1%BB%91%201%20"
        "03-03-2026.pdf")


def test_a_live_meeting_says_when_the_cell_approved_its_minutes(closed):
    revision = closed.revisions.get()
    when = timezone.localtime(revision.created_at).strftime("%H:%M ngày %d/%m/%Y")
    text = docx_text(documents.document_file(closed, "minutes", "docx").data)
    assert f"In theo bản biên bản số 1, được Chi bộ thông qua lúc {when}." in text


def test_shares_in_the_minutes_are_rounded_not_cut():
    assert (percent(11 / 12), percent(2 / 3), percent(0.5), percent(None)) == ("91,7%", "66,7%", "50,0%", "—")
