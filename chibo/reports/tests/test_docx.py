"""The .docx read back with python-docx: header lines, number, names, counts, fonts, margins, no images."""

import copy
from io import BytesIO

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from chibo.reports.documents import build_minutes, build_resolution, build_signin_sheet, render_docx
from chibo.reports.documents.layout import Layout
from chibo.reports.documents.samples import SAMPLE_NUMBER, SAMPLE_SIGNER, sample_meeting
from chibo.reports.tests.conftest import LOADER, hd36

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


@pytest.fixture(scope="module")
def resolution():
    doc = build_resolution(sample_meeting(), number=SAMPLE_NUMBER, signer=SAMPLE_SIGNER)
    return Document(BytesIO(render_docx(doc, hd36())))


@pytest.fixture(scope="module")
def minutes():
    return Document(BytesIO(render_docx(build_minutes(sample_meeting()), hd36())))


def cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def runs_with(word, text: str):
    for paragraph in word.paragraphs:
        for run in paragraph.runs:
            if run.text == text:
                return run
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.text == text:
                            return run
    raise AssertionError(f"no run {text!r}")


def margins_mm(word) -> tuple[float, ...]:
    section = word.sections[0]
    return tuple(length.mm for length in (section.page_width, section.page_height, section.top_margin,
                                          section.bottom_margin, section.left_margin, section.right_margin))


def all_text(word) -> str:
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_it_prints_the_header_in_two_columns(resolution):
    header = resolution.tables[0]
    left, right = header.cell(0, 0), header.cell(0, 1)
    assert cell_lines(left) == ["ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN", "CHI BỘ KHU PHỐ 1", "*"]
    assert cell_lines(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert cell_lines(header.cell(1, 0)) == ["Số 05-NQ/CB"]
    assert cell_lines(header.cell(1, 1)) == ["Đông Tiến, ngày 03 tháng 3 năm 2026"]
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert right.paragraphs[0]._p.pPr.find(qn("w:pBdr")) is not None  # the rule under the Party's name


def test_it_styles_the_header_and_title_as_hd36_says(resolution):
    party = runs_with(resolution, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.bold and party.font.size == Pt(15)
    superior = runs_with(resolution, "ĐẢNG BỘ PHƯỜNG ĐÔNG TIẾN")
    assert not superior.bold and superior.font.size == Pt(14)
    assert runs_with(resolution, "CHI BỘ KHU PHỐ 1").bold
    date_line = runs_with(resolution, "Đông Tiến, ngày 03 tháng 3 năm 2026")
    assert date_line.italic and not date_line.bold
    title = runs_with(resolution, "NGHỊ QUYẾT")
    assert title.bold and title.font.size == Pt(15)
    summary = runs_with(resolution, "sinh hoạt chi bộ tháng 3 năm 2026")
    assert summary.bold and summary.font.size == Pt(14)
    assert runs_with(resolution, "Nơi nhận:").underline
    assert runs_with(resolution, "- Lưu Chi bộ.").font.size == Pt(12)
    for line in ("T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An"):
        assert runs_with(resolution, line).bold


def test_it_puts_recipients_left_and_the_signature_right(resolution):
    closing = resolution.tables[-1]
    assert cell_lines(closing.cell(0, 0)) == [
        "Nơi nhận:", "- Đảng ủy phường Đông Tiến (báo cáo),", "- Cấp ủy viên phụ trách chi bộ,",
        "- Đảng viên trong chi bộ,", "- Lưu Chi bộ.",
    ]
    assert cell_lines(closing.cell(0, 1)) == ["T/M CHI BỘ", "BÍ THƯ", "Nguyễn Văn An"]


def test_it_carries_the_names_and_counts(resolution):
    text = all_text(resolution)
    assert "Tổng số đảng viên: 12 đồng chí (chính thức 10, dự bị 2); có mặt 10 đồng chí" in text
    assert "đồng chí Nguyễn Thị Hà làm thư ký" in text
    assert "QUYẾT NGHỊ:" in text
    assert "Nghị quyết được Chi bộ biểu quyết thông qua với 8/8 đồng chí tán thành (100,0%)." in text


def test_it_sets_times_new_roman_for_every_script(resolution):
    styles = resolution.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:rFonts"))
    normal = resolution.styles["Normal"].element.rPr.rFonts
    for fonts in (defaults, normal):
        assert {fonts.get(qn(slot)) for slot in FONT_SLOTS} == {"Times New Roman"}
        assert not any(key.endswith("Theme") or key.endswith("theme") for key in fonts.keys())
    assert resolution.styles["Normal"].font.name == "Times New Roman"
    assert resolution.styles["Normal"].font.size == Pt(14)
    # No run names another font.
    assert not resolution.element.body.findall(f".//{qn('w:rFonts')}")


def test_it_uses_the_margins_and_paper_of_the_format(resolution):
    assert margins_mm(resolution) == pytest.approx((210, 297, 20, 20, 30, 15), abs=0.01)  # Word stores twips


def test_another_format_version_gives_other_margins_and_spacing():
    data = copy.deepcopy(LOADER.HD36_LAYOUT)
    data["margins_mm"] = {"top": 25, "bottom": 22, "left": 35, "right": 20}
    data["paragraph"] = {"line_spacing_rule": "exact", "line_spacing": 19, "first_line_indent_mm": 12.7,
                         "space_after_pt": 3}
    layout = Layout.from_dict(data, code="TEST")
    word = Document(BytesIO(render_docx(build_minutes(sample_meeting()), layout)))
    assert margins_mm(word) == pytest.approx((210, 297, 25, 22, 35, 20), abs=0.01)
    assert word.styles["Normal"].paragraph_format.line_spacing == Pt(19)
    body = next(p for p in word.paragraphs if p.text.startswith("Có mặt:"))
    assert body.paragraph_format.first_line_indent.mm == pytest.approx(12.7, abs=0.01)
    assert word.core_properties.comments == "Thể thức: TEST"


def test_the_minutes_have_no_date_line_and_two_signatures(minutes):
    header = minutes.tables[0]
    assert len(header.rows) == 1
    assert "ngày 03 tháng 3" not in all_text(minutes).split("BIÊN BẢN")[0]
    closing = minutes.tables[-1]
    assert cell_lines(closing.cell(0, 0)) == ["THƯ KÝ", "Nguyễn Thị Hà"]
    assert cell_lines(closing.cell(0, 1)) == ["CHỦ TRÌ", "Nguyễn Văn An"]


def test_the_minutes_table_and_names_are_there(minutes):
    counts = next(t for t in minutes.tables if t.cell(0, 0).text == "Tổng số")
    assert [c.text for c in counts.rows[1].cells] == ["12", "10", "2", "1", "0", "11", "10", "1", "0"]
    text = all_text(minutes)
    for expected in ("Vắng có lý do: 1 đồng chí (Lê Đức Cường – đi công tác).",
                     "- Đồng chí Nguyễn Thị Hà: ", "Biên bản kết thúc lúc 21 giờ 15 cùng ngày"):
        assert expected in text


def test_it_is_editable_text_without_images(minutes):
    assert not minutes.inline_shapes
    assert not [p for p in minutes.part.package.parts if "media" in str(p.partname)]


def test_the_signin_sheet_is_a_grid_with_tall_rows():
    word = Document(BytesIO(render_docx(build_signin_sheet(sample_meeting()), hd36())))
    grid = next(t for t in word.tables if t.cell(0, 0).text == "STT")
    assert [c.text for c in grid.rows[0].cells] == ["STT", "Họ và tên", "Chức vụ", "Ký tên"]
    assert grid.style.name == "Table Grid"
    assert grid.rows[7].cells[1].text == "Nguyễn Thị Hà"
    assert grid.rows[1].height.mm == pytest.approx(10, abs=0.01)


# ECMA-376 child order of the property elements the renderer touches; Word refuses a file that breaks it.
SCHEMA_ORDER = {
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
              "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"),
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
            "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
            "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
            "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"),
    "trPr": ("cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight", "tblHeader",
             "tblCellSpacing", "jc", "hidden"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
            "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
            "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
            "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
}


@pytest.mark.parametrize("part", ["document", "styles"])
def test_property_elements_keep_schema_order(resolution, part):
    root = resolution.element if part == "document" else resolution.styles.element
    for name, order in SCHEMA_ORDER.items():
        for element in root.iter(qn(f"w:{name}")):
            tags = [child.tag.split("}")[1] for child in element]
            known = [tag for tag in tags if tag in order]
            assert known == sorted(known, key=order.index), (name, tags)
            assert len(set(tags)) == len(tags), (name, tags)  # no element twice
