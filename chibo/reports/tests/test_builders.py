"""The builders word and count a MeetingSnapshot as DOMAIN §10.2/§10.3 lay out; no database, no rendering."""

from dataclasses import replace
from datetime import date, time

import pytest

from chibo.reports.documents import (
    AgendaItem,
    Contribution,
    DocNumber,
    MeetingSnapshot,
    Person,
    RollEntry,
    Signer,
    VoteRecord,
    build_agenda,
    build_minutes,
    build_resolution,
    build_signin_sheet,
)
from chibo.reports.documents.builders import attendance_counts, committee_of, percent, speakers
from chibo.reports.documents.model import Heading, Paragraph, PartyDocument, Table, recipient_lines
from chibo.reports.documents.samples import SAMPLE_NUMBER, SAMPLE_SIGNER, sample_meeting


def texts(doc: PartyDocument) -> list[str]:
    out: list[str] = []
    for block in doc.body:
        if isinstance(block, Table):
            out += [" | ".join(c.title for c in block.columns), *(" | ".join(row) for row in block.rows)]
        elif isinstance(block, Heading | Paragraph):
            out.append(block.text)
    return out


def test_it_counts_the_roll_as_metrics_defines_it():
    counts = attendance_counts(sample_meeting().roll)
    assert (counts.total, counts.official, counts.probationary, counts.exempt) == (12, 10, 2, 1)
    assert (counts.expected, counts.present, len(counts.excused), len(counts.absent)) == (11, 10, 1, 0)
    assert counts.rate == "90,9%"
    assert [e.name for e in counts.late] == ["Vũ Thị Giang"]


def test_it_keeps_an_exempt_member_who_came_out_of_the_denominators():
    roll = (RollEntry(name="A", attendance="present"), RollEntry(name="B", attendance="absent"),
            RollEntry(name="C", expected=False, exempt=True, attendance="present"))
    counts = attendance_counts(roll)
    assert (counts.expected, counts.present, counts.rate) == (2, 1, "50,0%")
    assert [e.name for e in counts.exempt_present] == ["C"]


def test_it_counts_speakers_once_and_only_present_expected_members():
    snapshot = replace(sample_meeting(), contributions=(
        Contribution(speaker="Hoàng Văn Em", member_id=5, gist="một"),
        Contribution(speaker="Hoàng Văn Em", member_id=5, gist="hai"),
        Contribution(speaker="Lê Đức Cường", member_id=3, gist="vắng mà vẫn được ghi"),  # excused: not present
        Contribution(speaker="Trịnh Văn Ổn", member_id=12, gist="miễn sinh hoạt"),  # not expected
        Contribution(speaker="Nguyễn Thị Hà", member_id=7, gist="ba"),
    ))
    assert speakers(snapshot) == 2


def test_the_minutes_follow_the_skeleton():
    doc = build_minutes(sample_meeting())
    lines = texts(doc)
    assert (doc.title, doc.summary) == ("BIÊN BẢN", "sinh hoạt chi bộ thường kỳ tháng 3/2026")
    assert (doc.header.superior, doc.header.issuer) == ("ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN", "CHI BỘ KHU PHỐ 1")
    assert doc.place_date is None and doc.number is None and doc.recipients == ()
    assert [(s.authority, s.name) for s in doc.signatures] == [(("THƯ KÝ",), "Nguyễn Thị Hà"),
                                                                (("CHỦ TRÌ",), "Nguyễn Văn An")]
    headings = [b.text for b in doc.body if isinstance(b, Heading) and b.level == 1]
    assert headings == ["I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT", "II- DIỄN BIẾN", "III- KẾT LUẬN VÀ BIỂU QUYẾT"]
    assert "Thời gian: bắt đầu lúc 19 giờ 30, ngày 03/3/2026." in lines
    assert "Chủ trì: đồng chí Nguyễn Văn An, Bí thư Chi bộ." in lines
    assert "Thư ký: đồng chí Nguyễn Thị Hà (được Chi bộ cử)." in lines
    assert "Đại biểu cấp trên: đồng chí Lê Thị Phương, Đảng ủy viên, phụ trách chi bộ." in lines
    assert "12 | 10 | 2 | 1 | 0 | 11 | 10 | 1 | 0" in lines
    assert "Có mặt: 10/11 đồng chí phải có mặt (90,9%)." in lines
    assert "Vắng có lý do: 1 đồng chí (Lê Đức Cường – đi công tác)." in lines
    assert "Vắng không lý do: 0 đồng chí." in lines
    assert ("- Đồng chí Hoàng Văn Em: Đề nghị lắp thêm đèn chiếu sáng ngõ 12 trước mùa mưa; "
            "Hỏi về tiến độ hỗ trợ hộ nghèo sửa nhà.") in lines
    assert "(Số đảng viên phát biểu: 5/10 đồng chí có mặt.)" in lines
    assert ("Biểu quyết thông qua Nghị quyết tháng 3/2026: tán thành 8/8 đảng viên chính thức (100,0%); "
            "không tán thành 0; không biểu quyết 0. Kết quả: thông qua.") in lines
    assert "Tổng 92/100 điểm. Xếp loại: Tốt." in lines
    assert lines[-1] == "Biên bản kết thúc lúc 21 giờ 15 cùng ngày, đã đọc lại cho Chi bộ nghe và được thông qua."


def test_the_minutes_of_a_bare_meeting_still_make_sense():
    bare = MeetingSnapshot(cell_name="Chi bộ 2", superior_name="", place_name="X", day=date(2026, 1, 7),
                           kind="extraordinary", minutes_approved=False)
    doc = build_minutes(bare)
    assert doc.header.superior == "" and doc.summary == "sinh hoạt chi bộ bất thường tháng 01/2026"
    assert texts(doc)[-1] == "Biên bản kết thúc."
    assert [s.name for s in doc.signatures] == ["", ""]


def test_the_resolution_follows_the_skeleton():
    doc = build_resolution(sample_meeting(), number=SAMPLE_NUMBER, signer=SAMPLE_SIGNER)
    lines = texts(doc)
    assert doc.title == "NGHỊ QUYẾT" and doc.summary == "sinh hoạt chi bộ tháng 3 năm 2026"
    assert doc.number == DocNumber(n=5, doc_type="NQ", issuer="CB")
    assert (doc.place_date.place, doc.place_date.day) == ("Đông Tiến", date(2026, 3, 3))
    assert [(s.authority, s.name) for s in doc.signatures] == [(("T/M CHI BỘ", "BÍ THƯ"), "Nguyễn Văn An")]
    assert doc.recipients == ("Đảng ủy phường Đông Tiến (báo cáo)", "Cấp ủy viên phụ trách chi bộ",
                              "Đảng viên trong chi bộ", "Lưu Chi bộ")
    headings = [b.text for b in doc.body if isinstance(b, Heading) and b.level == 1]
    assert headings == ["I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THÁNG 02/2026", "II- PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 3/2026",
                        "III- PHÂN CÔNG NHIỆM VỤ VÀ TỔ CHỨC THỰC HIỆN", "IV- TỰ ĐÁNH GIÁ CHẤT LƯỢNG KỲ SINH HOẠT"]
    assert ("Tổng số đảng viên: 12 đồng chí (chính thức 10, dự bị 2); có mặt 10 đồng chí; vắng 1 đồng chí "
            "(có lý do 1, không lý do 0); đảng viên được miễn công tác, sinh hoạt đảng: 1 đồng chí.") in lines
    assert ("Thời lượng sinh hoạt: 105 phút. Đồng chí Nguyễn Văn An, Bí thư Chi bộ, chủ trì; "
            "đồng chí Nguyễn Thị Hà làm thư ký.") in lines
    assert "QUYẾT NGHỊ:" in lines
    sub = [b.text for b in doc.body if isinstance(b, Heading) and b.level == 2]
    assert sub[:5] == ["1. Công tác chính trị, tư tưởng", "2. Lãnh đạo thực hiện nhiệm vụ chính trị",
                       "3. Kết quả thực hiện Nghị quyết tháng trước", "4. Biểu dương, nhắc nhở đảng viên",
                       "5. Hạn chế, khuyết điểm và nguyên nhân"]
    assert "3 | Vận động hiến đất mở rộng ngõ 12 | Bùi Thị Lan | Hoàn thành một phần (3/5 hộ)" in lines
    assert "1 | Vận động các hộ còn lại hiến đất mở rộng ngõ 12 (mục II.2) | Bùi Thị Lan | 25/3/2026" in lines
    assert lines[-1] == "Nghị quyết được Chi bộ biểu quyết thông qua với 8/8 đồng chí tán thành (100,0%)."


def test_the_resolution_periods_and_signer_can_be_chosen():
    january = replace(sample_meeting(), day=date(2026, 1, 5))
    doc = build_resolution(january, number=None, signer=Signer(name="Trần Thị Bích", title="Phó Bí thư"),
                           recipients=("Đảng ủy phường Đông Tiến", "Lưu Chi bộ"), issued_on=date(2026, 1, 6))
    headings = [b.text for b in doc.body if isinstance(b, Heading) and b.level == 1]
    assert headings[0] == "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THÁNG 12/2025"
    assert headings[1] == "II- PHƯƠNG HƯỚNG, NHIỆM VỤ THÁNG 01/2026"
    assert doc.signatures[0].authority == ("T/M CHI BỘ", "PHÓ BÍ THƯ")
    assert doc.place_date.day == date(2026, 1, 6) and doc.number is None
    assert recipient_lines(doc.recipients) == ["- Đảng ủy phường Đông Tiến,", "- Lưu Chi bộ."]


def test_a_rejected_resolution_says_so():
    snapshot = replace(sample_meeting(), resolution_vote=VoteRecord(motion="x", in_favour=3, eligible=8, passed=False))
    doc = build_resolution(snapshot, number=None, signer=SAMPLE_SIGNER)
    assert texts(doc)[-1] == "Dự thảo Nghị quyết không được thông qua: 3/8 đồng chí tán thành."


def test_the_signin_sheet_has_a_row_per_member_and_blank_rows():
    doc = build_signin_sheet(sample_meeting(), blank_rows=2)
    table = next(b for b in doc.body if isinstance(b, Table))
    assert [c.title for c in table.columns] == ["STT", "Họ và tên", "Chức vụ", "Ký tên"]
    assert len(table.rows) == 12 + 2 and table.row_height_mm
    assert table.rows[0] == ("1", "Nguyễn Văn An", "Bí thư", "")
    assert table.rows[3] == ("4", "Phạm Thị Dung", "Đảng viên dự bị", "")
    assert table.rows[11] == ("12", "Trịnh Văn Ổn", "Đảng viên (miễn sinh hoạt)", "")
    assert table.rows[-1] == ("14", "", "", "")


def test_the_agenda_lists_items_with_presenters_and_minutes():
    snapshot = replace(sample_meeting(), agenda=(
        AgendaItem(title="Khai mạc", presenter="đồng chí Nguyễn Văn An", minutes=5),
        AgendaItem(title="Thảo luận", presenter="toàn thể đảng viên", minutes=40),
    ), chair=Person(name="Nguyễn Văn An", position="Bí thư Chi bộ"), started_at=time(8, 0))
    doc = build_agenda(snapshot, signer=SAMPLE_SIGNER)
    lines = texts(doc)
    assert doc.title == "CHƯƠNG TRÌNH"
    assert "Thời gian: bắt đầu lúc 8 giờ, ngày 03/3/2026." in lines
    assert "1 | Khai mạc | Đồng chí Nguyễn Văn An | 5" in lines
    assert "2 | Thảo luận | Toàn thể đảng viên | 40" in lines
    assert "Tổng thời lượng dự kiến: 45 phút." in lines


@pytest.mark.parametrize(("name", "expected"), [
    ("Đảng bộ phường Đông Tiến", "Đảng ủy phường Đông Tiến"),
    ("Đảng bộ Trường Đại học Vinh", "Đảng ủy Trường Đại học Vinh"),
    ("Chi bộ Khu phố 1", "Chi bộ Khu phố 1"),
])
def test_it_names_the_superior_committee(name, expected):
    assert committee_of(name) == expected


def test_percent_uses_the_decimal_comma_and_refuses_to_divide_by_zero():
    assert percent(2, 3) == "66,7%" and percent(0, 0) == "–"


def test_a_document_refuses_three_signatures_or_recipients_beside_two():
    from chibo.reports.documents.model import Header, Signature

    with pytest.raises(ValueError):
        PartyDocument(header=Header(issuer="X"), title="T", signatures=(Signature(("A",)),) * 3)
    with pytest.raises(ValueError):
        PartyDocument(header=Header(issuer="X"), title="T", signatures=(Signature(("A",)),) * 2, recipients=("Lưu",))


def test_the_minutes_can_print_the_approved_text_instead():
    approved = "Thời gian: 19 giờ 30, ngày 03/3/2026.\n\nI- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT\n  Có mặt: 10/11  (90,9%).\n"
    doc = build_minutes(sample_meeting(), approved_text=approved)
    assert [(b.kind, b.text) for b in doc.body] == [
        ("paragraph", "Thời gian: 19 giờ 30, ngày 03/3/2026."),
        ("heading", "I- TÌNH HÌNH ĐẢNG VIÊN DỰ SINH HOẠT"),
        ("paragraph", "Có mặt: 10/11 (90,9%)."),
    ]
    assert doc.title == "BIÊN BẢN" and [s.name for s in doc.signatures] == ["Nguyễn Thị Hà", "Nguyễn Văn An"]
