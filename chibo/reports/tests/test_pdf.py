"""The PDF read back with poppler: the Vietnamese text with every mark, the layout, the fonts, the margins."""

import re
import subprocess

import pytest

from chibo.reports.documents import build_agenda, build_minutes, build_resolution, build_signin_sheet, render_pdf
from chibo.reports.documents.samples import SAMPLE_NUMBER, SAMPLE_SIGNER, sample_meeting
from chibo.reports.tests.conftest import hd36, pdftotext

PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def resolution_pdf():
    return render_pdf(build_resolution(sample_meeting(), number=SAMPLE_NUMBER, signer=SAMPLE_SIGNER), hd36())


@pytest.fixture(scope="module")
def minutes_pdf():
    return render_pdf(build_minutes(sample_meeting()), hd36())


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_the_resolution_text_comes_out_with_every_diacritic(poppler, resolution_pdf, tmp_path):
    text = " ".join(pdftotext(resolution_pdf, tmp_path).split())  # lines joined: a sentence may wrap
    # The left header column (issuing bodies) alone, cropped at 96 mm (= 272 pt): a long committee
    # name wraps inside it, as on paper, and must read whole there.
    left = " ".join(pdftotext(resolution_pdf, tmp_path, "-x", "0", "-y", "0", "-W", "272", "-H", "160").split())
    assert "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN" in left
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CHI BỘ KHU PHỐ 1", "Số 05-NQ/CB",
                     "Đông Tiến, ngày 03 tháng 3 năm 2026", "NGHỊ QUYẾT", "sinh hoạt chi bộ tháng 3 năm 2026",
                     "QUYẾT NGHỊ:", "I- ĐÁNH GIÁ KẾT QUẢ LÃNH ĐẠO THÁNG 02/2026", "Nguyễn Thị Hà", "Nguyễn Văn An",
                     "Đặng Quốc Khánh", "T/M CHI BỘ", "BÍ THƯ", "Nơi nhận:", "- Lưu Chi bộ.",
                     "8/8 đồng chí tán thành (100,0%)"):
        assert expected in text, expected


def test_the_header_and_closing_sit_side_by_side(poppler, resolution_pdf, tmp_path):
    text = pdftotext(resolution_pdf, tmp_path)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in line_with(text, "ĐẢNG BỘ PHƯỜNG")
    assert "Đông Tiến, ngày 03 tháng 3 năm 2026" in line_with(text, "Số 05-NQ/CB")
    assert "T/M CHI BỘ" in line_with(text, "Nơi nhận:")
    star = line_with(text, "*")
    issuer = line_with(text, "CHI BỘ KHU PHỐ 1")
    # The asterisk is centred under the issuing body, in the left column.
    assert abs(star.index("*") - (issuer.index("CHI") + len("CHI BỘ KHU PHỐ 1") / 2)) <= 3


def test_the_minutes_text_and_signatures(poppler, minutes_pdf, tmp_path):
    text = pdftotext(minutes_pdf, tmp_path)
    joined = " ".join(text.split())
    for expected in ("BIÊN BẢN", "sinh hoạt chi bộ thường kỳ tháng 3/2026", "Có mặt: 10/11 đồng chí phải có mặt (90,9%).",
                     "Lê Đức Cường – đi công tác", "Đến muộn: Vũ Thị Giang.", "Tổng 92/100 điểm. Xếp loại: Tốt."):
        assert expected in joined, expected
    assert "CHỦ TRÌ" in line_with(text, "THƯ KÝ")
    assert any("Nguyễn Thị Hà" in line and "Nguyễn Văn An" in line for line in text.splitlines())
    assert "ngày 03 tháng 3 năm 2026" not in text  # minutes carry no place-date line


def test_the_fonts_are_embedded_times_metric_serif(poppler, minutes_pdf, tmp_path):
    path = tmp_path / "minutes.pdf"
    path.write_bytes(minutes_pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert re.search(r"Liberation-?Serif|Times", line), line
        assert " yes yes yes " in line, line  # embedded, subset, with a ToUnicode map
    assert any("Bold" in line for line in fonts) and any("Italic" in line for line in fonts)


def test_the_page_is_a4_and_the_text_stays_inside_the_margins(poppler, resolution_pdf, tmp_path):
    path = tmp_path / "resolution.pdf"
    path.write_bytes(resolution_pdf)
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True).stdout
    words = [tuple(float(v) for v in m) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', boxes)]
    layout = hd36()
    left, right = layout.margins.left * PT_PER_MM, (210 - layout.margins.right) * PT_PER_MM
    top, bottom = layout.margins.top * PT_PER_MM, (297 - layout.margins.bottom) * PT_PER_MM
    # Poppler measures a word by its font's advance widths, WeasyPrint places justified lines by its
    # own shaping: the two differ by up to about 1 pt at the end of a full line, so allow 0.5 mm.
    slack = 0.5 * PT_PER_MM
    assert min(w[0] for w in words) >= left - slack
    assert min(w[0] for w in words) <= left + 6 * PT_PER_MM  # body text starts near the left margin
    assert max(w[2] for w in words) <= right + slack
    assert max(w[2] for w in words) >= right - 6 * PT_PER_MM  # justified lines reach the right margin
    assert min(w[1] for w in words) >= top - slack
    assert max(w[3] for w in words) <= bottom + slack


@pytest.mark.parametrize("build", [build_signin_sheet, build_agenda])
def test_the_papers_for_the_room_render(poppler, tmp_path, build):
    text = pdftotext(render_pdf(build(sample_meeting()), hd36()), tmp_path)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Nhà văn hóa Khu phố 1" in text
    if build is build_signin_sheet:
        assert all(h in line_with(text, "STT") for h in ("Họ và tên", "Chức vụ", "Ký tên"))
        assert "Nguyễn Thị Hà" in text
    else:
        assert "CHƯƠNG TRÌNH" in text and "Tổng thời lượng dự kiến: 105 phút." in text
